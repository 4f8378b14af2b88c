"""What every search backend does; the SQL differs, the behaviour does not.

Each backend keeps, per letter, its words (for matching and ranking), its date (to sort by)
and its facet tags ("kind:agenda year:2022 minister:3 series:dmm country:FI topic:5", to
count by). The copies are what keeps a search over 100,000 letters fast: a meetings_letter
row carries the whole letter, and reading tens of thousands of them, or joining them to
meetings, participations and topics six times over, costs far more than the search.
The indexer rewrites a letter's entry whenever any of these change (indexer.py, signals.py).

The tags are also kept one per row in meetings_search_tag (tag, letter_id), so that a
search's filters (kind, year, signer, series, country, topic) are index lookups of the same
facts the browse pages' QuerySet methods join their way to (migration 0006).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from ..lexemes import LexemeQuery
from ..snippets import Snippet

TAG_TABLE = "meetings_search_tag"
Within = "tuple[str, tuple] | None"  # SQL and params selecting the letter ids the filters allow


def rank_candidates() -> int:
    """When more letters match, relevance is ranked among the newest this many (see page())."""
    return getattr(settings, "SEARCH_RANK_CANDIDATES", 5_000)


@dataclass(frozen=True)
class Document:
    """What is indexed of a letter: its words as folded by text.words, for the subject
    (weight A), the titles of its working sessions (B) and the body (C), and the columns
    searches sort and count by."""

    letter_id: int
    subject: list[str]
    sessions: list[str]
    body: list[str]
    date: dt.date | None = None
    tags: tuple[str, ...] = ()  # facet:value, see facet_tags()


@dataclass(frozen=True)
class Page:
    total: int  # letters that match, all pages
    ids: list[int]


def facet_tags(*, kind: str, date, minister_id, series=(), countries=(), topics=()) -> tuple[str, ...]:
    """The facet values of one letter, as stored with its index entry."""
    tags = [f"kind:{kind}"]
    tags += [f"year:{date.year}"] if date else []
    tags += [f"minister:{minister_id}"] if minister_id else []
    tags += [f"series:{s}" for s in sorted(set(series))]
    tags += [f"country:{c}" for c in sorted(set(countries) - {None})]
    tags += [f"topic:{t}" for t in sorted(set(topics))]
    return tuple(tags)


class SearchBackend:
    vendor = ""
    tags_table = ("", "")  # the table holding each letter's facet tags, and its letter id column

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
        table, key = self.tags_table
        with self.connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET tags = %s WHERE {key} = %s", [(" ".join(t), pk) for pk, t in tags.items()])
            self.write_tag_rows(cursor, tags)

    def write_tag_rows(self, cursor, tags: dict[int, tuple[str, ...]]) -> None:
        """Replace the tag rows of these letters."""
        self.delete_tag_rows(cursor, list(tags))
        rows = [(tag, pk) for pk, letter_tags in tags.items() for tag in sorted(set(letter_tags))]
        cursor.executemany(f"INSERT INTO {TAG_TABLE} (tag, letter_id) VALUES (%s, %s)", rows)

    @staticmethod
    def delete_tag_rows(cursor, letter_ids: list[int]) -> None:
        for start in range(0, len(letter_ids), 500):
            chunk = letter_ids[start : start + 500]
            cursor.execute(f"DELETE FROM {TAG_TABLE} WHERE letter_id IN ({', '.join(['%s'] * len(chunk))})", chunk)

    def filter_sql(self, tags: list[str], date_from: dt.date | None = None, date_to: dt.date | None = None) -> tuple[str, tuple]:
        """SQL selecting the letters that carry every one of the tags and are dated within the
        range: one index lookup per tag, intersected."""
        table, key = self.tags_table
        dated = [(op, day) for op, day in ((">=", date_from), ("<=", date_to)) if day]
        # Nested, not INTERSECT: the rows of the first tag are read, each then probed in the
        # (tag, letter_id) key of the others; a kind (a third of the letters or more) goes last.
        tags = sorted(tags, key=lambda tag: tag.startswith("kind:"))
        sql, params = "", []
        for tag in reversed(tags):
            sql = f"SELECT letter_id FROM {TAG_TABLE} WHERE tag = %s" + (f" AND letter_id IN ({sql})" if sql else "")
            params.insert(0, tag)
        if dated:
            condition = " AND ".join(f"date {op} %s" for op, _ in dated)
            sql = f"SELECT {key} FROM {table} WHERE {condition}" + (f" AND {key} IN ({sql})" if sql else "")
            params[:0] = [self.date_value(day) for _, day in dated]
        return sql, tuple(params)

    @staticmethod
    def date_value(day: dt.date):
        return day

    def remove_orphans(self) -> None:
        """Drop entries whose letter is gone without a post_delete signal (raw SQL, TRUNCATE)."""
        raise NotImplementedError

    def match_sql(self, query: LexemeQuery) -> tuple[str, list]:
        """SQL selecting the ids of the letters that match, for `pk__in=RawSQL(...)`."""
        raise NotImplementedError

    def count(self, query: LexemeQuery, within) -> int:
        """How many letters match and pass the filters (`within`)."""
        raise NotImplementedError

    def page(self, query: LexemeQuery, within, *, newest: bool, limit: int, offset: int) -> Page:
        """One page of matching ids, best first (or newest first, undated last), and the total.

        Relevance is computed for at most rank_candidates() letters (5,000; the setting
        SEARCH_RANK_CANDIDATES): when more match, for the newest of them. Ranking costs time
        in proportion to the letters ranked, and a word found in half of an archive of
        100,000 letters would otherwise take a quarter of a second or more (bench/README.md);
        the newest letters are what this archive's users ask for first."""
        raise NotImplementedError

    def facet_tags(self, query: LexemeQuery, within) -> list[str]:
        """The tags of every matching letter, one string per letter, for counting."""
        raise NotImplementedError

    def snippets(self, query: LexemeQuery, letters) -> dict[int, Snippet]:
        """The best passage of each letter's body, escaped, hits marked."""
        raise NotImplementedError
