"""Blocks to meetings: which meetings the letter covers, and which text speaks of which.

Every sentence of the letter is assigned to one meeting (its *scope*): a heading that names a
meeting opens that meeting's section; a sentence that says a meeting takes place moves the
scope to it; other headings return to the section's meeting. Participants and sessions are
then read from each meeting's own sentences only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .anchors import Anchor, find_anchors, is_meeting_statement, is_virtual, location_in, series_of, undated_anchor, venue_in
from .body import Block, BlockKind
from .data import MeetingData
from .dates import find_dates
from .participants import find_participants
from .sessions import SessionCollector
from .text import split_sentences
from .timing import same_meeting_dates

SERIES_TITLES = {
    "dmm": "Bijeenkomst NAVO-ministers van Defensie",
    "fmm": "Bijeenkomst NAVO-ministers van Buitenlandse Zaken",
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

    @property
    def name(self) -> str | None:
        return next((a.name for a in self.anchors if a.name), None)

    def matches(self, anchor: Anchor) -> bool:
        if anchor.series != self.series:
            return False
        if anchor.name and self.name and anchor.name != self.name:
            return False  # two gatherings of no series, each with its own name
        if anchor.start is None or self.start is None:
            return anchor.start is None and self.start is None
        return same_meeting_dates(anchor.start, anchor.end, self.start, self.end)


@dataclass
class Unit:
    block: int
    heading: bool
    text: str
    sentences: list[str]


def units_of(blocks: list[Block], subject: str) -> list[Unit]:
    units = [Unit(-1, True, subject, [subject])] if subject else []
    for index, block in enumerate(blocks):
        if block.kind == BlockKind.SIGNATURE:
            continue
        heading = block.kind == BlockKind.HEADING
        units.append(Unit(index, heading, block.text, [block.text] if heading else split_sentences(block.text)))
    return units


MAJOR_SERIES = {"dmm", "fmm", "summit"}
# Sub-events within a meeting's days ("op 11 juli kwam de NATO-Ukraine Council bijeen" during a
# summit) are part of that meeting, not meetings of their own.
ABSORBED_SERIES = {"other", "nuc"}
SESSION_WORDS = re.compile(r"werksessie|sessie|werkdiner|werklunch|nuclear planning group", re.IGNORECASE)


class Scopes:
    """Walks the letter in order and keeps track of which meeting the text is about."""

    def __init__(self, ministerial: str) -> None:
        self.ministerial = ministerial  # the series a bare "ministeriële" names (anchors.series_of)
        self.candidates: list[Candidate] = []
        self.main: Candidate | None = None
        self.section: Candidate | None = None
        self.current: Candidate | None = None
        self.heading: str | None = None

    def candidate_for(self, anchor: Anchor) -> Candidate:
        dated = [c for c in self.candidates if c.start]
        if anchor.start is None:
            same = [c for c in dated if c.series == anchor.series] or [c for c in self.candidates if c.series == anchor.series]
            if same:
                return same[0]
        elif anchor.series in ABSORBED_SERIES:
            for candidate in dated:
                if candidate.series != anchor.series and candidate.start <= anchor.start <= anchor.end <= candidate.end:
                    return candidate
        for candidate in self.candidates:
            if candidate.matches(anchor):
                candidate.anchors.append(anchor)
                return candidate
        if anchor.start is not None:  # the date of a meeting named earlier without one
            for candidate in self.candidates:
                if candidate.series == anchor.series and candidate.start is None:
                    candidate.anchors.append(anchor)
                    return candidate
        self.candidates.append(Candidate([anchor]))
        return self.candidates[-1]

    def primary(self) -> Candidate | None:
        return next((c for c in self.candidates if c.start and c.series in MAJOR_SERIES), None) or self.main

    def enter_heading(self, unit: Unit, found: list[Candidate]) -> bool:
        """Returns True when the heading names a meeting (and so is no session)."""
        series = series_of(unit.text, self.ministerial)
        # The NATO-Ukraine Council is mostly a session of the ministers' meeting; as a heading it
        # opens a meeting of its own only when it carries a date.
        if not found and series and series != "nuc" and unit.block >= 0 and is_meeting_name(unit.text):
            found = [self.candidate_for(undated_anchor(series, unit.block, unit.text))]
        if found:
            self.section = self.current = found[0]
            self.heading = None
            return True
        if self.section is None or self.section.series not in MAJOR_SERIES:
            self.section = self.primary() or self.section
        self.current = self.section or self.main
        self.heading = unit.text if unit.block >= 0 else None
        return False


def undated_place(sentence: str, series: str, ministerial: str) -> str | None:
    """'de agenda voor de aanstaande bijeenkomst van de NAVO-ministers van Defensie in Brussel'."""
    if (
        find_dates(sentence)
        or not is_meeting_statement(sentence, False)
        or series_of(sentence, ministerial) not in (series, None)
    ):
        return None
    return location_in(sentence)


def is_meeting_name(heading: str) -> bool:
    """'NAVO-ministers van Defensie', 'Bijeenkomst JEF-ministers': a meeting, not a session."""
    return len(heading.split()) <= 8 and not SESSION_WORDS.search(heading)


def find_meetings(
    blocks: list[Block],
    *,
    subject: str,
    letter_date: dt.date | None,
    kind: str | None,
    fallback_year: int | None,
    ministerial: str = "dmm",
) -> list[MeetingData]:
    scopes = Scopes(ministerial)
    assignments: list[tuple[Unit, str, Candidate | None, str | None]] = []
    for unit in units_of(blocks, subject):
        if unit.heading:
            found = [scopes.candidate_for(a) for a in anchors_in(unit.text, unit, letter_date, kind, fallback_year, ministerial)]
            names_meeting = scopes.enter_heading(unit, found)
            scopes.main = scopes.main or next((c for c in found if c.start), None)
            assignments.append((unit, unit.text, scopes.current, None if names_meeting else scopes.heading))
            continue
        named: list[Candidate] = []
        for sentence in unit.sentences:
            found = [scopes.candidate_for(a) for a in anchors_in(sentence, unit, letter_date, kind, fallback_year, ministerial)]
            if found:
                scopes.current = found[0]
                named.extend(c for c in found if c not in named)
                scopes.main = scopes.main or next((c for c in found if c.start), None)
            assignments.append((unit, sentence, scopes.current or scopes.main, scopes.heading))
        if len(named) > 1:
            scopes.current = scopes.section or scopes.primary()  # an opening naming several meetings
    letter_place = next(
        (
            location_in(sentence)
            for unit, sentence, owner, _ in assignments[:8]
            if owner is None and is_meeting_statement(sentence, False)
        ),
        None,
    )
    own = [c for c in scopes.candidates if c.start and not (kind == "report" and is_earlier_meeting(c, scopes.main))]
    return [build_meeting(c, assignments, letter_place, ministerial) for c in own]


def is_earlier_meeting(candidate: Candidate, main: Candidate | None) -> bool:
    """In a report, a meeting only ever named with "jl." that ended before the letter's main
    meeting began is an earlier one the letter recalls ("tijdens de top van de JEF in Tallinn op
    28 januari jl."), not one it reports on."""
    if main is None or candidate is main:
        return False
    dated = [a for a in candidate.anchors if a.start]
    return (
        all(a.past for a in dated)
        and not same_meeting_dates(candidate.start, candidate.end, main.start, main.end)
        and (candidate.end < main.start)
    )


def anchors_in(text: str, unit: Unit, letter_date, kind, fallback_year, ministerial: str) -> list[Anchor]:
    return find_anchors(
        text,
        block=unit.block,
        heading=unit.heading,
        letter_date=letter_date,
        kind=kind,
        fallback_year=fallback_year,
        ministerial=ministerial,
    )


INFORMAL = re.compile(r"\binformele?\b", re.IGNORECASE)
EU_MEETING = re.compile(r"\beu-(?:ministers|defensieministers)|\b(?:eu|europese unie)\b", re.IGNORECASE)


def same_gathering(series: str, title: str, other_title: str) -> bool:
    """Meetings of no series on the same days are one only when neither has a name of its own
    that the other lacks ("Bijeenkomst E5" and "Bijeenkomst Coalition of the Willing" are two)."""
    generic = SERIES_TITLES["other"]
    return series != "other" or title == other_title or generic in (title, other_title)


def meeting_title(candidate: Candidate) -> str:
    """The series' name; a meeting of no series is named by who meets, where the letter says."""
    if candidate.series == "other" and any(EU_MEETING.search(a.sentence) for a in candidate.anchors):
        return "Bijeenkomst EU-ministers van Defensie"
    if candidate.series == "other" and candidate.name:
        return f"Bijeenkomst {candidate.name}"
    title = SERIES_TITLES[candidate.series]
    if any(INFORMAL.search(a.sentence) for a in candidate.anchors) and title.startswith("Bijeenkomst"):
        return "Informele b" + title[1:]
    return title


def build_meeting(candidate: Candidate, assignments, letter_place: str | None, ministerial: str) -> MeetingData:
    own = [(unit, sentence, heading) for unit, sentence, owner, heading in assignments if owner is candidate]
    location = next((a.location for a in candidate.anchors if a.location), None)
    virtual = not location and (
        any(a.virtual for a in candidate.anchors)
        or any(is_virtual(sentence) and not find_dates(sentence) for _, sentence, _ in own)
    )
    if location is None and not virtual:
        location = (
            next((place for _, sentence, _ in own if (place := venue_in(sentence))), None)
            or next((place for _, sentence, _ in own if (place := undated_place(sentence, candidate.series, ministerial))), None)
            or letter_place
        )
    meeting = MeetingData(
        series=candidate.series,
        title=meeting_title(candidate),
        start_date=candidate.start,
        end_date=candidate.end,
        location=location,
        extraordinary=any(a.extraordinary for a in candidate.anchors),
        virtual=virtual,
    )
    sessions = SessionCollector()
    for unit, sentence, heading in own:
        if unit.heading:
            if unit.block >= 0 and heading:
                sessions.add_heading(sentence)
        else:
            sessions.add_sentence(sentence, heading)
    meeting.sessions = sessions.result()
    meeting.participants = find_participants([sentence for _, sentence, _ in own], meeting)
    return meeting
