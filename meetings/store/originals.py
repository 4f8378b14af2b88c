"""The original files, kept beside their letters under content-addressed names.

A file goes to letters/<sha256[:2]>/<sha256>/<its name>, so a name alone says which bytes it
holds and a new version never overwrites an old one. Files stored for rows that then cannot
be written are removed again; a replaced version's file only once the new rows are committed.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from .sources import Source
from .writer import Incoming, Written, write_letters


def original_file_name(sha256: str, source_name: str) -> str:
    return f"letters/{sha256[:2]}/{sha256}/{Path(source_name).name}"


def save_original_file(name: str, content: bytes) -> bool:
    """Store the bytes under their name unless already there; True when this call wrote them."""
    if default_storage.exists(name):
        return False
    default_storage.save(name, ContentFile(content))
    return True


def write_with_originals(letters: list[tuple[Source, object]]) -> list[Written]:
    """Store each (source, LetterData)'s original, then write the rows in one transaction."""
    items = [Incoming(data, source.name, source.sha256, original_file_name(source.sha256, source.name)) for source, data in letters]
    wrote: list[str] = []
    try:
        for item, (source, _data) in zip(items, letters):
            if save_original_file(item.file_name, source.content):
                wrote.append(item.file_name)
        written = write_letters(items)
    except Exception:
        for name in wrote:
            default_storage.delete(name)
        raise
    for w in written:
        if w.old_file and w.old_file != w.letter.source_file.name:
            transaction.on_commit(partial(default_storage.delete, w.old_file))
    return written
