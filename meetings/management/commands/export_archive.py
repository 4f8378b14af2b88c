"""`manage.py export_archive FILE`: the whole archive, originals included, in one zip file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.store.backup import ArchiveFileError, export_archive


class Command(BaseCommand):
    help = "Write every letter with its original file, its extracted data and version history, and the admin history, to one portable zip file."

    def add_arguments(self, parser):
        parser.add_argument("output", help="The zip file to write, e.g. archief-2026-11-23.zip.")

    def handle(self, *args, output, **options):
        try:
            counts = export_archive(Path(output))
        except ArchiveFileError as exc:
            raise CommandError(f"{exc}; no archive file was written.") from exc
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Exported to {output}: {summary}"))
