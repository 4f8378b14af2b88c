"""The extraction entry point: a letter's text in, a LetterData out."""

from __future__ import annotations

from babel.dates import format_date

from . import metadata
from .body import BlockKind
from .citations import find_citations
from .clean import clean_letter
from .data import LetterData
from .dates import context_year
from .errors import NotALetterError
from .letterhead import is_sample_letter
from .markdown import strip_markdown
from .meetings import find_meetings
from .signature import find_signers, on_behalf_of, primary_signer
from .text import collapse_spaces, normalize
from .timing import ANNOUNCES, REPORTS, role_by_dates
from .topics import DEFAULT_TOPICS, TopicRule, find_topics


def parse_letter(text: str, *, topics: list[TopicRule] = DEFAULT_TOPICS) -> LetterData:
    """Extract everything the archive keeps from one letter's text.

    Raises NotALetterError when the text has no signature, letter date or addressee and
    names no NATO meeting: a file that is readable but is not one of these letters.
    """
    text = normalize(text)
    lines = [collapse_spaces(strip_markdown(line)) for line in text.split("\n")]
    document = clean_letter(text, lines)
    signers = find_signers(lines)
    minister, cosigners = primary_signer(signers)
    date = metadata.letter_date(lines)
    number = metadata.letter_number(lines)
    subject = metadata.letter_subject(lines)
    paragraphs = [b.text for b in document.blocks if b.kind == BlockKind.PARAGRAPH]
    body = "\n".join(b.text for b in document.blocks)
    opening = " ".join(paragraphs[:1])
    year = date.year if date else context_year(body)

    ministerial = metadata.ministerial_series(minister, lines)

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
    addressed = any("voorzitter van de tweede kamer" in line.lower() for line in lines[:40])
    if not (minister or date or addressed or meetings) or not metadata.mentions_nato(body):
        raise NotALetterError(
            "this is not a letter to the Tweede Kamer about NATO: no signing minister, letter date, "
            "addressee or NATO meeting was found"
        )
    citation_text = body + "\n" + "\n".join(f.text for f in document.footnotes)
    dossier = metadata.letter_dossier(text, lines, number)  # its own number, which it does not cite
    letter = LetterData(
        kind=kind,
        date=date,
        number=number,
        reference=metadata.letter_reference(lines),
        subject=subject or default_subject(kind, meetings),
        minister=minister,
        cosigners=cosigners,
        meetings=meetings,
        citations=[c for c in find_citations(citation_text) if (c.dossier, c.number) != (dossier, number)],
        footnotes=document.footnotes,
        topics=find_topics(subject + "\n" + body, topics),
        blocks=document.blocks,
        dossier=dossier,
        is_sample=is_sample_letter(text),
        on_behalf_of=on_behalf_of(body, signers),
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
