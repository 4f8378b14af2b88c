"""What every search backend does; the SQL differs, the behaviour does not.

Each backend keeps, per letter, the words (for matching and ranking) and a copy of the
columns searches sort and count by (kind, date, signer). Those copies are what keeps a
search over 100,000 letters fast: a meetings_letter row carries the letter's whole text, and
visiting tens of thousands of them to read a date or a kind costs more than the search.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from ..lexemes import LexemeQuery
from ..snippets import Snippet

Within = "tuple[str, tuple] | None"  # SQL and params selecting the letter ids the filters allow


def rank_candidates() -> int:
    """When more letters match, relevance is ranked among the newest this many (see page())."""
    return getattr(settings, "SEARCH_RANK_CANDIDATES", 10_000)


@dataclass(frozen=True)
class Document:
    """What is indexed of a letter: its words as folded by text.words, for the subject
    (weight A), the titles of its working sessions (B) and the body (C), and the columns
    searches sort and count by."""

    letter_id: int
    subject: list[str]
    sessions: list[str]
    body: list[str]
    kind: str = "other"
    date: dt.date | None = None
    minister_id: int | None = None


@dataclass(frozen=True)
class Page:
    total: int  # letters that match, all pages
    ids: list[int]


# One facet query for both databases: the matches are found once (m) and counted six ways.
# {match} selects (id, kind, date, minister_id) of the matching letters; {year} is a
# vendor's expression for the year of `date` as text.
FACETS_SQL = """
WITH m AS MATERIALIZED ({match})
SELECT 'kind', kind, '', count(*) FROM m GROUP BY kind
UNION ALL
SELECT 'year', {year}, '', count(*) FROM m WHERE date IS NOT NULL GROUP BY {year}
UNION ALL
SELECT 'minister', p.slug, p.name, count(*) FROM m JOIN meetings_minister p ON p.id = m.minister_id GROUP BY p.slug, p.name
UNION ALL
SELECT 'series', mt.series, '', count(DISTINCT lm.letter_id)
  FROM m JOIN meetings_lettermeeting lm ON lm.letter_id = m.id JOIN meetings_meeting mt ON mt.id = lm.meeting_id
  GROUP BY mt.series
UNION ALL
SELECT 'country', c.slug, c.name_nl, count(DISTINCT lm.letter_id)
  FROM m JOIN meetings_lettermeeting lm ON lm.letter_id = m.id
  JOIN meetings_participation pa ON pa.meeting_id = lm.meeting_id JOIN meetings_country c ON c.code = pa.country_id
  GROUP BY c.slug, c.name_nl
UNION ALL
SELECT 'topic', t.slug, t.name, count(*)
  FROM m JOIN meetings_letter_topics lt ON lt.letter_id = m.id JOIN meetings_topic t ON t.id = lt.topic_id
  GROUP BY t.slug, t.name
"""


class SearchBackend:
    vendor = ""

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

    def remove_orphans(self) -> None:
        """Drop entries whose letter is gone (after a TRUNCATE, which fires no trigger)."""
        raise NotImplementedError

    def match_sql(self, query: LexemeQuery) -> tuple[str, list]:
        """SQL selecting the ids of the letters that match, for `pk__in=RawSQL(...)`."""
        raise NotImplementedError

    def count(self, query: LexemeQuery, within) -> int:
        """How many letters match and pass the filters (`within`)."""
        raise NotImplementedError

    def page(self, query: LexemeQuery, within, *, newest: bool, limit: int, offset: int) -> Page:
        """One page of matching ids, best first (or newest first, undated last), and the total.

        Relevance is computed for at most rank_candidates() letters: when more match, for the
        newest of them. Ranking costs time in proportion to the letters ranked, and a word
        found in half an archive of 100,000 letters would otherwise take a quarter of a
        second or more; the newest are what this archive's users ask for first."""
        raise NotImplementedError

    def facets(self, query: LexemeQuery, within) -> list[tuple[str, str, str, int]]:
        """(facet, value, label, letters) for kind, year, minister, series, country, topic."""
        raise NotImplementedError

    def snippets(self, query: LexemeQuery, letters) -> dict[int, Snippet]:
        """The best passage of each letter's body, escaped, hits marked."""
        raise NotImplementedError
