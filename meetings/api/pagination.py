"""Page numbers in, the `count`/`next`/`previous`/`results` envelope out."""
from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from ..views.paging import PAGE_SIZE
from .responses import ApiError, invalid_parameters

MAX_PAGE_SIZE = 100
WHOLE_NUMBER = {"message": "Give a whole number from 1.", "code": "invalid"}


def page_size(request) -> int:
    """`?page_size=`: a positive whole number, capped at MAX_PAGE_SIZE; the pages' size by default."""
    raw = request.GET.get("page_size", "")
    if not raw:
        return PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if size < 1:
        raise invalid_parameters({"page_size": [WHOLE_NUMBER]})
    return min(size, MAX_PAGE_SIZE)


def paginate(request, queryset, serialize) -> dict:
    """One page of `queryset`, each row through `serialize`. A page number that is not a
    number is a bad request (400); a page past the end does not exist (404)."""
    paginator = Paginator(queryset, page_size(request))
    number = request.GET.get("page") or 1
    try:
        page = paginator.page(number)
    except PageNotAnInteger:
        raise invalid_parameters({"page": [WHOLE_NUMBER]})
    except EmptyPage:
        raise ApiError(404, f"Page {number} does not exist; the last is {paginator.num_pages}.")
    return {
        "count": paginator.count,
        "next": page_link(request, page.next_page_number()) if page.has_next() else None,
        "previous": page_link(request, page.previous_page_number()) if page.has_previous() else None,
        "results": [serialize(row) for row in page.object_list],
    }


def page_link(request, number: int) -> str:
    """The same request, filters and page_size kept, on another page."""
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
