"""Page numbers in, the `count`/`next`/`previous`/`results` envelope out: the API's one paginator.

A list endpoint pages a QuerySet with `paginate`. The search pages its own results: it reads
the total and the page in one run (meetings/search/service.py), so it takes the page asked for
(`requested_page`), runs, and wraps what it found (`last_page`, `envelope`), with the same
errors: a page number that is not a whole number is a bad request (400), a page past the end
does not exist (404).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..views.paging import PAGE_SIZE
from .responses import ApiError, invalid_parameters

MAX_PAGE_SIZE = 100
WHOLE_NUMBER = {"message": "Give a whole number from 1.", "code": "invalid"}


@dataclass(frozen=True)
class PageRequest:
    number: int  # as asked for: may be out of range (last_page says)
    size: int

    @property
    def offset(self) -> int:
        return max(0, (self.number - 1) * self.size)


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


def requested_page(request) -> PageRequest:
    """`?page=` (default 1) and `?page_size=`; 400 when either is not a whole number."""
    size = page_size(request)
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        raise invalid_parameters({"page": [WHOLE_NUMBER]}) from None
    return PageRequest(number, size)


def last_page(wanted: PageRequest, rows: int) -> int:
    """The number of the last page of `rows` (1 when there are none); 404 when the page asked
    for is not one of them."""
    last = max(1, math.ceil(rows / wanted.size))
    if not 1 <= wanted.number <= last:
        raise ApiError(404, f"Page {wanted.number} does not exist; the last is {last}.")
    return last


def envelope(request, wanted: PageRequest, last: int, count: int, results: list) -> dict:
    return {
        "count": count,
        "next": page_link(request, wanted.number + 1) if wanted.number < last else None,
        "previous": page_link(request, wanted.number - 1) if wanted.number > 1 else None,
        "results": results,
    }


def paginate(request, queryset, serialize) -> dict:
    """One page of `queryset`, each row through `serialize`: a COUNT, then the page's rows."""
    wanted = requested_page(request)
    count = queryset.count()
    last = last_page(wanted, count)
    rows = queryset[wanted.offset : min(wanted.offset + wanted.size, count)]
    return envelope(request, wanted, last, count, [serialize(row) for row in rows])


def page_link(request, number: int) -> str:
    """The same request, filters and page_size kept, on another page."""
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
