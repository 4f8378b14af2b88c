"""PostgreSQL: a stored, weighted tsvector per letter with a GIN index; ts_rank.

Migration 0003 creates the table meetings_search_document(letter_id, date, tags, vector), the
vector GIN-indexed and kept in the row (STORAGE MAIN, toast_tuple_target): out of line, in
TOAST, every phrase check and every ts_rank would fetch it from there, three times slower.
Migration 0007 adds an index on (date, letter_id) to read matches newest first, and a partial
GIN index over the letters the facet estimates sample.

The vector holds our own lexemes (meetings.search.language.words: lemmas, compounds, Snowball
stems, split coordinations) at the positions of their words, given to PostgreSQL as a tsvector
literal ("'verded':3 'air':7"), not what its 'dutch' configuration would make of the text: so
both databases match the same words, and a PostgreSQL upgrade that changes its Dutch stemmer
(as 19 does) cannot change what a query finds. Stop words keep their places (a phrase with
one in it counts it, as before).

Queries are compiled from the parsed query to tsquery syntax with the same lexemes
(`'verded' & 'air' <-> 'polic'`), cast with ::tsquery, so PostgreSQL stems nothing itself.
Snippets come from Python (language/snippets.py), as on SQLite: the same hits are marked.
"""

from __future__ import annotations

from ..language.lexemes import LexemeQuery, Match
from ..language.words import lexeme
from .base import SAMPLE_MODULUS, Document, SearchBackend, Within

TABLE = "meetings_search_document"
RANK_NORMALIZATION = 1  # divide by 1 + log(length): long letters do not win by length alone
NEWEST_FIRST = "d.date DESC NULLS LAST, d.letter_id DESC"
RANKED = f"ts_rank(d.vector, %s::tsquery, {RANK_NORMALIZATION}) AS rank"  # the parameter: tsquery(query)
BEST_FIRST = "rank DESC, date DESC NULLS LAST, letter_id DESC"  # equal ranks newest first, as on SQLite
MATCH = "d.vector @@ %s::tsquery"

UPSERT_SQL = f"""
    INSERT INTO {TABLE} (letter_id, date, tags, vector) VALUES (%s, %s, %s,
        setweight(%s::tsvector, 'A') || setweight(%s::tsvector, 'B') || setweight(%s::tsvector, 'C')
        || array_to_tsvector(%s::text[]))
    ON CONFLICT (letter_id) DO UPDATE SET
        date = EXCLUDED.date, tags = EXCLUDED.tags, vector = EXCLUDED.vector"""


# A letter's facet tags are lexemes of its vector too, without positions, spelt so that no
# word can be: "#country:FI". A filter is then one more operand of the tsquery.
SET_TAGS_SQL = f"""
    UPDATE {TABLE} SET tags = %s,
        vector = ts_delete(vector, ARRAY(SELECT lexeme FROM unnest(vector) WHERE lexeme LIKE '#%%')) || array_to_tsvector(%s::text[])
    WHERE letter_id = %s"""


def tag_lexeme(tag: str) -> str:
    return "#" + tag


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


def match_expression(match: Match, listed: bool) -> str:
    variants = (listed and match.whole_variants()) or match.variants()
    return "( " + " | ".join(phrase(v.lexemes, v.prefix) for v in variants) + " )"


def tsquery(query: LexemeQuery, listed: bool = False) -> str:
    """The query as a tsquery. `listed`: a prefix as the whole stems it stands for, where the
    word list has them, to find the matches: the GIN index looks up a few stems in a
    third of the time it scans all its entries of a prefix. Ranks take the prefix itself,
    which ts_rank weighs as one word (as it did before stems were listed)."""
    clauses = ["( " + " | ".join(match_expression(m, listed) for m in clause) + " )" for clause in query.required]
    expression = " & ".join(clauses)
    if query.excluded:
        expression += " & !( " + " | ".join(match_expression(m, listed) for m in query.excluded) + " )"
    return expression


MAX_POSITION = 16383  # PostgreSQL keeps word positions up to this one
MAX_POSITIONS = 256  # positions PostgreSQL keeps of one lexeme


