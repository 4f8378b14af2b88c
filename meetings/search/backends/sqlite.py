"""SQLite: an FTS5 table of stems, ranked with bm25.

Migrations 0003 and 0007 create:
- meetings_search_fts, one row per letter (rowid: a key, see below) with three columns, subject,
  sessions and body, holding the *stems* of their words (language.words.lexemes), a stop word written
  as "_" so phrase distances stay what PostgreSQL counts ("afschrikking en verdediging" is
  "afschrik _ verded"). FTS5's tokenizer (unicode61, "_" a word character) then only splits
  on the spaces we put in, so SQLite and PostgreSQL see the same words. A fourth column holds
  the letter's facet tags as terms (country_fi, kind_report), which the filters match;
- meetings_search_sample, the same for the tenth of the letters whose id is a multiple of
  SAMPLE_MODULUS, from which the facet counts of a search with very many matches are
  estimated (a tenth of the work, where FTS5 must read every match to find the sample's);
- meetings_search_entry(key, letter_id, date, tags), narrow rows to count facets by.

The FTS5 rowid of a letter is not its id but a key that sorts by date: the date's ordinal
above bit 32, the letter id below (migration 0007). FTS5 reads its matches in rowid order, so
"newest first" is the index's own order: the newest page, and the newest candidates that
relevance ranks, are read from the end of the match lists without looking at the rest.

FTS5's snippet() would show stems, so snippets are built in Python (snippets.py).
"""

from __future__ import annotations

import datetime as dt

from ..language.lexemes import LexemeQuery, Match
from ..language.words import lexeme
from .base import SAMPLE_MODULUS, Document, SearchBackend, Within

TABLE = "meetings_search_fts"
SAMPLE = "meetings_search_sample"  # the same, for the letters facet estimates sample
ENTRY = "meetings_search_entry"
STOP = "_"
ID_BITS = 32


def letter_id(table: str = TABLE) -> str:
    """SQL for the letter id within a row key."""
    return f"({table}.rowid & {(1 << ID_BITS) - 1})"


TEXT_COLUMNS = "{subject sessions body}"
# bm25 weights of subject, sessions, body: the A/B/C weighting of the PostgreSQL backend;
# the tags column does not count.
BM25 = f"bm25({TABLE}, 10.0, 4.0, 1.0, 0.0)"


def row_key(letter_id: int, date) -> int:
    """The FTS5 rowid of a letter: newer dates sort higher, undated letters lowest; then by id."""
    if not 0 < letter_id < 1 << ID_BITS:
        raise ValueError(f"letter id {letter_id} does not fit in a search index key")
    return (date.toordinal() << ID_BITS | letter_id) if date else letter_id


def stem_text(words: list[str]) -> str:
    return " ".join(lexeme(w) or STOP for w in words)


def phrase(stems: tuple[str | None, ...], prefix: bool) -> str:
    """One FTS5 phrase. Stems are letters and digits only; quotes are doubled all the same,
    as listed stems come from the word list (meetings_search_word)."""
    return '"' + " ".join(s or STOP for s in stems).replace('"', '""') + '"' + ("*" if prefix else "")


def match_expression(match: Match) -> str:
    # A prefix is matched as the whole stems it stands for where the word list has them all:
    # FTS5 merges all of a prefix's matches before it returns the first (20 ms for lucht*
    # in 100,000 letters); whole stems it reads lazily, newest first, and stops (0.5 ms).
    variants = match.whole_variants() or match.variants()
    parts = [phrase(v.lexemes, v.prefix) for v in variants]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def tag_term(tag: str) -> str:
    """A facet tag as a term of the tags column: "country:FI" is country_fi (no word has a "_")."""
    return tag.replace(":", "_").lower()


