"""Signal handlers that keep the index in step with edits made outside the importer (admin).

Connected in MeetingsConfig.ready(). Saving a letter or one of its working sessions, or
deleting a session, marks the letter for re-indexing when the transaction commits
(indexer.mark_dirty). Deleting a letter needs no handler: a database trigger removes its
entry. `post_migrate` drops entries left behind by a TRUNCATE (PostgreSQL's test flush),
which fires no trigger.
"""
from __future__ import annotations

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save

from . import indexer
from .backends import get_backend
from .backends.postgres import TABLE as POSTGRES_TABLE
from .backends.sqlite import TABLE as SQLITE_TABLE


def letter_saved(sender, instance, **kwargs):
    indexer.mark_dirty(instance.pk)


def letter_deleted(sender, instance, **kwargs):
    indexer.pending().discard(instance.pk)


def session_changed(sender, instance, **kwargs):
    indexer.mark_dirty(instance.letter_id)


def drop_orphans(sender, using="default", **kwargs):
    connection = connections[using]
    table = POSTGRES_TABLE if connection.vendor == "postgresql" else SQLITE_TABLE
    if table in connection.introspection.table_names():
        get_backend(connection).remove_orphans()


def connect(app_config) -> None:
    from ..models import Letter, Session

    post_save.connect(letter_saved, sender=Letter, dispatch_uid="search_letter_saved")
    post_delete.connect(letter_deleted, sender=Letter, dispatch_uid="search_letter_deleted")
    post_save.connect(session_changed, sender=Session, dispatch_uid="search_session_saved")
    post_delete.connect(session_changed, sender=Session, dispatch_uid="search_session_deleted")
    post_migrate.connect(drop_orphans, sender=app_config, dispatch_uid="search_drop_orphans")
