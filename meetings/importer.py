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
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from .extract import ExtractionError, parse_letter
from .extract.countries import country_name
from .extract.data import LetterData, MeetingData
from .extract.read import read_letter_bytes
from .extract.topics import find_topics
from .corrections import absorbed_by, locked
from .models import (
    Citation, Country, Footnote, Letter, LetterMeeting, Meeting, Minister, Participation, Session, Topic,
)
from .search.indexer import index_letter
from .vocabulary import rules_from, topic_rules

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


def import_letter_file(path: Path, *, dry_run: bool = False, topics=None, describe: bool = False) -> ImportResult:
    name = path.name
    try:
        content = path.read_bytes()
    except OSError as exc:
        return ImportResult(name, FAILED, error=f"cannot read the file ({exc.strerror or exc})")
    return import_letter_bytes(name, content, dry_run=dry_run, topics=topics, describe=describe)


def import_letter_bytes(
    name: str, content: bytes, *, dry_run: bool = False, topics=None, describe: bool = False
) -> ImportResult:
    """Import one file's bytes. `describe` also extracts an unchanged letter, to report on it."""
    sha256 = hashlib.sha256(content).hexdigest()
    existing = None if dry_run else Letter.objects.filter(source_sha256=sha256).first()
    if existing is not None and not describe:
        return ImportResult(name, UNCHANGED, letter=existing)
    try:
        data = extract_letter(content, topics)
    except ExtractionError as exc:
        return ImportResult(name, FAILED, error=str(exc))
    if dry_run:
        return ImportResult(name, "parsed", data=data)
    if existing is not None:
        return ImportResult(name, UNCHANGED, letter=existing, data=data)
    letter, created = store_letter(data, source_name=name, content=content, sha256=sha256, topics=topics)
    return ImportResult(name, CREATED if created else UPDATED, letter=letter, data=data)


def store_letter(
    data: LetterData, *, source_name: str, content: bytes, sha256: str, topics=None
) -> tuple[Letter, bool]:
    """Write one letter and everything hanging off it; all or nothing.

    The original file goes to a content-addressed name, so it never overwrites another
    version; it is removed again if the rows cannot be written, and the previous version's
    file is removed only once the new rows are committed.
    """
    file_name = original_file_name(sha256, source_name)
    wrote_file = save_original_file(file_name, content)
    try:
        letter, created, old_file = write_rows(data, source_name=source_name, sha256=sha256, file_name=file_name, topics=topics)
    except Exception:
        if wrote_file:
            default_storage.delete(file_name)
        raise
    if old_file and old_file != file_name:
        transaction.on_commit(lambda: default_storage.delete(old_file))
    return letter, created


@transaction.atomic
def write_rows(data: LetterData, *, source_name: str, sha256: str, file_name: str, topics=None):
    letter = Letter.objects.select_for_update().filter(source_name=source_name).first()
    created = letter is None
    letter = letter or Letter(source_name=source_name)
    old_meetings = set() if created else set(letter.meetings.values_list("pk", flat=True))
    old_file = letter.source_file.name if letter.source_file else ""
    extracted = {
        "kind": data.kind,
        "date": data.date,
        "number": data.number,
        "dossier": data.dossier or "",
        "reference": data.reference or "",
        "subject": data.subject[:300],
        "minister": upsert_minister(data.minister) if data.minister else None,
    }
    for field, value in extracted.items():
        if not locked(letter, field):  # an admin's correction outlives the re-import
            setattr(letter, field, value)
    letter.body = data.body
    letter.is_sample = data.is_sample
    letter.warnings = data.warnings
    letter.source_sha256 = sha256
    letter.source_file.name = file_name
    letter.save()
    keep_meetings = locked(letter, "meetings")
    if not created:
        letter.footnotes.all().delete()
        letter.citations.all().delete()
        if not keep_meetings:
            kept_sessions = [m.pk for m in Meeting.objects.filter(letter_links__letter=letter) if locked(m, "sessions")]
            letter.sessions.exclude(meeting__in=kept_sessions).delete()
            letter.meeting_links.all().delete()
    if not locked(letter, "cosigners") and (data.cosigners or not created):
        letter.cosigners.set([upsert_minister(m) for m in data.cosigners])
    vocabulary = Vocabulary.load(topics)
    if not locked(letter, "topics"):
        topic_rows = [vocabulary.rows[n] for n in data.topics if n in vocabulary.rows]
        if created:  # nothing to compare with: one insert
            Letter.topics.through.objects.bulk_create(Letter.topics.through(letter=letter, topic=t) for t in topic_rows)
        else:
            letter.topics.set(topic_rows)
    Footnote.objects.bulk_create(Footnote(letter=letter, number=f.number, text=f.text) for f in data.footnotes)
    store_citations(letter, data)
    if not keep_meetings:
        countries = upsert_countries({p.code for m in data.meetings for p in m.participants})
        for meeting_data in data.meetings:
            store_meeting(letter, meeting_data, vocabulary, countries)
        if old_meetings:
            Meeting.objects.filter(pk__in=old_meetings, letter_links__isnull=True).delete()
    index_letter(letter)  # the search index commits (or rolls back) with the rows
    return letter, created, old_file


