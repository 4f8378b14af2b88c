"""Parsed letters become archive rows: a batch of letters in one transaction, all or nothing.

The only writer of archive rows: every import (pipeline.py) writes through `write_letters`. The statements it runs depend on what the batch holds, not on how many
letters it holds: letters, footnotes, citations, topics, meetings, links, participations,
sessions and the search index each go in one or a few bulk statements, which is what makes
a large import fast. Fields an admin corrected (corrections.locked) keep their values.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from .. import marker
from ..extract.countries import country_name
from ..extract.data import LetterData, MinisterData
from ..models import Citation, Country, Footnote, Letter, LetterMeeting, Meeting, Minister, Participation, Session, Topic
from ..search.indexer import index_written
from .bulk_rows import insert_rows
from .corrections import locked
from .meeting_pool import MeetingPool, role_of
from .versions import keep_versions


@dataclass
class Incoming:
    """A parsed letter and the file it came from, stored already under `file_name`."""

    data: LetterData
    source_name: str
    sha256: str
    file_name: str
    replaces: Letter | None = None  # the archived letter this is a new version of (identity.py)


@dataclass
class Written:
    letter: Letter
    created: bool
    data: LetterData


@transaction.atomic
def write_letters(items: list[Incoming]) -> list[Written]:
    """The batch, as one change of the archive's marker (_write_letters says what it writes)."""
    with marker.one_change():  # bulk statements send no signals; the others would each bump it
        return _write_letters(items)


def _write_letters(items: list[Incoming]) -> list[Written]:
    """Write the letters (distinct contents) and everything hanging off them.

    A letter that replaces an archived one updates it in place, after its version history
    has kept it as it was (versions.py); its old footnotes, citations, topics, sessions and
    meeting links are replaced by the new ones.
    """
    replaced = [i.replaces.pk for i in items if i.replaces is not None]
    if len({i.sha256 for i in items}) < len(items) or len(set(replaced)) < len(replaced):
        raise ValueError("a batch holds the same file or letter twice; write them one after the other")
    topic_rows = {t.name: t for t in Topic.objects.all()}
    existing = Letter.objects.select_for_update(of=("self",)).select_related("minister").in_bulk(replaced)
    keep_versions(list(existing.values()))
    ministers = upsert_ministers([m for i in items for m in ([i.data.minister] if i.data.minister else []) + i.data.cosigners])
    written = [fill_letter(item, existing.get(item.replaces.pk) if item.replaces else None, ministers) for item in items]
    old_meetings = clear_replaced(w for w in written if not w.created)
    Letter.objects.bulk_create([w.letter for w in written if w.created])
    for w in written:
        if not w.created:
            w.letter.save()
            if not locked(w.letter, "cosigners"):
                w.letter.cosigners.set([ministers[m.name] for m in w.data.cosigners])
    insert_rows(
        Letter.cosigners.through,
        ["letter", "minister"],
        [
            (w.letter.pk, ministers[name].pk)
            for w in written
            if w.created
            for name in dict.fromkeys(m.name for m in w.data.cosigners)
        ],
    )
    insert_rows(
        Letter.topics.through,
        ["letter", "topic"],
        [
            (w.letter.pk, topic_rows[name].pk)
            for w in written
            if not locked(w.letter, "topics")
            for name in dict.fromkeys(w.data.topics)
            if name in topic_rows
        ],
    )
    insert_rows(
        Footnote, ["letter", "number", "text"], [(w.letter.pk, f.number, f.text) for w in written for f in w.data.footnotes]
    )
    store_citations(written)
    store_meetings([w for w in written if not locked(w.letter, "meetings")], topic_rows)
    if old_meetings:
        Meeting.objects.filter(pk__in=old_meetings, letter_links__isnull=True).delete()
    index_written([w.letter.pk for w in written])  # the index commits (or rolls back) with the rows
    return written


def fill_letter(item: Incoming, letter: Letter | None, ministers: dict[str, Minister]) -> Written:
    created = letter is None
    letter = letter or Letter()
    data = item.data
    extracted = {
        "kind": data.kind,
        "date": data.date,
        "number": data.number,
        "dossier": data.dossier or "",
        "reference": data.reference or "",
        "subject": data.subject[:300],
        "minister": ministers[data.minister.name] if data.minister else None,
        "on_behalf_of": data.on_behalf_of,
    }
    for field, value in extracted.items():
        if not locked(letter, field):  # an admin's correction outlives the re-import
            setattr(letter, field, value)
    letter.body = data.body
    letter.is_sample = data.is_sample
    letter.warnings = data.warnings
    letter.source_name = item.source_name
    letter.source_sha256 = item.sha256
    letter.source_file.name = item.file_name
    return Written(letter, created, data)


