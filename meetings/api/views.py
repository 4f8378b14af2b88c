"""The API's endpoints: a list and a detail per kind of row, the search, and an index of them all."""

from __future__ import annotations

from typing import NamedTuple

from django.http import Http404
from django.shortcuts import get_object_or_404

from ..filters import LetterFilter, MeetingFilter
from ..search.filters import SearchFilter
from ..search.notices import notices
from ..search.service import Search
from ..selectors import topic_per_year
from . import queries, serializers
from .pagination import MAX_PAGE_SIZE, PAGE_SIZE, envelope, last_page, paginate, requested_page
from .responses import api_view, invalid_parameters
from .serializers import Links


class Endpoint(NamedTuple):
    """A row of the index: the list's route name, its detail's key, the filters it takes."""

    name: str
    route: str
    key: str | None  # None: no detail
    filterset: type | None
    parameters: tuple[str, ...] = ()  # what else it reads, besides the filters and the paging


ENDPOINTS = [
    Endpoint("letters", "letter_list", "id", LetterFilter),
    Endpoint("meetings", "meeting_list", "slug", MeetingFilter),
    Endpoint("countries", "country_list", "slug", None),
    Endpoint("ministers", "minister_list", "slug", None),
    Endpoint("topics", "topic_list", "slug", None),
    Endpoint("search", "search", None, SearchFilter, ("q", "sort")),
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
        endpoint.name: {
            "url": links.api(endpoint.route),
            "detail": links.api(endpoint.route) + f"{{{endpoint.key}}}/" if endpoint.key else None,
            "filters": list(endpoint.filterset.base_filters) if endpoint.filterset else [],
            "parameters": list(endpoint.parameters),
        }
        for endpoint in ENDPOINTS
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
    return paginate(
        request, filtered(request, MeetingFilter, queries.meetings()), lambda row: serializers.meeting_item(row, links)
    )


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
def search(request):
    """{"query", "sort", "count", "count_exact", "next", "previous", "results", "notices"}:
    the query and filters of /zoeken/, paged like every list. Beyond the count limit
    (SEARCH_COUNT_LIMIT) `count` is an estimate (count_exact false) and the pages stop at the
    limit. Filter values the search cannot read are ignored, as on /zoeken/: a query never
    gives an error."""
    asked = Search(request.GET)
    wanted = requested_page(request)
    result = asked.run(offset=wanted.offset, limit=wanted.size)
    last = last_page(wanted, result.total.browsable)
    links = Links(request)
    page = envelope(request, wanted, last, result.total.count, [serializers.search_hit(hit, links) for hit in result.hits])
    return {
        "query": str(asked.query),
        "sort": asked.sort,
        "count": page["count"],
        "count_exact": result.total.exact,
        "next": page["next"],
        "previous": page["previous"],
        "results": page["results"],
        "notices": notices(asked),
    }


@api_view
def not_found(request, path=""):
    """Any other address under /api/ answers in JSON too."""
    raise Http404
