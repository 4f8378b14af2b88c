"""The full-text search index (meetings/search/).

SQLite: an FTS5 table of stems and a narrow entry table (date, facet tags). PostgreSQL: the
unaccent extension, the text search configuration archive_dutch ('dutch' with unaccent) and
a table of weighted tsvectors with a GIN index. Both: a vocabulary table. Each RunSQL runs
only on its own database. Letters already in the database are indexed by migration 0006,
once the table the index also writes to (its tags, one per row) exists.

No trigger on meetings_letter removes entries of deleted letters (the post_delete handler in
meetings/search/signals.py does): to alter a table SQLite makes Django rebuild it, which
drops its triggers without a word (migration 0005 would have).

The SQL is copied here from meetings/search/backends/ so that this migration stays as it was
applied when those modules change.
"""

from django.db import migrations

from meetings.migration_ops import RunSQLOn

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE meetings_search_fts USING fts5(
        subject, sessions, body,
        tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
        prefix = '3'
    )""",
    "CREATE TABLE meetings_search_entry (letter_id integer NOT NULL PRIMARY KEY, date date NULL, tags text NOT NULL)",
    "CREATE INDEX meetings_search_entry_date ON meetings_search_entry (date DESC, letter_id DESC)",
]

SQLITE_DROP = [
    "DROP TABLE IF EXISTS meetings_search_entry",
    "DROP TABLE IF EXISTS meetings_search_fts",
]

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION archive_dutch (COPY = pg_catalog.dutch)",
    """ALTER TEXT SEARCH CONFIGURATION archive_dutch
        ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
        WITH unaccent, dutch_stem""",
    """CREATE TABLE meetings_search_document (
        letter_id bigint PRIMARY KEY, date date NULL, tags text NOT NULL, vector tsvector NOT NULL
    ) WITH (toast_tuple_target = 8160)""",
    "ALTER TABLE meetings_search_document ALTER COLUMN vector SET STORAGE MAIN",
    "CREATE INDEX meetings_search_document_vector ON meetings_search_document USING gin (vector)",
]

POSTGRES_DROP = [
    "DROP TABLE IF EXISTS meetings_search_document",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS archive_dutch",
]

# Words seen by the index, for prefix expansion and spelling suggestions; on PostgreSQL in
# byte order ("C"), so that a prefix is a range of the primary key whatever the locale.
VOCABULARY_CREATE = {
    "sqlite": "CREATE TABLE meetings_search_word (word varchar(40) NOT NULL PRIMARY KEY, stem varchar(40) NOT NULL) WITHOUT ROWID",
    "postgresql": 'CREATE TABLE meetings_search_word (word varchar(40) COLLATE "C" NOT NULL PRIMARY KEY, stem varchar(40) NOT NULL)',
}
VOCABULARY_DROP = "DROP TABLE IF EXISTS meetings_search_word"


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_seed_topics")]

    operations = [
        RunSQLOn("sqlite", SQLITE_CREATE, SQLITE_DROP),
        RunSQLOn("postgresql", POSTGRES_CREATE, POSTGRES_DROP),
        RunSQLOn("sqlite", VOCABULARY_CREATE["sqlite"], VOCABULARY_DROP),
        RunSQLOn("postgresql", VOCABULARY_CREATE["postgresql"], VOCABULARY_DROP),
    ]
