"""The API's endpoints: a list and a detail per kind of row, and an index of them all."""
from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from ..filters import LetterFilter, MeetingFilter
from ..selectors import topic_per_year
from . import queries, serializers
from .pagination import MAX_PAGE_SIZE, PAGE_SIZE, paginate
from .responses import api_view, invalid_parameters
from .serializers import Links

# name, list route, detail key, FilterSet: the index is built from this table.
ENDPOINTS = [
    ("letters", "letter_list", "id", LetterFilter),
    ("meetings", "meeting_list", "slug", MeetingFilter),
    ("countries", "country_list", "slug", None),
    ("ministers", "minister_list", "slug", None),
    ("topics", "topic_list", "slug", None),
]


def filtered(request, filterset_class, queryset):
    """The page's FilterSet on the query string; parameters it does not know are ignored."""
    filterset = filterset_class(request.GET, queryset=queryset)
    if not filterset.is_valid():
        raise invalid_parameters(filterset.errors.get_json_data())
    return filterset.qs


@api_view
def index(request):
    links = Links(request)
    endpoints = {
        name: {
            "url": links.api(route),
            "detail": links.api(route) + f"{{{key}}}/",
            "filters": list(filterset_class.base_filters) if filterset_class else [],
        }
        for name, route, key, filterset_class in ENDPOINTS
    }
    pagination = {"parameters": ["page", "page_size"], "page_size": PAGE_SIZE, "max_page_size": MAX_PAGE_SIZE}
    return {"endpoints": endpoints, "pagination": pagination}


@api_view
def letter_list(request):
    links = Links(request)
    return paginate(request, filtered(request, LetterFilter, queries.letters()), lambda row: serializers.letter_item(row, links))


@api_view
def letter_detail(request, pk):
    return serializers.letter_detail(get_object_or_404(queries.letter_detail(), pk=pk), Links(request))


@api_view
def meeting_list(request):
    links = Links(request)
    return paginate(request, filtered(request, MeetingFilter, queries.meetings()), lambda row: serializers.meeting_item(row, links))


@api_view
def meeting_detail(request, slug):
    return serializers.meeting_item(get_object_or_404(queries.meetings(), slug=slug), Links(request))


@api_view
def country_list(request):
    links = Links(request)
    return paginate(request, queries.countries(), lambda row: serializers.country_item(row, links))


@api_view
def country_detail(request, slug):
    country = get_object_or_404(queries.countries(), slug=slug)
    return serializers.country_detail(country, list(queries.participations(country)), Links(request))


@api_view
def minister_list(request):
    links = Links(request)
    return paginate(request, queries.ministers(), lambda row: serializers.minister_item(row, links))


@api_view
def minister_detail(request, slug):
    return serializers.minister_detail(get_object_or_404(queries.ministers(), slug=slug), Links(request))


@api_view
def topic_list(request):
    links = Links(request)
    return paginate(request, queries.topics(), lambda row: serializers.topic_item(row, links))


@api_view
def topic_detail(request, slug):
    topic = get_object_or_404(queries.topics(), slug=slug)
    return serializers.topic_detail(topic, topic_per_year(topic), Links(request))


@api_view
def not_found(request, path=""):
    """Any other address under /api/ answers in JSON too."""
    raise Http404
