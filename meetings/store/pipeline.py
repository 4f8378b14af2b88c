"""From files to archive rows: the one path that the import command (many files), the admin
upload (its preview, then its publish) and the benchmarks take.

Each file is read and hashed once (sources.py), and the store makes one decision for it
(outcome.Status): UNCHANGED when its exact bytes are archived already (extraction skipped
unless a description is wanted), FAILED when it cannot be read, is not a letter or cannot be
stored, CREATED or UPDATED when it is written (a letter with the same file name is updated in
place), PARSED when it is extracted and not written (a dry run, an upload preview).

Extraction is pure and CPU-bound: for many files it runs in worker processes, a bounded
number of files ahead of this process, which writes the letters in batches of BATCH, each in
one transaction (writer.py: a batch costs about as many statements as one letter). A batch
that cannot be written is written again letter by letter, so one bad letter fails alone, with
its reason; the database never holds part of a letter. Results come in the order of the files.
"""

from __future__ import annotations

import logging
import os
import time
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice, tee
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection

from ..extract import ExtractionError
from ..extract.bounded import ReadLimits, die_with_parent
from ..extract.data import LetterData
from ..extract.letter import parse_document
from ..extract.read import read_letter_bytes
from ..extract.topics import TopicRule
from ..models import Letter
from .identity import archived_versions_of, identities_of
from .originals import clear_interrupted, write_with_originals
from .outcome import ImportResult, Status
from .sources import Source, Unreadable, read_source
from .topic_vocabulary import topic_rules

log = logging.getLogger(__name__)
PARALLEL_FROM = 40  # below this many files, starting worker processes costs more than it saves
CHUNK = 16  # files per task sent to a worker
AHEAD = 16  # tasks per worker queued ahead of the writer: keeps workers busy while a batch is written, and bounds the files held in memory
WINDOW = 500  # files hashed and looked up in the archive per query
BATCH = 100  # letters per transaction
RECENT = 2 * BATCH  # written letters the writer remembers (OrderedWriter.written)


@dataclass(frozen=True)
class Options:
    write: bool = True  # False: decide and extract, write nothing
    consult_archive: bool = True  # False: every file counts as new (a dry run needs no database)
    describe: bool = False  # extract files whose bytes are archived too, to report on them
    deadline: float | None = None  # time.monotonic() by which all reading must be done (a web request)
    replace: bool = False  # a new version of an archived letter replaces it (import_letters --replace)
    replace_ids: frozenset[int] = frozenset()  # ... of these archived letters only (the admin's choice)

    def may_replace(self, letter: Letter) -> bool:
        return self.replace or letter.pk in self.replace_ids


DRY_RUN = Options(write=False, consult_archive=False)
PREVIEW = Options(write=False, describe=True)


def import_files(
    paths: list[Path], *, topics: list[TopicRule] | None = None, options: Options = Options()
) -> Iterator[ImportResult]:
    workers = min(os.cpu_count() or 1, 8) if len(paths) >= PARALLEL_FROM else 1
    return import_sources(map(read_source, paths), topics=topics, options=options, workers=workers)


def import_file(path: Path, **kwargs) -> ImportResult:
    return list(import_files([path], **kwargs))[0]


def import_bytes(name: str, content: bytes, **kwargs) -> ImportResult:
    return list(import_sources([Source.from_bytes(name, content)], **kwargs))[0]


def extract_letter(content: bytes, topics: list[TopicRule] | None = None) -> LetterData:
    """Bytes to LetterData; raises ExtractionError with a reason a person understands."""
    document = read_letter_bytes(content, limits=read_limits())
    return parse_document(document, topics=topic_rules() if topics is None else topics)


def read_limits(deadline: float | None = None) -> ReadLimits:
    """The reading limits of settings.py, the time cut to what is left before `deadline`."""
    seconds = settings.LETTER_READ_SECONDS
    if deadline is not None:
        seconds = min(seconds, deadline - time.monotonic())
    return ReadLimits(
        max_bytes=settings.LETTER_MAX_BYTES,
        max_unpacked_bytes=settings.LETTER_MAX_UNPACKED_BYTES,
        max_pages=settings.LETTER_MAX_PAGES,
        seconds=seconds,
        memory_bytes=settings.LETTER_READ_MEMORY_BYTES,
    )


@dataclass
class Planned:
    source: Source | Unreadable
    archived: Letter | None  # the letter that holds exactly these bytes
    extract: bool