def positioned(words: list[str]) -> str:
    """The words' lexemes at their positions, as a tsvector literal; stop words hold theirs."""
    positions: dict[str, list[int]] = {}
    for at, word in enumerate(words, start=1):
        found = lexeme(word)
        if found is not None:
            places = positions.setdefault(found, [])
            if len(places) < MAX_POSITIONS and (not places or places[-1] < MAX_POSITION):
                places.append(min(at, MAX_POSITION))
    return " ".join(f"{quote(found)}:{','.join(map(str, places))}" for found, places in positions.items())


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    tags_table = (TABLE, "letter_id")
    tables = (TABLE,)

    def index(self, documents: list[Document]) -> None:
        rows = [
            (
                d.letter_id,
                d.date,
                " ".join(d.tags),
                positioned(d.subject),
                positioned(d.sessions),
                positioned(d.body),
                [tag_lexeme(t) for t in d.tags],
            )
            for d in documents
        ]
        if rows:
            with self.connection.cursor() as cursor:
                cursor.executemany(UPSERT_SQL, rows)

    def set_tags(self, tags: dict[int, tuple[str, ...]]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(SET_TAGS_SQL, [(" ".join(t), [tag_lexeme(x) for x in t], pk) for pk, t in tags.items()])

    def remove(self, letter_ids: list[int]) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE letter_id = ANY(%s)", [list(letter_ids)])

    def optimize(self) -> None:
        # Fresh statistics, so the planner knows how common words and tags now are (autovacuum
        # would get there too, later).
        with self.connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")

    def remove_orphans(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} d WHERE NOT EXISTS (SELECT 1 FROM meetings_letter l WHERE l.id = d.letter_id)")

    def _where(self, query, within: Within | None, sample: bool = False, hidden: bool = False) -> tuple[str, list]:
        """The filters' tags are operands of the tsquery; their dates a range of the date column.
        `hidden`: the match out of the GIN index's reach (see best())."""
        tags = within.tags if within else ()
        where = f"coalesce({MATCH}, false)" if hidden else MATCH
        params = [" & ".join([f"( {tsquery(query, listed=True)} )"] + [quote(tag_lexeme(t)) for t in tags])]
        if sample:  # the literal condition of the partial index meetings_search_document_sample
            where += f" AND d.letter_id %% {SAMPLE_MODULUS} = 0"  # %% is "%" once the parameters are in
        if within is None:
            return where, params
        for operator, day in ((">=", within.date_from), ("<=", within.date_to)):
            if day:
                where += f" AND d.date {operator} %s"
                params.append(day)
        return where, params

    def count(self, query, within, limit: int | None, *, sample: bool = False) -> int:
        where, params = self._where(query, within, sample)
        return self._fetch(f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} d WHERE {where} LIMIT %s) s", params + [limit])[0][0]

    def newest(self, query, within, *, limit: int, offset: int) -> list[int]:
        # Index meetings_search_document_newest: for a common word PostgreSQL walks it and
        # stops after the page; for a rare one it sorts the few matches the GIN index gives.
        where, params = self._where(query, within)
        sql = f"SELECT d.letter_id FROM {TABLE} d WHERE {where} ORDER BY {NEWEST_FIRST} LIMIT %s OFFSET %s"
        return [row[0] for row in self._fetch(sql, params + [limit, offset])]

    def best(self, query, within, *, candidates: int | None, limit: int, offset: int, common: bool = False) -> list[int]:
        # With many matches the match is hidden from the GIN index, so that it is checked while
        # walking the date index, which stops at the newest candidates (the date range stays
        # usable). Left to itself PostgreSQL misjudges phrases ("air policing": a tenth of
        # the letters, it guesses, not a third) and reads every match to sort them: 190 ms
        # instead of 20.
        where, params = self._where(query, within, hidden=common)
        # Ranks are computed in the scan that reads the matches (walking the date index: of the
        # candidates only; from the GIN index: of every match, which is still cheaper than a
        # second index probe per candidate by a join), and sorted as bare numbers: sorted
        # along with their vectors (2.5 kB each) the candidates overflowed work_mem onto disk.
        ranked = f"SELECT d.letter_id, d.date, {RANKED} FROM {TABLE} d WHERE {where}"
        params = [tsquery(query)] + params
        if candidates is not None:
            ranked += f" ORDER BY {NEWEST_FIRST} LIMIT %s"
            params.append(candidates)
        sql = f"SELECT letter_id FROM ({ranked}) c ORDER BY {BEST_FIRST} LIMIT %s OFFSET %s"
        return [row[0] for row in self._fetch(sql, params + [limit, offset])]

    def count_and_best(
        self, query, within, *, count_limit: int, candidates: int, limit: int, offset: int
    ) -> tuple[int, list[int]]:
        # Ranking every match of a count below the limit costs less than finding them a
        # second time ("cyber*" in JEF meetings, 4,478 matches: 31 ms, against 27 + 33).
        return self._read_and_rank("count(*)", query, within, count_limit, candidates, limit, offset)

    def tags_and_best(
        self, query, within, *, tags_limit: int, candidates: int, limit: int, offset: int
    ) -> tuple[list[str], list[int] | None]:
        tags, ids = self._read_and_rank("array_agg(tags)", query, within, tags_limit, candidates, limit, offset)
        return tags or [], ids

    def _read_and_rank(self, aggregate: str, query, within, read_limit: int, candidates: int, limit: int, offset: int) -> tuple:
        """`aggregate` over the first `read_limit` matches, and a page of those ranked among
        the newest `candidates`, from one reading of the matches. Only their ids, dates, tags
        and ranks are kept (MATERIALIZED), not the vectors, which spilled onto disk."""
        where, params = self._where(query, within)
        sql = f"""
            WITH m AS MATERIALIZED (SELECT d.letter_id, d.date, d.tags, {RANKED} FROM {TABLE} d WHERE {where} LIMIT %s),
            c AS (SELECT letter_id, date, rank FROM m ORDER BY date DESC NULLS LAST, letter_id DESC LIMIT %s),
            p AS (SELECT letter_id, date, rank FROM c ORDER BY {BEST_FIRST} LIMIT %s OFFSET %s)
            SELECT (SELECT {aggregate} FROM m), (SELECT array_agg(letter_id ORDER BY {BEST_FIRST}) FROM p)"""
        found, ids = self._fetch(sql, [tsquery(query)] + params + [read_limit, candidates, limit, offset])[0]
        return found, ids or []

    def facet_tags(self, query, within, *, sample: bool = False, limit: int | None = None) -> list[str]:
        where, params = self._where(query, within, sample)
        return [row[0] for row in self._fetch(f"SELECT d.tags FROM {TABLE} d WHERE {where} LIMIT %s", params + [limit])]
