"""Search that reads Dutch (issue 15): every letter indexed again with the lexemes of
meetings/search/language/words.py as they now are (lemmas before stems, compounds, split
coordinations), on PostgreSQL as our own lexemes rather than its 'dutch' stemmer's, and the
word list refilled with each word's compound heads (two new columns: the head and its own
head, as in luchtafweer-kanonnen), by which a search for a
word also finds the compounds it heads.

`manage.py reindex` does the same on a running archive. Migrating back drops the column; the
index then holds this migration's lexemes until `manage.py reindex` is run with that code.
"""

from django.db import migrations

from meetings.migration_ops import RunSQLOn

ADD_HEAD = [
    "ALTER TABLE meetings_search_word ADD COLUMN head varchar(60) NULL",
    "ALTER TABLE meetings_search_word ADD COLUMN head2 varchar(60) NULL",
    "CREATE INDEX meetings_search_word_head ON meetings_search_word (head)",
    "CREATE INDEX meetings_search_word_head2 ON meetings_search_word (head2)",
]
DROP_HEAD = [
    "DROP INDEX IF EXISTS meetings_search_word_head2",
    "DROP INDEX IF EXISTS meetings_search_word_head",
    "ALTER TABLE meetings_search_word DROP COLUMN head2",
    "ALTER TABLE meetings_search_word DROP COLUMN head",
]


def index_again(apps, schema_editor):
    from meetings.search.indexer import Rows, rebuild_index

    letter = apps.get_model("meetings", "Letter")
    rows = Rows(
        letter.objects,
        apps.get_model("meetings", "Session").objects,
        apps.get_model("meetings", "LetterMeeting").objects,
        letter.topics.through.objects,
    )
    rebuild_index(rows, fresh_words=True)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0010_letter_versions")]

    operations = [
        RunSQLOn("sqlite", ADD_HEAD, DROP_HEAD),
        RunSQLOn("postgresql", ADD_HEAD, DROP_HEAD),
        migrations.RunPython(index_again, migrations.RunPython.noop),
    ]
