"""`manage.py harvest`: fetch every letter about NATO ministerial meetings from the official
source (meetings/harvest/) and import it as `import_letters` would."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from meetings.harvest.client import PoliteClient, SourceUnreachable
from meetings.harvest.progress import ProgressBar
from meetings.harvest.run import Harvest, Report
from meetings.harvest.sru import DEFAULT_DOSSIERS, DEFAULT_SOURCE, SruDiagnostic, SruError
from meetings.search.indexer import optimize_index
from meetings.store import DRY_RUN, Options, Status
from meetings.store.pipeline import DatabaseUnavailable

from .import_letters import OPTIMIZE_FROM, SUMMARY_ORDER, LetterReport, as_json


class Command(LetterReport, BaseCommand):
    help = (
        "Fetch the letters about NATO ministerial meetings (agendas and reports of meetings of defence or foreign "
        "ministers, summits and meetings beside them) from the official SRU source and import them. Asks for the "
        "dossiers' Kamerstukken page by page, follows each record's XML link, skips what is not such a letter "
        "(and says why), and imports the rest through the same path as import_letters. A second run asks only "
        "for what changed since the last complete run; an interrupted run goes on where it stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", default=DEFAULT_SOURCE, help=f"The SRU 2.0 service to ask (default {DEFAULT_SOURCE}).")
        parser.add_argument(
            "--since",
            type=day,
            help="Ask for every Kamerstuk dated on or after this day (YYYY-MM-DD), whatever was harvested before; "
            "without it, a run asks for what changed since the last complete run (everything, the first time).",
        )
        parser.add_argument(
            "--dossier",
            nargs="+",
            default=list(DEFAULT_DOSSIERS),
            help="Kamerstuk dossiers to harvest (default: 28676 NAVO and 21501-28 Defensieraad).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Fetch and parse, write nothing (no letters, no harvest state); asks for everything, or from --since.",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="text: a line per letter, the skipped records and a summary; json: the items import_letters --format json prints.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Let the official XML replace a letter archived from another file (a PDF); a letter harvested "
            "before is replaced by its corrected publication without it.",
        )
        parser.add_argument("--pause", type=float, default=1.0, help="Seconds between requests (default 1).")
        parser.add_argument("--timeout", type=float, default=30.0, help="Seconds to wait for one answer (default 30).")
        parser.add_argument(
            "--retries",
            type=int,
            default=4,
            help="Retries of a request that failed (429, 5xx, dropped connection), with growing waits (default 4).",
        )

    def handle(self, *args, source, since, dossier, dry_run, format, replace, pause, timeout, retries, verbosity=1, **options):
        client = PoliteClient(pause=pause, timeout=timeout, retries=retries)
        bar = ProgressBar(self.stderr)
        harvest = Harvest(
            client=client,
            source=source,
            dossiers=dossier,
            options=DRY_RUN if dry_run else Options(describe=format == "json", replace=replace),
            since=since,
            on_record=lambda report: self.progress(report, bar, show=format == "text", verbosity=verbosity),
        )
        try:
            report = harvest.run()
        except (SourceUnreachable, SruError, DatabaseUnavailable) as exc:
            bar.clear()
            raise CommandError(stopped(harvest.report, source, exc)) from None
        finally:
            bar.clear()
        if sum(1 for r in report.results if r.written) >= OPTIMIZE_FROM:
            optimize_index()
        self.finish(report, client, format=format, dry_run=dry_run, verbosity=verbosity)

    def progress(self, report: Report, bar: ProgressBar, *, show: bool, verbosity: int) -> None:
        """After each record: the lines of what was decided since, then the bar."""
        reported = getattr(self, "_reported", 0)
        if show and len(report.results) > reported:
            bar.clear()
            for result in report.results[reported:]:
                self.report(result, verbosity)
        self._reported = len(report.results)
        bar.update(report.records, report.total)

    def finish(self, report: Report, client: PoliteClient, *, format: str, dry_run: bool, verbosity: int) -> None:
        out = self.stdout if format == "text" else self.stderr  # JSON on stdout holds the items only
        if verbosity >= 1:
            for skipped in report.skipped:
                out.write(f"skipped   {skipped.identifier}: {skipped.reason}")
        if format == "json":
            self.stdout.write(json.dumps([as_json(r) for r in report.results], ensure_ascii=False, indent=1))
        out.write(summary(report, client, dry_run))
        if report.failed:
            if format == "json":
                sys.exit(1)  # the JSON is complete on stdout; the exit status says some failed
            raise CommandError(f"{report.failed} of {len(report.results)} letters could not be harvested.")


def day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a day as YYYY-MM-DD, not {value!r}") from None


def summary(report: Report, client: PoliteClient, dry_run: bool) -> str:
    counts = Counter(r.status for r in report.results)
    order = [Status.PARSED, Status.UNCHANGED, Status.FAILED] if dry_run else SUMMARY_ORDER
    letters = ", ".join(f"{counts.get(s, 0)} {s}" for s in order if s != Status.NEW_VERSION or counts.get(s))
    of_total = f" of {report.total}" if report.total is not None else ""
    resumed = f", going on from record {report.resumed_at}" if report.resumed_at else ""
    return (
        f"{report.records} records{of_total}{resumed}: {len(report.results)} letters ({letters}), "
        f"{len(report.skipped)} skipped; {client.requests} requests" + (" (dry run, nothing written)" if dry_run else "")
    )


def stopped(report: Report, source: str, exc: Exception) -> str:
    """The one line a run that cannot go on ends with."""
    if isinstance(exc, SourceUnreachable) and report.records == 0:
        return f"The source {source} cannot be reached: {exc}"
    if isinstance(exc, SruDiagnostic):
        return f"The source answered with an SRU diagnostic: {exc}"
    done = f"stopped after {report.records} records ({sum(1 for r in report.results if r.written)} letters stored, each whole)"
    what = {SourceUnreachable: "The source went away", DatabaseUnavailable: "The database went away"}.get(
        type(exc), "The source's answer could not be read"
    )
    return f"{what} ({exc}); {done}. Run the same command again to go on where it stopped."
