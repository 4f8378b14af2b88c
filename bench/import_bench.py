"""Time the real importer on synthetic letters in a fresh SQLite database (issue 3, item 8).

For each count it writes the letters to files (bench/generate.py), migrates an empty database
and times three passes through `meetings.store.import_files`, what `manage.py import_letters`
runs (extraction in worker processes, letters written 100 to a transaction); with
`--one-by-one`, through `meetings.store.import_file` letter by letter, as the admin upload does:

- extraction only: `options=DRY_RUN` (files to LetterData, nothing written);
- full import: extraction plus every row, and the original file under MEDIA_ROOT;
- re-run: the same letters again, which must all come back "unchanged".

The topic rules are read once and passed in, as the command does. Prints a Markdown table.
A pass that runs past --budget seconds stops there and reports the rate it reached.

    .venv/bin/python bench/import_bench.py                  # 1,000 and 10,000 letters
    .venv/bin/python bench/import_bench.py --counts 200 --profile /tmp/import.prof
    .venv/bin/python bench/import_bench.py --counts 1000 --one-by-one
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from django_env import setup_django  # noqa: E402


def fresh_database(workdir: Path) -> None:
    """Drop the database file and stored letters, then migrate an empty database."""
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    (workdir / "bench-import.sqlite3").unlink(missing_ok=True)
    shutil.rmtree(workdir / "media", ignore_errors=True)
    call_command("migrate", verbosity=0)


@dataclass
class Pass:
    seconds: float
    statuses: Counter
    done: int  # letters handled before the time budget ran out (all of them, usually)
    tail_rate: float  # letters/s over the last tenth of the pass: shows a slowdown as rows grow
    queries: int = 0
    data: list = field(default_factory=list)  # LetterData of a dry run

    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else float("inf")


class QueryCounter:
    """Counts the SQL statements run, through Django's execute wrapper."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def run_pass(paths: list[Path], *, dry_run: bool, topics, budget: float, one_by_one: bool = False, profiler=None) -> Pass:
    """Import the files as the command does (meetings.store.import_files: parallel extraction, batched
    writes), or with `one_by_one` as the admin upload does; stop early past `budget` seconds."""
    from django.db import connection

    from meetings.store import DRY_RUN, Options, import_file, import_files

    options = DRY_RUN if dry_run else Options()
    counter = QueryCounter()
    results = []
    elapsed = []  # seconds since the start, after each letter
    with connection.execute_wrapper(counter):
        if profiler:
            profiler.enable()
        start = time.perf_counter()
        if one_by_one:
            stream = (import_file(p, topics=topics, options=options) for p in paths)
        else:
            stream = import_files(paths, topics=topics, options=options)
        for result in stream:
            results.append(result)
            elapsed.append(time.perf_counter() - start)
            if budget and elapsed[-1] > budget:
                break
        if profiler:
            profiler.disable()
    done = len(results)
    tail_start = int(done * 0.9) - 1  # the last tenth of the letters handled
    tail_seconds = elapsed[-1] - (elapsed[tail_start] if tail_start >= 0 else 0.0)
    tail_rate = (done - tail_start - 1) / tail_seconds if tail_seconds else float("inf")
    for result in results:
        if result.status == "failed":
            print(f"FAILED {result.source}: {result.error}", file=sys.stderr)
    data = [r.data for r in results if dry_run and r.data is not None]
    return Pass(elapsed[-1], Counter(r.status for r in results), done, tail_rate, counter.count, data)


@dataclass
class Run:
    count: int
    generate_seconds: float
    dry: Pass
    full: Pass
    rerun: Pass
    rows: dict[str, int]


def bench_count(count: int, workdir: Path, *, seed: int, budget: float, profile: Path | None, one_by_one: bool) -> Run:
    from generate import generate_letters

    from meetings.store.topic_vocabulary import topic_rules

    start = time.perf_counter()
    folder = workdir / "letters"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    paths = []
    for name, text in generate_letters(count, seed=seed):
        paths.append(folder / name)
        paths[-1].write_text(text, encoding="utf-8")
    paths.sort()  # as the command takes a folder: by name, which starts with the letter's date
    generate_seconds = time.perf_counter() - start
    fresh_database(workdir)
    topics = topic_rules()
    dry = run_pass(paths, dry_run=True, topics=topics, budget=budget, one_by_one=one_by_one)
    profiler = cProfile.Profile() if profile else None
    full = run_pass(paths, dry_run=False, topics=topics, budget=budget, one_by_one=one_by_one, profiler=profiler)
    if profiler:
        profiler.dump_stats(profile)
    rerun = run_pass(paths[: full.done], dry_run=False, topics=topics, budget=0, one_by_one=one_by_one)
    return Run(count, generate_seconds, dry, full, rerun, row_counts())


def row_counts() -> dict[str, int]:
    from meetings.models import Citation, Footnote, Letter, Meeting, Participation, Session

    return {
        "letters": Letter.objects.count(),
        "meetings": Meeting.objects.count(),
        "sessions": Session.objects.count(),
        "participations": Participation.objects.count(),
        "citations": Citation.objects.count(),
        "linked citations": Citation.objects.filter(cited_letter__isnull=False).count(),
        "footnotes": Footnote.objects.count(),
    }


