"""`manage.py remove_sample_letters`: take the fictional demonstration letters out of an archive."""

from django.core.management.base import BaseCommand

from meetings.store.samples import remove_sample_letters


class Command(BaseCommand):
    help = (
        "Remove every sample letter (the fictional VOORBEELDBRIEF letters scripts/run loads), the meetings only "
        "they name and their original files. Real letters are not touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be removed; remove nothing.")

    def handle(self, *args, dry_run=False, **options):
        removed = remove_sample_letters(dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {removed.letters} sample letters, {removed.meetings} meetings and {removed.files} files.")
        )
