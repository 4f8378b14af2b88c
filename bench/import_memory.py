"""Peak memory of `manage.py import_letters` by the number of letters (issue 19, item 3).

For each count: generates the letters into a folder (in this process), migrates a fresh SQLite
database, and runs `import_letters --verbosity 0 FOLDER` in a child process of its own, which
reports its peak resident size (VmHWM of /proc/self/status: the main process only, not its
extraction workers) and the time it took. Prints a Markdown table with the rate and the ratio of each peak
to the first count's.

    .venv/bin/python bench/import_memory.py --counts 10000 100000      # about 10 min here
    .venv/bin/python bench/import_memory.py --project /tmp/old-checkout  # another checkout's code
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CHILD = """
import json, sys, time
import django


def high_water_kb():
    # VmHWM: this process's peak resident size since its exec (ru_maxrss would count the
    # parent's memory it was forked from).
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
base = high_water_kb()
started = time.perf_counter()
try:
    call_command("import_letters", sys.argv[1], verbosity=0)
except SystemExit:
    pass
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "peak_kb": high_water_kb(), "start_kb": base}))
"""


def measure(count: int, project: Path, workdir: Path, seed: int) -> dict:
    sys.path.insert(0, str(BENCH))
    from generate import generate_letters

    folder = workdir / f"letters-{count}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, text in generate_letters(count, seed=seed):
        (folder / name).write_text(text, encoding="utf-8")
    database = workdir / f"import-{count}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(workdir / f"media-{count}"),
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(project),
    }
    shutil.rmtree(workdir / f"media-{count}", ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    shutil.rmtree(folder, ignore_errors=True)
    return {"count": count, **result}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[10_000, 100_000], help="Letters per run.")
    parser.add_argument("--project", type=Path, default=BENCH.parent, help="The checkout whose code imports.")
    parser.add_argument("--seed", type=int, default=0, help="Generator seed.")
    parser.add_argument("--workdir", type=Path, default=None, help="Where letters and databases go (a temp folder).")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="import-memory-"))
    rows = []
    for count in args.counts:
        started = time.perf_counter()
        rows.append(measure(count, args.project.resolve(), workdir, args.seed))
        print(f"  {count} letters done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    first = rows[0]["peak_kb"]
    print(f"project {args.project}, load average {os.getloadavg()[0]:.2f}")
    print("| letters | import s | letters/s | peak RSS (main process) | after start-up | ratio to first |")
    print("|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['count']:,} | {row['seconds']:.0f} | {row['count'] / row['seconds']:.0f} "
            f"| {row['peak_kb'] / 1024:.0f} MB | {row['start_kb'] / 1024:.0f} MB | {row['peak_kb'] / first:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
