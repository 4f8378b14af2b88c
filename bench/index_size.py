"""How much room the search index takes: the size of its tables after loading letters with
bench/load_archive.py into the database at DATABASE_URL (SQLite or PostgreSQL).

    DATABASE_URL=sqlite:////tmp/size.sqlite3 MEDIA_ROOT=/tmp/size-media \\
        .venv/bin/python bench/load_archive.py --count 10000
    DATABASE_URL=sqlite:////tmp/size.sqlite3 .venv/bin/python bench/index_size.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

SQLITE = "SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'meetings_search%' GROUP BY name ORDER BY name"
POSTGRES = """SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c
    WHERE c.relname IN ('meetings_search_document', 'meetings_search_word') ORDER BY c.relname"""


def main() -> int:
    import django

    django.setup()
    from django.db import connection

    from meetings.models import Letter

    with connection.cursor() as cursor:
        cursor.execute(SQLITE if connection.vendor == "sqlite" else POSTGRES)
        sizes = cursor.fetchall()
        cursor.execute("SELECT count(*) FROM meetings_search_word")
        words = cursor.fetchone()[0]
    letters = Letter.objects.count()
    total = sum(size for _name, size in sizes)
    for name, size in sizes:
        print(f"{name:40} {size / 1_048_576:8.1f} MB")
    print(
        f"{connection.vendor}: {letters} letters, search index {total / 1_048_576:.1f} MB ({total / max(letters, 1) / 1024:.1f} kB a letter), {words} words listed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
