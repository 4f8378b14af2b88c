"""Reads: one chainable QuerySet method per browse filter (habit 5 of STYLE.md)."""

from __future__ import annotations

from django.db import models


class LetterQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(date__year=year)

    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def by_minister(self, slug: str):
        return self.filter(minister__slug=slug)

    def with_country(self, code: str):
        return self.filter(meetings__participations__country__code=code.upper()).distinct()

    def on_topic(self, slug: str):
        return self.filter(topics__slug=slug)

    def in_series(self, series: str):
        return self.filter(meetings__series=series).distinct()

    def for_listing(self):
        return self.select_related("minister").prefetch_related("meetings")

    def real(self):
        """Letters that are not fictional samples (VOORBEELDBRIEF): what counts as the archive."""
        return self.filter(is_sample=False)

    def samples(self):
        return self.filter(is_sample=True)


class MeetingQuerySet(models.QuerySet):
    def free_slugs(self, bases: list[str]) -> list[str]:
        """For each wanted slug ("2024-06-13-dmm"), it or the first free "-2", "-3" after it,
        distinct within the list too; one query however many (the slug rule: Meeting.slug_base)."""
        if not bases:
            return []
        taken = set(self.filter(slug__gte=min(bases), slug__lte=max(bases) + "-~").values_list("slug", flat=True))
        free = []
        for base in bases:
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            free.append(slug)
        return free

    def for_year(self, year: int):
        return self.filter(start_date__year=year)

    def in_series(self, series: str):
        return self.filter(series=series)

    def with_country(self, code: str):
        return self.filter(participations__country__code=code.upper())

    def by_minister(self, slug: str):
        return self.filter(letters__minister__slug=slug).distinct()

    def on_topic(self, slug: str):
        return self.filter(letters__topics__slug=slug).distinct()

    def for_listing(self):
        return self.prefetch_related("participations__country", "letter_links__letter")

    def real(self):
        """Meetings a real letter names (not only sample letters): what counts as coverage."""
        return self.filter(models.Exists(real_links()))

    def only_in_samples(self):
        return self.exclude(models.Exists(real_links()))


def real_links():
    """A meeting's links to real letters, correlated with the meeting of the outer query."""
    from .models import LetterMeeting

    return LetterMeeting.objects.filter(meeting=models.OuterRef("pk"), letter__is_sample=False)


class CountryQuerySet(models.QuerySet):
    def taking_part(self):
        """Countries that take part in at least one archived meeting (an index probe each)."""
        from .models import Participation

        return self.filter(models.Exists(Participation.objects.filter(country=models.OuterRef("pk"))))
