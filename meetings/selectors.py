"""Reads that assemble more than one QuerySet: the meeting page's comparison and the timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from . import marker
from .extract.body import section_text
from .models import Country, Letter, LetterMeeting, Meeting, Minister, Participation, Session, Topic
from .names import in_english
from .pairing import same_subject
from .rendering import heading_id


@dataclass
class SessionSide:
    session: Session
    letter: Letter
    paragraphs: list[str]

    @property
    def url(self) -> str:
        anchor = f"#{heading_id(self.session.heading)}" if self.session.heading else ""
        return self.letter.get_absolute_url() + anchor


@dataclass
class SessionRow:
    """One working session as the agenda planned it next to how the report tells it (and how
    a second report letter of the same meeting tells it, if one does)."""

    planned: SessionSide | None = None
    reported: SessionSide | None = None
    also_reported: list[SessionSide] = field(default_factory=list)

    @property
    def title(self) -> str:
        return (self.planned or self.reported).session.title

    def reported_in(self, letter: Letter) -> bool:
        return any(side.letter.pk == letter.pk for side in [self.reported, *self.also_reported] if side)

    def add_reported(self, side: SessionSide) -> None:
        if self.reported is None:
            self.reported = side
        else:
            self.also_reported.append(side)


@dataclass
class MeetingComparison:
    meeting: Meeting
    agendas: list[Letter] = field(default_factory=list)
    reports: list[Letter] = field(default_factory=list)
    others: list[Letter] = field(default_factory=list)
    rows: list[SessionRow] = field(default_factory=list)

    @property
    def has_planned(self) -> bool:
        return any(row.planned for row in self.rows)

    @property
    def has_reported(self) -> bool:
        return any(row.reported for row in self.rows)


def meeting_detail_queryset():
    return Meeting.objects.prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("country")),
        Prefetch("letter_links", queryset=LetterMeeting.objects.select_related("letter__minister").order_by("letter__date")),
        Prefetch("sessions", queryset=Session.objects.order_by("letter_id", "order")),
    )


def compare_meeting(meeting: Meeting) -> MeetingComparison:
    """Pair the agenda's sessions with the report's by their subject (meetings/pairing.py)."""
    comparison = MeetingComparison(meeting)
    for link in meeting.letter_links.all():
        {"announces": comparison.agendas, "reports": comparison.reports}.get(link.role, comparison.others).append(link.letter)
    by_letter = {k: list(v) for k, v in groupby(meeting.sessions.all(), key=lambda s: s.letter_id)}
    planned = [side(s, comparison.agendas) for letter in comparison.agendas for s in by_letter.get(letter.pk, [])]
    reported = [side(s, comparison.reports) for letter in comparison.reports for s in by_letter.get(letter.pk, [])]
    rows = [SessionRow(planned=p) for p in planned]
    for report_side in reported:
        match = best_row(rows, report_side)
        if match:
            match.add_reported(report_side)
        else:
            rows.append(SessionRow(reported=report_side))
    comparison.rows = rows
    return comparison


def best_row(rows: list[SessionRow], report_side: SessionSide) -> SessionRow | None:
    """The row of the same subject that this report letter has not told yet: the one sharing
    the most subject words, a row no report tells yet first on a tie."""
    title = report_side.session.title
    scored = [
        (same_subject(title, row.title), row.reported is None, -i, row)
        for i, row in enumerate(rows)
        if not row.reported_in(report_side.letter)
    ]
    best = max(scored, default=None, key=lambda t: t[:3])
    return best[3] if best and best[0] else None


def side(session: Session, letters: list[Letter]) -> SessionSide:
    letter = next(l for l in letters if l.pk == session.letter_id)
    paragraphs = section_text(letter.body, session.heading) if session.heading else []
    return SessionSide(session, letter, paragraphs[:2])


def neighbours(meeting: Meeting) -> tuple[Meeting | None, Meeting | None]:
    """The previous and next meeting of the same series."""
    same = Meeting.objects.in_series(meeting.series)
    previous = (
        same.filter(Q(start_date__lt=meeting.start_date) | Q(start_date=meeting.start_date, pk__lt=meeting.pk))
        .order_by("-start_date", "-pk")
        .first()
    )
    following = (
        same.filter(Q(start_date__gt=meeting.start_date) | Q(start_date=meeting.start_date, pk__gt=meeting.pk))
        .order_by("start_date", "pk")
        .first()
    )
    return previous, following


def archive_totals() -> dict:
    """archive_stats() as of the archive's current state: counted once per change of the
    archive (meetings/marker.py) and kept in the page cache, so no page counts every letter."""
    key = f"archive-totals:{marker.current().value}"
    totals = caches[settings.PAGE_CACHE].get(key)
    if totals is None:
        totals = archive_stats()
        caches[settings.PAGE_CACHE].set(key, totals, settings.PAGE_CACHE_SECONDS)
    return totals


def archive_stats() -> dict:
    """The home page's totals: real letters and meetings, the samples counted apart."""
    real, sample = Q(is_sample=False), Q(is_sample=True)
    letters = Letter.objects.aggregate(
        count=Count("id", filter=real),
        samples=Count("id", filter=sample),
        first=Min("date", filter=real),
        last=Max("date", filter=real),
    )
    meetings = Meeting.objects.count()
    real_meetings = Meeting.objects.real().count()
    return {
        "letters": letters["count"],
        "sample_letters": letters["samples"],
        "first": letters["first"],
        "last": letters["last"],
        "meetings": real_meetings,
        "sample_meetings": meetings - real_meetings,
        "ministers": Minister.objects.count(),
        "countries": Country.objects.taking_part().count(),
    }


