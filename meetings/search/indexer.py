"""Keeping the index in step with the letters.

- The importer calls `index_written` after it has written a batch of letters, inside the same
  transaction, so an import and its index entry commit (or roll back) together.
- Admin edits reach us through signals (signals.py): saving a letter, a session, a meeting,
  a participation or a letter's topics marks the letters concerned dirty, and the dirty
  letters are indexed once, when the transaction commits.
- A deleted letter leaves the index in a post_delete handler, in the same transaction.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import DatabaseError, transaction

from . import word_list
from .backends import Document, get_backend
from .facets import facet_tags
from .language.words import words

log = logging.getLogger(__name__)
BATCH = 500
_local = threading.local()


@dataclass(frozen=True)
class Rows:
    """Where documents are read from: the models' managers (a migration passes its historical ones)."""

    letters: object
    sessions: object
    links: object  # LetterMeeting
    topics: object  # Letter.topics.through

    @classmethod
    def live(cls) -> Rows:
        from ..models import Letter, LetterMeeting, Session

        return cls(Letter.objects, Session.objects, LetterMeeting.objects, Letter.topics.through.objects)


def related_tags(letter_ids: list[int], rows: Rows) -> tuple[dict, dict, dict]:
    """Series and partner countries of the letters' meetings, and the letters' topics."""
    series, countries, topics = defaultdict(list), defaultdict(list), defaultdict(list)
    for letter_id, kind, country in rows.links.filter(letter_id__in=letter_ids).values_list(
        "letter_id", "meeting__series", "meeting__participations__country_id"
    ):
        series[letter_id].append(kind)
        countries[letter_id].append(country)
    for letter_id, topic_id in rows.topics.filter(letter_id__in=letter_ids).values_list("letter_id", "topic_id"):
        topics[letter_id].append(topic_id)
    return series, countries, topics


def letter_tags(letter_ids: list[int], rows: Rows) -> dict[int, tuple[str, ...]]:
    """The facet tags of these letters as their rows now say (three queries)."""
    series, countries, topics = related_tags(letter_ids, rows)
    return {
        pk: facet_tags(kind=kind, date=date, minister_id=minister, series=series[pk], countries=countries[pk], topics=topics[pk])
        for pk, kind, date, minister in rows.letters.filter(pk__in=letter_ids).values_list("pk", "kind", "date", "minister_id")
    }


def documents(letter_ids: list[int], rows: Rows | None = None) -> list[Document]:
    """The index documents of these letters, in four queries."""
    rows = rows or Rows.live()
    titles = defaultdict(list)
    for letter_id, title in (
        rows.sessions.filter(letter_id__in=letter_ids).order_by("letter_id", "order").values_list("letter_id", "title")
    ):
        titles[letter_id].append(title)
    series, countries, topics = related_tags(letter_ids, rows)
    fields = ("pk", "subject", "body", "kind", "date", "minister_id")
    return [
        make_document(
            pk,
            subject,
            titles[pk],
            body,
            date=date,
            tags=facet_tags(
                kind=kind, date=date, minister_id=minister_id, series=series[pk], countries=countries[pk], topics=topics[pk]
            ),
        )
        for pk, subject, body, kind, date, minister_id in rows.letters.filter(pk__in=letter_ids).values_list(*fields)
    ]


def make_document(letter_id: int, subject: str, session_titles: Iterable[str], body: str, *, date=None, tags=()) -> Document:
    """A letter as the index takes it; `session_titles` are its working sessions' titles and
    `tags` its facet values (facets.facet_tags)."""
    return Document(letter_id, words(subject), words("\n".join(session_titles)), words(body), date, tuple(tags))


def index_documents(docs: list[Document]) -> None:
    """Write documents to the index and their words to the word list (the bulk path)."""
    get_backend().index(docs)
    word_list.add_words(word_list.words_to_list(w for d in docs for w in (d.subject, d.sessions, d.body)))


def index_letters(letter_ids: Iterable[int], rows: Rows | None = None) -> int:
    """(Re)index these letters from their rows; ids without a letter leave the index."""
    ids = sorted(set(letter_ids))
    count = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        docs = documents(chunk, rows)
        index_documents(docs)
        gone = set(chunk) - {d.letter_id for d in docs}
        if gone:
            get_backend().remove(sorted(gone))
        count += len(docs)
    return count


def index_written(letter_ids: list[int]) -> None:
    """Index letters just written (the importer's call, inside its transaction). An import can
    also add partner countries to a meeting other letters report on (without signals: bulk
    inserts), so those letters' facet tags are brought up to date too; their words have not
    changed."""
    from ..models import LetterMeeting

    index_letters(letter_ids)
    neighbours = set(
        LetterMeeting.objects.filter(meeting__letter_links__letter__in=letter_ids).values_list("letter_id", flat=True)
    )
    refresh_tags(sorted(neighbours - set(letter_ids)))
    pending().difference_update(neighbours | set(letter_ids))


def refresh_tags(letter_ids: list[int]) -> None:
    """Rewrite the facet tags of those of these letters whose tags changed."""
    if not letter_ids:
        return
    backend = get_backend()
    stored = backend.stored_tags(letter_ids)
    changed = {pk: tags for pk, tags in letter_tags(letter_ids, Rows.live()).items() if stored.get(pk) != tags}
    if changed:
        backend.set_tags(changed)


def rebuild_index(rows: Rows | None = None, *, fresh_words: bool = False) -> int:
    """Index every letter again and drop entries of letters that are gone. `fresh_words`: the
    word list is emptied first and filled again, for when the way words become lexemes has
    changed (`manage.py reindex`, migration 0011)."""
    rows = rows or Rows.live()
    ids = list(rows.letters.order_by("pk").values_list("pk", flat=True))
    get_backend().remove_orphans()
    if fresh_words:
        word_list.clear()
    return index_letters(ids, rows)


def optimize_index() -> None:
    """Tidy the index after a large import (import_letters does, from OPTIMIZE_FROM letters)."""
    get_backend().optimize()


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