def machine() -> str:
    import django

    return (
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), Python {platform.python_version()}, "
        f"Django {django.get_version()}, SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}; "
        f"load average at the end {os.getloadavg()[0]:.2f} (other work on the machine slows every figure)"
    )


def table(runs: list[Run]) -> str:
    lines = [
        "| letters | extraction only (dry run) | full import | full import, last tenth | re-run (unchanged) | queries/letter | failed | meetings created |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        failed = r.dry.statuses["failed"] + r.full.statuses["failed"]
        lines.append(
            f"| {r.count:,} | {cell(r.dry, r.count)} | {cell(r.full, r.count)} | {r.full.tail_rate:,.0f}/s "
            f"| {cell(r.rerun, r.full.done)} | {r.full.queries / r.full.done:.1f} | {failed} | {r.rows['meetings']:,} |"
        )
    return "\n".join(lines)


def cell(one: Pass, count: int) -> str:
    """'28/s (36.1 s)', or with the share done when the time budget stopped the pass."""
    text = f"{one.rate():,.0f}/s ({one.seconds:,.1f} s)"
    if one.done < count:
        text += f", stopped after {one.done:,} letters"
    return text


def extraction_summary(run: Run) -> str:
    """What the extraction found, per letter on average: evidence the letters exercised it."""
    data, n = run.dry.data, max(len(run.dry.data), 1)
    kinds = Counter(d.kind for d in data)
    meetings = [m for d in data for m in d.meetings]
    per = {
        "meetings": len(meetings),
        "sessions": sum(len(m.sessions) for m in meetings),
        "partners": sum(len(m.participants) for m in meetings),
        "citations": sum(len(d.citations) for d in data),
        "footnotes": sum(len(d.footnotes) for d in data),
        "topics": sum(len(d.topics) for d in data),
    }
    averages = ", ".join(f"{v / n:.1f} {k}" for k, v in per.items())
    warned = sum(1 for d in data if d.warnings)
    return f"{len(data):,} letters: kinds {dict(kinds)}; per letter {averages}; {warned} with warnings"


def check(run: Run) -> list[str]:
    """Problems that make the figures meaningless: failures, or a re-run that changed rows."""
    problems = []
    if run.dry.statuses["failed"] or run.full.statuses["failed"]:
        problems.append(f"{run.count}: {run.full.statuses['failed']} letters failed to import")
    if run.full.statuses["created"] != run.full.done:
        problems.append(f"{run.count}: only {run.full.statuses['created']} of {run.full.done} letters created")
    if run.rerun.statuses["unchanged"] != run.full.done:
        problems.append(f"{run.count}: the re-run gave {dict(run.rerun.statuses)}, not all unchanged")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the letter import on synthetic letters in a fresh SQLite database.")
    parser.add_argument(
        "--counts",
        type=int,
        nargs="+",
        default=[1000, 10000],
        help="Numbers of letters to time, one fresh database each (default: 1000 10000).",
    )
    parser.add_argument("--seed", type=int, default=0, help="Seed for the letter generator (default 0).")
    parser.add_argument(
        "--keep-db",
        action="store_true",
        help="Keep the temporary folder with the last run's database and media files, and print its path.",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=180,
        help="Stop a pass after this many seconds and report the rate so far, so a slow import cannot run for half an hour (default 180; 0: no limit).",
    )
    parser.add_argument(
        "--one-by-one",
        action="store_true",
        help="Import letter by letter in this process, as the admin upload does, instead of the command's batches.",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="Write cProfile statistics of the last count's full import to this file and print the top functions.",
    )
    args = parser.parse_args(argv)
    if any(c < 1 for c in args.counts):
        parser.error("--counts must be positive")
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    setup_django(f"sqlite:///{workdir / 'bench-import.sqlite3'}", workdir / "media")
    runs = []
    try:
        for index, count in enumerate(args.counts):
            profile = args.profile if args.profile and index == len(args.counts) - 1 else None
            print(f"… {count:,} letters", file=sys.stderr, flush=True)
            runs.append(
                bench_count(count, workdir, seed=args.seed, budget=args.budget, profile=profile, one_by_one=args.one_by_one)
            )
    finally:
        if args.keep_db:
            print(f"database and media kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report(runs, args.profile)
    problems = [p for run in runs for p in check(run)]
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


def report(runs: list[Run], profile: Path | None) -> None:
    print(f"Machine: {machine()}\n")
    print(table(runs))
    print()
    for run in runs:
        print(f"- generating {run.count:,} letters took {run.generate_seconds:.1f} s (not counted above)")
        print(f"- extraction found, {extraction_summary(run)}")
        print("- rows after the import: " + ", ".join(f"{v:,} {k}" for k, v in run.rows.items()))
    if profile:
        print(f"\nTop functions of the full import by own time ({profile}):\n")
        stats = pstats.Stats(str(profile), stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    sys.exit(main())
