"""Fill a database with N synthetic letters through the real import path (for the page and
load benchmarks). Uses DATABASE_URL and MEDIA_ROOT from the environment.

    DATABASE_URL=sqlite:////tmp/pages.sqlite3 MEDIA_ROOT=/tmp/pages-media \\
        .venv/bin/python bench/load_archive.py --count 10000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="How many letters to generate and import.")
    parser.add_argument("--seed", type=int, default=0, help="Generator seed (same seed, same letters).")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from generate import generate_letters

    from meetings.store import import_files
    from meetings.store.topic_vocabulary import topic_rules

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    folder = Path(tempfile.mkdtemp(prefix="letters-"))
    for name, text in generate_letters(args.count, seed=args.seed):
        (folder / name).write_text(text, encoding="utf-8")
    started = time.perf_counter()
    statuses: dict[str, int] = {}
    for result in import_files(sorted(folder.iterdir()), topics=topic_rules()):
        statuses[result.status] = statuses.get(result.status, 0) + 1
    seconds = time.perf_counter() - started
    print(f"imported {args.count} letters in {seconds:.0f} s ({args.count / seconds:.1f} letters/s): {statuses}")
    return 0 if not statuses.get("failed") else 1


if __name__ == "__main__":
    sys.exit(main())
