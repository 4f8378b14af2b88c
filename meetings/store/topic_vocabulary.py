"""The topic vocabulary as the extraction needs it: from the database, which admins extend."""

from __future__ import annotations

from django.db import DatabaseError

from ..extract.topics import DEFAULT_TOPICS, TopicRule
from ..models import Topic


def topic_rules() -> list[TopicRule]:
    """The vocabulary in the database; the built-in one when there is no database yet (dry runs)."""
    try:
        return rules_from(Topic.objects.all())
    except DatabaseError:
        return list(DEFAULT_TOPICS)


def rules_from(topics) -> list[TopicRule]:
    """Topic rows as extraction rules; the built-in vocabulary when there are none."""
    rules = [TopicRule(t.name, tuple(t.alias_list) or (t.name,)) for t in topics]
    return rules or list(DEFAULT_TOPICS)
