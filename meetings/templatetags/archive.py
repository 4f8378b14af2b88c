"""Template helpers for the archive's pages."""

from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def alternate_url(context, language: str) -> str:
    """This page in another language (the language switch is a link; no form, no JavaScript)."""
    request = context["request"]
    url = translate_url(request.get_full_path(), language)
    return url


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (None removes one); for pagers and facets."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    if "page" not in changes:
        params.pop("page", None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def date_span(meeting) -> str:
    """'16 maart 2022', '14–15 maart 2022', '31 januari – 1 februari 2023'."""
    from django.utils.formats import date_format

    start, end = meeting.start_date, meeting.end_date
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


@register.filter
def by_country_name(participations) -> list:
    """A meeting's participations sorted by the country's name in the page's language
    (prefetched rows, sorted in Python: no query)."""
    from django.utils.text import slugify

    return sorted(participations, key=lambda p: slugify(p.country.name))
