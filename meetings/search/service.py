"""A search: the parsed query and the filters, run once for what a page, the API or the feed shows.

    result = Search(request.GET).run(offset=0, limit=25, facets=True)
    result.total, result.ids, result.hits, result.facets

run() is told up front everything the caller wants, and asks the backend for it in as few
readings of the matches as it can: the total always, one page in the chosen order, and with
`facets` the matches' facet tags, which give the total as well. A page ranked by relevance is
ranked in the same reading that counts the matches or reads their tags, where the backend can
(PostgreSQL: count_and_best, tags_and_best, one query each). A Search keeps no state between
calls: run() twice, or suggestion() and loosenings() in any order, give the same answers.

The filters become the index's own tag terms and a date range (filters.within); the backend
counts, ranks, sorts and reads tags in its own tables (backends/). A blank query, or one of
stop words only, matches nothing.

What a search costs is bounded (limits.py; archive/settings.py says why), so that it stays
fast however large the archive grows: matches are counted up to Limits.count (beyond, the page
says "more than", and only that many can be paged through); relevance ranks the newest
Limits.rank_candidates matches, which come first, the older after them newest first; and when
more letters match than are counted, the total and the facet counts are estimated from the
tenth of the letters whose id is a multiple of SAMPLE_MODULUS (marked as estimates).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property, partial

from ..models import Letter
from .backends import get_backend
from .backends.base import SAMPLE_MODULUS, Within
from .facets import Facet, count_tags, labelled_facets
from .filters import SearchFilter, within
from .hits import Hit, load_hits
from .language.lexemes import LexemeQuery, normalize
from .language.query import Query, parse, replace_words
from .language.words import is_vocabulary_word
from .limits import Limits
from .word_list import closest_word, known_words, stems_with_heads, stems_with_prefix

SORTS = ("relevance", "date")


@dataclass(frozen=True)
class Total:
    count: int  # the letters that match: counted, or beyond Limits.count estimated
    exact: bool
    browsable: int  # how many of them can be paged through: the counted ones


NO_MATCHES = Total(0, True, 0)


@dataclass(frozen=True)
class SearchResult:
    """What run() found: the total, one page of ids (best or newest first) with their hits,
    and the facets when they were asked for."""

    total: Total
    offset: int
    ids: list[int]
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)


@dataclass(frozen=True)
class Ranking:
    """A page to rank by relevance, known before the matches are read, so that a backend that
    reads every match anyway can rank them in the same pass."""

    offset: int
    limit: int
    candidates: int

    def arguments(self) -> dict:
        return {"candidates": self.candidates, "limit": self.limit, "offset": self.offset}


@dataclass(frozen=True)
class Matches:
    """What one reading of the matches gave: the total, the tags the facets count (the
    sample's when the total is estimated), and the ranked page if it was ranked in that pass."""

    total: Total
    tags: list[str] | None = None
    ranked: list[int] | None = None


@dataclass
class Loosening:
    """An active filter, and how many letters the search finds without it."""

    name: str
    label: str
    value: str
    count: int
    url: str = ""


def surely_beyond(estimate: int, limit: int) -> bool:
    """Whether a sample's estimate shows more matches than `limit` beyond reasonable doubt:
    it exceeds the limit by five standard deviations of the estimate of a total at the limit
    (each match is in the sample with chance 1/SAMPLE_MODULUS). At a limit of 10,000 that
    is an estimate over 11,500; a sample that far off comes once in three million."""
    chance = 1 / SAMPLE_MODULUS
    deviation = SAMPLE_MODULUS * math.sqrt(limit * chance * (1 - chance))
    return estimate > limit + 5 * deviation


def rounded(estimate: int) -> int:
    """An estimate to two significant digits: 25,810 is about 26,000."""
    return int(float(f"{estimate:.2g}")) if estimate >= 100 else estimate


class Search:
    """A query and its filters, from the request's parameters (`text` and `sort` replace
    theirs); run() is the one way to what they find."""

    def __init__(self, params, *, text: str | None = None, sort: str | None = None):
        self.params = params
        self.text = str(params.get("q", "") if text is None else text)
        self.query: Query = parse(self.text)
        self.limits = Limits.from_settings()
        self.lexemes = self._stemmed(self.query)
        self.filterset = SearchFilter(params or None, queryset=Letter.objects.all())
        sort = sort or params.get("sort")
        self.sort = sort if sort in SORTS else "relevance"
        self.backend = get_backend()

    def _stemmed(self, query: Query) -> LexemeQuery:
        """The query in stems; a prefix as the indexed stems it stands for, within the budget."""
        if query.is_empty:
            return LexemeQuery()
        expand = partial(stems_with_prefix, limit=self.limits.prefix_stems)
        compounds = partial(stems_with_heads, limit=self.limits.prefix_stems)
        return normalize(query, expand, stem_budget=self.limits.prefix_stems, compounds=compounds)

    @property
    def is_empty(self) -> bool:
        return self.lexemes.is_empty

    @cached_property
    def filters(self) -> dict:
        return self.filterset.active()

    def run(self, *, offset: int = 0, limit: int, facets: bool = False, hits: bool = True) -> SearchResult:
        """The total and the page of `limit` matches from `offset`, in the chosen order, with
        their hits; with `facets`, the facet counts too. Only the counted matches are paged
        through: a page beyond Limits.count, or beyond the last match, is empty."""
        if self.is_empty:
            return SearchResult(NO_MATCHES, offset, [])
        allowed = within(self.filters)
        matches = self._read(allowed, ranking=self._ranking(offset, limit), tags=facets)
        ids = self._page(allowed, matches, offset, limit)
        return SearchResult(
            matches.total,
            offset,
            ids,
            hits=load_hits(self.backend, self.lexemes, ids) if hits else [],
            facets=self._facets(matches) if facets else [],
        )

    def _ranking(self, offset: int, limit: int) -> Ranking | None:
        """The page to rank: in relevance order, a page that starts among the ranked newest
        candidates (later pages are read newest first)."""
        candidates = self.limits.rank_candidates
        if self.sort != "relevance" or offset >= candidates or limit <= 0:
            return None
        return Ranking(offset, limit, candidates)

    def _read(self, allowed: Within | None, *, ranking: Ranking | None = None, tags: bool = False) -> Matches:
        """How many letters match and pass the filters (`allowed`).

        The sample (the tenth of the letters whose id is a multiple of SAMPLE_MODULUS) is
        read first, at a tenth of the cost: counted, or with `tags` its tags. When it shows
        far more matches than Limits.count, the total is its estimate; else the matches are
        read in full (_read_all), up to the limit, and only beyond it estimated."""
        limit = self.limits.count
        sample = self.backend.facet_tags(self.lexemes, allowed, sample=True) if tags else None
        sampled = len(sample) if sample is not None else self.backend.count(self.lexemes, allowed, None, sample=True)
        estimate = sampled * SAMPLE_MODULUS
        if not surely_beyond(estimate, limit):
            found, every, ranked = self._read_all(allowed, ranking, tags)
            if found <= limit:  # read in full: the ranking, if any, is the page's
                return Matches(Total(found, True, found), every, ranked)
        return Matches(Total(rounded(max(estimate, limit + 1)), False, limit), sample)

    def _read_all(
        self, allowed: Within | None, ranking: Ranking | None, tags: bool
    ) -> tuple[int, list[str] | None, list[int] | None]:
        """The matches counted up to Limits.count + 1, with `tags` their tags; a backend that
        reads each match for that may rank the `ranking` page in the same pass."""
        cap = self.limits.count + 1
        if tags and ranking:
            every, ranked = self.backend.tags_and_best(self.lexemes, allowed, tags_limit=cap, **ranking.arguments())
            return len(every), every, ranked
        if tags:
            every = self.backend.facet_tags(self.lexemes, allowed, limit=cap)
            return len(every), every, None
        if ranking:
            found, ranked = self.backend.count_and_best(self.lexemes, allowed, count_limit=cap, **ranking.arguments())
            return found, None, ranked
        return self.backend.count(self.lexemes, allowed, cap), None, None

    def _page(self, allowed: Within | None, matches: Matches, offset: int, limit: int) -> list[int]:
        """One page of ids in the chosen order, among the browsable matches."""
        limit = min(limit, matches.total.browsable - offset)
        if limit <= 0:
            return []
        if self.sort == "date":
            return self.backend.newest(self.lexemes, allowed, limit=limit, offset=offset)
        return self._best(allowed, matches, offset, limit)

    def _best(self, allowed: Within | None, matches: Matches, offset: int, limit: int) -> list[int]:
        """The ranked newest candidates first, then the older matches, newest first."""
        candidates, total = self.limits.rank_candidates, matches.total
        few = total.exact and total.count <= candidates  # all are ranked: no need to find the newest
        ids: list[int] = []
        if offset < candidates:
            ranked = min(limit, candidates - offset)
            if matches.ranked is not None:  # ranked while the matches were read
                ids = matches.ranked[:ranked]
            else:
                ids = self.backend.best(
                    self.lexemes,
                    allowed,
                    candidates=None if few else candidates,
                    limit=ranked,
                    offset=offset,
                    common=not total.exact,
                )
        if offset + limit > candidates and not few:
            start = max(offset, candidates)
            ids += self.backend.newest(self.lexemes, allowed, limit=offset + limit - start, offset=start)
        return ids

    def _facets(self, matches: Matches) -> list[Facet]:
        """Counts by kind, year, minister, series, country and topic: the tags read with the
        total, counted here, and the names of ministers, countries and topics. When more
        letters match than are counted, the counts are estimates: the sample's counts (letters
        whose id is a multiple of SAMPLE_MODULUS) times SAMPLE_MODULUS."""
        estimated = not matches.total.exact
        counts = count_tags(matches.tags)
        if estimated:
            counts = {name: [(value, rounded(n * SAMPLE_MODULUS)) for value, n in pairs] for name, pairs in counts.items()}
        return labelled_facets(counts, self.params, estimated=estimated)

    def _total_without(self, skip: str | None = None) -> Total:
        """The total, counted alone (no page, no tags), without the filter `skip`."""
        if self.is_empty:
            return NO_MATCHES
        return self._read(within({name: value for name, value in self.filters.items() if name != skip})).total

    def suggestion(self) -> tuple[str, int] | None:
        """A query with misspelt words replaced by the closest indexed words, if it finds letters."""
        typed = {w for term in self.query.terms() for w in term.words if is_vocabulary_word(w)}
        unknown = typed - known_words(typed)
        replacements = {w: found for w in sorted(unknown) if (found := closest_word(w))}
        if not replacements:
            return None
        text = str(replace_words(self.query, replacements))
        count = Search(self.params, text=text)._total_without().count
        return (text, count) if count else None

    def active_filters(self) -> list[tuple[str, str, str]]:
        """(parameter, label, value as shown) of each filter in effect."""
        found = []
        for name, value in self.filters.items():
            declared = self.filterset.filters[name]
            shown = dict(declared.extra.get("choices", ())).get(value, value)
            found.append((name, str(declared.label), str(shown)))
        return found

    def loosenings(self) -> list[Loosening]:
        """For each active filter, the number of letters found without it."""
        return [
            Loosening(name, label, shown, self._total_without(skip=name).count) for name, label, shown in self.active_filters()
        ]
