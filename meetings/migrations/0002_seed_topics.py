"""Seed the curated topic vocabulary; admins extend it afterwards."""

from django.db import migrations
from django.utils.text import slugify


def seed_topics(apps, schema_editor):
    from meetings.extract.topics import DEFAULT_TOPICS

    Topic = apps.get_model("meetings", "Topic")
    for rule in DEFAULT_TOPICS:
        Topic.objects.get_or_create(name=rule.name, defaults={"slug": slugify(rule.name), "aliases": "\n".join(rule.aliases)})


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(seed_topics, migrations.RunPython.noop)]
