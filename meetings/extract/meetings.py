"""Blocks to meetings: which meetings the letter covers, and which text speaks of which.

Every sentence of the letter is assigned to one meeting (its *scope*): a heading that names a
meeting opens that meeting's section; a sentence that says a meeting takes place moves the
scope to it; other headings return to the section's meeting. Participants and sessions are
then read from each meeting's own sentences only.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .anchors import Anchor, find_anchors, series_of, venue_in
from .data import Block, MeetingData
from .participants import find_participants
from .sessions import SessionCollector
from .text import split_sentences

SERIES_TITLES = {
    "dmm": "Bijeenkomst NAVO-ministers van Defensie",
    "summit": "NAVO-top",
    "jef": "Joint Expeditionary Force",
    "udcg": "Ukraine Defence Contact Group",
    "nuc": "NAVO-Oekraïne Raad",
    "other": "Bijeenkomst",
}


@dataclass
class Candidate:
    """A meeting being assembled from its anchors; undated ones only steer the scopes."""

    anchors: list[Anchor]
    sentences: list[tuple[str, str | None]] = field(default_factory=list)  # (sentence, heading)

    @property
    def series(self) -> str:
        return self.anchors[0].series

    @property
    def start(self) -> dt.date | None:
        return min((a.start for a in self.anchors if a.start), default=None)

    @property
    def end(self) -> dt.date | None:
        return max((a.end for a in self.anchors if a.end), default=None)

    def matches(self, anchor: Anchor) -> bool:
        if anchor.series != self.series:
            return False
        if anchor.start is None or self.start is None:
            return anchor.start is None and self.start is None
        return anchor.start <= self.end + dt.timedelta(days=1) and self.start <= anchor.end + dt.timedelta(days=1)


@dataclass
class Unit:
    block: int
    heading: bool
    text: str
    sentences: list[str]


def units_of(blocks: list[Block], subject: str) -> list[Unit]:
    units = [Unit(-1, True, subject, [subject])] if subject else []
    for index, block in enumerate(blocks):
        if block.kind == "signature":
            continue
        heading = block.kind == "heading"
        units.append(Unit(index, heading, block.text, [block.text] if heading else split_sentences(block.text)))
    return units


def find_meetings(
    blocks: list[Block],
    *,
    subject: str,
    letter_date: dt.date | None,
    kind: str | None,
    fallback_year: int | None,
) -> list[MeetingData]:
    units = units_of(blocks, subject)
    candidates: list[Candidate] = []

    def candidate_for(anchor: Anchor) -> Candidate:
        for candidate in candidates:
            if candidate.matches(anchor):
                candidate.anchors.append(anchor)
                return candidate
        candidates.append(Candidate([anchor]))
        return candidates[-1]

    assignments: list[tuple[Unit, str, Candidate | None, str | None]] = []
    main: Candidate | None = None
    section: Candidate | None = None
    current: Candidate | None = None
    heading_text: str | None = None
    for unit in units:
        if unit.heading:
            found = [candidate_for(a) for a in anchors_in(unit.text, unit, letter_date, kind, fallback_year)]
            if found:
                section = current = found[0]
                heading_text = None
            elif series_of(unit.text) in {"jef", "udcg", "summit"} and unit.block >= 0:
                section = current = candidate_for(Anchor(series_of(unit.text), None, None, None, False, False, unit.block, unit.text))
                heading_text = None
            else:
                current = section or main
                heading_text = unit.text if unit.block >= 0 else None
            main = main or next((c for c in found if c.start), None)
            assignments.append((unit, unit.text, current, heading_text if not found else None))
            continue
        named: list[Candidate] = []
        for sentence in unit.sentences:
            found = [candidate_for(a) for a in anchors_in(sentence, unit, letter_date, kind, fallback_year)]
            if found:
                current = found[0]
                named.extend(c for c in found if c not in named)
                main = main or next((c for c in found if c.start), None)
            assignments.append((unit, sentence, current or main, heading_text))
        if len(named) > 1:
            current = section or main  # an opening paragraph naming several meetings
    dated = [c for c in candidates if c.start]
    return [build_meeting(c, assignments) for c in dated]


def anchors_in(text: str, unit: Unit, letter_date, kind, fallback_year) -> list[Anchor]:
    return find_anchors(
        text, block=unit.block, heading=unit.heading, letter_date=letter_date, kind=kind, fallback_year=fallback_year
    )


def build_meeting(candidate: Candidate, assignments) -> MeetingData:
    own = [(unit, sentence, heading) for unit, sentence, owner, heading in assignments if owner is candidate]
    location = next((a.location for a in candidate.anchors if a.location), None)
    virtual = any(a.virtual for a in candidate.anchors) and not location
    if location is None and not virtual:
        location = next((place for _, sentence, _ in own if (place := venue_in(sentence))), None)
    meeting = MeetingData(
        series=candidate.series,
        title=SERIES_TITLES[candidate.series],
        start_date=candidate.start,
        end_date=candidate.end,
        location=location,
        extraordinary=any(a.extraordinary for a in candidate.anchors),
        virtual=virtual,
    )
    meeting.participants = find_participants([sentence for _, sentence, _ in own], meeting)
    sessions = SessionCollector()
    for unit, sentence, heading in own:
        if unit.heading:
            if unit.block >= 0 and heading:
                sessions.add_heading(sentence)
        else:
            sessions.add_sentence(sentence, heading)
    meeting.sessions = sessions.result()
    return meeting
