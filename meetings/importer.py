"""The one writer of archive rows: a parsed letter becomes rows in one transaction.

Both `manage.py import_letters` and the admin upload call `import_letter_file`. A letter is
keyed on its file's SHA-256 (same bytes: nothing changes) and then on its file name (same
name, new bytes: the letter is updated in place).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from .extract import ExtractionError, parse_letter
from .extract.countries import country_name
from .extract.data import LetterData, MeetingData
from .extract.read import read_letter_bytes
from .extract.topics import find_topics
from .models import (
    Citation, Country, Footnote, Letter, LetterMeeting, Meeting, Minister, Participation, Session, Topic,
)
from .vocabulary import topic_rules

log = logging.getLogger(__name__)
CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"


@dataclass
class ImportResult:
    source: str
    status: str  # created | updated | unchanged | failed | parsed (dry run)
    letter: Letter | None = None
    data: LetterData | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != FAILED


def extract_letter(content: bytes, topics=None) -> LetterData:
    """Bytes to LetterData; raises ExtractionError with a reason a person understands."""
    text = read_letter_bytes(content, max_bytes=settings.LETTER_MAX_BYTES)
    return parse_letter(text, topics=topics if topics is not None else topic_rules())


def import_letter_file(path: Path, *, dry_run: bool = False, topics=None) -> ImportResult:
    name = path.name
    try:
        content = path.read_bytes()
    except OSError as exc:
        return ImportResult(name, FAILED, error=f"cannot read the file ({exc.strerror or exc})")
    return import_letter_bytes(name, content, dry_run=dry_run, topics=topics)


def import_letter_bytes(name: str, content: bytes, *, dry_run: bool = False, topics=None) -> ImportResult:
    sha256 = hashlib.sha256(content).hexdigest()
    if not dry_run:
        existing = Letter.objects.filter(source_sha256=sha256).first()
        if existing is not None:
            return ImportResult(name, UNCHANGED, letter=existing)
    try:
        data = extract_letter(content, topics)
    except ExtractionError as exc:
        return ImportResult(name, FAILED, error=str(exc))
    if dry_run:
        return ImportResult(name, "parsed", data=data)
    letter, created = store_letter(data, source_name=name, content=content, sha256=sha256)
    return ImportResult(name, CREATED if created else UPDATED, letter=letter, data=data)


@transaction.atomic
def store_letter(data: LetterData, *, source_name: str, content: bytes, sha256: str) -> tuple[Letter, bool]:
    """Write one letter and everything hanging off it; all or nothing."""
    letter = Letter.objects.select_for_update().filter(source_name=source_name).first()
    created = letter is None
    letter = letter or Letter(source_name=source_name)
    old_meetings = set(letter.meetings.values_list("pk", flat=True)) if not created else set()
    letter.kind = data.kind
    letter.date = data.date
    letter.number = data.number
    letter.dossier = data.dossier or ""
    letter.reference = data.reference or ""
    letter.subject = data.subject[:300]
    letter.minister = upsert_minister(data.minister) if data.minister else None
    letter.body = data.body
    letter.is_sample = data.is_sample
    letter.warnings = data.warnings
    letter.source_sha256 = sha256
    if letter.source_file:
        letter.source_file.delete(save=False)
    letter.source_file.save(source_name, ContentFile(content), save=False)
    letter.save()
    if not created:
        for related in (letter.footnotes, letter.citations, letter.sessions, letter.meeting_links):
            related.all().delete()
    letter.cosigners.set([upsert_minister(m) for m in data.cosigners])
    letter.topics.set(Topic.objects.filter(name__in=data.topics))
    Footnote.objects.bulk_create(Footnote(letter=letter, number=f.number, text=f.text) for f in data.footnotes)
    store_citations(letter, data)
    vocabulary = VocabularyCache.load() if any(m.sessions for m in data.meetings) else None
    for meeting_data in data.meetings:
        store_meeting(letter, meeting_data, vocabulary)
    Meeting.objects.filter(pk__in=old_meetings, letter_links__isnull=True).delete()
    return letter, created


def upsert_minister(data) -> Minister:
    minister, _ = Minister.objects.get_or_create(name=data.name, defaults={"role": data.role})
    if minister.role != data.role:
        minister.role = data.role
        minister.save(update_fields=["role"])
    return minister


def store_citations(letter: Letter, data: LetterData) -> None:
    archived = {
        (l.dossier, l.number): l
        for l in Letter.objects.filter(dossier__in={c.dossier for c in data.citations}, number__isnull=False)
    }
    Citation.objects.bulk_create(
        Citation(letter=letter, dossier=c.dossier, number=c.number, text=c.text[:200], cited_letter=archived.get((c.dossier, c.number)))
        for c in data.citations
    )
    if letter.dossier and letter.number:  # letters imported earlier that cite this one
        Citation.objects.filter(dossier=letter.dossier, number=letter.number).update(cited_letter=letter)


def find_meeting(data: MeetingData) -> Meeting | None:
    """The same meeting named by another letter: same series, dates within a day of each other."""
    slack = dt.timedelta(days=1)
    return (
        Meeting.objects.select_for_update()
        .filter(series=data.series, start_date__lte=data.end_date + slack, end_date__gte=data.start_date - slack)
        .order_by("start_date")
        .first()
    )


@dataclass
class VocabularyCache:
    """Topic rows and rules, read once per letter for tagging its sessions."""

    rows: dict[str, Topic]
    rules: list

    @classmethod
    def load(cls) -> "VocabularyCache":
        return cls({t.name: t for t in Topic.objects.all()}, topic_rules())


def store_meeting(letter: Letter, data: MeetingData, vocabulary: VocabularyCache | None) -> None:
    role = LetterMeeting.Role.REPORTS if letter.kind == Letter.Kind.REPORT else (
        LetterMeeting.Role.ANNOUNCES if letter.kind == Letter.Kind.AGENDA else LetterMeeting.Role.MENTIONS
    )
    meeting = find_meeting(data)
    if meeting is None:
        meeting = Meeting(series=data.series, title=data.title, start_date=data.start_date, end_date=data.end_date)
    elif role == LetterMeeting.Role.REPORTS or not meeting.letter_links.filter(role=LetterMeeting.Role.REPORTS).exists():
        meeting.start_date, meeting.end_date = data.start_date, data.end_date  # the report's dates win
    meeting.location = meeting.location or (data.location or "")
    meeting.extraordinary = meeting.extraordinary or data.extraordinary
    meeting.virtual = meeting.virtual or data.virtual
    meeting.save()
    LetterMeeting.objects.create(letter=letter, meeting=meeting, role=role)
    for participant in data.participants:
        country = upsert_country(participant.code)
        Participation.objects.get_or_create(meeting=meeting, country=country)
    for order, session_data in enumerate(data.sessions):
        session = Session.objects.create(
            meeting=meeting, letter=letter, heading=session_data.heading[:200], subject=session_data.subject[:300],
            title=session_data.title[:500], order=order,
        )
        names = find_topics(session_data.title, vocabulary.rules)
        session.topics.set([vocabulary.rows[name] for name in names if name in vocabulary.rows])


def upsert_country(code: str) -> Country:
    country, _ = Country.objects.get_or_create(
        code=code,
        defaults={"name_nl": country_name(code, "nl"), "name_en": country_name(code, "en"), "slug": slugify(country_name(code, "en"))},
    )
    return country
