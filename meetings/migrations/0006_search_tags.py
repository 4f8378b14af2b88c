"""The search index's facet tags one per row, (tag, letter_id), so that a search's filters are
index lookups (meetings/search/backends/base.py, filter_sql). Letters already in the database
are indexed again here, which fills the table; migration 0003 no longer indexes them itself,
as its index now writes to this table too.
"""
from django.db import migrations

from meetings.migration_ops import RunSQLOn

CREATE = {
    "sqlite": [
        "CREATE TABLE meetings_search_tag (tag varchar(60) NOT NULL, letter_id integer NOT NULL, PRIMARY KEY (tag, letter_id)) WITHOUT ROWID",
        "CREATE INDEX meetings_search_tag_letter ON meetings_search_tag (letter_id)",
    ],
    "postgresql": [
        'CREATE TABLE meetings_search_tag (tag varchar(60) COLLATE "C" NOT NULL, letter_id bigint NOT NULL, PRIMARY KEY (tag, letter_id))',
        "CREATE INDEX meetings_search_tag_letter ON meetings_search_tag (letter_id)",
    ],
}
DROP = ["DROP TABLE IF EXISTS meetings_search_tag"]


def index_existing_letters(apps, schema_editor):
    from meetings.search.indexer import Rows, rebuild_index

    letter = apps.get_model("meetings", "Letter")
    rebuild_index(Rows(
        letter.objects,
        apps.get_model("meetings", "Session").objects,
        apps.get_model("meetings", "LetterMeeting").objects,
        letter.topics.through.objects,
    ))


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_longer_file_names")]

    operations = [
        RunSQLOn("sqlite", CREATE["sqlite"], DROP),
        RunSQLOn("postgresql", CREATE["postgresql"], DROP),
        migrations.RunPython(index_existing_letters, migrations.RunPython.noop),
    ]
