"""The API's reads: each list or detail QuerySet prefetches what its serializer touches, so a
response runs a fixed number of queries whatever the number of rows (STYLE.md, habit 8)."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch

from ..models import Citation, Country, Letter, LetterMeeting, Meeting, Minister, Participation, Session
from ..selectors import topics_with_counts


def letter_meetings() -> Prefetch:
    return Prefetch(
        "meeting_links", queryset=LetterMeeting.objects.select_related("meeting").order_by("meeting__start_date", "meeting__slug")
    )


def letters():
    """Letters for a list: no body (it can be long), with their meetings and topics."""
    return (
        Letter.objects.select_related("minister")
        .defer("body", "warnings")
        .prefetch_related(letter_meetings(), "topics")
        .order_by("-date", "-id")
    )


def letter_detail():
    return Letter.objects.select_related("minister").prefetch_related(
        letter_meetings(),
        "topics",
        "cosigners",
        "footnotes",
        Prefetch("citations", queryset=Citation.objects.order_by("id")),
    )


def meetings():
    """Meetings with their partner countries, working sessions and letters."""
    return Meeting.objects.prefetch_related(
        Prefetch("participations", queryset=Participation.objects.order_by("country_id")),
        Prefetch("sessions", queryset=Session.objects.order_by("letter_id", "order")),
        Prefetch(
            "letter_links",
            queryset=LetterMeeting.objects.select_related("letter")
            .defer("letter__body", "letter__warnings")
            .order_by(F("letter__date").asc(nulls_last=True), "letter_id"),
        ),
    ).order_by("-start_date", "series", "slug")


def countries():
    """Countries that took part in at least one meeting, as on the countries page."""
    return Country.objects.annotate(meeting_count=Count("participations")).filter(meeting_count__gt=0).order_by("name_nl", "code")


def participations(country: Country):
    return (
        Participation.objects.filter(country=country).select_related("meeting").order_by("meeting__start_date", "meeting__slug")
    )


def ministers():
    return Minister.objects.annotate(letter_count=Count("letters")).order_by("name")


def topics():
    return topics_with_counts()
