"""From a letter file to archive rows: read, extract, store the original, write the rows.

The admin upload imports file by file (`import_letter_bytes`); the import command in
batches (batch.py, through `store_letters`). A letter is keyed on its file's SHA-256 (same
bytes: nothing changes) and then on its file name (same name, new bytes: the letter is
updated in place). The rows themselves are written by writer.py.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from .extract import ExtractionError, parse_letter
from .extract.data import LetterData
from .extract.read import read_letter_bytes
from .models import Letter
from .vocabulary import topic_rules
from .writer import Incoming, Written, write_letters

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


@dataclass
class Parsed:
    """A file's bytes and what the extraction made of them, ready to be written."""

    source_name: str
    content: bytes
    sha256: str
    data: LetterData


def store_letter(data: LetterData, *, source_name: str, content: bytes, sha256: str, topics=None) -> tuple[Letter, bool]:
    """Write one letter and everything hanging off it; all or nothing."""
    written = store_letters([Parsed(source_name, content, sha256, data)], topics=topics)[0]
    return written.letter, written.created


def store_letters(letters: list[Parsed], topics=None) -> list[Written]:
    """Write letters (distinct names and contents) in one transaction; all or nothing.

    Each original file goes to a content-addressed name, so it never overwrites another
    version; files this call wrote are removed again if the rows cannot be written, and a
    previous version's file is removed only once the new rows are committed.
    """
    items = [Incoming(p.data, p.source_name, p.sha256, original_file_name(p.sha256, p.source_name)) for p in letters]
    wrote: list[str] = []
    try:
        for item, parsed in zip(items, letters):
            if save_original_file(item.file_name, parsed.content):
                wrote.append(item.file_name)
        written = write_letters(items, topics)
    except Exception:
        for name in wrote:
            default_storage.delete(name)
        raise
    for w in written:
        if w.old_file and w.old_file != w.letter.source_file.name:
            transaction.on_commit(partial(default_storage.delete, w.old_file))
    return written


def original_file_name(sha256: str, source_name: str) -> str:
    """Content-addressed, so the name alone says which bytes it holds."""
    return f"letters/{sha256[:2]}/{sha256}/{Path(source_name).name}"


def save_original_file(name: str, content: bytes) -> bool:
    """Store the bytes under their name unless already there; True when this call wrote them."""
    if default_storage.exists(name):
        return False
    default_storage.save(name, ContentFile(content))
    return True
