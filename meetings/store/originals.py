"""The original files, kept beside their letters under content-addressed names.

A file goes to letters/<sha256[:2]>/<sha256>/<its name>, so a name alone says which bytes it
holds and a new version never overwrites an old one. Files are stored before their rows, so no
row ever lacks its file; files stored for rows that then cannot be written are removed again.
A replaced version's file is kept for its version history (versions.py).

A process killed between storing the files and committing their rows cannot remove them, so
each batch first lists its files in a journal (MEDIA_ROOT/pending/, one file per batch, locked
while its writer lives); the next import removes the files of a journal whose writer is dead
and whose rows never arrived (clear_interrupted).
"""

from __future__ import annotations

import fcntl
import json
import os
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import get_valid_filename

from ..extract.data import LetterData
from ..models import Letter, LetterVersion
from .sources import Source
from .writer import Incoming, Written, write_letters

STORED_NAME_BYTES = 150  # of the file's own name in the stored one (file systems allow 255)


def original_file_name(sha256: str, source_name: str) -> str:
    """Where the bytes go: under their SHA-256, with a tidy form of the file's own name that
    every file system and zip stores as it is (the name as uploaded stays in source_name)."""
    return f"letters/{sha256[:2]}/{sha256}/{storable_name(source_name)}"


def storable_name(source_name: str) -> str:
    """'brief (1).pdf' -> 'brief_1.pdf'; a backslash, colon or other odd character and an
    over-long name cannot change where a file lands or make storing it fail."""
    name = Path(source_name.replace("\\", "/")).name
    suffix = get_valid_filename(Path(name).suffix)[:12] if Path(name).suffix else ""
    stem = get_valid_filename(Path(name).stem) if Path(name).stem.strip(" ._") else ""
    return (stem or "original").encode()[:STORED_NAME_BYTES].decode(errors="ignore") + suffix


def save_original_file(name: str, content: bytes) -> bool:
    """Store the bytes under their name unless already there; True when this call wrote them."""
    if default_storage.exists(name):
        return False
    stored = default_storage.save(name, ContentFile(content))
    if stored != name:  # the storage chose another name: the row would point at nothing
        default_storage.delete(stored)
        raise ValueError(f"the storage kept the original as {stored!r}, not {name!r}")
    return True


def write_with_originals(letters: list[tuple[Source, LetterData, Letter | None]]) -> list[Written]:
    """Store each (source, data, letter it replaces)'s original, then write the rows in one
    transaction. A replaced version's file stays: its version history keeps it."""
    items = [
        Incoming(data, source.name, source.sha256, original_file_name(source.sha256, source.name), replaces)
        for source, data, replaces in letters
    ]
    journal = Journal([item.file_name for item in items])
    wrote: list[str] = []
    try:
        for item, (source, _data, _replaces) in zip(items, letters):
            if save_original_file(item.file_name, source.content):
                wrote.append(item.file_name)
        written = write_letters(items)
    except Exception:
        for name in wrote:
            default_storage.delete(name)
        journal.close()
        raise
    transaction.on_commit(journal.close)  # at once outside a transaction
    return written


def journal_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "pending"


class Journal:
    """The files one batch is about to store, on disk and locked until its rows are committed."""

    def __init__(self, names: list[str]):
        folder = journal_folder()
        folder.mkdir(parents=True, exist_ok=True)
        writing = folder / f"{uuid.uuid4().hex}.writing"
        self.handle = open(writing, "w", encoding="utf-8")  # noqa: SIM115 - held open: the lock lives with it
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        json.dump(names, self.handle)
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.path = writing.with_suffix(".json")
        writing.rename(self.path)  # seen by clear_interrupted only once complete and locked

    def close(self) -> None:
        self.path.unlink(missing_ok=True)
        self.handle.close()


def clear_interrupted() -> int:
    """Remove the files of batches whose writer died before committing their rows; returns
    how many files were removed. A journal still locked belongs to a running import; one
    still being written (.writing) belonged to a writer that had stored no file yet."""
    folder = journal_folder()
    if not folder.is_dir():
        return 0
    removed = 0
    for path in sorted(folder.glob("*.writing")) + sorted(folder.glob("*.json")):
        with abandoned(path) as handle:
            if handle is None:
                continue
            if path.suffix == ".json":
                removed += remove_rowless(set(json.loads(handle.read() or "[]")))
            path.unlink(missing_ok=True)
    return removed


@contextmanager
def abandoned(path: Path):
    """The journal, opened and locked, if no living writer holds it; else None."""
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below, after the lock
    except FileNotFoundError:  # another import cleared it first
        yield None
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None
            return
        yield handle


def remove_rowless(names: set[str]) -> int:
    """Delete the stored files no letter and no earlier version refers to."""
    kept = set(Letter.objects.filter(source_file__in=names).values_list("source_file", flat=True))
    kept |= set(LetterVersion.objects.filter(source_file__in=names).values_list("source_file", flat=True))
    for name in names - kept:
        default_storage.delete(name)
    return len(names - kept)
