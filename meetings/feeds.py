"""Atom feed of newly archived letters.

Atom marks an entry's summary as HTML, so feed readers render it: letter text is escaped
first (letter_summary), and a letter that contains markup shows that markup as text.
"""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .extract.body import plain_blocks
from .models import Letter


class LatestLettersFeed(Feed):
    feed_type = Atom1Feed
    title = _("NAVO-brievenarchief: nieuwe brieven")
    subtitle = _("Brieven van de minister van Defensie aan de Tweede Kamer over NAVO-bijeenkomsten")

    def link(self):
        return reverse("meetings:letter_list")

    def items(self):
        return Letter.objects.select_related("minister").order_by("-imported_at")[:30]

    def item_title(self, item):
        return item.subject

    def item_description(self, item):
        return letter_summary(item.body)

    def item_pubdate(self, item):
        """The letter's own date; the import time only for an undated letter."""
        return letter_published(item)

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.minister.name if item.minister else None


SUMMARY_CHARACTERS = 600


def letter_summary(body: str) -> str:
    """The opening of a letter as safe HTML for a feed: its plain text (no body markup),
    escaped, so no markup in the letter reaches the reader as markup."""
    return escape(" ".join(passage.text for passage in plain_blocks(body))[:SUMMARY_CHARACTERS])


def letter_published(letter) -> dt.datetime:
    if letter.date is None:
        return letter.imported_at
    return timezone.make_aware(dt.datetime.combine(letter.date, dt.time(12)))
