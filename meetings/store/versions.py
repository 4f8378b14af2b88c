"""A letter's version history: when a new file of the same letter replaces it, what the
archive held before is kept, file and extracted data together (models.LetterVersion)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max

from ..extract.data import LetterData
from ..models import Letter, LetterVersion


def keep_versions(letters: list[Letter]) -> None:
    """Record each letter as it stands, before its rows are replaced (a handful of queries
    per letter; replacing letters is rare and deliberate). A version came in when the one
    before it was replaced, the first when the letter was imported."""
    arrived = dict(
        LetterVersion.objects.filter(letter__in=letters)
        .values("letter")
        .annotate(last=Max("replaced_at"))
        .values_list("letter", "last")
    )
    LetterVersion.objects.bulk_create(
        LetterVersion(
            letter=letter,
            source_name=letter.source_name,
            source_sha256=letter.source_sha256,
            source_file=letter.source_file.name,
            extracted=snapshot(letter),
            imported_at=arrived.get(letter.pk, letter.imported_at),
        )
        for letter in letters
    )


def snapshot(letter: Letter) -> dict:
    """The letter's extracted data as the archive holds it, in the shape of LetterData.to_json()."""
    links = letter.meeting_links.select_related("meeting").order_by("meeting__start_date")
    return {
        "kind": letter.kind,
        "date": letter.date.isoformat() if letter.date else None,
        "number": letter.number,
        "dossier": letter.dossier or None,
        "reference": letter.reference or None,
        "subject": letter.subject,
        "minister": {"name": letter.minister.name, "role": letter.minister.role} if letter.minister else None,
        "cosigners": [{"name": m.name, "role": m.role} for m in letter.cosigners.all()],
        "on_behalf_of": list(letter.on_behalf_of),
        "body": letter.body,
        "meetings": [
            {
                "series": link.meeting.series,
                "title": link.meeting.title,
                "start_date": link.meeting.start_date.isoformat(),
                "end_date": link.meeting.end_date.isoformat(),
                "location": link.meeting.location or None,
                "role": link.role,
            }
            for link in links
        ],
        "citations": [{"id": c.kamerstuk_id, "text": c.text} for c in letter.citations.all()],
        "footnotes": [{"number": f.number, "text": f.text} for f in letter.footnotes.all()],
        "topics": sorted(t.name for t in letter.topics.all()),
    }


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def changes(letter: Letter, data: LetterData) -> list[Change]:
    """What replacing the archived letter with the parsed one would change, field by field."""
    before = snapshot(letter)
    after = data.to_json() | {"body": data.body}
    found = []
    for field in ("kind", "date", "number", "dossier", "reference", "subject"):
        if before[field] != after[field]:
            found.append(Change(field, str(before[field] or "—"), str(after[field] or "—")))
    for field, shown in (("minister", describe_signer), ("meetings", describe_meetings)):
        if shown(before[field]) != shown(after[field]):
            found.append(Change(field, shown(before[field]), shown(after[field])))
    if before["body"] != after["body"]:
        found.append(Change("body", f"{len(before['body'].split())} words", f"{len(after['body'].split())} words"))
    return found


def describe_signer(minister: dict | None) -> str:
    return minister["name"] if minister else "—"


def describe_meetings(meetings: list[dict]) -> str:
    return "; ".join(f"{m['title']} {m['start_date']}" for m in meetings) or "—"
