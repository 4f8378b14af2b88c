"""Browse filters as django-filter FilterSets; each calls one QuerySet method (STYLE.md, habit 5).

Letters and meetings are filtered the same way (both QuerySets have for_year, in_series,
with_country, by_minister and on_topic); letters can also be filtered by kind.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Country, Letter, Meeting, Minister, Topic
from .widgets import QuickSelect


class BrowseFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Jaar"), method="filter_year", min_value=1949, max_value=2100)
    series = django_filters.ChoiceFilter(
        label=_("Reeks"),
        choices=Meeting.Series.choices,
        method="filter_series",
        empty_label=_("alle reeksen"),
        widget=QuickSelect,
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Land"),
        queryset=Country.objects.taking_part(),
        to_field_name="slug",
        method="filter_country",
        empty_label=_("alle landen"),
        widget=QuickSelect,
    )
    minister = django_filters.ModelChoiceFilter(
        label=_("Bewindspersoon"),
        queryset=Minister.objects.all(),
        to_field_name="slug",
        method="filter_minister",
        empty_label=_("alle bewindspersonen"),
        widget=QuickSelect,
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Onderwerp"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        empty_label=_("alle onderwerpen"),
        widget=QuickSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Names in the page's language, countries sorted by the name shown (meetings/names.py).
        fields = self.form.fields
        fields["country"].queryset = fields["country"].queryset.order_by(Country.name_field())
        fields["topic"].label_from_instance = lambda topic: topic.display_name
        fields["minister"].label_from_instance = lambda minister: minister.name

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


class MeetingFilter(BrowseFilterSet):
    class Meta:
        model = Meeting
        fields = []


class LetterFilter(BrowseFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Letter.Kind.choices, method="filter_kind", empty_label=_("alle soorten"), widget=QuickSelect
    )

    class Meta:
        model = Letter
        fields = ["year", "kind", "series", "country", "minister", "topic"]

    def filter_kind(self, queryset, name, value):
        return queryset.of_kind(value)
