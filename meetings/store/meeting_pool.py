"""The meetings a batch of letters names: found among the archived ones or made new, in memory,
then written in a few queries.

One meeting named by several letters is one row: a letter's meeting is the archived (or
earlier in the batch) meeting of the same series whose dates lie within a day of its dates,
or the meeting an admin merged such dates into. The report's dates win over the agenda's.
"""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Q

from ..extract.data import MeetingData
from ..extract.meetings import same_gathering
from ..extract.timing import SAME_MEETING_SLACK, letter_role, same_meeting_dates
from ..models import Letter, LetterMeeting, Meeting
from .corrections import absorbs, locked


class MeetingPool:
    """Meetings that may match the batch's meeting data, loaded (and locked) in two queries."""

    def __init__(self, wanted: list[MeetingData]):
        self.meetings: list[Meeting] = []
        self.reported: set[int] = set()  # id() of meetings that have a report letter
        self.absorbing: list[Meeting] = []
        self.new: list[Meeting] = []
        self.changed: dict[int, Meeting] = {}
        if not wanted:
            return
        self.meetings = list(Meeting.objects.select_for_update().filter(overlapping(wanted)).order_by("start_date", "pk"))
        self.absorbing = list(Meeting.objects.select_for_update().exclude(merged_spans=[]))
        by_pk = {m.pk: m for m in self.meetings}
        reports = LetterMeeting.objects.filter(meeting_id__in=by_pk, role=LetterMeeting.Role.REPORTS)
        self.reported = {id(by_pk[pk]) for pk in reports.values_list("meeting_id", flat=True)}

    def meeting_for(self, data: MeetingData, role: str) -> Meeting:
        """The row this letter's meeting data belongs to, updated with what the letter says."""
        meeting = self.find(data) or self.absorbed_by(data)
        if meeting is None:
            meeting = Meeting(series=data.series, title=data.title, start_date=data.start_date, end_date=data.end_date)
            meeting.slug = meeting.slug_base  # from the dates first named, as when written one by one
            self.meetings.append(meeting)
            self.new.append(meeting)
        elif (role == LetterMeeting.Role.REPORTS or id(meeting) not in self.reported) and not (
            locked(meeting, "start_date") or locked(meeting, "end_date")
        ):
            self.update(meeting, start_date=data.start_date, end_date=data.end_date)  # the report's dates win
        updates = {}
        if not locked(meeting, "location"):
            updates["location"] = meeting.location or (data.location or "")
        if not locked(meeting, "extraordinary"):
            updates["extraordinary"] = meeting.extraordinary or data.extraordinary
        if not locked(meeting, "virtual"):
            updates["virtual"] = meeting.virtual or data.virtual
        self.update(meeting, **updates)
        if role == LetterMeeting.Role.REPORTS:
            self.reported.add(id(meeting))
        return meeting

    def find(self, data: MeetingData) -> Meeting | None:
        matches = [
            m
            for m in self.meetings
            if m.series == data.series
            and same_meeting_dates(m.start_date, m.end_date, data.start_date, data.end_date)
            and same_gathering(m.series, m.title, data.title)
        ]
        return min(matches, key=lambda m: m.start_date) if matches else None

    def absorbed_by(self, data: MeetingData) -> Meeting | None:
        """The meeting that an admin merged a meeting with these dates into, if any."""
        meeting = next((m for m in self.absorbing if absorbs(m, data.series, data.start_date, data.end_date)), None)
        return self.same_object(meeting) if meeting else None

    def same_object(self, meeting: Meeting) -> Meeting:
        """One Python object per row, so that changes made through either are all saved."""
        for known in self.meetings:
            if known.pk == meeting.pk:
                return known
        self.meetings.append(meeting)
        return meeting

    def update(self, meeting: Meeting, **values) -> None:
        if any(getattr(meeting, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(meeting, name, value)
            if meeting.pk is not None:
                self.changed[meeting.pk] = meeting

    def save(self) -> None:
        """Insert the new meetings (with free slugs) and update the changed ones."""
        assign_slugs(self.new)
        Meeting.objects.bulk_create(self.new)
        if self.changed:
            fields = ["start_date", "end_date", "location", "extraordinary", "virtual"]
            Meeting.objects.bulk_update(list(self.changed.values()), fields)


def overlapping(wanted: list[MeetingData]) -> Q:
    """Meetings of the wanted series within a day of any wanted span (merged into few ranges)."""
    spans = sorted((d.start_date - SAME_MEETING_SLACK, d.end_date + SAME_MEETING_SLACK) for d in wanted)
    ranges = [list(spans[0])]
    for start, end in spans[1:]:
        if start <= ranges[-1][1] + dt.timedelta(days=30):  # a short gap: one range reads less SQL
            ranges[-1][1] = max(ranges[-1][1], end)
        else:
            ranges.append([start, end])
    dates = reduce(or_, (Q(start_date__lte=end, end_date__gte=start) for start, end in ranges))
    return Q(series__in={d.series for d in wanted}) & dates


def assign_slugs(meetings: list[Meeting]) -> None:
    """Free slugs for new meetings, in one query for the whole batch (Meeting.slug_base)."""
    if meetings:
        slugs = Meeting.objects.free_slugs([m.slug or m.slug_base for m in meetings])
        for meeting, slug in zip(meetings, slugs):
            meeting.slug = slug


def role_of(letter: Letter, meeting: MeetingData) -> str:
    """The letter's role for the meeting, from the letter's (perhaps corrected) date and kind."""
    return letter_role(letter.date, letter.kind, meeting.start_date, meeting.end_date)