def original_file_name(sha256: str, source_name: str) -> str:
    """Content-addressed, so the name alone says which bytes it holds."""
    return f"letters/{sha256[:2]}/{sha256}/{Path(source_name).name}"


def save_original_file(name: str, content: bytes) -> bool:
    """Store the bytes under their name unless already there; True when this call wrote them."""
    if default_storage.exists(name):
        return False
    default_storage.save(name, ContentFile(content))
    return True


def upsert_minister(data) -> Minister:
    minister, _ = Minister.objects.get_or_create(name=data.name, defaults={"role": data.role})
    if minister.role != data.role:
        minister.role = data.role
        minister.save(update_fields=["role"])
    return minister


def store_citations(letter: Letter, data: LetterData) -> None:
    wanted = Q()
    for c in data.citations:
        wanted |= Q(dossier=c.dossier, number=c.number)
    archived = {(l.dossier, l.number): l for l in Letter.objects.filter(wanted).only("pk", "dossier", "number")} if wanted else {}
    Citation.objects.bulk_create(
        Citation(letter=letter, dossier=c.dossier, number=c.number, text=c.text[:200], cited_letter=archived.get((c.dossier, c.number)))
        for c in data.citations
    )
    if letter.dossier and letter.number:  # letters imported earlier that cite this one
        Citation.objects.filter(dossier=letter.dossier, number=letter.number).update(cited_letter=letter)


@dataclass
class Vocabulary:
    """Topic rows and the rules made from them, read once per letter."""

    rows: dict[str, Topic]
    rules: list

    @classmethod
    def load(cls, rules=None) -> "Vocabulary":
        rows = {t.name: t for t in Topic.objects.all()}
        return cls(rows, rules if rules is not None else rules_from(rows.values()))


def find_meeting(data: MeetingData) -> Meeting | None:
    """The same meeting named by another letter: same series, dates within a day of each other."""
    slack = dt.timedelta(days=1)
    return (
        Meeting.objects.select_for_update()
        .filter(series=data.series, start_date__lte=data.end_date + slack, end_date__gte=data.start_date - slack)
        .order_by("start_date")
        .first()
    )


def role_of(letter: Letter, meeting: MeetingData) -> str:
    """Written before the meeting, the letter announces it; after it, the letter reports on it."""
    if letter.date and meeting.start_date > letter.date:
        return LetterMeeting.Role.ANNOUNCES
    if letter.date and meeting.end_date < letter.date:
        return LetterMeeting.Role.REPORTS
    return {
        Letter.Kind.REPORT: LetterMeeting.Role.REPORTS,
        Letter.Kind.AGENDA: LetterMeeting.Role.ANNOUNCES,
    }.get(letter.kind, LetterMeeting.Role.MENTIONS)


def store_meeting(letter: Letter, data: MeetingData, vocabulary: Vocabulary, countries: dict[str, Country]) -> None:
    role = role_of(letter, data)
    meeting = find_meeting(data) or absorbed_by(data.series, data.start_date, data.end_date)
    if meeting is None:
        meeting = Meeting(series=data.series, title=data.title, start_date=data.start_date, end_date=data.end_date)
    elif role == LetterMeeting.Role.REPORTS or not meeting.letter_links.filter(role=LetterMeeting.Role.REPORTS).exists():
        if not (locked(meeting, "start_date") or locked(meeting, "end_date")):
            meeting.start_date, meeting.end_date = data.start_date, data.end_date  # the report's dates win
    if not locked(meeting, "location"):
        meeting.location = meeting.location or (data.location or "")
    if not locked(meeting, "extraordinary"):
        meeting.extraordinary = meeting.extraordinary or data.extraordinary
    if not locked(meeting, "virtual"):
        meeting.virtual = meeting.virtual or data.virtual
    meeting.save()
    LetterMeeting.objects.get_or_create(letter=letter, meeting=meeting, defaults={"role": role})
    if not locked(meeting, "participants"):
        Participation.objects.bulk_create(
            [Participation(meeting=meeting, country=countries[p.code]) for p in data.participants], ignore_conflicts=True
        )
    if locked(meeting, "sessions"):
        return
    sessions = Session.objects.bulk_create(
        Session(meeting=meeting, letter=letter, heading=s.heading[:200], subject=s.subject[:300], title=s.title[:500], order=i)
        for i, s in enumerate(data.sessions)
    )
    Session.topics.through.objects.bulk_create(
        Session.topics.through(session_id=session.pk, topic_id=vocabulary.rows[name].pk)
        for session in sessions
        for name in find_topics(session.title, vocabulary.rules)
        if name in vocabulary.rows
    )


def upsert_countries(codes: set[str]) -> dict[str, Country]:
    """Country rows for the codes, created from CLDR names where new."""
    existing = {c.code: c for c in Country.objects.filter(code__in=codes)}
    missing = [
        Country(code=code, name_nl=country_name(code, "nl"), name_en=country_name(code, "en"), slug=slugify(country_name(code, "nl")))
        for code in sorted(codes - existing.keys())
    ]
    Country.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        existing = {c.code: c for c in Country.objects.filter(code__in=codes)}
    return existing
