"""Where harvesting a source stands (HarvestState, one row per source address and dossiers).

Incremental: a complete run records the day it began; the next run asks only for records
changed on or after that day (dt.modified), so what was published or corrected meanwhile is
fetched and nothing else. The day itself is asked again: a record changed later that day is
not missed, and what is archived already is recognised and not fetched again (run.py).

Resumable: after each page of records is imported, the position of the next page is saved
with the query. A run that stops (interrupted, or the source went away) leaves them; the next
run with the same source and dossiers goes on from that position with that query, and records
the day the interrupted run began once it completes, so nothing changed meanwhile is missed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from ..models import HarvestState


@dataclass(frozen=True)
class Plan:
    """What a run asks for and from where."""

    query: str
    start: int  # startRecord of the first page
    began: dt.date  # the day the run (or the interrupted run it continues) began
    resumed: bool
    modified_since: dt.date | None  # the last complete run's day; None for a first or full run


def key_of(source: str, dossiers: Iterable[str]) -> str:
    return f"{source} {','.join(sorted(dossiers))}"[:300]


def load(key: str) -> HarvestState:
    return HarvestState.objects.filter(key=key).first() or HarvestState(key=key)


def plan(state: HarvestState, make_query, *, since: dt.date | None) -> Plan:
    """Go on with an interrupted run, else ask for what changed since the last complete run
    (`since` given: for everything dated from then, whatever was harvested before)."""
    today = timezone.localdate()
    modified_since = None if since else state.last_success
    query = make_query(since=since, modified_since=modified_since)
    if state.resume_position and state.resume_query == query:
        return Plan(query, state.resume_position, state.resume_started or today, True, modified_since)
    return Plan(query, 1, today, False, modified_since)


def advance(state: HarvestState, run: Plan, next_position: int) -> None:
    """The pages before `next_position` are imported: a later run may go on from there."""
    state.resume_query, state.resume_position, state.resume_started = run.query, next_position, run.began
    state.save()


def finish(state: HarvestState, run: Plan) -> None:
    """Every page was imported: the next run asks for what changed since this one began."""
    state.last_success = max(filter(None, [state.last_success, run.began]))
    state.resume_query, state.resume_position, state.resume_started = "", None, None
    state.save()
