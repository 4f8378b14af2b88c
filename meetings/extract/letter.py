"""The extraction entry point: a letter's text (or its official XML's structure) in, a LetterData out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from . import metadata
from .body import BlockKind, without_markers
from .citations import find_citations
from .clean import clean_letter
from .data import CleanDocument, LetterData, MinisterData
from .dates import context_year
from .errors import NotALetterError
from .letterhead import is_sample_letter
from .markdown import strip_markdown
from .meetings import find_meetings
from .official_xml import Kamerstuk
from .signature import find_signers, mark_closing_formula, on_behalf_of, primary_signer
from .text import collapse_spaces, normalize
from .timing import ANNOUNCES, REPORTS, role_by_dates
from .topics import DEFAULT_TOPICS, TopicRule, find_topics


@dataclass
class Particulars:
    """What a reader found of the letter itself, before the shared extraction runs."""

    date: dt.date | None
    number: int | None
    dossier: str | None  # its own Kamerstuk dossier
    reference: str | None
    subject: str  # "" when the letter prints none
    signers: list[MinisterData]
    addressed: bool  # to the Voorzitter van de Tweede Kamer
    is_sample: bool


def parse_document(document: str | Kamerstuk, *, topics: list[TopicRule] = DEFAULT_TOPICS) -> LetterData:
    """What read.py made of a file (a letter's text, or the structure of its official XML) to
    a LetterData."""
    if isinstance(document, Kamerstuk):
        return parse_kamerstuk(document, topics=topics)
    return parse_letter(document, topics=topics)


def parse_letter(text: str, *, topics: list[TopicRule] = DEFAULT_TOPICS) -> LetterData:
    """Extract everything the archive keeps from one letter's text.

    Raises NotALetterError when the text has no signature, letter date or addressee and
    names no NATO meeting: a file that is readable but is not one of these letters.
    """
    text = normalize(text)
    lines = [collapse_spaces(strip_markdown(line)) for line in text.split("\n")]
    number = metadata.letter_number(lines)
    particulars = Particulars(
        date=metadata.letter_date(lines),
        number=number,
        dossier=metadata.letter_dossier(text, lines, number),
        reference=metadata.letter_reference(lines),
        subject=metadata.letter_subject(lines),
        signers=find_signers(lines),
        addressed=addressed(lines),
        is_sample=is_sample_letter(text),
    )
    return assemble(clean_letter(text, lines), particulars, topics)


def parse_kamerstuk(kamerstuk: Kamerstuk, *, topics: list[TopicRule] = DEFAULT_TOPICS) -> LetterData:
    """A letter from its official XML (official_xml.py): number, dossier, date, subject, blocks,
    footnotes and signers as the XML has them; what it leaves out (a date or subject printed as
    text, a reference) is read from its lines as from any letter. The same extraction then finds
    its meetings, countries, sessions, citations and topics."""
    lines = [*kamerstuk.head_lines, *(without_markers(b.text) for b in kamerstuk.blocks)]
    particulars = Particulars(
        date=kamerstuk.date or metadata.letter_date(lines),
        number=kamerstuk.number,
        dossier=kamerstuk.dossier,
        reference=metadata.letter_reference(lines),
        subject=kamerstuk.subject or metadata.letter_subject(lines),
        signers=kamerstuk.signers or find_signers(lines),
        addressed=addressed(lines),
        is_sample=is_sample_letter(kamerstuk.text),
    )
    document = CleanDocument(blocks=mark_closing_formula(kamerstuk.blocks), footnotes=kamerstuk.footnotes)
    return assemble(document, particulars, topics)


def addressed(lines: list[str]) -> bool:
    return any("voorzitter van de tweede kamer" in line.lower() for line in lines[:40])


def assemble(document: CleanDocument, found: Particulars, topics: list[TopicRule]) -> LetterData:
    """The shared extraction: kind, meetings, sessions, citations and topics from the blocks."""
    minister, cosigners = primary_signer(found.signers)
    date, subject = found.date, found.subject
    paragraphs = [b.text for b in document.blocks if b.kind == BlockKind.PARAGRAPH]
    body = "\n".join(b.text for b in document.blocks)
    opening = " ".join(paragraphs[:1])
    year = date.year if date else context_year(body)

    ministerial = metadata.ministerial_series(minister, [subject, *body.split("\n")[:20]])

    def meetings_for(kind):
        return find_meetings(
            document.blocks, subject=subject, letter_date=date, kind=kind, fallback_year=year, ministerial=ministerial
        )

    kind = metadata.letter_kind(subject, opening)
    if kind is None:
        # Written before the meeting it names: an agenda; after it: a report.
        kind = kind_from_dates(date, meetings_for(None)) or metadata.kind_from_opening(opening)
        kind = kind or metadata.letter_kind_hint(subject, opening) or metadata.kind_from_tense(body)
    meetings = meetings_for(kind)
    for meeting in meetings:
        for session in meeting.sessions:
            session.topics = find_topics(session.title, topics)
    if not (minister or date or found.addressed or meetings) or not metadata.mentions_nato(body):
        raise NotALetterError(
            "this is not a letter to the Tweede Kamer about NATO: no signing minister, letter date, "
            "addressee or NATO meeting was found"
        )
    citation_text = body + "\n" + "\n".join(f.text for f in document.footnotes)
    own = (found.dossier, found.number)  # its own number, which it does not cite
    letter = LetterData(
        kind=kind,
        date=date,
        number=found.number,
        reference=found.reference,
        subject=subject or default_subject(kind, meetings),
        minister=minister,
        cosigners=cosigners,
        meetings=meetings,
        citations=[c for c in find_citations(citation_text) if (c.dossier, c.number) != own],
        footnotes=document.footnotes,
        topics=find_topics(subject + "\n" + body, topics),
        blocks=document.blocks,
        dossier=found.dossier,
        is_sample=found.is_sample,
        on_behalf_of=on_behalf_of(body, found.signers),
    )
    letter.warnings = warnings_for(letter)
    return letter


def kind_from_dates(date, meetings) -> str | None:
    """Written before its first meeting: an agenda; after it: a report."""
    if not meetings:
        return None
    role = role_by_dates(date, meetings[0].start_date, meetings[0].end_date)
    return {ANNOUNCES: "agenda", REPORTS: "report"}.get(role)


def default_subject(kind: str, meetings) -> str:
    """A subject for letters that print none, from what the letter is about."""
    if not meetings:
        return "Brief aan de Tweede Kamer"
    meeting = meetings[0]
    prefix = {"agenda": "Geannoteerde agenda", "report": "Verslag"}.get(kind, "Brief over")
    place = f" in {meeting.location}" if meeting.location else ""
    when = format_date(meeting.start_date, "d MMMM y", locale="nl")
    title = meeting.title if meeting.title[1:2].isupper() else meeting.title[0].lower() + meeting.title[1:]  # "NAVO-top" stays
    return f"{prefix} {title}{place}, {when}"


def warnings_for(letter: LetterData) -> list[str]:
    """What an admin should check before publishing: fields the letter did not yield."""
    found = []
    if letter.date is None:
        found.append("no letter date found")
    if letter.minister is None:
        found.append("no signing minister found")
    if not letter.meetings:
        found.append("no meeting found")
    for meeting in letter.meetings:
        if meeting.location is None and not meeting.virtual:
            found.append(f"no place found for the meeting of {meeting.start_date:%d-%m-%Y}")
    return found
