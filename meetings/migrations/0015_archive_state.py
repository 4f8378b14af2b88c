"""The archive's change marker (meetings/marker.py): one row, bumped by every public change."""

from django.db import migrations, models
from django.utils import timezone


def create_row(apps, schema_editor):
    apps.get_model("meetings", "ArchiveState").objects.get_or_create(pk=1, defaults={"marker": 0, "changed_at": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0014_topic_english_names"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArchiveState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("marker", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField()),
            ],
            options={"verbose_name": "archiefstand", "verbose_name_plural": "archiefstand"},
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
