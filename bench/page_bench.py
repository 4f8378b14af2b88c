"""Page speed on a loaded archive (issue 19, item 6): latency in-process, throughput on gunicorn.

1. Latency, in-process with Django's test client: each page kind rendered (the page cache
   bypassed: the requests carry a session cookie, as a logged-in admin's do), a different
   meeting and letter each time, median and p95 of wall and CPU time.
2. Throughput, over loopback HTTP against gunicorn with the production settings (whitenoise,
   collectstatic into the project's staticfiles/): the stylesheet as whitenoise serves it, the home
   page and a meeting page from the page cache, a 304 answer to If-None-Match, and the uncached
   meetings list; in rounds that alternate the kinds, so that every kind sees the same machine,
   and each kind's throughput as a ratio of the stylesheet's in the same round.

Works at any archive size, an empty one too. Run bench/load_archive.py first with the same
DATABASE_URL (and MEDIA_ROOT).

    export DATABASE_URL=sqlite:////tmp/pages.sqlite3 MEDIA_ROOT=/tmp/pages-media
    .venv/bin/python bench/load_archive.py --count 10000
    .venv/bin/python bench/page_bench.py                          # both parts, about 3 min here
    .venv/bin/python bench/page_bench.py --no-http --repeat 200   # latency only
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path[:0] = [str(PROJECT), str(BENCH)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
BYPASS = "sessionid=page-bench"  # any session cookie: the page cache stands aside


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def page_urls(rng: random.Random) -> dict:
    from meetings.models import Letter, Meeting

    meetings = list(Meeting.objects.values_list("slug", flat=True)) or [None]
    letters = list(Letter.objects.values_list("pk", flat=True)) or [None]
    years = [d.year for d in Meeting.objects.dates("start_date", "year")] or [2024]

    def meeting():
        slug = rng.choice(meetings)
        return f"/bijeenkomsten/{slug}/" if slug else "/bijeenkomsten/"

    def letter():
        pk = rng.choice(letters)
        return f"/brieven/{pk}/" if pk else "/brieven/"

    pages = max(1, len(letters) // 25)
    return {
        "home /": lambda: "/",
        "meetings list /bijeenkomsten/": lambda: "/bijeenkomsten/",
        "meetings list, filtered (year, series)": lambda: f"/bijeenkomsten/?year={rng.choice(years)}&series=dmm",
        "meeting page": meeting,
        "letter page": letter,
        "letters list /brieven/": lambda: "/brieven/",
        f"letters list, page {min(100, pages)}": lambda: f"/brieven/?page={min(100, pages)}",
    }


def latency(repeat: int) -> None:
    from django.db import connection
    from django.test import Client

    from meetings.models import Letter, Meeting

    client = Client(HTTP_COOKIE=BYPASS)
    rng = random.Random(1)
    print(f"{connection.vendor}: {Letter.objects.count()} letters, {Meeting.objects.count()} meetings")
    print(f"Uncached pages, {repeat} requests each, in-process:\n")
    print("| page | median ms | p95 ms | median CPU ms |")
    print("|---|---:|---:|---:|")
    for name, url in page_urls(rng).items():
        for _ in range(5):  # warm up
            client.get(url())
        wall, cpu = [], []
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url())
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        print(f"| {name} | {statistics.median(wall):.1f} | {percentile(wall, 95):.1f} | {statistics.median(cpu):.1f} |")


def hammer(port: int, path: str, headers: dict, seconds: float, clients: int) -> float:
    """Requests per second that `clients` threads get answered in `seconds`."""
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        while time.perf_counter() < stop:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status in (200, 304), (path, response.status)
            connection.close()
            done[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)


def throughput(args) -> None:
    from django.conf import settings
    from django.db import connection

    from meetings.models import Meeting

    slug = Meeting.objects.values_list("slug", flat=True).order_by("-start_date").first()
    connection.close()
    env = {
        **os.environ,
        "DJANGO_PRODUCTION": "1",
        "SECRET_KEY": "page-bench-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "ERROR",
    }
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0", "--settings", "archive.settings"],
        cwd=PROJECT,
        env=env,
        check=True,
    )
    stylesheet = subprocess.run(
        [
            python,
            "-c",
            "import django; django.setup(); from django.templatetags.static import static; print(static('css/archive.css'))",
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    gunicorn = str(Path(python).with_name("gunicorn"))
    server = subprocess.Popen(
        [gunicorn, "archive.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers), "--log-level", "warning"],
        cwd=PROJECT,
        env=env,
    )
    try:
        wait_for(args.port)
        meeting = f"/bijeenkomsten/{slug}/" if slug else "/bijeenkomsten/"
        etag = first_etag(args.port, meeting)
        kinds = {
            "stylesheet (whitenoise)": (stylesheet, {}),
            "home / (cached)": ("/", {}),
            "meeting page (cached)": (meeting, {}),
            "meeting page, 304 (If-None-Match)": (meeting, {"If-None-Match": etag}),
            "meetings list (uncached)": ("/bijeenkomsten/", {"Cookie": BYPASS}),
        }
        for path, headers in kinds.values():
            hammer(args.port, path, headers, 1, args.clients)  # warm up: the cache, the workers
        rounds: dict[str, list[float]] = {name: [] for name in kinds}
        for _ in range(args.rounds):
            for name, (path, headers) in kinds.items():
                rounds[name].append(hammer(args.port, path, headers, args.seconds, args.clients))
        print(
            f"\ngunicorn, {args.workers} sync workers, production settings, {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
            f"{args.clients} client threads in this process; {args.rounds} rounds of {args.seconds:g} s per kind, "
            f"alternating; load average {os.getloadavg()[0]:.2f}\n"
        )
        print("| answer | requests/s (median of rounds) | ratio to the stylesheet (median of rounds) |")
        print("|---|---:|---:|")
        static = rounds["stylesheet (whitenoise)"]
        for name, rates in rounds.items():
            ratio = statistics.median(r / s for r, s in zip(rates, static))
            print(f"| {name} | {statistics.median(rates):,.0f} | {ratio:.0%} |")
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(port: int) -> None:
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def first_etag(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.getheader("ETag") or '"none"'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100, help="Uncached requests per page kind (latency).")
    parser.add_argument("--no-http", action="store_true", help="Latency only: no gunicorn.")
    parser.add_argument("--no-latency", action="store_true", help="Throughput only.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2, one per core here).")
    parser.add_argument("--clients", type=int, default=4, help="Concurrent client threads.")
    parser.add_argument("--rounds", type=int, default=5, help="Rounds of every kind (ratios are taken per round).")
    parser.add_argument("--seconds", type=float, default=4, help="Seconds per kind and round.")
    parser.add_argument("--port", type=int, default=8097, help="gunicorn's port on 127.0.0.1.")
    args = parser.parse_args()

    import django

    django.setup()
    if not args.no_latency:
        latency(args.repeat)
    if not args.no_http:
        throughput(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
