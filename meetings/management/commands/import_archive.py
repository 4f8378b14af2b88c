"""`manage.py import_archive FILE`: restore an exported archive into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.store.backup import ArchiveFileError, import_archive


class Command(BaseCommand):
    help = "Restore a file written by export_archive into an empty database (rows, originals, search index)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A zip file written by export_archive.")

    def handle(self, *args, archive, **options):
        try:
            counts = import_archive(Path(archive))
        except ArchiveFileError as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Restored from {archive}: {summary}"))
