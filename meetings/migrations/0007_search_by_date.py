"""Searches that stop counting and ranking where the archive grows (bench/README.md, search).

Both: a letter's facet tags become terms of its full-text entry, which the filters match,
so the tag table of migration 0006 goes.

SQLite: the FTS5 table again, with a column for the tags, its rowid now a key that sorts by date (backends/sqlite.py,
row_key), a second FTS5 table for the tenth of the letters from which the facet counts of a
search with very many matches are estimated (backends/base.py, SAMPLE_MODULUS), and the
entry table keyed by the same key, so that a search's matches find their entries in order.
PostgreSQL: an index to read a search's matches newest first, and a partial GIN index over
the sampled letters.
Every letter is then indexed again.

Migrating back to 0006 leaves the old tables empty (the index code of today cannot fill
them); `meetings.search.rebuild_index()` with that code refills them.

The SQL is copied here from meetings/search/backends/ so that this migration stays as it was
applied when those modules change.
"""

from django.db import migrations

from meetings.migration_ops import RunSQLOn

SQLITE_CREATE = [
    "DROP TABLE IF EXISTS meetings_search_tag",
    "DROP TABLE IF EXISTS meetings_search_entry",
    "DROP TABLE IF EXISTS meetings_search_fts",
    """CREATE VIRTUAL TABLE meetings_search_fts USING fts5(
        subject, sessions, body, tags,
        tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
        prefix = '3'
    )""",
    """CREATE VIRTUAL TABLE meetings_search_sample USING fts5(
        subject, sessions, body, tags,
        tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
        prefix = '3'
    )""",
    """CREATE TABLE meetings_search_entry (
        key integer PRIMARY KEY, letter_id integer NOT NULL UNIQUE, date date NULL, tags text NOT NULL
    )""",
]
SQLITE_REVERSE = [
    "DROP TABLE IF EXISTS meetings_search_sample",
    "DROP TABLE IF EXISTS meetings_search_entry",
    "DROP TABLE IF EXISTS meetings_search_fts",
    """CREATE VIRTUAL TABLE meetings_search_fts USING fts5(
        subject, sessions, body,
        tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
        prefix = '3'
    )""",
    "CREATE TABLE meetings_search_entry (letter_id integer NOT NULL PRIMARY KEY, date date NULL, tags text NOT NULL)",
    "CREATE INDEX meetings_search_entry_date ON meetings_search_entry (date DESC, letter_id DESC)",
    "CREATE TABLE IF NOT EXISTS meetings_search_tag (tag varchar(60) NOT NULL, letter_id integer NOT NULL, PRIMARY KEY (tag, letter_id)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS meetings_search_tag_letter ON meetings_search_tag (letter_id)",
]

POSTGRES_CREATE = [
    "DROP TABLE IF EXISTS meetings_search_tag",
    "CREATE INDEX meetings_search_document_newest ON meetings_search_document (date DESC NULLS LAST, letter_id DESC)",
    "CREATE INDEX meetings_search_document_sample ON meetings_search_document USING gin (vector) WHERE letter_id % 10 = 0",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS meetings_search_document_sample",
    "DROP INDEX IF EXISTS meetings_search_document_newest",
    'CREATE TABLE IF NOT EXISTS meetings_search_tag (tag varchar(60) COLLATE "C" NOT NULL, letter_id bigint NOT NULL, PRIMARY KEY (tag, letter_id))',
    "CREATE INDEX IF NOT EXISTS meetings_search_tag_letter ON meetings_search_tag (letter_id)",
]


def index_existing_letters(apps, schema_editor):
    from meetings.search.indexer import Rows, rebuild_index

    letter = apps.get_model("meetings", "Letter")
    rebuild_index(
        Rows(
            letter.objects,
            apps.get_model("meetings", "Session").objects,
            apps.get_model("meetings", "LetterMeeting").objects,
            letter.topics.through.objects,
        )
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0006_search_tags")]

    operations = [
        RunSQLOn("sqlite", SQLITE_CREATE, SQLITE_REVERSE),
        RunSQLOn("postgresql", POSTGRES_CREATE, POSTGRES_REVERSE),
        migrations.RunPython(index_existing_letters, migrations.RunPython.noop),
    ]
