"""One harvest: page through the source's records, fetch the kept letters' official XML as the
records link to it, and import them through the store's one path (pipeline.import_sources),
each as a file named by its identifier ("kst-28676-387"), a page at a time.

A letter harvested before from the same identifier is not fetched again unless its record
changed after it was stored; a corrected publication (new bytes, same identifier) replaces the
harvested letter, keeping the old one in its version history. Another file of the letter
imported by hand (a PDF) is only replaced with replace=True (the command's --replace).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from ..extract import ExtractionError, NotALetterError
from ..models import Letter
from ..store import ImportResult, Options, Status
from ..store.pipeline import extract_letter, import_sources
from ..store.sources import Source
from . import selection, sru, state
from .client import PoliteClient, SourceError, SourceUnreachable
from .sru import Page, Record, build_query, parse_page, search_params

SAFE_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,120}$")  # kst-28676-387: the letter's file name


@dataclass(frozen=True)
class Skipped:
    identifier: str
    reason: str


@dataclass
class Report:
    """What a run did, for the command to print."""

    results: list[ImportResult] = field(default_factory=list)  # one per kept record, as import_letters reports files
    skipped: list[Skipped] = field(default_factory=list)
    records: int = 0  # records read
    total: int | None = None  # numberOfRecords of the query
    resumed_at: int | None = None  # startRecord a resumed run went on from
    complete: bool = False

    @property
    def failed(self) -> int:
        return sum(1 for r in self.results if r.status == Status.FAILED)


@dataclass
class Harvest:
    client: PoliteClient
    source: str
    dossiers: list[str]
    options: Options  # DRY_RUN writes nothing, not even the harvest state
    since: dt.date | None = None
    page_size: int | None = None  # records per request; default sru.PAGE_SIZE
    on_record: Callable[[Report], None] = lambda report: None  # after each record: progress
    report: Report = field(default_factory=Report)

    def run(self) -> Report:
        """Raises SourceUnreachable (the source went away), SruError (a diagnostic, or an answer
        that is no SRU): what was imported stays, and the next run goes on from the page it
        stopped on."""
        keep_state = self.options.write
        saved = state.load(state.key_of(self.source, self.dossiers)) if keep_state else None
        plan = self.plan(saved)
        self.report.resumed_at = plan.start if plan.resumed else None
        for page in self.pages(plan):
            self.report.total = page.total
            self.import_page(page.records)
            if saved is not None and page.next_position:
                state.advance(saved, plan, page.next_position)
        if saved is not None:
            state.finish(saved, plan)
        self.report.complete = True
        return self.report

    def plan(self, saved) -> state.Plan:
        def make_query(**dates):
            return build_query(self.dossiers, **dates)

        if saved is None:  # a dry run: everything (from --since), and no state
            return state.Plan(make_query(since=self.since), 1, dt.date.today(), False, None)
        return state.plan(saved, make_query, since=self.since)

    def pages(self, plan: state.Plan) -> Iterator[Page]:
        start = plan.start
        while True:
            page = parse_page(
                self.client.get(self.source, search_params(plan.query, start, self.page_size or sru.PAGE_SIZE)), start
            )
            yield page
            if not page.next_position or page.next_position <= start or not page.records:
                return
            start = page.next_position

    def import_page(self, records: list[Record]) -> None:
        harvested = self.harvested_letters(records)
        sources: list[Source] = []
        for record in records:
            source = self.source_of(record, harvested.get(record.identifier))
            if source is not None:
                sources.append(source)
        replace_ids = frozenset(letter.pk for letter in harvested.values())
        options = replace(self.options, replace_ids=self.options.replace_ids | replace_ids)
        for result in import_sources(sources, options=options):
            self.report.results.append(result)
        self.on_record(self.report)

    def source_of(self, record: Record, archived: Letter | None) -> Source | None:
        """The record's official XML to import; None when it is skipped, fails or is archived."""
        self.report.records += 1
        if not SAFE_IDENTIFIER.match(record.identifier):
            return self.fail(record, f"its identifier {record.identifier!r} cannot name a file")
        decision = selection.by_record(record)
        if decision is not None and not decision.keep:
            return self.skip(record, decision.reason)
        if archived is not None and not changed_since(record, archived):
            self.report.results.append(ImportResult(record.identifier, Status.UNCHANGED, letter=archived))
            return None
        try:
            content = self.client.get(record.xml_url)
        except SourceUnreachable:
            raise
        except SourceError as exc:
            return self.fail(record, f"its XML could not be fetched: {exc}")
        if decision is None:
            try:
                decision = selection.by_letter(extract_letter(content))
            except NotALetterError as exc:
                decision = selection.Decision(False, f"its text is not a letter about NATO ({exc})")
            except ExtractionError as exc:
                return self.fail(record, str(exc))
            if not decision.keep:
                return self.skip(record, decision.reason)
        return Source.from_bytes(record.identifier, content)

    def skip(self, record: Record, reason: str) -> None:
        self.report.skipped.append(Skipped(record.identifier, reason))
        self.on_record(self.report)

    def fail(self, record: Record, reason: str) -> None:
        self.report.results.append(ImportResult(record.identifier, Status.FAILED, error=reason))
        self.on_record(self.report)

    def harvested_letters(self, records: list[Record]) -> dict[str, Letter]:
        """The archived letters harvested before from these records' identifiers."""
        if not self.options.consult_archive:
            return {}
        letters = Letter.objects.filter(source_name__in=[r.identifier for r in records]).only("pk", "source_name", "updated_at")
        return {letter.source_name: letter for letter in letters}


def changed_since(record: Record, letter: Letter) -> bool:
    """Whether the record changed after the letter was stored (a record without a date: yes)."""
    return record.modified is None or record.modified > letter.updated_at.date()
