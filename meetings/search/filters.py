"""The browse filters, plus a date range, for narrowing a search, and what they allow in the
index's terms (`within`)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.utils.translation import gettext_lazy as _

from ..filters import LetterFilter
from .backends.base import Within
from .facets import filter_tag

# Dates as a reader types them on either language's page (the form hints at the page's own
# format: dd-mm-jjjj in Dutch, yyyy-mm-dd in English), never the American month first.
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]


class SearchFilter(LetterFilter):
    """LetterFilter's year, kind, series, country, minister and topic, and `from`/`to` dates.

    `from` is a Python keyword, so the two date filters are added in get_filters() rather
    than declared as class attributes; the URL reads ?q=...&from=2022-01-01&to=2022-12-31.
    """

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        filters["from"] = django_filters.DateFilter(
            field_name="date", lookup_expr="gte", label=_("Vanaf"), input_formats=DATE_FORMATS
        )
        filters["to"] = django_filters.DateFilter(
            field_name="date", lookup_expr="lte", label=_("Tot en met"), input_formats=DATE_FORMATS
        )
        return filters

    def active(self) -> dict:
        """The filters that take effect: valid and not empty. A search ignores the others
        (a query never gives an error page)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {name: value for name, value in getattr(self.form, "cleaned_data", {}).items() if value not in (None, "")}


def within(active: dict) -> Within | None:
    """What these active filters allow, for the backend; None without filters.

    The filters are facet tags of the index entries (facets.filter_tag), which hold the same
    facts as the browse QuerySet methods' joins (kept in step by the indexer; the tests compare
    the two for every filter value). A year is the range of its dates, narrowed by from/to."""
    if not active:
        return None
    active = dict(active)
    starts = [day for day in (active.pop("from", None),) if day]
    ends = [day for day in (active.pop("to", None),) if day]
    if year := active.pop("year", None):
        starts.append(dt.date(int(year), 1, 1))
        ends.append(dt.date(int(year), 12, 31))
    tags = tuple(filter_tag(name, value) for name, value in active.items())
    return Within(tags, max(starts, default=None), min(ends, default=None))
