"""A parsed query in the index's terms: stems instead of words. Pure: no Django.

Both backends compile a LexemeQuery (to an FTS5 MATCH expression or a tsquery) and the
snippet builder finds its hits in a letter with `find_hits`, so what is matched and what is
marked come from one place.

A prefix (verdedig*) is matched against the stems, unstemmed itself: "verdedig" is the start
of the stem "verdedigd". A stem can be shorter than the prefix ("verdediging" -> "verded"),
so words that start with the prefix but whose stem does not are looked up among the indexed
words (`expand`) and their stems are matched whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from .query import AnyOf, Query, Term
from .words import lexeme

MAX_EXPANSIONS = 20  # stems of words that begin with a prefix while the stems do not (`also`)
MAX_COMPOUNDS = 200  # stems of the compounds one word heads (`also`): "beleid" heads many


@dataclass(frozen=True)
class Match:
    """A word or phrase as stems; None holds a stop word's place inside a phrase."""

    lexemes: tuple[str | None, ...]
    prefix: bool = False  # the last lexeme is a prefix of a stem
    also: tuple[str, ...] = ()  # whole stems the prefix also stands for; for a word, the compounds it heads
    # Every indexed stem the prefix stands for (those it begins and `also`), when the
    # word list has few enough to list them all; else None. A backend may match these
    # whole stems instead of the prefix (SQLite: FTS5 reads a prefix's matches all at once).
    stems: tuple[str, ...] | None = None

    def variants(self) -> list[Match]:
        """The match itself and, for a prefix, one whole-stem match per expansion."""
        return [self] + [Match(self.lexemes[:-1] + (stem,)) for stem in self.also]

    def whole_variants(self) -> list[Match] | None:
        """The same as variants(), but every one of whole stems; None when they are not known."""
        if not self.prefix or not self.stems:
            return None
        return [Match(self.lexemes[:-1] + (stem,)) for stem in self.stems]


@dataclass(frozen=True)
class LexemeQuery:
    required: tuple[tuple[Match, ...], ...] = ()  # every clause must match; a clause is alternatives
    excluded: tuple[Match, ...] = ()
    ignored: tuple[str, ...] = ()  # stop words dropped from the query

    @property
    def is_empty(self) -> bool:
        return not self.required

    def positive(self) -> list[Match]:
        return [m for clause in self.required for m in clause]


def to_match(
    term: Term,
    expand: Callable[[str], tuple[list[str], bool]] | None,
    ignored: list[str],
    headed: dict[str, list[str]] | None = None,
) -> Match | None:
    if term.prefix:
        stems = [lexeme(w) for w in term.words[:-1]] + [term.words[-1]]
    else:
        stems = [lexeme(w) for w in term.words]
    while stems and stems[0] is None:
        stems.pop(0)
    while stems and stems[-1] is None:
        stems.pop()
    ignored.extend(w for w in term.words if lexeme(w) is None and not (term.prefix and w == term.words[-1]))
    if not stems:
        return None
    if not term.prefix:
        heads = (headed or {}).get(stems[0], []) if len(stems) == 1 else []
        return Match(tuple(stems), also=tuple(s for s in heads if s != stems[0])[:MAX_COMPOUNDS])
    if expand is None:
        return Match(tuple(stems), term.prefix)
    found, complete = expand(stems[-1])
    found = list(dict.fromkeys(found))
    also = tuple(s for s in found if not s.startswith(stems[-1]))[:MAX_EXPANSIONS]
    whole = tuple(s for s in found if s.startswith(stems[-1])) + also if complete else None
    return Match(tuple(stems), term.prefix, also, whole)


def normalize(
    query: Query,
    expand: Callable[[str], tuple[list[str], bool]] | None = None,
    *,
    stem_budget: int = 0,
    compounds: Callable[[list[str]], dict[str, list[str]]] | None = None,
) -> LexemeQuery:
    """Stem the query's words; `expand(prefix)` gives the indexed stems that begin with the
    prefix and the stems of indexed words that do, and whether that is all of them. At most
    `stem_budget` of those are listed in the whole query (SEARCH_PREFIX_STEMS, read by the
    caller: this module reads no settings). `compounds(stems)` gives, for each stem of a
    single word, the stems of the indexed compounds it heads, which it matches too
    (word_list.stems_with_heads, one lookup for the whole query)."""
    ignored: list[str] = []
    required = []
    headed = compounds(single_word_stems(query)) if compounds is not None else {}
    for clause in query.required:
        terms = clause.terms if isinstance(clause, AnyOf) else (clause,)
        matches = [m for m in (to_match(t, expand, ignored, headed) for t in terms) if m]
        if matches:  # stop words drop out, as in PostgreSQL: "de OR Oekraïne" is "Oekraïne"
            required.append(tuple(dict.fromkeys(matches)))
    excluded = tuple(m for m in (to_match(t, expand, ignored, headed) for t in query.excluded) if m)
    return within_budget(LexemeQuery(tuple(dict.fromkeys(required)), excluded, tuple(dict.fromkeys(ignored))), stem_budget)


def single_word_stems(query: Query) -> list[str]:
    """The stems of the query's single words (not phrases or prefixes): what may head compounds."""
    terms = [t for clause in query.required for t in (clause.terms if isinstance(clause, AnyOf) else (clause,))]
    found = [lexeme(t.words[0]) for t in [*terms, *query.excluded] if len(t.words) == 1 and not t.prefix]
    return sorted({stem for stem in found if stem})


def within_budget(query: LexemeQuery, budget: int) -> LexemeQuery:
    """At most `budget` listed stems in a whole query (a query of many prefixes would
    otherwise become thousands of terms); prefixes beyond keep the prefix operator."""
    left = budget

    def spend(match: Match) -> Match:
        nonlocal left
        if match.stems is None:
            return match
        if len(match.stems) > left:
            return replace(match, stems=None)
        left -= len(match.stems)
        return match

    required = tuple(tuple(spend(m) for m in clause) for clause in query.required)
    return LexemeQuery(required, tuple(spend(m) for m in query.excluded), query.ignored)


def stem_matches(stem: str | None, pattern: str | None, prefix: bool) -> bool:
    if pattern is None:
        return True  # a stop word's place: any word (PostgreSQL's <N> distance works so)
    if stem is None:
        return False
    return stem.startswith(pattern) if prefix else stem == pattern


def find_hits(stems: list[str | None], matches: Iterable[Match]) -> list[tuple[int, int, int]]:
    """(first, last, which) for every occurrence of a match in a text's stems: the first and
    last token index, and the match's place in `matches`; in text order."""
    hits = set()
    for which, match in enumerate(matches):
        for variant in match.variants():
            size, last = len(variant.lexemes), len(variant.lexemes) - 1
            first = variant.lexemes[0]
            starts = [i for i, stem in enumerate(stems) if stem_matches(stem, first, variant.prefix and last == 0)]
            for i in starts:
                if i + size <= len(stems) and all(
                    stem_matches(stems[i + k], pattern, variant.prefix and k == last)
                    for k, pattern in enumerate(variant.lexemes[1:], start=1)
                ):
                    hits.add((i, i + last, which))
    return sorted(hits)
