"""Which archived letter a file is a version of: a letter is identified by what it is, not by
the name of the file it came in.

Its official identity where it has one: the Kamerstuk (dossier and number, "28676-387"), else
the ministry's reference ("BS2024000123"); a letter with neither is identified by its content
(its SHA-256, which the pipeline checks first). Two files called brief.pdf are two letters;
a corrected PDF of Kamerstuk 28676-387 is a new version of the archived 28676-387. A sample
letter (fictional, marked VOORBEELDBRIEF) is never a version of an official one, nor the reverse.
"""

from __future__ import annotations

from django.db.models import Q

from ..extract.data import LetterData
from ..models import Letter


def official_identity(dossier, number, reference, is_sample: bool) -> tuple[str, ...] | None:
    prefix = ("sample",) if is_sample else ()
    if dossier and number:
        return (*prefix, "kamerstuk", dossier, str(number))
    if reference:
        return (*prefix, "reference", reference)
    return None


def archived_versions_of(letters: list[LetterData]) -> list[Letter | None]:
    """For each parsed letter, the archived letter it is a version of: the one with its
    Kamerstuk, else the one with its reference (one query for all)."""
    match = Q(pk__in=[])
    for data in letters:
        if data.dossier and data.number:
            match |= Q(dossier=data.dossier, number=data.number, is_sample=data.is_sample)
        if data.reference:
            match |= Q(reference=data.reference, is_sample=data.is_sample)
    wanted = [identities_of(data) for data in letters]
    if not any(wanted):
        return [None] * len(letters)
    found: dict[tuple[str, ...], Letter] = {}
    for letter in Letter.objects.filter(match).order_by("pk"):
        for identity in letter_identities(letter):
            found.setdefault(identity, letter)
    return [next((found[i] for i in identities if i in found), None) for identities in wanted]


def identities_of(data: LetterData) -> list[tuple[str, ...]]:
    both = [
        official_identity(data.dossier, data.number, None, data.is_sample),
        official_identity(None, None, data.reference, data.is_sample),
    ]
    return [identity for identity in both if identity]


def letter_identities(letter: Letter) -> list[tuple[str, ...]]:
    """Every identity an archived letter answers to (a file may print only its reference)."""
    both = [
        official_identity(letter.dossier, letter.number, None, letter.is_sample),
        official_identity(None, None, letter.reference, letter.is_sample),
    ]
    return [identity for identity in both if identity]


def near_duplicate_of(data: LetterData, *, other_than: Letter | None = None) -> Letter | None:
    """An archived letter of the same kind, date and number: perhaps the same letter in a file
    that lacks its dossier, perhaps a different one. The preview asks the admin to look."""
    if not (data.date and data.number):
        return None
    similar = Letter.objects.filter(kind=data.kind, date=data.date, number=data.number)
    if other_than is not None:
        similar = similar.exclude(pk=other_than.pk)
    return similar.order_by("pk").first()
