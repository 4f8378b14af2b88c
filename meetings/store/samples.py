"""Removing the fictional demonstration letters (marked VOORBEELDBRIEF, `Letter.is_sample`)
from an archive, with what only they brought: their meetings, their files, their history."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.core.files.storage import default_storage
from django.db import transaction

from ..models import Letter, LetterVersion, Meeting


@dataclass(frozen=True)
class Removed:
    letters: int
    meetings: int
    files: int


def remove_sample_letters(*, dry_run: bool = False) -> Removed:
    """Delete every sample letter, the meetings no other letter names, and their original
    files (once the rows are gone for good); the search index follows through its signals."""
    samples = Letter.objects.filter(is_sample=True)
    files = set(samples.exclude(source_file="").values_list("source_file", flat=True))
    files |= set(LetterVersion.objects.filter(letter__in=samples).exclude(source_file="").values_list("source_file", flat=True))
    meetings = Meeting.objects.filter(letter_links__letter__in=samples).exclude(letter_links__letter__is_sample=False).distinct()
    counted = Removed(samples.count(), meetings.count(), len(files))
    if dry_run:
        return counted
    with transaction.atomic():
        meeting_ids = list(meetings.values_list("pk", flat=True))
        for letter in samples.iterator():  # one by one, so each leaves the search index
            letter.delete()
        Meeting.objects.filter(pk__in=meeting_ids).delete()
        for name in files:
            transaction.on_commit(partial(default_storage.delete, name))
    return counted
