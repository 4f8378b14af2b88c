"""Every indexed word in the vocabulary, so that the stems a prefix stands for can be listed in
full (meetings/search/vocabulary.py, stems_with_prefix): until now it held only the words
worth suggesting (letters only, 3 to 40 characters), and a prefix was matched by the
database's prefix operator, which on SQLite reads all of a prefix's matches before the first.

Both: a column `suggest` marks the words spelling suggestions may offer (all words so far),
and an index on the stems, as a prefix of a stem is a range of them. PostgreSQL: the columns
widen to the longest indexed word (text.MAX_WORD_LENGTH, 60 characters), the stem in byte
order like the word. Then the words of every letter are added, split and stemmed by the
index's own code (meetings/search/text.py), as the index was.

Migrating back removes the words that are not suggested, leaving the vocabulary as 0007 had it.
"""

from django.db import migrations

from meetings.migration_ops import RunSQLOn

SQLITE_CREATE = [
    "ALTER TABLE meetings_search_word ADD COLUMN suggest boolean NOT NULL DEFAULT 1",
    "CREATE INDEX meetings_search_word_stem ON meetings_search_word (stem)",
]
SQLITE_REVERSE = [
    "DROP INDEX IF EXISTS meetings_search_word_stem",
    "DELETE FROM meetings_search_word WHERE NOT suggest",
    "ALTER TABLE meetings_search_word DROP COLUMN suggest",
]
POSTGRES_CREATE = [
    'ALTER TABLE meetings_search_word ALTER COLUMN word TYPE varchar(60) COLLATE "C", ALTER COLUMN stem TYPE varchar(60) COLLATE "C",'
    " ADD COLUMN suggest boolean NOT NULL DEFAULT true",
    "CREATE INDEX meetings_search_word_stem ON meetings_search_word (stem)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS meetings_search_word_stem",
    "DELETE FROM meetings_search_word WHERE NOT suggest",
    'ALTER TABLE meetings_search_word DROP COLUMN suggest, ALTER COLUMN word TYPE varchar(40) COLLATE "C",'
    ' ALTER COLUMN stem TYPE varchar(40) COLLATE "default"',
]
INSERT = "INSERT INTO meetings_search_word (word, stem, suggest) VALUES (%s, %s, %s) ON CONFLICT (word) DO NOTHING"
BATCH = 500


def add_every_word(apps, schema_editor):
    from meetings.search.language.words import is_vocabulary_word, lexeme, words

    letters = apps.get_model("meetings", "Letter").objects
    sessions = apps.get_model("meetings", "Session").objects
    ids = list(letters.order_by("pk").values_list("pk", flat=True))
    seen: set[str] = set()  # each word is written once, not once per batch it is in
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        texts = [text for pair in letters.filter(pk__in=chunk).values_list("subject", "body") for text in pair]
        texts += sessions.filter(letter_id__in=chunk).values_list("title", flat=True)
        new = {word for text in texts for word in words(text)} - seen
        seen |= new
        rows = [(word, stem, is_vocabulary_word(word)) for word in sorted(new) if (stem := lexeme(word)) is not None]
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(INSERT, rows)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0007_search_by_date")]

    operations = [
        RunSQLOn("sqlite", SQLITE_CREATE, SQLITE_REVERSE),
        RunSQLOn("postgresql", POSTGRES_CREATE, POSTGRES_REVERSE),
        migrations.RunPython(add_every_word, migrations.RunPython.noop),
    ]
