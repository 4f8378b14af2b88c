"""A search: the parsed query, the filters, and what the page, the API and the feed show.

    search = Search(request.GET)
    page = search.page(offset, limit)      # total and ids, best or newest first
    search.hits(page.ids), search.facets(), search.total

The filters become the index's own tag terms and a date range (within()); the backend
counts, ranks, sorts and facets the matches in its own tables (backends/). `matches()`
gives the matching letters as a QuerySet for anything else. A blank query, or one of stop
words only, matches nothing.

What a search costs is bounded, so that it stays fast however large the archive grows:
matches are counted up to count_limit() (10,000; beyond, the page says "more than"); relevance
is ranked among the newest rank_candidates() matches (2,000), which come first, the older ones
after them newest first; and when more letters match than are counted, the facet counts are
estimated from the tenth of the letters whose id is a multiple of SAMPLE_MODULUS (marked as
estimates). Below those bounds, which is every search of an archive of a few thousand
letters, everything is exact.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString, mark_safe

from ..models import Letter, LetterMeeting, Meeting, Session
from .backends import get_backend
from .backends.base import SAMPLE_MODULUS, Page, Within, count_limit, rank_candidates
from .facets import Facet, count_tags, filter_tag, labelled_facets
from .filters import SearchFilter
from .language.lexemes import LexemeQuery, normalize
from .language.query import Query, parse, replace_words
from .language.snippets import Snippet, highlight, mentions
from .language.words import fold_accents, is_vocabulary_word
from .word_list import closest_word, known_words, stems_with_prefix

SORTS = ("relevance", "date")


@dataclass
class Hit:
    """A found letter; `meetings` are those the hit belongs to: the meeting of the working
    session the hit is in when that is known, else every meeting the letter is about."""

    letter: Letter
    title_html: SafeString
    snippet_html: SafeString
    meetings: list[Meeting]
    session: Session | None = None


@dataclass(frozen=True)
class Total:
    count: int  # the letters that match: counted, or beyond count_limit() estimated
    exact: bool

    @property
    def browsable(self) -> int:
        """How many of them can be paged through: the counted ones."""
        return self.count if self.exact else count_limit()


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


@dataclass
class Loosening:
    """An active filter, and how many letters the search finds without it."""

    name: str
    label: str
    value: str
    count: int
    url: str = ""


class Search:
    def __init__(self, params, *, text: str | None = None, sort: str | None = None):
        self.params = params
        self.text = str(params.get("q", "") if text is None else text)
        self.query: Query = parse(self.text)
        self.lexemes = LexemeQuery() if self.query.is_empty else normalize(self.query, expand=stems_with_prefix)
        self.filterset = SearchFilter(params or None, queryset=Letter.objects.all())
        sort = sort or params.get("sort")
        self.sort = sort if sort in SORTS else "relevance"
        self.backend = get_backend()
        self.facets_wanted = False  # facets() sets it: the total then comes from the tags it reads
        # expect_page() or page() set rank_wanted (offset, limit) before the total is asked
        # for; a count or the facets' tags that read every match anyway then rank them too
        # (ranked_early: offset, limit, ids).
        self.rank_wanted: tuple[int, int] | None = None
        self.ranked_early: tuple[int, int, list[int]] | None = None

    @property
    def is_empty(self) -> bool:
        return self.lexemes.is_empty

    @cached_property
    def filters(self) -> dict:
        return self.filterset.active()

    def filtered(self, skip: str | None = None) -> QuerySet | None:
        """The letters the filters allow (all but `skip`), or None when no filter is set."""
        names = [n for n in self.filters if n != skip]
        if not names:
            return None
        queryset = Letter.objects.all()
        for name in names:
            queryset = self.filterset.filters[name].filter(queryset, self.filters[name])
        return queryset.order_by()  # a DISTINCT subquery selects its ordering columns too

    def matches(self, skip: str | None = None) -> QuerySet:
        if self.is_empty:
            return Letter.objects.none()
        sql, params = self.backend.match_sql(self.lexemes)
        queryset = Letter.objects.filter(pk__in=RawSQL(sql, params))
        allowed = self.filtered(skip)
        return queryset if allowed is None else queryset.filter(pk__in=allowed.values("pk"))

    def within(self, skip: str | None = None) -> Within | None:
        """What the filters (all but `skip`) allow, for the backend; None without filters.

        The filters are facet tags of the index entries, which hold the same facts as the
        browse QuerySet methods' joins (kept in step by the indexer; tests compare the two).
        A year is the range of its dates, narrowed further by from/to."""
        active = {name: value for name, value in self.filters.items() if name != skip}
        if not active:
            return None
        starts = [day for day in (active.pop("from", None),) if day]
        ends = [day for day in (active.pop("to", None),) if day]
        if year := active.pop("year", None):
            starts.append(dt.date(int(year), 1, 1))
            ends.append(dt.date(int(year), 12, 31))
        tags = tuple(filter_tag(name, value) for name, value in active.items())
        return Within(tags, max(starts, default=None), min(ends, default=None))

    def count_matches(self, skip: str | None = None) -> Total:
        """How many letters match; `skip` leaves out one filter.

        The sample (the tenth of the letters whose id is a multiple of SAMPLE_MODULUS) is
        counted first, at a tenth of the cost. When it shows far more matches than
        count_limit(), the total is its estimate; else the matches are counted, up to the
        limit, and only beyond it estimated."""
        if self.is_empty:
            return Total(0, True)
        limit, within = count_limit(), self.within(skip)
        # When the page wants the facets, the tags it reads anyway give the counts too.
        tags = self.facets_wanted and skip is None
        sampled = len(self.sample_tags) if tags else self.backend.count(self.lexemes, within, None, sample=True)
        estimate = sampled * SAMPLE_MODULUS
        if not surely_beyond(estimate, limit):
            if tags:
                found = len(self.all_tags)
            elif skip is None and self.rank_wanted:  # page() will rank them: count while ranking
                found, ids = self.backend.count_and_best(self.lexemes, within, count_limit=limit + 1, **self.rank_request())
                self.keep_ranking(found, ids)
            else:
                found = self.backend.count(self.lexemes, within, limit + 1)
            if found <= limit:
                return Total(found, True)
        return Total(rounded(max(estimate, limit + 1)), False)

    @cached_property
    def sample_tags(self) -> list[str]:
        return self.backend.facet_tags(self.lexemes, self.within(), sample=True)

    @cached_property
    def all_tags(self) -> list[str]:
        """Up to count_limit() + 1: more are not counted (count_matches), only estimated."""
        if not self.rank_wanted:
            return self.backend.facet_tags(self.lexemes, self.within(), limit=count_limit() + 1)
        tags, ids = self.backend.tags_and_best(self.lexemes, self.within(), tags_limit=count_limit() + 1, **self.rank_request())
        self.keep_ranking(len(tags), ids)
        return tags

    def rank_request(self) -> dict:
        offset, limit = self.rank_wanted
        return {"candidates": rank_candidates(), "limit": limit, "offset": offset}

    def keep_ranking(self, found: int, ids: list[int] | None) -> None:
        """Keep a page ranked while the matches were read, if they were read in full (found
        no more than count_limit()), so that it is the page best() would rank."""
        if ids is not None and found <= count_limit():
            self.ranked_early = (*self.rank_wanted, ids)

    @cached_property
    def total(self) -> Total:
        return self.count_matches()

    def count(self, skip: str | None = None) -> int:
        return self.count_matches(skip).count

    def expect_page(self, offset: int, limit: int) -> None:
        """Say which page will be asked for, before the facets, so that reading every match's
        tags can rank them too."""
        if self.sort == "relevance" and offset < rank_candidates():
            self.rank_wanted = (offset, limit)

    def page(self, offset: int, limit: int) -> Page:
        """The total and one page of ids, in the chosen order. Only the counted matches are
        paged through: a search that finds more shows the first count_limit()."""
        self.expect_page(offset, limit)
        total = self.total.browsable
        limit = min(limit, total - offset)
        if limit <= 0:
            return Page(self.total.count, [])
        return Page(self.total.count, self.newest(offset, limit) if self.sort == "date" else self.best(offset, limit, total))

    def newest(self, offset: int, limit: int) -> list[int]:
        return self.backend.newest(self.lexemes, self.within(), limit=limit, offset=offset)

    def best(self, offset: int, limit: int, total: int) -> list[int]:
        """The ranked newest candidates first, then the older matches, newest first."""
        candidates = rank_candidates()
        few = self.total.exact and total <= candidates  # all are ranked: no need to find the newest
        ids = []
        if offset < candidates:
            ranked = min(limit, candidates - offset)
            early_offset, early_limit, early_ids = self.ranked_early or (None, 0, [])
            if early_offset == offset and early_limit >= ranked:  # the same ranking, read while counting
                ids = early_ids[:ranked]
            else:
                ids = self.backend.best(
                    self.lexemes, self.within(), candidates=None if few else candidates, limit=ranked, offset=offset,
                    common=not self.total.exact,
                )
        if offset + limit > candidates and not few:
            start = max(offset, candidates)
            ids += self.newest(start, offset + limit - start)
        return ids

    def page_ids(self, offset: int, limit: int) -> list[int]:
        return self.page(offset, limit).ids

    def hits(self, ids: list[int]) -> list[Hit]:
        """The letters with these ids, in this order, with snippet, meeting and session.

        Links, sessions and meetings are read in queries of their own, each by key: joined
        to meetings, the links and sessions were hash joins that read every meeting."""
        letters = Letter.objects.filter(pk__in=ids).select_related("minister").in_bulk()
        ordered = [letters[pk] for pk in ids if pk in letters]
        if not ordered:
            return []
        links = LetterMeeting.objects.filter(letter_id__in=letters).order_by().values_list("letter_id", "meeting_id")
        sessions = list(Session.objects.filter(letter_id__in=letters).only("letter_id", "meeting_id", "title", "heading").order_by("order", "pk"))
        meeting_ids = {m for _letter, m in links} | {s.meeting_id for s in sessions}
        meetings = Meeting.objects.only("title", "slug", "start_date", "end_date").in_bulk(meeting_ids)
        letter_meetings: dict[int, list[Meeting]] = {}
        for letter_id, meeting_id in links:
            letter_meetings.setdefault(letter_id, []).append(meetings[meeting_id])
        letter_sessions: dict[int, list[Session]] = {}
        for session in sessions:
            session.meeting = meetings[session.meeting_id]
            letter_sessions.setdefault(session.letter_id, []).append(session)
        snippets = self.backend.snippets(self.lexemes, ordered)
        return [
            self.hit(
                letter, snippets.get(letter.pk) or Snippet(""), letter_sessions.get(letter.pk, []),
                sorted(letter_meetings.get(letter.pk, []), key=lambda m: (m.start_date, m.pk)),
            )
            for letter in ordered
        ]

    def hit(self, letter: Letter, snippet: Snippet, sessions: list[Session], meetings: list[Meeting]) -> Hit:
        heading = fold_accents(snippet.heading)
        session = next((s for s in sessions if mentions(s.title, self.lexemes)), None) or next(
            (s for s in sessions if heading and s.heading and fold_accents(s.heading) == heading), None
        )
        return Hit(letter, mark_safe(highlight(letter.subject, self.lexemes)), mark_safe(snippet.html), [session.meeting] if session else meetings, session)

    def facets(self) -> list[Facet]:
        """Counts by kind, year, minister, series, country and topic: the matching letters'
        stored tags counted here (one query), and the names of ministers, countries, topics.
        When more letters match than are counted, the counts are estimates: the sample's
        counts (letters whose id is a multiple of SAMPLE_MODULUS) times SAMPLE_MODULUS."""
        if self.is_empty:
            return []
        self.facets_wanted = True
        estimated = not self.total.exact
        counts = count_tags(self.sample_tags if estimated else self.all_tags)
        if estimated:
            counts = {name: [(value, rounded(n * SAMPLE_MODULUS)) for value, n in pairs] for name, pairs in counts.items()}
        return labelled_facets(counts, self.params, estimated=estimated)

    def suggestion(self) -> tuple[str, int] | None:
        """A query with misspelt words replaced by the closest indexed words, if it finds letters."""
        typed = {w for term in self.query.terms() for w in term.words if is_vocabulary_word(w)}
        unknown = typed - known_words(typed)
        replacements = {w: found for w in sorted(unknown) if (found := closest_word(w))}
        if not replacements:
            return None
        text = str(replace_words(self.query, replacements))
        count = Search(self.params, text=text).count()
        return (text, count) if count else None

    def active_filters(self) -> list[tuple[str, str, str]]:
        """(parameter, label, value as shown) of each filter in effect."""
        found = []
        for name, value in self.filters.items():
            field = self.filterset.filters[name]
            shown = dict(field.extra.get("choices", ())).get(value, value)
            found.append((name, str(field.label), str(shown)))
        return found

    def loosenings(self) -> list[Loosening]:
        """For each active filter, the number of letters found without it."""
        return [Loosening(name, label, shown, self.count(skip=name)) for name, label, shown in self.active_filters()]
