"""Full-text search: the results page (/zoeken/) and its Atom feed. The JSON search is in the
API (meetings/api/views.py, /api/search/).

The work is done by meetings.search.service.Search; these views only turn the request into
one, run it once, and turn its result into HTML or Atom. A query never gives an error page:
what the parser had to drop or repair is told in a sentence above the results.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ..feeds import letter_published
from ..search.facets import FACETS
from ..search.notices import notices
from ..search.service import Search
from ..templatetags.archive import query_with
from .paging import PAGE_SIZE

FEED_SIZE = 30


def facet_links(request, facets) -> None:
    """Each option links to the results narrowed by it, or, when active, widened again."""
    context = {"request": request}
    for facet in facets:
        for option in facet.options:
            option.url = query_with(context, **{facet.name: None if option.active else option.value})


def requested_offset(number) -> int:
    """The first result of the page asked for (the paginator may still move an out-of-range page)."""
    try:
        return max(0, (int(number) - 1) * PAGE_SIZE)
    except (TypeError, ValueError):
        return 0


def search_page(request):
    search = Search(request.GET)
    context = {"search": search, "notices": notices(search), "count": 0, "hits": [], "facets": []}
    if not search.is_empty:
        context.update(results(request, search))
    context["active_filters"] = [
        (label, shown, query_with({"request": request}, **{name: None})) for name, label, shown in search.active_filters()
    ]
    context["kept_filters"] = [(name, request.GET[name]) for name in FACETS if request.GET.get(name)]
    return render(request, "meetings/search.html", context)


def results(request, search: Search) -> dict:
    """The page of results asked for, with the facets, read in one run of the search. A page
    number out of range shows the page the paginator moves it to (the last), run again."""
    number = request.GET.get("page")
    result = search.run(offset=requested_offset(number), limit=PAGE_SIZE, facets=True)
    total = result.total
    page_obj = Paginator(range(total.browsable), PAGE_SIZE).get_page(number)
    hits = result.hits
    if total.count and page_obj.start_index() - 1 != result.offset:
        hits = search.run(offset=page_obj.start_index() - 1, limit=PAGE_SIZE).hits
    facet_links(request, result.facets)
    context = {
        "count": total.count,
        "count_exact": total.exact,
        "browsable": total.browsable,
        "page_obj": page_obj,
        "hits": hits,
        "facets": [f for f in result.facets if f.options],
        "facets_estimated": any(f.estimated for f in result.facets),
    }
    if not total.count:
        context.update(suggestion=search.suggestion(), loosenings=loosenings(request, search))
    return context


def loosenings(request, search: Search) -> list:
    """The active filters without which the search finds letters: count and a link that drops it."""
    found = [loosening for loosening in search.loosenings() if loosening.count]
    for loosening in found:
        loosening.url = query_with({"request": request}, **{loosening.name: None})
    return found


class SearchFeed(Feed):
    """The newest letters that match a search, so a user can follow a subject."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return Search(request.GET, sort="date")

    def title(self, search):
        if search.is_empty:
            return _("NAVO-brievenarchief: zoeken")
        return _("NAVO-brievenarchief: brieven over “%(q)s”") % {"q": str(search.query)}

    def link(self, search):
        query = self.request.GET.urlencode()
        return reverse("meetings:search") + (f"?{query}" if query else "")

    def subtitle(self, search):
        return _("De nieuwste brieven die bij deze zoekopdracht horen.")

    def items(self, search):
        return search.run(limit=FEED_SIZE).hits

    def item_title(self, hit):
        return hit.letter.subject

    def item_link(self, hit):
        return hit.letter.get_absolute_url()

    def item_guid(self, hit):
        return self.request.build_absolute_uri(hit.letter.get_absolute_url())

    def item_description(self, hit):
        return hit.snippet_html

    def item_pubdate(self, hit):
        """The letter's own date, as in the feed of new letters (the import time only when undated)."""
        return letter_published(hit.letter)

    def item_updateddate(self, hit):
        return hit.letter.updated_at

    def item_author_name(self, hit):
        return hit.letter.minister.name if hit.letter.minister else None
