"""Atom feed of newly archived letters."""
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

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
        return item.body[:600]

    def item_pubdate(self, item):
        return item.imported_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.minister.name if item.minister else None
