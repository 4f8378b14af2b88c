"""`manage.py export_archive FILE`: the whole archive, originals included, in one zip file."""
from pathlib import Path

from django.core.management.base import BaseCommand

from meetings.store.backup import export_archive


class Command(BaseCommand):
    help = "Write every letter (with its original file) and all extracted data to one portable zip file."

    def add_arguments(self, parser):
        parser.add_argument("output", help="The zip file to write, e.g. archief-2026-11-23.zip.")

    def handle(self, *args, output, **options):
        counts = export_archive(Path(output))
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Exported to {output}: {summary}"))
