from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Country, Letter, Meeting, Minister, Topic


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "meetings:home",
            "meetings:meeting_list",
            "meetings:letter_list",
            "meetings:minister_list",
            "meetings:country_list",
            "meetings:topic_list",
            "meetings:coverage",
        ]

    def location(self, item):
        return reverse(item)


class LetterSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Letter.objects.only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class MeetingSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Meeting.objects.only("slug").order_by("pk")


class CatalogSitemap(Sitemap):
    def items(self):
        return [*Minister.objects.only("slug"), *Country.objects.taking_part().only("slug"), *Topic.objects.only("slug")]


SITEMAPS = {"static": StaticSitemap, "letters": LetterSitemap, "meetings": MeetingSitemap, "catalog": CatalogSitemap}
