"""SQLite: an FTS5 table of stems, ranked with bm25.

Migration 0003 creates:
- meetings_search_fts, one row per letter (rowid = letter id) with three columns, subject,
  sessions and body, holding the *stems* of their words (text.lexemes), a stop word written
  as "_" so phrase distances stay what PostgreSQL counts ("afschrikking en verdediging" is
  "afschrik _ verded"). FTS5's tokenizer (unicode61, "_" a word character) then only splits
  on the spaces we put in, so SQLite and PostgreSQL see the same words;
- meetings_search_entry(letter_id, date, tags), narrow rows to sort and count by, with an
  index on date.

FTS5's snippet() would show stems, so snippets are built in Python (snippets.py).
"""
from __future__ import annotations

from ..lexemes import LexemeQuery, Match
from ..snippets import Snippet, snippet
from ..text import lexeme
from .base import TAG_TABLE, Document, Page, SearchBackend, rank_candidates

TABLE = "meetings_search_fts"
ENTRY = "meetings_search_entry"
STOP = "_"
# bm25 weights of subject, sessions, body: the A/B/C weighting of the PostgreSQL backend.
BM25 = f"bm25({TABLE}, 10.0, 4.0, 1.0)"


def stem_text(words: list[str]) -> str:
    return " ".join(lexeme(w) or STOP for w in words)


def phrase(stems: tuple[str | None, ...], prefix: bool) -> str:
    """One FTS5 phrase; stems are letters and digits only, so quoting cannot be broken."""
    return '"' + " ".join(s or STOP for s in stems) + '"' + ("*" if prefix else "")


def match_expression(match: Match) -> str:
    parts = [phrase(v.lexemes, v.prefix) for v in match.variants()]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def fts_query(query: LexemeQuery) -> str:
    """The FTS5 MATCH expression: clauses AND-ed, alternatives OR-ed, exclusions NOT-ed."""
    clauses = []
    for clause in query.required:
        alternatives = [match_expression(m) for m in clause]
        clauses.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
    expression = " AND ".join(clauses)
    if query.excluded:
        expression = f"({expression}) NOT ({' OR '.join(match_expression(m) for m in query.excluded)})"
    return expression


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"
    tags_table = (ENTRY, "letter_id")

    def index(self, documents: list[Document]) -> None:
        if not documents:
            return
        words = [(d.letter_id, stem_text(d.subject), stem_text(d.sessions), stem_text(d.body)) for d in documents]
        entries = [(d.letter_id, d.date.isoformat() if d.date else None, " ".join(d.tags)) for d in documents]
        with self.connection.cursor() as cursor:
            cursor.executemany(f"INSERT OR REPLACE INTO {TABLE} (rowid, subject, sessions, body) VALUES (%s, %s, %s, %s)", words)
            cursor.executemany(f"INSERT OR REPLACE INTO {ENTRY} (letter_id, date, tags) VALUES (%s, %s, %s)", entries)
            self.write_tag_rows(cursor, {d.letter_id: d.tags for d in documents})

    @staticmethod
    def date_value(day):
        return day.isoformat()  # the entry table holds ISO dates, which sort and compare as text

    def _delete(self, cursor, letter_ids: list[int]) -> None:
        self.delete_tag_rows(cursor, letter_ids)
        for start in range(0, len(letter_ids), 500):
            chunk = letter_ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", chunk)
            cursor.execute(f"DELETE FROM {ENTRY} WHERE letter_id IN ({marks})", chunk)

    def remove(self, letter_ids: list[int]) -> None:
        with self.connection.cursor() as cursor:
            self._delete(cursor, list(letter_ids))

    def remove_orphans(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid NOT IN (SELECT id FROM meetings_letter)")
            cursor.execute(f"DELETE FROM {ENTRY} WHERE letter_id NOT IN (SELECT id FROM meetings_letter)")
            cursor.execute(f"DELETE FROM {TAG_TABLE} WHERE letter_id NOT IN (SELECT id FROM meetings_letter)")

    def match_sql(self, query: LexemeQuery) -> tuple[str, list]:
        return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [fts_query(query)]

    def _matches(self, query, within, columns: str = "rowid") -> tuple[str, list]:
        # "+rowid": the filters narrow FTS5's matches; a plain "rowid IN" would let SQLite run
        # the full-text query once per allowed id (seconds on a large archive).
        sql = f"SELECT {columns} FROM {TABLE} WHERE {TABLE} MATCH %s"
        params: list = [fts_query(query)]
        if within is not None:
            sql += f" AND +rowid IN ({within[0]})"
            params.extend(within[1])
        return sql, params

    def count(self, query, within) -> int:
        return self._fetch(*self._matches(query, within, "count(*)"))[0][0]

    def page(self, query, within, *, newest, limit, offset) -> Page:
        total = self.count(query, within)
        if not total:
            return Page(0, [])
        # The filters' ids and the matches are found once per statement (CTEs).
        expression = fts_query(query)
        ctes, params, where = [], [], f"{TABLE} MATCH %s"
        if within is not None:
            ctes.append(f"allowed AS MATERIALIZED ({within[0]})")
            params.extend(within[1])
            where += " AND +rowid IN allowed"
        ctes.append(f"m AS MATERIALIZED (SELECT rowid AS id FROM {TABLE} WHERE {where})")
        params.append(expression)
        many = total > rank_candidates()
        # Many matches: walk down the entry table's date index and keep the ids that match
        # ("+letter_id": filter the walk, do not drive it). Few: look them up and sort them.
        by_date = f"SELECT letter_id FROM {ENTRY} WHERE {'+' if many else ''}letter_id IN m ORDER BY date DESC, letter_id DESC"
        if newest:
            select = f"{by_date} LIMIT %s OFFSET %s"
            params += [limit, offset]
        else:
            select = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND +rowid IN " + (
                f"({by_date} LIMIT %s)" if many else "m"
            )
            params += [expression] + ([rank_candidates()] if many else [])
            select += f" ORDER BY {BM25}, rowid DESC LIMIT %s OFFSET %s"
            params += [limit, offset]
        rows = self._fetch(f"WITH {', '.join(ctes)} {select}", params)
        return Page(total, [row[0] for row in rows])

    def facet_tags(self, query, within) -> list[str]:
        matches, params = self._matches(query, within)
        return [row[0] for row in self._fetch(f"SELECT tags FROM {ENTRY} WHERE letter_id IN ({matches})", params)]

    def snippets(self, query, letters) -> dict[int, Snippet]:
        return {letter.pk: snippet(letter.body, query) for letter in letters}