def clear_replaced(replaced) -> set[int]:
    """Remove what the previous version of re-imported letters brought; returns their meetings."""
    old_meetings: set[int] = set()
    for w in replaced:
        letter = w.letter
        letter.footnotes.all().delete()
        letter.citations.all().delete()
        if not locked(letter, "topics"):
            letter.topics.clear()
        if locked(letter, "meetings"):
            continue
        meetings = list(Meeting.objects.filter(letter_links__letter=letter))
        old_meetings.update(m.pk for m in meetings)
        letter.sessions.exclude(meeting__in=[m.pk for m in meetings if locked(m, "sessions")]).delete()
        letter.meeting_links.all().delete()
    return old_meetings


def upsert_ministers(signers: list[MinisterData]) -> dict[str, Minister]:
    """Minister rows by name; a new role (the last one named) replaces the old."""
    roles = {m.name: m.role for m in signers}
    found = {m.name: m for m in Minister.objects.filter(name__in=roles)}
    for name, role in roles.items():
        minister = found.get(name)
        if minister is None:
            found[name] = Minister.objects.create(name=name, role=role)
        elif minister.role != role:
            minister.role = role
            minister.save(update_fields=["role"])
    return found


def store_citations(written: list[Written]) -> None:
    """Citations, linked to the archived letter they cite; and earlier citations of these letters."""
    letters = [w.letter for w in written]
    cited = {(c.dossier, c.number) for w in written for c in w.data.citations}
    archived = letters_by_kamerstuk(cited)
    insert_rows(
        Citation,
        ["letter", "dossier", "number", "text", "cited_letter"],
        [
            (
                w.letter.pk,
                c.dossier,
                c.number,
                c.text[:200],
                archived[(c.dossier, c.number)].pk if (c.dossier, c.number) in archived else None,
            )
            for w in written
            for c in w.data.citations
        ],
    )
    own = {(l.dossier, l.number): l for l in letters if l.dossier and l.number}
    if not own:
        return
    stale: dict[int, list[int]] = {}
    candidates = Citation.objects.filter(dossier__in={d for d, _ in own}, number__in={n for _, n in own})
    for pk, dossier, number, cited_id in candidates.values_list("pk", "dossier", "number", "cited_letter_id"):
        target = own.get((dossier, number))
        if target is not None and target.pk != cited_id:
            stale.setdefault(target.pk, []).append(pk)
    for target_pk, pks in stale.items():
        Citation.objects.filter(pk__in=pks).update(cited_letter_id=target_pk)


def letters_by_kamerstuk(pairs: set[tuple[str, int]]) -> dict[tuple[str, int], Letter]:
    if not pairs:
        return {}
    found = Letter.objects.filter(dossier__in={d for d, _ in pairs}, number__in={n for _, n in pairs})
    return {(l.dossier, l.number): l for l in found.only("pk", "dossier", "number") if (l.dossier, l.number) in pairs}


def store_meetings(written: list[Written], topic_rows: dict[str, Topic]) -> None:
    """Each letter's meetings: found or made, linked with the letter's role, with partner
    countries and the letter's working sessions (and their topics)."""
    named = [(w.letter, m) for w in written for m in w.data.meetings]
    if not named:
        return
    pool = MeetingPool([m for _, m in named])
    roles = [role_of(letter, data) for letter, data in named]
    planned = [(letter, pool.meeting_for(data, role), data) for (letter, data), role in zip(named, roles)]
    pool.save()
    links = {}
    for (letter, meeting, _), role in zip(planned, roles):
        links.setdefault((letter.pk, meeting.pk), role)  # the first role named, as get_or_create
    insert_rows(
        LetterMeeting, ["letter", "meeting", "role"], [(*key, role) for key, role in links.items()], ignore_conflicts=True
    )
    countries = upsert_countries({p.code for _, data in named for p in data.participants})
    insert_rows(
        Participation,
        ["meeting", "country", "role"],
        [
            (meeting.pk, countries[p.code].code, Participation.Role.PARTNER.value)
            for _, meeting, data in planned
            if not locked(meeting, "participants")
            for p in data.participants
        ],
        ignore_conflicts=True,
    )
    found = [
        (letter, meeting, i, s)
        for letter, meeting, data in planned
        if not locked(meeting, "sessions")
        for i, s in enumerate(data.sessions)
    ]
    sessions = Session.objects.bulk_create(
        Session(meeting=meeting, letter=letter, heading=s.heading[:200], subject=s.subject[:300], title=s.title[:500], order=i)
        for letter, meeting, i, s in found
    )
    insert_rows(
        Session.topics.through,
        ["session", "topic"],
        [
            (session.pk, topic_rows[name].pk)
            for session, (*_, s) in zip(sessions, found)
            for name in s.topics
            if name in topic_rows
        ],
    )


def upsert_countries(codes: set[str]) -> dict[str, Country]:
    """Country rows for the codes, created from CLDR names where new."""
    existing = {c.code: c for c in Country.objects.filter(code__in=codes)}
    missing = [
        Country(
            code=code, name_nl=country_name(code, "nl"), name_en=country_name(code, "en"), slug=slugify(country_name(code, "nl"))
        )
        for code in sorted(codes - existing.keys())
    ]
    if missing:
        Country.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {c.code: c for c in Country.objects.filter(code__in=codes)}
    return existing
