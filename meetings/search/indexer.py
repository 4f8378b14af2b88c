"""Keeping the index in step with the letters.

- The importer calls `index_letter` after it has written a letter's rows, inside the same
  transaction, so an import and its index entry commit (or roll back) together.
- Admin edits reach us through signals (signals.py): a saved letter or session marks its
  letter dirty, and the dirty letters are indexed once, when the transaction commits.
- A deleted letter leaves the index through a database trigger (migration 0003), which also
  covers QuerySet.delete() and cascades, where no per-row signal may be sent.
"""
from __future__ import annotations

import logging
import threading
from collections import defaultdict
from typing import Iterable

from django.db import DatabaseError, connection, transaction

from . import vocabulary
from .backends import Document, get_backend
from .text import words

log = logging.getLogger(__name__)
BATCH = 500
_local = threading.local()


def documents(letter_ids: list[int], *, letters=None, sessions=None) -> list[Document]:
    """The index documents of these letters; `letters`/`sessions` are managers (migrations
    pass their historical models)."""
    if letters is None:
        from ..models import Letter, Session

        letters, sessions = Letter.objects, Session.objects
    titles: dict[int, list[str]] = defaultdict(list)
    for letter_id, title in sessions.filter(letter_id__in=letter_ids).order_by("letter_id", "order").values_list("letter_id", "title"):
        titles[letter_id].append(title)
    fields = ("pk", "subject", "body", "kind", "date", "minister_id")
    return [
        make_document(pk, subject, titles.get(pk, []), body, kind=kind, date=date, minister_id=minister_id)
        for pk, subject, body, kind, date, minister_id in letters.filter(pk__in=letter_ids).values_list(*fields)
    ]


def make_document(
    letter_id: int, subject: str, session_titles: Iterable[str], body: str, *, kind: str, date=None, minister_id=None
) -> Document:
    """A letter as the index takes it; `session_titles` are the titles of its working sessions."""
    return Document(
        letter_id, words(subject), words("\n".join(session_titles)), words(body), kind=kind, date=date, minister_id=minister_id
    )


def index_documents(docs: list[Document]) -> None:
    """Write documents to the index and their words to the vocabulary (the bulk path)."""
    get_backend().index(docs)
    vocabulary.add_words(vocabulary.vocabulary_words(w for d in docs for w in (d.subject, d.sessions, d.body)))


def index_letters(letter_ids: Iterable[int], *, letters=None, sessions=None) -> int:
    """(Re)index these letters from their rows; ids without a letter leave the index."""
    ids = sorted(set(letter_ids))
    count = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        docs = documents(chunk, letters=letters, sessions=sessions)
        index_documents(docs)
        gone = set(chunk) - {d.letter_id for d in docs}
        if gone:
            get_backend().remove(sorted(gone))
        count += len(docs)
    return count


def index_letter(letter) -> None:
    """Index one letter now (the importer's call, inside its transaction)."""
    index_letters([letter.pk])
    pending().discard(letter.pk)


def rebuild_index(*, letters=None, sessions=None) -> int:
    """Index every letter again and drop entries of letters that are gone."""
    if letters is None:
        from ..models import Letter, Session

        letters, sessions = Letter.objects, Session.objects
    ids = list(letters.order_by("pk").values_list("pk", flat=True))
    get_backend().remove_orphans()
    return index_letters(ids, letters=letters, sessions=sessions)


def pending() -> set[int]:
    if not hasattr(_local, "ids"):
        _local.ids = set()
    return _local.ids


def mark_dirty(letter_id: int | None) -> None:
    """Index this letter when the current transaction commits (at once outside one)."""
    if letter_id is None:
        return
    pending().add(letter_id)
    transaction.on_commit(flush_pending)


def flush_pending() -> None:
    ids = sorted(pending())
    pending().clear()
    if not ids:
        return
    try:
        with transaction.atomic():
            index_letters(ids)
    except DatabaseError:  # the letter is saved; a later edit or rebuild_index() repairs the entry
        log.exception("search index not updated for letters %s", ids)