def import_sources(
    sources: Iterable[Source | Unreadable],
    *,
    topics: list[TopicRule] | None = None,
    options: Options = Options(),
    workers: int = 1,
) -> Iterator[ImportResult]:
    """The decision for each source, in order (module docstring)."""
    topics = topic_rules() if topics is None else topics
    if options.write:
        clear_interrupted()
    planned, to_extract = tee(plan(sources, options))
    extractions = extracted((p.source.content for p in to_extract if p.extract), topics, workers, options.deadline)
    writer = OrderedWriter(options)
    for item in planned:
        yield from writer.add(item, next(extractions) if item.extract else None)
    yield from writer.flush()


def plan(sources: Iterable[Source | Unreadable], options: Options) -> Iterator[Planned]:
    """Each source with the archived letter that holds its bytes, looked up a window at a time."""
    sources = iter(sources)
    while window := list(islice(sources, WINDOW)):
        archived = archived_by_sha256([s.sha256 for s in window if isinstance(s, Source)]) if options.consult_archive else {}
        for source in window:
            letter = archived.get(source.sha256) if isinstance(source, Source) else None
            yield Planned(source, letter, isinstance(source, Source) and (letter is None or options.describe))


def archived_by_sha256(shas: list[str]) -> dict[str, Letter]:
    return reading(lambda: {letter.source_sha256: letter for letter in Letter.objects.filter(source_sha256__in=set(shas))})


def reading(read):
    """What `read()` returns; DatabaseUnavailable when the database has gone away meanwhile."""
    try:
        return read()
    except (OperationalError, InterfaceError) as exc:
        if database_gone(exc):
            raise DatabaseUnavailable(str(exc).strip()) from exc
        raise


def versions_of(letters: list[LetterData]) -> list[Letter | None]:
    """identity.archived_versions_of, stopping the run (DatabaseUnavailable) when the database is gone."""
    try:
        return archived_versions_of(letters)
    except (OperationalError, InterfaceError) as exc:
        if database_gone(exc):
            raise DatabaseUnavailable(str(exc).strip()) from exc
        raise


class OrderedWriter:
    """Turns planned files and their extractions into results, in file order, while new
    letters wait for their batch to be written."""

    def __init__(self, options: Options):
        self.options = options
        self.order: list[ImportResult | tuple[Source, LetterData]] = []  # results, and letters waiting
        self.batch: list[tuple[Source, LetterData]] = []
        # sha256 -> letter, for copies of a file in one run: only the last few batches, so that a
        # run of any length keeps no state per letter; an older copy is found in the archive
        # (plan(), and store() again for copies planned before their first was written).
        self.written: OrderedDict[str, Letter] = OrderedDict()

    def add(self, item: Planned, extraction: LetterData | str | None) -> Iterator[ImportResult]:
        source = item.source
        if isinstance(source, Unreadable):
            return self.add_result(ImportResult(source.name, Status.FAILED, error=source.reason))
        if isinstance(extraction, str):
            return self.add_result(ImportResult(source.name, Status.FAILED, error=extraction))
        archived = item.archived or self.written.get(source.sha256)
        if archived is not None:
            return self.add_result(ImportResult(source.name, Status.UNCHANGED, letter=archived, data=extraction))
        return self.add_letter(source, extraction)

    def add_result(self, result: ImportResult) -> Iterator[ImportResult]:
        self.order.append(result)
        if not self.batch:
            yield from self.flush()

    def add_letter(self, source: Source, data: LetterData) -> Iterator[ImportResult]:
        identities = set(identities_of(data))
        if any(s.sha256 == source.sha256 or identities & set(identities_of(d)) for s, d in self.batch):
            yield from self.flush()  # the same letter twice: the second sees the first one written
            if source.sha256 in self.written:
                yield from self.add_result(
                    ImportResult(source.name, Status.UNCHANGED, letter=self.written[source.sha256], data=data)
                )
                return
        pair = (source, data)  # one object in both lists: flush() finds its result by id()
        self.order.append(pair)
        self.batch.append(pair)
        if len(self.batch) >= BATCH:
            yield from self.flush()

    def flush(self) -> Iterator[ImportResult]:
        results = dict(zip(map(id, self.batch), self.store(self.batch))) if self.batch else {}
        order, self.order, self.batch = self.order, [], []
        for item in order:
            yield item if isinstance(item, ImportResult) else results[id(item)]

    def store(self, batch: list[tuple[Source, LetterData]]) -> list[ImportResult]:
        """Write the batch's new letters and chosen replacements; the other new versions wait.
        A run that writes nothing says what it would do (PARSED, or NEW_VERSION). The
        archived letters the batch's letters are versions of are looked up in one query."""
        options, pairs = self.options, batch
        if options.write and options.consult_archive:
            batch, unchanged = self.written_meanwhile(batch)
        else:
            unchanged = {}
        if options.consult_archive:
            versions = reading(lambda: versions_of([data for _source, data in batch]))
        else:
            versions = [None] * len(batch)
        waiting = {
            id(pair): ImportResult(pair[0].name, Status.NEW_VERSION, letter=version, data=pair[1])
            for pair, version in zip(batch, versions)
            if version is not None and not (options.write and options.may_replace(version))
        }
        chosen = [(pair, version) for pair, version in zip(batch, versions) if id(pair) not in waiting]
        if options.write:
            done = self.write_letters(chosen)
        else:
            done = [ImportResult(source.name, Status.PARSED, data=data) for (source, data), _version in chosen]
        results = {**unchanged, **waiting, **dict(zip((id(pair) for pair, _v in chosen), done))}
        return [results[id(pair)] for pair in pairs]

    def written_meanwhile(self, batch):
        """The batch without the files that an earlier batch of this run wrote after plan()
        looked them up (a copy of a file far apart in a long run), and their results."""
        archived = archived_by_sha256([source.sha256 for source, _data in batch])
        unchanged = {
            id(pair): ImportResult(pair[0].name, Status.UNCHANGED, letter=archived[pair[0].sha256], data=pair[1])
            for pair in batch
            if pair[0].sha256 in archived
        }
        return [pair for pair in batch if id(pair) not in unchanged], unchanged

    def write_letters(self, chosen: list[tuple[tuple[Source, LetterData], Letter | None]]) -> list[ImportResult]:
        if not chosen:
            return []
        try:
            outcomes = write_with_originals([(source, data, version) for (source, data), version in chosen])
        except Exception as exc:  # noqa: BLE001 - one letter's failure must not stop the others
            if database_gone(exc):
                raise DatabaseUnavailable(str(exc).strip() or type(exc).__name__) from exc
            if len(chosen) == 1:
                return [failure(chosen[0][0], exc)]
            return [self.write_letters([one])[0] for one in chosen]  # find the letter that fails
        results = []
        for ((source, data), _version), w in zip(chosen, outcomes):
            self.remember(source.sha256, w.letter)
            results.append(ImportResult(source.name, Status.CREATED if w.created else Status.UPDATED, letter=w.letter, data=data))
        return results

    def remember(self, sha256: str, letter: Letter) -> None:
        self.written[sha256] = letter
        if len(self.written) > RECENT:
            self.written.popitem(last=False)


