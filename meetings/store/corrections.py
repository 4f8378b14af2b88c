"""Admin corrections that a later re-import must keep.

When an admin changes an extracted field in the admin, its name is added to the row's
`locked_fields`; the importer leaves locked fields as the admin set them. Inline edits lock a
whole relation ("sessions", "participants", "meetings"). Merged meetings remember the date
spans they absorbed, so a re-import finds the merged meeting again instead of splitting it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ..models import Letter, Meeting, Participation, Session

LETTER_FIELDS = {"kind", "date", "number", "dossier", "reference", "subject", "minister", "topics", "cosigners", "on_behalf_of"}
MEETING_FIELDS = {"series", "title", "start_date", "end_date", "location", "extraordinary", "virtual"}


def lock(row: Letter | Meeting, names) -> None:
    """Add field names to the row's locked fields (saved by the caller)."""
    row.locked_fields = sorted(set(row.locked_fields) | set(names))


def locked(row: Letter | Meeting | None, name: str) -> bool:
    return row is not None and name in row.locked_fields


@transaction.atomic
def merge_meetings(meetings: list[Meeting]) -> Meeting:
    """Fold the meetings into the one with the most letters; returns the kept meeting."""
    meetings = sorted(meetings, key=lambda m: (-m.letter_links.count(), m.pk))
    kept, others = meetings[0], meetings[1:]
    spans = list(kept.merged_spans)
    for other in others:
        spans.append([other.series, other.start_date.isoformat(), other.end_date.isoformat()])
        spans.extend(other.merged_spans)
        linked = set(kept.letter_links.values_list("letter_id", flat=True))
        other.letter_links.exclude(letter_id__in=linked).update(meeting=kept)
        Session.objects.filter(meeting=other).update(meeting=kept)
        Participation.objects.bulk_create(
            [Participation(meeting=kept, country_id=p.country_id, role=p.role) for p in other.participations.all()],
            ignore_conflicts=True,
        )
        kept.location = kept.location or other.location
        other.delete()
    kept.merged_spans = spans
    kept.save()
    return kept


def absorbs(meeting: Meeting, series: str, start: dt.date, end: dt.date) -> bool:
    """Did an admin merge a meeting of this series and these dates into `meeting`?"""
    return any(
        span_series == series and dt.date.fromisoformat(span_start) <= end and start <= dt.date.fromisoformat(span_end)
        for span_series, span_start, span_end in meeting.merged_spans
    )
