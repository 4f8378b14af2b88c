"""PostgreSQL: a stored, weighted tsvector per letter with a GIN index; ts_rank and ts_headline.

Migration 0003 creates:
- the text search configuration `archive_dutch`: a copy of 'dutch' whose word mappings run
  `unaccent` before `dutch_stem`, so "Oekraine" finds "Oekraïne" also where PostgreSQL parses
  the original text itself (ts_headline);
- the table meetings_search_document(letter_id, date, tags, vector), the vector
  GIN-indexed and kept in the row (STORAGE MAIN, toast_tuple_target): out of line, in TOAST,
  every phrase check and every ts_rank would fetch it from there, three times slower.

The vector is built from the words of meetings.search.text, folded and joined by spaces, not
from the raw text: PostgreSQL's own parser reads "F-35" as "f" and the number "-35", and
"air policing-taken" as "policing-taken", "polic", "tak" (so "policing" is no longer next to
"air"); with the words split by our tokenizer both databases count the same words at the
same positions, and the phrase queries of one test suite match the same letters on both.
Stemming and stop words stay PostgreSQL's ('dutch' configuration); text.py uses the same
Snowball algorithm and stop list, and the test suite checks the two agree.

Queries are compiled from the parsed query to tsquery syntax with stems we made ourselves
(`'verded' & 'air' <-> 'polic'`), cast with ::tsquery, so PostgreSQL does not stem a second
time; websearch_to_tsquery is not used because our parser already did that job, the same way
for SQLite.
"""
from __future__ import annotations

import html

from ..lexemes import LexemeQuery, Match
from ..snippets import Snippet, blocks, snippet
from .base import TAG_TABLE, Document, Page, SearchBackend, rank_candidates

TABLE = "meetings_search_document"
CONFIG = "archive_dutch"
START, STOP = "\x02", "\x03"  # ts_headline's markers, replaced by <mark> after escaping
HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords=36, MinWords=20, ShortWord=2, MaxFragments=1, FragmentDelimiter=\" … \""
RANK_NORMALIZATION = 1  # divide by 1 + log(length): long letters do not win by length alone

UPSERT_SQL = f"""
    INSERT INTO {TABLE} (letter_id, date, tags, vector) VALUES (%s, %s, %s,
        setweight(to_tsvector('{CONFIG}', %s), 'A')
        || setweight(to_tsvector('{CONFIG}', %s), 'B')
        || setweight(to_tsvector('{CONFIG}', %s), 'C'))
    ON CONFLICT (letter_id) DO UPDATE SET
        date = EXCLUDED.date, tags = EXCLUDED.tags, vector = EXCLUDED.vector"""


def quote(stem: str) -> str:
    return "'" + stem.replace("\\", "\\\\").replace("'", "''") + "'"


def phrase(stems: tuple[str | None, ...], prefix: bool) -> str:
    """'a' <-> 'b', with <N> across a stop word's place, :* on a prefix."""
    parts: list[str] = []
    gap = 1
    for i, stem in enumerate(stems):
        if stem is None:
            gap += 1
            continue
        operand = quote(stem) + (":*" if prefix and i == len(stems) - 1 else "")
        if parts:
            parts.append("<->" if gap == 1 else f"<{gap}>")
        parts.append(operand)
        gap = 1
    return " ".join(parts)


def match_expression(match: Match) -> str:
    parts = [phrase(v.lexemes, v.prefix) for v in match.variants()]
    return "( " + " | ".join(parts) + " )"


def tsquery(query: LexemeQuery) -> str:
    clauses = ["( " + " | ".join(match_expression(m) for m in clause) + " )" for clause in query.required]
    expression = " & ".join(clauses)
    if query.excluded:
        expression += " & !( " + " | ".join(match_expression(m) for m in query.excluded) + " )"
    return expression


