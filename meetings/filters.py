"""Browse filters as django-filter FilterSets; each calls one QuerySet method (STYLE.md, habit 5)."""
from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Country, Letter, Meeting, Minister, Topic


def year_choices(model_field: str, model) -> list[tuple[int, int]]:
    years = model.objects.dates(model_field, "year", order="DESC")
    return [(d.year, d.year) for d in years]


class MeetingFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Jaar"), method="filter_year", min_value=1949, max_value=2100)
    series = django_filters.ChoiceFilter(label=_("Reeks"), choices=Meeting.Series.choices, method="filter_series")
    country = django_filters.ModelChoiceFilter(
        label=_("Land"), queryset=Country.objects.filter(participations__isnull=False).distinct(),
        to_field_name="slug", method="filter_country",
    )
    minister = django_filters.ModelChoiceFilter(
        label=_("Bewindspersoon"), queryset=Minister.objects.all(), to_field_name="slug", method="filter_minister"
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Onderwerp"), queryset=Topic.objects.all(), to_field_name="slug", method="filter_topic"
    )

    class Meta:
        model = Meeting
        fields = []

    def filter_year(self, queryset, name, value):
        return queryset.for_year(int(value))

    def filter_series(self, queryset, name, value):
        return queryset.in_series(value)

    def filter_country(self, queryset, name, value):
        return queryset.with_country(value.code)

    def filter_minister(self, queryset, name, value):
        return queryset.by_minister(value.slug)

    def filter_topic(self, queryset, name, value):
        return queryset.on_topic(value.slug)


class LetterFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Jaar"), method="filter_year", min_value=1949, max_value=2100)
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Letter.Kind.choices, method="filter_kind")
    series = django_filters.ChoiceFilter(label=_("Reeks"), choices=Meeting.Series.choices, method="filter_series")
    country = django_filters.ModelChoiceFilter(
        label=_("Land"), queryset=Country.objects.filter(participations__isnull=False).distinct(),
        to_field_name="slug", method="filter_country",
    )
    minister = django_filters.ModelChoiceFilter(
        label=_("Bewindspersoon"), queryset=Minister.objects.all(), to_field_name="slug", method="filter_minister"
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Onderwerp"), queryset=Topic.objects.all(), to_field_name="slug", method="filter_topic"
    )

    class Meta:
        model = Letter
        fields = []

    def filter_year(self, queryset, name, value):
        return queryset.for_year(int(value))

    def filter_kind(self, queryset, name, value):
        return queryset.of_kind(value)

    def filter_series(self, queryset, name, value):
        return queryset.in_series(value)

    def filter_country(self, queryset, name, value):
        return queryset.with_country(value.code)

    def filter_minister(self, queryset, name, value):
        return queryset.by_minister(value.slug)

    def filter_topic(self, queryset, name, value):
        return queryset.on_topic(value.slug)
