"""Importing many files: extraction (pure, CPU-bound) runs in worker processes, while this
process writes the letters in batches, each batch in one transaction, in file order.

Writing a hundred letters at once costs about as many statements as writing one (writer.py),
so a large import runs many times faster than letter by letter. A batch that cannot be
written is written again letter by letter, so that one bad letter fails alone, with its
reason, and the others are imported; the database never holds part of a letter.
"""
from __future__ import annotations

import hashlib
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator

from django.conf import settings

from .extract import ExtractionError, parse_letter
from .extract.read import read_letter_bytes
from .importer import CREATED, FAILED, UNCHANGED, UPDATED, ImportResult, Parsed, store_letters
from .models import Letter

log = logging.getLogger(__name__)
PARALLEL_FROM = 40  # below this many files, starting worker processes costs more than it saves
CHUNK = 16  # files per task sent to a worker
BATCH = 100  # letters per transaction


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
    known = {} if dry_run else known_hashes(paths)
    todo = [p for p in paths if describe or dry_run or p not in known]
    results = extracted(todo, topics, workers)
    queue = Queue(topics)
    for path in paths:
        if path in known and not describe:
            yield from queue.add_result(ImportResult(path.name, UNCHANGED, letter=known[path]))
            continue
        name, sha256, content, outcome = next(results)
        if isinstance(outcome, str):
            yield from queue.add_result(ImportResult(name, FAILED, error=outcome))
        elif dry_run:
            yield ImportResult(name, "parsed", data=outcome)
        elif path in known:
            yield from queue.add_result(ImportResult(name, UNCHANGED, letter=known[path], data=outcome))
        else:
            yield from queue.add_letter(Parsed(name, content, sha256, outcome))
    yield from queue.flush()


class Queue:
    """Keeps results in file order while letters wait for their batch to be written."""

    def __init__(self, topics):
        self.topics = topics
        self.order: list[ImportResult | Parsed] = []  # results, and letters waiting in the batch
        self.batch: list[Parsed] = []
        self.written: dict[str, Letter] = {}  # sha256 -> letter, for copies of a file in one run

    def add_result(self, result: ImportResult) -> Iterator[ImportResult]:
        self.order.append(result)
        if not self.batch:
            yield from self.flush()

    def add_letter(self, parsed: Parsed) -> Iterator[ImportResult]:
        if any(p.sha256 == parsed.sha256 or p.source_name == parsed.source_name for p in self.batch):
            yield from self.flush()  # the same file twice: the second sees the first one written
        if parsed.sha256 in self.written:
            yield from self.add_result(ImportResult(parsed.source_name, UNCHANGED, letter=self.written[parsed.sha256], data=parsed.data))
            return
        self.order.append(parsed)
        self.batch.append(parsed)
        if len(self.batch) >= BATCH:
            yield from self.flush()

    def flush(self) -> Iterator[ImportResult]:
        written = dict(zip(map(id, self.batch), self.write(self.batch))) if self.batch else {}
        order, self.order, self.batch = self.order, [], []
        for item in order:
            yield written[id(item)] if isinstance(item, Parsed) else item

    def write(self, batch: list[Parsed]) -> list[ImportResult]:
        try:
            outcomes = store_letters(batch, topics=self.topics)
        except Exception as exc:  # noqa: BLE001 - one letter's failure must not stop the others
            if len(batch) == 1:
                return [self.failure(batch[0], exc)]
            return [self.write([parsed])[0] for parsed in batch]  # find the letter that fails
        results = []
        for parsed, w in zip(batch, outcomes):
            self.written[parsed.sha256] = w.letter
            results.append(ImportResult(parsed.source_name, CREATED if w.created else UPDATED, letter=w.letter, data=parsed.data))
        return results

    @staticmethod
    def failure(parsed: Parsed, exc: Exception) -> ImportResult:
        log.error("could not store %s", parsed.source_name, exc_info=exc)
        reason = f"could not be stored in the database ({type(exc).__name__}: {exc})"
        return ImportResult(parsed.source_name, FAILED, error=reason, data=parsed.data)


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
    letters = {}
    shas = sorted(set(hashes.values()))
    for start in range(0, len(shas), 500):
        letters.update((l.source_sha256, l) for l in Letter.objects.filter(source_sha256__in=shas[start : start + 500]))
    return {path: letters[sha] for path, sha in hashes.items() if sha in letters}
