"""The browse filters, plus a date range, for narrowing a search (the same QuerySet methods)."""
from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ..filters import LetterFilter


class SearchFilter(LetterFilter):
    """LetterFilter's year, kind, series, country, minister and topic, and `from`/`to` dates.

    `from` is a Python keyword, so the two date filters are added in get_filters() rather
    than declared as class attributes; the URL reads ?q=...&from=2022-01-01&to=2022-12-31.
    """

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        filters["from"] = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Vanaf"))
        filters["to"] = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Tot en met"))
        return filters

    def active(self) -> dict:
        """The filters that take effect: valid and not empty."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {name: value for name, value in getattr(self.form, "cleaned_data", {}).items() if value not in (None, "")}
