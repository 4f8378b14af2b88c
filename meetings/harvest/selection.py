"""Which Kamerstukken of the dossiers are letters about NATO ministerial meetings, and why the
others are skipped.

The archive keeps the geannoteerde agenda (before) and the verslag (after) of a meeting of NATO
defence or foreign ministers, of a NATO summit, or of a meeting held beside them (Joint
Expeditionary Force, Ukraine Defence Contact Group, NATO-Ukraine Council). The dossiers hold
much more: moties, committee reports, lists of questions, letters on missions, budgets and
procurement, and (21 501-28) the agendas and reports of EU defence councils.

First the record decides (by_record), without fetching anything: a record with no XML, a
Kamerstuk that is no letter (its type: "Motie", "Verslag van een schriftelijk overleg"), an
EU council without NATO in its title is skipped; a letter whose title calls it the agenda or
report of a NATO meeting is kept. Any other letter is unclear from its title ("Brief regering;
Stand van zaken NAVO") and its text decides (by_letter): kept when the extraction finds it is
an agenda or report of a meeting in one of the NATO series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract.data import LetterData
from .sru import Record

NATO_SERIES = {"dmm", "fmm", "summit", "jef", "udcg", "nuc"}
NATO = re.compile(r"\b(navo|nato)", re.IGNORECASE)
MEETING_LETTER = re.compile(r"\b(geannoteerde agenda|agenda|verslag)\b", re.IGNORECASE)
NATO_MEETING = re.compile(
    r"ministers? van (defensie|buitenlandse zaken)|defensieminister|ministers?bijeenkomst|buitenlandminister|"
    r"ministeri[eë]le|\btop\b|navo-top|nato-top|summit|raadsbijeenkomst",
    re.IGNORECASE,
)
SIDE_MEETING = re.compile(
    r"joint expeditionary force|\bjef\b|ukraine defen[cs]e contact group|\budcg\b|navo-oekra[iï]ne[- ]raad|nato-ukraine council",
    re.IGNORECASE,
)
EU_COUNCIL = re.compile(r"raad buitenlandse zaken|defensieraad|\beu\b|europese", re.IGNORECASE)
LETTER_TYPE = re.compile(r"\bbrief\b", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    keep: bool
    reason: str


def by_record(record: Record) -> Decision | None:
    """The decision its record allows; None when only the letter's text can tell."""
    if not record.xml_url:
        return Decision(False, "no official XML (an attachment or a publication in PDF only)")
    if record.publication and record.publication.lower() != "kamerstuk":
        return Decision(False, f"a {record.publication}, not a Kamerstuk")
    kind = document_type(record)
    if kind and not LETTER_TYPE.search(kind):
        article = "an" if kind[:1].lower() in "aeiou" else "a"
        return Decision(False, f"{article} {kind.lower()}, not a letter")
    about = about_line(record)
    if EU_COUNCIL.search(about) and not NATO.search(about) and not SIDE_MEETING.search(about):
        return Decision(False, "an EU council, not a NATO meeting (by its title)")
    if MEETING_LETTER.search(about) and (SIDE_MEETING.search(about) or (NATO.search(about) and NATO_MEETING.search(about))):
        return Decision(True, "the agenda or report of a NATO meeting (by its title)")
    return None


def by_letter(data: LetterData) -> Decision:
    """For a letter its title left unclear: what its text is about."""
    nato = [m for m in data.meetings if m.series in NATO_SERIES]
    if data.kind in ("agenda", "report") and nato:
        first = nato[0]
        return Decision(True, f"its text is the {data.kind} of {first.title}, {first.start_date:%d-%m-%Y}")
    if not nato:
        return Decision(False, "its text names no NATO ministerial meeting, summit or meeting beside them")
    return Decision(False, f"its text names {nato[0].title} but is neither its agenda nor its report")


def document_type(record: Record) -> str:
    """What kind of Kamerstuk: dcterms:type other than "Kamerstuk", the subrubriek, or the middle
    of the title ("NAVO; Brief regering; ..."); "" when the record does not say."""
    typed = [t for t in record.types if t.lower() != "kamerstuk"]
    if typed:
        return typed[0]
    if record.subrubriek:
        return record.subrubriek
    parts = [p.strip() for p in record.title.split(";")]
    return parts[1] if len(parts) >= 3 else ""


def about_line(record: Record) -> str:
    """What the Kamerstuk is about: its document title, else the title's last part."""
    return record.document_title or record.title.split(";")[-1].strip()
