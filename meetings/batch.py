"""Importing many files: extraction (pure, CPU-bound) runs in worker processes, while this
process writes each letter in its own transaction, in file order."""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator

from django.conf import settings

from .extract import ExtractionError, parse_letter
from .extract.read import read_letter_bytes
from .importer import CREATED, FAILED, UNCHANGED, UPDATED, ImportResult, store_letter
from .models import Letter

PARALLEL_FROM = 40  # below this many files, starting worker processes costs more than it saves
CHUNK = 16


def extract_file(path: str, topics, max_bytes: int):
    """Worker: read and extract one file; returns (name, sha256, content, LetterData or error)."""
    name = Path(path).name
    try:
        content = Path(path).read_bytes()
    except OSError as exc:
        return name, None, None, f"cannot read the file ({exc.strerror or exc})"
    sha256 = hashlib.sha256(content).hexdigest()
    try:
        return name, sha256, content, parse_letter(read_letter_bytes(content, max_bytes=max_bytes), topics=topics)
    except ExtractionError as exc:
        return name, sha256, content, str(exc)


def import_files(paths: list[Path], *, topics, dry_run: bool = False, describe: bool = False) -> Iterator[ImportResult]:
    """Results in the order of `paths`; the same outcomes as import_letter_file one by one."""
    workers = min(os.cpu_count() or 1, 8) if len(paths) >= PARALLEL_FROM else 1
    known = set() if dry_run or describe else known_hashes(paths)
    todo = [p for p in paths if p not in known]
    results = extracted(todo, topics, workers)
    for path in paths:
        if path in known:
            yield ImportResult(path.name, UNCHANGED, letter=known[path])
            continue
        name, sha256, content, outcome = next(results)
        if isinstance(outcome, str):
            yield ImportResult(name, FAILED, error=outcome)
        elif dry_run:
            yield ImportResult(name, "parsed", data=outcome)
        elif (existing := Letter.objects.filter(source_sha256=sha256).first()) is not None:
            yield ImportResult(name, UNCHANGED, letter=existing, data=outcome)
        else:
            letter, created = store_letter(outcome, source_name=name, content=content, sha256=sha256, topics=topics)
            yield ImportResult(name, CREATED if created else UPDATED, letter=letter, data=outcome)


def extracted(paths: list[Path], topics, workers: int):
    max_bytes = settings.LETTER_MAX_BYTES
    if workers == 1:
        yield from (extract_file(str(p), topics, max_bytes) for p in paths)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(extract_file, [str(p) for p in paths], [topics] * len(paths), [max_bytes] * len(paths), chunksize=CHUNK)


def known_hashes(paths: list[Path]) -> dict[Path, Letter]:
    """Files whose exact bytes are archived already: a re-run skips their extraction."""
    hashes = {}
    for path in paths:
        try:
            hashes[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
    letters = {l.source_sha256: l for l in Letter.objects.filter(source_sha256__in=set(hashes.values()))}
    return {path: letters[sha] for path, sha in hashes.items() if sha in letters}
