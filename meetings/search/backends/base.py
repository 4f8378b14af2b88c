"""What every search backend does; the SQL differs, the behaviour does not.

Each backend keeps, per letter, its words (for matching and ranking), its date (to sort by)
and its facet tags ("kind:agenda year:2022 minister:3 series:dmm country:FI topic:5", to
count by). The copies are what keeps a search over 100,000 letters fast: a meetings_letter
row carries the whole letter, and reading tens of thousands of them, or joining them to
meetings, participations and topics six times over, costs far more than the search.
The indexer rewrites a letter's entry whenever any of these change (indexer.py, signals.py).

The tags are also terms of the full-text index itself (on SQLite in a column of their own, on
PostgreSQL as lexemes no word can spell), so that a search's filters (kind, signer, series,
country, topic) are intersected with its words inside the index, the way its words are with
each other: the same facts the browse pages' QuerySet methods join their way to (the test
suite compares the two for every filter value). A year is a date range, which each backend
applies to its own dated rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..language.lexemes import LexemeQuery
from ..language.snippets import Snippet, snippet

# A facet count of a search that finds more than it counts (Limits.count) is estimated from the
# letters whose id is a multiple of this: a tenth of the archive, the same letters on both
# databases, each with an index of its own for them (migration 0007, which fixes the number).
SAMPLE_MODULUS = 10


@dataclass(frozen=True)
class Document:
    """What is indexed of a letter: its words as folded by language.words.words, for the subject
    (weight A), the titles of its working sessions (B) and the body (C), and the columns
    searches sort and count by."""

    letter_id: int
    subject: list[str]
    sessions: list[str]
    body: list[str]
    date: dt.date | None = None
    tags: tuple[str, ...] = ()  # facet:value, see facets.facet_tags()


@dataclass(frozen=True)
class Within:
    """What a search's filters allow: letters with all these tags, dated in this range."""

    tags: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def dated(self) -> bool:
        return bool(self.date_from or self.date_to)


class SearchBackend:
    vendor = ""
    tags_table = ("", "")  # the table holding each letter's facet tags, and its letter id column
    tables: tuple[str, ...] = ()  # the index's tables, as the latest migration makes them

    def __init__(self, connection):
        self.connection = connection

    def _fetch(self, sql: str, params: list) -> list:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def index(self, documents: list[Document]) -> None:
        """Add or replace these letters' entries."""
        raise NotImplementedError

    def remove(self, letter_ids: list[int]) -> None:
        raise NotImplementedError

    def stored_tags(self, letter_ids: list[int]) -> dict[int, tuple[str, ...]]:
        """The facet tags in the index of these letters."""
        table, key = self.tags_table
        marks = ", ".join(["%s"] * len(letter_ids))
        rows = self._fetch(f"SELECT {key}, tags FROM {table} WHERE {key} IN ({marks})", list(letter_ids))
        return {pk: tuple(tags.split()) for pk, tags in rows}

    def set_tags(self, tags: dict[int, tuple[str, ...]]) -> None:
        """Replace these letters' facet tags (their words have not changed)."""
        raise NotImplementedError

    def optimize(self) -> None:
        """Tidy the index after a large import, so searches read it as fast as they can."""
        raise NotImplementedError

    def index_exists(self) -> bool:
        """Whether the database has this index's tables: not before its migration has run, nor
        after migrating back to an older one."""
        return set(self.tables) <= set(self.connection.introspection.table_names())

    def remove_orphans(self) -> None:
        """Drop entries whose letter is gone without a post_delete signal (raw SQL, TRUNCATE)."""
        raise NotImplementedError

    def count(self, query: LexemeQuery, within, limit: int | None, *, sample: bool = False) -> int:
        """How many letters match and pass the filters (`within`), counted up to `limit`
        (None: all), so that a count's cost does not grow with the archive; with `sample`,
        of the letters whose id is a multiple of SAMPLE_MODULUS only."""
        raise NotImplementedError

    def newest(self, query: LexemeQuery, within, *, limit: int, offset: int) -> list[int]:
        """Matching ids, newest first (by date, then id; undated last)."""
        raise NotImplementedError

    def best(
        self, query: LexemeQuery, within, *, candidates: int | None, limit: int, offset: int, common: bool = False
    ) -> list[int]:
        """Matching ids, best first, ranked among the newest `candidates` matches (None: all).
        `common`: more letters match than were counted, so that reading matches newest first
        finds the candidates soon.

        Ranking costs time in proportion to the letters ranked, and a word found in half of
        an archive of 100,000 letters would otherwise take a quarter of a second or more
        (bench/README.md); the newest letters are what this archive's users ask for first."""
        raise NotImplementedError

    def count_and_best(
        self, query: LexemeQuery, within, *, count_limit: int, candidates: int, limit: int, offset: int
    ) -> tuple[int, list[int]]:
        """count(..., count_limit) and best(..., candidates) together, for a search whose
        matches are counted one by one: a backend that must read each match to count it
        may rank it in the same pass."""
        return self.count(query, within, count_limit), self.best(query, within, candidates=candidates, limit=limit, offset=offset)

    def tags_and_best(
        self, query: LexemeQuery, within, *, tags_limit: int, candidates: int, limit: int, offset: int
    ) -> tuple[list[str], list[int] | None]:
        """facet_tags(..., limit=tags_limit) and, if the backend reads every match for them
        anyway, best(..., candidates) from the same pass (else None)."""
        return self.facet_tags(query, within, limit=tags_limit), None

    def facet_tags(self, query: LexemeQuery, within, *, sample: bool = False, limit: int | None = None) -> list[str]:
        """The tags of every matching letter (up to `limit`), one string per letter, for
        counting; with `sample`, of the matching letters whose id is a multiple of
        SAMPLE_MODULUS only."""
        raise NotImplementedError

    def snippets(self, query: LexemeQuery, letters) -> dict[int, Snippet]:
        """The best passage of each letter's body, escaped, hits marked: found in Python on
        both databases, with the query's own matcher, so the hits marked are those matched."""
        return {letter.pk: snippet(letter.body, query) for letter in letters}