@dataclass
class Coverage:
    """Which meetings have their agenda and report, counting real letters only: a meeting
    only sample letters name, or a sample agenda, is no coverage (the samples are counted apart)."""

    meetings: list[Meeting]
    real: int = 0
    complete: int = 0
    missing_agenda: int = 0
    missing_report: int = 0
    sample_only: int = 0


def coverage() -> Coverage:
    """The coverage page's table and totals, in one place (one query)."""
    meetings = list(meetings_with_letter_roles().order_by("-start_date", "series"))
    found = Coverage(meetings)
    for m in meetings:
        if not m.has_real_letter:
            found.sample_only += 1
            continue
        found.real += 1
        found.complete += bool(m.agenda_count and m.report_count)
        found.missing_agenda += not m.agenda_count
        found.missing_report += not m.report_count
    return found


def meetings_with_letter_roles():
    """Meetings annotated with how many real agenda and report letters they have, the first
    of each (a real one before a sample, for the timeline's badges to link to), and whether
    any real letter names them."""
    from .querysets import real_links

    return Meeting.objects.annotate(
        agenda_count=letters_in_role(LetterMeeting.Role.ANNOUNCES),
        report_count=letters_in_role(LetterMeeting.Role.REPORTS),
        agenda_id=first_letter_in_role(LetterMeeting.Role.ANNOUNCES),
        report_id=first_letter_in_role(LetterMeeting.Role.REPORTS),
        has_real_letter=Exists(real_links()),
    )


def first_letter_in_role(role: str):
    """The id of the meeting's earliest letter in this role, a real letter before a sample;
    correlated, like the counts."""
    links = LetterMeeting.objects.filter(meeting=OuterRef("pk"), role=role).order_by(
        "letter__is_sample", "letter__date", "letter_id"
    )
    return Subquery(links.values("letter_id")[:1])


def letters_in_role(role: str):
    """A correlated count of real letters: worked out for the rows of the page only."""
    links = (
        LetterMeeting.objects.filter(meeting=OuterRef("pk"), role=role, letter__is_sample=False)
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(links), 0)


def topics_with_counts():
    """Topics with their real letters and sessions counted, and their sample letters apart."""
    return Topic.objects.annotate(
        letter_count=Count("letters", filter=Q(letters__is_sample=False), distinct=True),
        sample_count=Count("letters", filter=Q(letters__is_sample=True), distinct=True),
        session_count=Count("sessions", distinct=True),
    ).order_by("name_en" if in_english() else "name")


@dataclass
class YearChart:
    """Letters on a topic per year, every year of the archive's span (a year without letters
    is a zero, not a gap), with the undated letters and the samples counted apart."""

    years: list[tuple[int, int, int]]  # (year, letters, bar length in % of the peak)
    peak: int
    undated: int
    samples: int


def topic_per_year(topic: Topic) -> list[tuple[int, int]]:
    """(year, letters on the topic) for the years that have any (the API's per_year)."""
    rows = (
        Letter.objects.filter(topics=topic, date__isnull=False)
        .values_list("date__year")
        .annotate(n=Count("id"))
        .order_by("date__year")
    )
    return list(rows)


def topic_year_chart(topic: Topic) -> YearChart:
    """The topic page's chart: real letters per year over the span of the archive's real letters."""
    real = Letter.objects.real()
    span = real.aggregate(first=Min("date"), last=Max("date"))
    on_topic = Letter.objects.filter(topics=topic)
    counts = dict(on_topic.real().filter(date__isnull=False).values_list("date__year").annotate(n=Count("id")).order_by())
    totals = on_topic.aggregate(
        undated=Count("id", filter=Q(date__isnull=True, is_sample=False)), samples=Count("id", filter=Q(is_sample=True))
    )
    if not span["first"]:
        return YearChart([], 0, totals["undated"], totals["samples"])
    peak = max(counts.values(), default=0)
    years = [
        (year, counts.get(year, 0), round(100 * counts.get(year, 0) / peak) if peak else 0)
        for year in range(span["first"].year, span["last"].year + 1)
    ]
    return YearChart(years, peak, totals["undated"], totals["samples"])
