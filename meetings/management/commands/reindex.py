"""`manage.py reindex`: index every letter again, with the word list refilled."""

from django.core.management.base import BaseCommand
from django.db import transaction

from meetings import marker
from meetings.search.indexer import optimize_index, rebuild_index


class Command(BaseCommand):
    help = (
        "Index every letter again and refill the word list (prefixes, compounds, suggestions): after a change "
        "to how words become index terms, or to repair the index. The archive stays searchable meanwhile."
    )

    def handle(self, *args, verbosity=1, **options):
        with transaction.atomic():  # searches see the old index until the new one is complete
            count = rebuild_index(fresh_words=True)
            marker.changed()  # search pages may find other letters now
        optimize_index()
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Indexed {count} letters again."))
