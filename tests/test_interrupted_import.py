"""An import that is killed, or whose database goes away, leaves nothing half done: every
letter row has its original, no worker outlives the import, and the next run completes and
clears the files the killed run stored without their rows. These tests run real imports in
subprocesses, against a SQLite file and against a PostgreSQL server of their own."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate_letters  # noqa: E402 - the benchmark's letter generator

LETTERS = 400  # enough for parallel extraction (40+) and several batches of 100
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run of the suite kills the SQLite import")
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL installed (the PostgreSQL run)")


@pytest.fixture(scope="module")
def letter_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("letters")
    for name, text in generate_letters(LETTERS, seed=7):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def manage(env: dict, *args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def environment(tmp_path: Path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    return {**env, "DATABASE_URL": database_url, "MEDIA_ROOT": str(tmp_path / "media"), "DEBUG": "0"}


def migrate(env: dict) -> None:
    process = manage(env, "migrate", "--verbosity", "0")
    _out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stored_files(media: Path) -> set[str]:
    return {str(p.relative_to(media)) for p in (media / "letters").rglob("*") if p.is_file()}


@on_sqlite
def test_a_killed_import_leaves_whole_letters_no_workers_and_the_next_run_clears_up(tmp_path, letter_folder):
    database = tmp_path / "archive.sqlite3"
    env = environment(tmp_path, f"sqlite:///{database}")
    migrate(env)
    importing = manage(env, "import_letters", str(letter_folder))

    def letters() -> int:
        with sqlite3.connect(database, timeout=5) as db:
            return db.execute("SELECT count(*) FROM meetings_letter").fetchone()[0]

    wait_for(lambda: letters() >= 100, 120, "the first batch")
    workers = children_of(importing.pid)
    assert workers, "the import runs its extraction in worker processes"
    importing.send_signal(signal.SIGKILL)
    importing.wait(timeout=10)
    wait_for(lambda: not any(alive(pid) for pid in workers), 10, "the workers to end with the import")

    media = tmp_path / "media"
    with sqlite3.connect(database) as db:
        rows = {name for (name,) in db.execute("SELECT source_file FROM meetings_letter")}
    assert rows and rows <= stored_files(media), "a letter row lacks its original"

    again = manage(env, "import_letters", str(letter_folder))
    _out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    with sqlite3.connect(database) as db:
        rows = {name for (name,) in db.execute("SELECT source_file FROM meetings_letter")}
    assert len(rows) == LETTERS
    assert stored_files(media) == rows, "files of the killed run were left without their rows"
    assert not list((media / "pending").glob("*"))


class PostgresServer:
    """A throwaway PostgreSQL server in a temporary folder (as scripts/with-postgres makes)."""

    def __init__(self, port: int):
        found = shutil.which("pg_ctl") or next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))), None)
        self.bindir = Path(found).parent
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="archive-pg-kill-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")

    def run(self, *args: str) -> None:
        command = " ".join(f"'{a}'" for a in args)
        wrapped = ["su", "postgres", "-s", "/bin/sh", "-c", command] if os.geteuid() == 0 else ["sh", "-c", command]
        subprocess.run(wrapped, check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        data = self.folder / "data"
        self.run(str(self.bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--encoding", "UTF8")
        options = f"-k {self.folder} -p {self.port} -c listen_addresses= -c fsync=off"
        self.run(str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"), "-w", "-o", options, "start")
        from urllib.parse import quote

        return f"postgres://postgres@{quote(str(self.folder), safe='')}:{self.port}/postgres"

    def stop(self) -> None:
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop")

    def remove(self) -> None:
        subprocess.run(["rm", "-rf", str(self.folder)], check=False)


@on_postgresql
def test_when_the_database_goes_away_the_import_stops_at_once_with_one_message(tmp_path, letter_folder):
    import psycopg

    server = PostgresServer(port=int(os.environ.get("PGTEST_PORT", "54329")) + 7)
    url = server.start()
    try:
        env = environment(tmp_path, url)
        migrate(env)
        importing = manage(env, "import_letters", str(letter_folder))

        def letters() -> int:
            with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as db:
                return db.execute("SELECT count(*) FROM meetings_letter").fetchone()[0]

        wait_for(lambda: letters() >= 100, 120, "the first batch")
        server.stop()
        stopped = time.monotonic()
        out, err = importing.communicate(timeout=60)
        assert time.monotonic() - stopped < 30
        assert importing.returncode != 0
        assert err.count("The database went away") == 1, err[-2000:]
        assert "FAILED" not in out + err, "letters were retried one by one against a missing database"
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # stopped already
            server.stop()
        server.remove()
