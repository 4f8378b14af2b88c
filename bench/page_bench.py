"""Median and 95th-percentile latency of the main pages on a loaded archive (issue 4, item 4).

Times, in-process with Django's test client (no network, no static files), the home page,
the meetings timeline (first page and a filtered one), a meeting page and a letter page,
picking a different meeting and letter for each request. Run bench/load_archive.py first
with the same DATABASE_URL.

    DATABASE_URL=sqlite:////tmp/pages.sqlite3 MEDIA_ROOT=/tmp/pages-media \\
        .venv/bin/python bench/page_bench.py --repeat 200
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="Requests per page kind.")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from meetings.models import Letter, Meeting

    client = Client()
    rng = random.Random(1)
    meetings = list(Meeting.objects.values_list("slug", flat=True))
    letters = list(Letter.objects.values_list("pk", flat=True))
    years = sorted({m.year for m in Meeting.objects.dates("start_date", "year")})
    pages = {
        "home /": lambda: "/",
        "meetings list /bijeenkomsten/": lambda: "/bijeenkomsten/",
        "meetings list, filtered": lambda: f"/bijeenkomsten/?year={rng.choice(years)}&series=dmm",
        "meeting page": lambda: f"/bijeenkomsten/{rng.choice(meetings)}/",
        "letter page": lambda: f"/brieven/{rng.choice(letters)}/",
        "letters list, page 100": lambda: "/brieven/?page=100",
    }
    print(f"{connection.vendor}: {len(letters)} letters, {len(meetings)} meetings")
    print("| page | median ms | p95 ms |")
    print("|---|---:|---:|")
    for name, url in pages.items():
        for _ in range(5):  # warm up
            client.get(url())
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url())
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        print(f"| {name} | {statistics.median(timings):.1f} | {percentile(timings, 95):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
