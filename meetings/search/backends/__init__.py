"""One search interface, one backend per database vendor (ARCHITECTURE.md, "Search").

- PostgreSQL (postgres.py): a weighted tsvector of our lexemes per letter in its own table
  with a GIN index, ts_rank.
- SQLite (sqlite.py): an FTS5 table of our lexemes with bm25 ranking.

Snippets are built in Python for both (base.py, language/snippets.py).

Both take their words from meetings.search.language.words, so they match the same letters.
"""

from __future__ import annotations

from django.db import connection

from .base import Document, SearchBackend


def get_backend(using=None) -> SearchBackend:
    conn = using or connection
    if conn.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend(conn)
    if conn.vendor == "sqlite":
        from .sqlite import SQLiteBackend

        return SQLiteBackend(conn)
    raise NotImplementedError(f"no search backend for {conn.vendor}")


__all__ = ["Document", "SearchBackend", "get_backend"]
