"""The full-text search index (meetings/search/): an FTS5 table on SQLite, a GIN-indexed
tsvector table and an accent-insensitive 'dutch' configuration on PostgreSQL, and a
vocabulary table on both. Letters already in the database are indexed."""
from django.db import migrations

from meetings.search.backends import postgres, sqlite
from meetings.search import vocabulary


class RunSQLOn(migrations.RunSQL):
    """RunSQL that only runs on one database vendor."""

    def __init__(self, vendor, sql, reverse_sql):
        self.vendor = vendor
        super().__init__(sql, reverse_sql)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def index_existing_letters(apps, schema_editor):
    from meetings.search.indexer import rebuild_index

    rebuild_index(
        letters=apps.get_model("meetings", "Letter").objects,
        sessions=apps.get_model("meetings", "Session").objects,
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_seed_topics")]

    operations = [
        RunSQLOn("sqlite", sqlite.CREATE_SQL, sqlite.DROP_SQL),
        RunSQLOn("postgresql", postgres.CREATE_SQL, postgres.DROP_SQL),
        RunSQLOn("sqlite", vocabulary.CREATE_SQL["sqlite"], vocabulary.DROP_SQL),
        RunSQLOn("postgresql", vocabulary.CREATE_SQL["postgresql"], vocabulary.DROP_SQL),
        migrations.RunPython(index_existing_letters, migrations.RunPython.noop),
    ]
