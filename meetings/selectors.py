"""Reads that assemble more than one QuerySet: the meeting page's comparison and the timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from . import marker
from .extract.body import section_text
from .extract.sessions import key_words
from .models import Country, Letter, LetterMeeting, Meeting, Minister, Participation, Session, Topic
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
    """One working session as the agenda planned it next to how the report tells it."""

    planned: SessionSide | None = None
    reported: SessionSide | None = None


@dataclass
class MeetingComparison:
    meeting: Meeting
    agendas: list[Letter] = field(default_factory=list)
    reports: list[Letter] = field(default_factory=list)
    others: list[Letter] = field(default_factory=list)
    rows: list[SessionRow] = field(default_factory=list)


def meeting_detail_queryset():
    return Meeting.objects.prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("country")),
        Prefetch("letter_links", queryset=LetterMeeting.objects.select_related("letter__minister").order_by("letter__date")),
        Prefetch("sessions", queryset=Session.objects.order_by("letter_id", "order")),
    )


def compare_meeting(meeting: Meeting) -> MeetingComparison:
    """Pair the agenda's sessions with the report's by their key words."""
    comparison = MeetingComparison(meeting)
    for link in meeting.letter_links.all():
        {"announces": comparison.agendas, "reports": comparison.reports}.get(link.role, comparison.others).append(link.letter)
    by_letter = {k: list(v) for k, v in groupby(meeting.sessions.all(), key=lambda s: s.letter_id)}
    planned = [side(s, comparison.agendas) for letter in comparison.agendas for s in by_letter.get(letter.pk, [])]
    reported = [side(s, comparison.reports) for letter in comparison.reports for s in by_letter.get(letter.pk, [])]
    rows = [SessionRow(planned=p) for p in planned]
    for report_side in reported:
        words = key_words(report_side.session.title)
        match = next((r for r in rows if r.reported is None and words & key_words(r.planned.session.title)), None)
        if match:
            match.reported = report_side
        else:
            rows.append(SessionRow(reported=report_side))
    comparison.rows = rows
    return comparison


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
    """The archive's totals and period (the one place they are counted; archive_totals keeps them)."""
    letters = Letter.objects.aggregate(count=Count("id"), first=Min("date"), last=Max("date"))
    return {
        "letters": letters["count"],
        "first": letters["first"],
        "last": letters["last"],
        "meetings": Meeting.objects.count(),
        "ministers": Minister.objects.count(),
        "countries": Country.objects.taking_part().count(),
    }


def meetings_with_letter_roles():
    """Meetings annotated with how many agenda and report letters they have, and the first
    of each (for the timeline's badges to link to)."""
    return Meeting.objects.annotate(
        agenda_count=letters_in_role(LetterMeeting.Role.ANNOUNCES),
        report_count=letters_in_role(LetterMeeting.Role.REPORTS),
        agenda_id=first_letter_in_role(LetterMeeting.Role.ANNOUNCES),
        report_id=first_letter_in_role(LetterMeeting.Role.REPORTS),
    )


def first_letter_in_role(role: str):
    """The id of the meeting's earliest letter in this role; correlated, like the counts."""
    links = LetterMeeting.objects.filter(meeting=OuterRef("pk"), role=role).order_by("letter__date", "letter_id")
    return Subquery(links.values("letter_id")[:1])


def letters_in_role(role: str):
    """A correlated count: worked out for the rows of the page only, not for every meeting."""
    links = (
        LetterMeeting.objects.filter(meeting=OuterRef("pk"), role=role)
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(links), 0)


def topics_with_counts():
    return Topic.objects.annotate(
        letter_count=Count("letters", distinct=True), session_count=Count("sessions", distinct=True)
    ).order_by("name")


def topic_per_year(topic: Topic) -> list[tuple[int, int]]:
    """(year, letters on the topic) for the topic page's small chart."""
    rows = (
        Letter.objects.filter(topics=topic, date__isnull=False)
        .values_list("date__year")
        .annotate(n=Count("id"))
        .order_by("date__year")
    )
    return list(rows)
