"""`manage.py import_letters PATH...`: import letter files and folders of them."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.search.indexer import optimize_index
from meetings.store import DRY_RUN, ImportResult, Options, Status, import_files
from meetings.store.pipeline import DatabaseUnavailable

LETTER_SUFFIXES = {".txt", ".md", ".markdown", ".pdf", ".docx", ".xml"}
PROGRESS_FROM = 50  # files; smaller batches print a line per file and need no progress bar
OPTIMIZE_FROM = 1000  # letters written; a larger import tidies the search index afterwards
SUMMARY_ORDER = [Status.CREATED, Status.UPDATED, Status.UNCHANGED, Status.NEW_VERSION, Status.FAILED]


class LetterReport:
    """A line per file (or harvested record) as the import made its decision; shared with `harvest`."""

    def report(self, result: ImportResult, verbosity: int) -> None:
        if result.status == Status.FAILED:
            self.stderr.write(self.style.ERROR(f"FAILED  {result.source}: {result.error}"))
        elif result.status == Status.NEW_VERSION:
            self.stdout.write(
                self.style.WARNING(
                    f"new version of letter {result.letter.pk} ({result.letter.source_name}): {result.source} not imported; "
                    "run again with --replace to replace the archived letter"
                )
            )
        elif verbosity >= 1:
            self.stdout.write(f"{result.status:<9} {result.source}: {describe(result)}")
            if verbosity >= 2 and result.data:
                for warning in result.data.warnings:
                    self.stdout.write(self.style.WARNING(f"          warning: {warning}"))


class Command(LetterReport, BaseCommand):
    help = (
        "Import letters to the Tweede Kamer about NATO meetings from files (.txt, .md, .markdown, .pdf, .docx, "
        "and a Kamerstuk's official .xml) and folders. A new file of an archived letter (same Kamerstuk or "
        "reference) is reported and left out unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            help="Letter files (.txt, .md, .markdown, .pdf, .docx, or a Kamerstuk's official .xml from officielebekendmakingen.nl) or folders to search for them.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Parse and report what was found; write nothing.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Let a new file of an archived letter replace it; the replaced file and data stay in the letter's version history.",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="text: a line per file and a summary; json: one JSON list with an item per file.",
        )

    def handle(self, *args, paths, dry_run=False, replace=False, format="text", verbosity=1, **options):
        files = collect_files([Path(p) for p in paths])
        if not files:
            raise CommandError("No letter files found in: " + ", ".join(paths))
        run = DRY_RUN if dry_run else Options(describe=format == "json", replace=replace)
        counts = self.run_import(files, run, format=format, verbosity=verbosity)
        if counts[Status.CREATED] + counts[Status.UPDATED] >= OPTIMIZE_FROM:
            started = time.perf_counter()
            optimize_index()
            if format == "text" and verbosity >= 1:
                self.stderr.write(f"  search index tidied in {time.perf_counter() - started:.0f} s")
        if format == "text":
            self.summary(counts, dry_run)
        failed = counts[Status.FAILED]
        if failed:
            if format == "json":
                sys.exit(1)  # the JSON is complete on stdout; the exit status says some failed
            raise CommandError(f"{failed} of {counts.total()} files could not be imported.")

    def run_import(self, files: list[Path], run: Options, *, format: str, verbosity: int) -> Counter:
        """Import the files, reporting each as it comes (a line, or an item of the JSON list):
        only the counts are kept, so a run of any length holds nothing per letter."""
        counts: Counter = Counter()
        if format == "json":
            self.stdout.write("[")
        try:
            for index, result in enumerate(import_files(files, options=run), 1):
                counts[result.status] += 1
                if format == "json":
                    item = json.dumps(as_json(result), ensure_ascii=False, indent=1)
                    self.stdout.write(("" if index == 1 else ",\n") + item, ending="")
                else:
                    self.report(result, verbosity)
                    if len(files) >= PROGRESS_FROM and verbosity >= 1 and index % 50 == 0:
                        self.stderr.write(f"  … {index}/{len(files)} files")
        except DatabaseUnavailable as exc:
            stored = counts[Status.CREATED] + counts[Status.UPDATED]
            raise CommandError(
                f"The database went away ({exc}); stopped after {counts.total()} of {len(files)} files "
                f"({stored} letters stored, each whole). Run the same command again when it is back: "
                "what was stored is recognised and skipped."
            ) from None
        finally:
            if format == "json":
                self.stdout.write("]")
        return counts

    def summary(self, counts: Counter, dry_run: bool) -> None:
        order = [Status.PARSED, Status.FAILED] if dry_run else SUMMARY_ORDER
        line = ", ".join(f"{counts.get(s, 0)} {s}" for s in order if s != Status.NEW_VERSION or counts.get(s))
        style = self.style.ERROR if counts.get(Status.FAILED) else self.style.SUCCESS
        self.stdout.write(style(f"{counts.total()} files: {line}" + (" (dry run, nothing written)" if dry_run else "")))


def collect_files(paths: list[Path]) -> list[Path]:
    """Files as given (whatever their suffix), and letter files found inside folders."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if is_letter_file(p)))
        else:
            files.append(path)
    return files


def describe(result: ImportResult) -> str:
    data = result.data
    if data is None:
        return result.letter.subject if result.letter else ""
    meetings = "; ".join(f"{m.title} {m.start_date:%d-%m-%Y}" for m in data.meetings) or "no meeting"
    date = f"{data.date:%d-%m-%Y}" if data.date else "undated"
    return f"{data.kind}, {date}, {meetings}"


def as_json(result: ImportResult) -> dict:
    letter = result.data.to_json() if result.data else None
    archived = result.letter.pk if result.letter is not None else None
    return {
        "source": result.source,
        "ok": result.ok,
        "status": result.status,
        "error": result.error,
        "archived_letter": archived,
        "letter": letter,
    }


def is_letter_file(path: Path) -> bool:
    """In a folder: letter files by suffix, leaving out READMEs and hidden files."""
    return (
        path.is_file()
        and path.suffix.lower() in LETTER_SUFFIXES
        and not path.name.startswith(".")
        and not path.stem.upper().startswith("README")
    )
