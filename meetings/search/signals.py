"""Signal handlers that keep the index in step with edits made outside the importer (admin).

Connected in MeetingsConfig.ready(). An index entry holds a letter's words and session
titles and its facet tags (kind, year, signer, meeting series, partner countries, topics),
so saving or deleting any row those come from marks the letters concerned for re-indexing
when the transaction commits (indexer.mark_dirty): a letter, a working session, a link
between letter and meeting, a meeting (its series), a participation, or the letter's
topics. A deleted letter leaves the index at once, in the deleting transaction (post_delete
is sent for QuerySet.delete() and cascades too). `post_migrate` drops entries left behind by
deletes that send no signal (raw SQL, the TRUNCATE of PostgreSQL's test flush).
"""

from __future__ import annotations

from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from . import indexer
from .backends import get_backend


def letter_saved(sender, instance, **kwargs):
    indexer.mark_dirty(instance.pk)


def letter_deleted(sender, instance, using="default", **kwargs):
    indexer.pending().discard(instance.pk)
    get_backend(connections[using]).remove([instance.pk])


def session_changed(sender, instance, **kwargs):
    indexer.mark_dirty(instance.letter_id)


def link_changed(sender, instance, **kwargs):
    indexer.mark_dirty(instance.letter_id)


def letters_of_meeting(meeting_id: int) -> None:
    from ..models import LetterMeeting

    for letter_id in LetterMeeting.objects.filter(meeting_id=meeting_id).values_list("letter_id", flat=True):
        indexer.mark_dirty(letter_id)


def meeting_saved(sender, instance, **kwargs):
    """Its series may have changed: every letter about the meeting is re-indexed."""
    letters_of_meeting(instance.pk)


def participation_changed(sender, instance, **kwargs):
    letters_of_meeting(instance.meeting_id)


def topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """letter.topics.add/remove/clear, or topic.letters...: the letters concerned."""
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if not reverse:
        indexer.mark_dirty(instance.pk)
    elif action == "pre_clear":  # after the clear nobody knows which letters had the topic
        for letter_id in instance.letters.values_list("pk", flat=True):
            indexer.mark_dirty(letter_id)
    else:
        for letter_id in pk_set:
            indexer.mark_dirty(letter_id)


def drop_orphans(sender, using="default", **kwargs):
    backend = get_backend(connections[using])
    # Only on the index of the latest migration (not after migrating back to an older one).
    if backend.index_exists():
        backend.remove_orphans()


def connect(app_config) -> None:
    from ..models import Letter, LetterMeeting, Meeting, Participation, Session

    post_save.connect(letter_saved, sender=Letter, dispatch_uid="search_letter_saved")
    post_delete.connect(letter_deleted, sender=Letter, dispatch_uid="search_letter_deleted")
    for model, handler in ((Session, session_changed), (LetterMeeting, link_changed), (Participation, participation_changed)):
        post_save.connect(handler, sender=model, dispatch_uid=f"search_{model.__name__}_saved")
        post_delete.connect(handler, sender=model, dispatch_uid=f"search_{model.__name__}_deleted")
    post_save.connect(meeting_saved, sender=Meeting, dispatch_uid="search_meeting_saved")
    m2m_changed.connect(topics_changed, sender=Letter.topics.through, dispatch_uid="search_topics_changed")
    post_migrate.connect(drop_orphans, sender=app_config, dispatch_uid="search_drop_orphans")