def fts_query(query: LexemeQuery, tags=()) -> str:
    """The FTS5 MATCH expression: clauses AND-ed, alternatives OR-ed, exclusions NOT-ed, all
    in the text columns; then the tags the filters ask for."""
    clauses = []
    for clause in query.required:
        alternatives = [match_expression(m) for m in clause]
        clauses.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
    expression = " AND ".join(clauses)
    if query.excluded:
        expression = f"({expression}) NOT ({' OR '.join(match_expression(m) for m in query.excluded)})"
    expression = f"{TEXT_COLUMNS} : ({expression})"
    quoted = ['"' + tag_term(tag).replace('"', '""') + '"' for tag in tags]  # FTS5 strings double their quotes
    return " AND ".join([expression] + [f"tags : {term}" for term in quoted])


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"
    tags_table = (ENTRY, "letter_id")
    tables = (TABLE, SAMPLE, ENTRY)

    def index(self, documents: list[Document]) -> None:
        if not documents:
            return
        keys = {d.letter_id: row_key(d.letter_id, d.date) for d in documents}
        words = [
            (keys[d.letter_id], stem_text(d.subject), stem_text(d.sessions), stem_text(d.body), " ".join(map(tag_term, d.tags)))
            for d in documents
        ]
        entries = [(d.letter_id, keys[d.letter_id], d.date.isoformat() if d.date else None, " ".join(d.tags)) for d in documents]
        sampled = [row for d, row in zip(documents, words) if d.letter_id % SAMPLE_MODULUS == 0]
        with self.connection.cursor() as cursor:
            self._delete_words(cursor, list(keys))  # a new date is a new key
            for table, rows in ((TABLE, words), (SAMPLE, sampled)):
                cursor.executemany(
                    f"INSERT INTO {table} (rowid, subject, sessions, body, tags) VALUES (%s, %s, %s, %s, %s)", rows
                )
            cursor.executemany(f"INSERT OR REPLACE INTO {ENTRY} (letter_id, key, date, tags) VALUES (%s, %s, %s, %s)", entries)

    def set_tags(self, tags: dict[int, tuple[str, ...]]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {ENTRY} SET tags = %s WHERE letter_id = %s", [(" ".join(t), pk) for pk, t in tags.items()]
            )
            for table in (TABLE, SAMPLE):
                cursor.executemany(
                    f"UPDATE {table} SET tags = %s WHERE rowid = (SELECT key FROM {ENTRY} WHERE letter_id = %s)",
                    [(" ".join(map(tag_term, t)), pk) for pk, t in tags.items()],
                )

    @staticmethod
    def _chunks(letter_ids: list[int]):
        for start in range(0, len(letter_ids), 500):
            chunk = letter_ids[start : start + 500]
            yield chunk, ", ".join(["%s"] * len(chunk))

    def _delete_words(self, cursor, letter_ids: list[int]) -> None:
        for chunk, marks in self._chunks(letter_ids):
            for table in (TABLE, SAMPLE):
                cursor.execute(
                    f"DELETE FROM {table} WHERE rowid IN (SELECT key FROM {ENTRY} WHERE letter_id IN ({marks}))", chunk
                )

    def remove(self, letter_ids: list[int]) -> None:
        letter_ids = list(letter_ids)
        with self.connection.cursor() as cursor:
            self._delete_words(cursor, letter_ids)
            for chunk, marks in self._chunks(letter_ids):
                cursor.execute(f"DELETE FROM {ENTRY} WHERE letter_id IN ({marks})", chunk)

    def optimize(self) -> None:
        # FTS5 adds each batch as a segment of its own and merges them a few at a time; a
        # search reads every segment. 'optimize' merges all into one.
        with self.connection.cursor() as cursor:
            for table in (TABLE, SAMPLE):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")

    def remove_orphans(self) -> None:
        with self.connection.cursor() as cursor:
            for table in (TABLE, SAMPLE):
                cursor.execute(f"DELETE FROM {table} WHERE {letter_id(table)} NOT IN (SELECT id FROM meetings_letter)")
            cursor.execute(f"DELETE FROM {ENTRY} WHERE letter_id NOT IN (SELECT id FROM meetings_letter)")

    def _where(self, query, within: Within | None, table: str = TABLE) -> tuple[str, list]:
        """The filters' tags are terms of the MATCH; their dates a range of row keys."""
        where, params = f"{table} MATCH %s", [fts_query(query, within.tags if within else ())]
        if within is not None and within.dated:
            low = row_key(1, within.date_from or dt.date.min)
            high = row_key((1 << ID_BITS) - 1, within.date_to or dt.date.max)
            where += f" AND {table}.rowid BETWEEN %s AND %s"
            params += [low, high]
        return where, params

    def count(self, query, within, limit: int | None, *, sample: bool = False) -> int:
        table = SAMPLE if sample else TABLE
        where, params = self._where(query, within, table)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where} LIMIT %s)"
        return self._fetch(sql, params + [-1 if limit is None else limit])[0][0]

    def newest(self, query, within, *, limit: int, offset: int) -> list[int]:
        where, params = self._where(query, within)
        sql = f"SELECT {letter_id()} FROM {TABLE} WHERE {where} ORDER BY rowid DESC LIMIT %s OFFSET %s"
        return [row[0] for row in self._fetch(sql, params + [limit, offset])]

    def best(self, query, within, *, candidates: int | None, limit: int, offset: int, common: bool = False) -> list[int]:
        where, params = self._where(query, within)
        # The key of the oldest candidate; FTS5 then ranks only the matches from there on.
        sql = f"SELECT rowid FROM {TABLE} WHERE {where} ORDER BY rowid DESC LIMIT 1 OFFSET %s"
        oldest = self._fetch(sql, params + [candidates - 1]) if candidates else None
        if oldest:
            where, params = where + " AND rowid >= %s", params + [oldest[0][0]]
        sql = f"SELECT {letter_id()} FROM {TABLE} WHERE {where} ORDER BY {BM25}, rowid DESC LIMIT %s OFFSET %s"
        return [row[0] for row in self._fetch(sql, params + [limit, offset])]

    def facet_tags(self, query, within, *, sample: bool = False, limit: int | None = None) -> list[str]:
        table = SAMPLE if sample else TABLE
        where, params = self._where(query, within, table)
        sql = f"SELECT e.tags FROM {table} JOIN {ENTRY} e ON e.key = {table}.rowid WHERE {where} LIMIT %s"
        return [row[0] for row in self._fetch(sql, params + [-1 if limit is None else limit])]
