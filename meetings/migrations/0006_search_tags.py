"""The search index's facet tags one per row, (tag, letter_id), so that a search's filters are
index lookups (meetings/search/backends/base.py, filter_sql). Letters already in the database
are indexed again by migration 0007, which fills this table too (the index code of today
writes the columns 0007 adds, so it cannot run here).
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


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_longer_file_names")]

    operations = [
        RunSQLOn("sqlite", CREATE["sqlite"], DROP),
        RunSQLOn("postgresql", CREATE["postgresql"], DROP),
    ]
