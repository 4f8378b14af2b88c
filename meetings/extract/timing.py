"""How a letter's date and a meeting's dates relate: two rules the extraction and the store share.

- A letter written before a meeting announces it (a geannoteerde agenda); one written after
  it reports on it (a verslag). Between the first and the last day the date says nothing.
- Two mentions of a meeting of one series whose dates lie within a day of each other are the
  same meeting: the agenda's "15 maart" is the report's "14 en 15 maart".
"""

from __future__ import annotations

import datetime as dt

SAME_MEETING_SLACK = dt.timedelta(days=1)

ANNOUNCES, REPORTS, MENTIONS = "announces", "reports", "mentions"
ROLE_OF_KIND = {"agenda": ANNOUNCES, "report": REPORTS}


def role_by_dates(letter_date: dt.date | None, start: dt.date, end: dt.date) -> str | None:
    """ANNOUNCES when written before the meeting, REPORTS after it, None when the dates don't say."""
    if letter_date is None:
        return None
    if letter_date < start:
        return ANNOUNCES
    if letter_date > end:
        return REPORTS
    return None


def letter_role(letter_date: dt.date | None, kind: str, start: dt.date, end: dt.date) -> str:
    """The letter's role for one of its meetings: by the dates, else by the letter's kind."""
    return role_by_dates(letter_date, start, end) or ROLE_OF_KIND.get(kind, MENTIONS)


def same_meeting_dates(start: dt.date, end: dt.date, other_start: dt.date, other_end: dt.date) -> bool:
    """Do two spans lie within SAME_MEETING_SLACK of each other (so name one meeting)?"""
    return start <= other_end + SAME_MEETING_SLACK and other_start <= end + SAME_MEETING_SLACK