class DatabaseUnavailable(Exception):
    """The database cannot be reached: no further letter can be stored, so the run stops."""


def database_gone(exc: Exception) -> bool:
    """Whether a failed write means the database is unreachable (rather than that one letter
    could not be stored): a connection error, after which a fresh connection fails too."""
    if not isinstance(exc, (OperationalError, InterfaceError)) or connection.in_atomic_block:
        return False  # inside a caller's transaction a reconnect would lose its work: let it fail
    try:
        connection.close()
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except (OperationalError, InterfaceError):
        return True
    return False


def failure(pair: tuple[Source, LetterData], exc: Exception) -> ImportResult:
    source, data = pair
    log.error("could not store %s", source.name, exc_info=exc)
    reason = f"could not be stored in the database ({type(exc).__name__}: {exc})"
    return ImportResult(source.name, Status.FAILED, error=reason, data=data)


def extracted(
    contents: Iterator[bytes], topics: list[TopicRule], workers: int, deadline: float | None
) -> Iterator[LetterData | str]:
    """Each file's LetterData, or the reason it has none, in order; in worker processes a
    bounded number of files ahead when there are several workers."""
    if workers == 1:
        yield from (extract_content(content, topics, read_limits(deadline)) for content in contents)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=set_worker_rules, initargs=(topics, read_limits())) as pool:
        pending: deque = deque()
        while chunk := list(islice(contents, CHUNK)):
            pending.append(pool.submit(extract_chunk, chunk))
            if len(pending) >= workers * AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def extract_content(content: bytes, topics: list[TopicRule], limits: ReadLimits) -> LetterData | str:
    if limits.seconds <= 0:
        return "not read: reading the files before it took all the time there was; send this file again on its own"
    try:
        return parse_document(read_letter_bytes(content, limits=limits), topics=topics)
    except ExtractionError as exc:
        return str(exc)


_worker_rules: tuple[list[TopicRule], ReadLimits] = ([], ReadLimits())  # a worker's topics and limits, sent once


def set_worker_rules(topics: list[TopicRule], limits: ReadLimits) -> None:
    """A worker's start: its rules, and its end when the import that started it is killed."""
    global _worker_rules
    die_with_parent()
    _worker_rules = (topics, limits)


def extract_chunk(contents: list[bytes]) -> list[LetterData | str]:
    topics, limits = _worker_rules
    return [extract_content(content, topics, limits) for content in contents]