def headline_snippet(body: str, headline: str) -> Snippet:
    """ts_headline's passage escaped, its markers made <mark>, '…' where text is left out, and
    the heading of the section it comes from."""
    headline = " ".join(headline.split())
    plain = headline.replace(START, "").replace(STOP, "")
    text = " ".join(b.text for b in blocks(body))
    at = text.find(plain)
    marked = html.escape(headline).replace(START, "<mark>").replace(STOP, "</mark>").replace("</mark> <mark>", " ")
    marked = ("… " if at != 0 else "") + marked + (" …" if at == -1 or at + len(plain) < len(text) else "")
    heading = next((b.heading for b in blocks(body) if plain[:80] in b.text), "")
    return Snippet(marked, heading, headline.count(START))


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    tags_table = (TABLE, "letter_id")

    def index(self, documents: list[Document]) -> None:
        rows = [
            (d.letter_id, d.date, " ".join(d.tags), " ".join(d.subject), " ".join(d.sessions), " ".join(d.body))
            for d in documents
        ]
        if rows:
            with self.connection.cursor() as cursor:
                cursor.executemany(UPSERT_SQL, rows)
                self.write_tag_rows(cursor, {d.letter_id: d.tags for d in documents})

    def remove(self, letter_ids: list[int]) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE letter_id = ANY(%s)", [list(letter_ids)])
            cursor.execute(f"DELETE FROM {TAG_TABLE} WHERE letter_id = ANY(%s)", [list(letter_ids)])

    def remove_orphans(self) -> None:
        with self.connection.cursor() as cursor:
            for table in (TABLE, TAG_TABLE):
                cursor.execute(
                    f"DELETE FROM {table} d WHERE NOT EXISTS (SELECT 1 FROM meetings_letter l WHERE l.id = d.letter_id)"
                )

    def match_sql(self, query: LexemeQuery) -> tuple[str, list]:
        return f"SELECT letter_id FROM {TABLE} WHERE vector @@ %s::tsquery", [tsquery(query)]

    def _matches(self, columns: str, query, within) -> tuple[str, list]:
        sql = f"SELECT {columns} FROM {TABLE} d WHERE d.vector @@ %s::tsquery"
        params: list = [tsquery(query)]
        if within is not None:
            sql += f" AND d.letter_id IN ({within[0]})"
            params.extend(within[1])
        return sql, params

    def count(self, query, within) -> int:
        return self._fetch(*self._matches("count(*)", query, within))[0][0]

    def page(self, query, within, *, newest, limit, offset) -> Page:
        # One pass over the matches: count(*) OVER () is the total before LIMIT; the newest
        # candidates are then ranked, each vector read once through the primary key.
        newest_first = " ORDER BY d.date DESC NULLS LAST, d.letter_id DESC"
        if newest:
            sql, params = self._matches("d.letter_id, count(*) OVER ()", query, within)
            sql += newest_first + " LIMIT %s OFFSET %s"
            params += [limit, offset]
        else:
            candidates, params = self._matches("d.letter_id, count(*) OVER () AS total", query, within)
            rank = f"SELECT ts_rank(v.vector, %s::tsquery, {RANK_NORMALIZATION}) FROM {TABLE} v WHERE v.letter_id = c.letter_id"
            sql = (
                f"SELECT c.letter_id, c.total FROM ({candidates}{newest_first} LIMIT %s) c"
                f" ORDER BY ({rank}) DESC, c.letter_id DESC LIMIT %s OFFSET %s"
            )
            params += [rank_candidates(), tsquery(query), limit, offset]
        rows = self._fetch(sql, params)
        total = rows[0][1] if rows else (self.count(query, within) if offset else 0)
        return Page(total, [row[0] for row in rows])

    def facet_tags(self, query, within) -> list[str]:
        return [row[0] for row in self._fetch(*self._matches("d.tags", query, within))]

    def snippets(self, query, letters) -> dict[int, Snippet]:
        letters = {letter.pk: letter for letter in letters}
        if not letters:
            return {}
        sql = (
            f"SELECT id, ts_headline('{CONFIG}', "
            r"regexp_replace(regexp_replace(translate(body, %s, ''), '\[\^[0-9]+\]', '', 'g'), '^## ', '', 'gn'), "
            "CAST(%s AS tsquery), %s) FROM meetings_letter WHERE id = ANY(%s)"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [START + STOP, tsquery(query), HEADLINE_OPTIONS, list(letters)])
            rows = cursor.fetchall()
        # Where PostgreSQL's parser reads the original text differently from ours ("F-35",
        # "2%"), ts_headline finds no hit; the Python snippet, which matched the index, does.
        return {
            pk: headline_snippet(letters[pk].body, text) if START in text else snippet(letters[pk].body, query)
            for pk, text in rows
        }
