import mimetypes

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView
from django_filters.views import FilterView

from ..filters import LetterFilter
from ..models import Citation, Letter, LetterMeeting
from ..rendering import Hits, render_body, render_footnote
from ..search.language.lexemes import find_hits
from ..search.language.words import lexeme, tokens
from ..search.service import Search
from .paging import PAGE_SIZE


class LetterListView(FilterView):
    filterset_class = LetterFilter
    template_name = "meetings/letter_list.html"
    paginate_by = PAGE_SIZE
    strict = False

    def get_queryset(self):
        return Letter.objects.for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sample_count"] = self.object_list.samples().count()  # shown apart from the real letters
        return context


class LetterDetailView(DetailView):
    template_name = "meetings/letter_detail.html"
    context_object_name = "letter"

    def get_queryset(self):
        return Letter.objects.select_related("minister").prefetch_related(
            "footnotes",
            "topics",
            "cosigners",
            Prefetch("citations", queryset=Citation.objects.select_related("cited_letter")),
            Prefetch("meeting_links", queryset=LetterMeeting.objects.select_related("meeting")),
        )

    def get_context_data(self, **kwargs):
        letter = self.object
        archived = {(c.dossier, c.number): c.cited_letter.get_absolute_url() for c in letter.citations.all() if c.cited_letter}
        footnotes = list(letter.footnotes.all())
        query = str(self.request.GET.get("q", ""))[:300]
        hits = Hits(search_hits(query)) if query.strip() else None
        body_html = render_body(letter.body, archived, {f.number for f in footnotes}, hits)
        return super().get_context_data(
            body_html=body_html,
            footnotes=[(f, render_footnote(f.text, archived)) for f in footnotes],
            query=query,
            hit_count=hits.count if hits else 0,
            **kwargs,
        )


def search_hits(query: str):
    """A function giving the spans of the query's hits in a text, as the search matched them."""
    matches = Search({"q": query}).lexemes.positive()

    def spans_of(text: str) -> list[tuple[int, int]]:
        found = tokens(text)
        return [(found[a].start, found[b].end) for a, b, _which in find_hits([lexeme(t.word) for t in found], matches)]

    return spans_of


def original_file(request, pk):
    """The letter file as it was imported, shown inline (PDF or plain text)."""
    letter = get_object_or_404(Letter.objects.only("source_file", "source_name"), pk=pk)
    if not letter.source_file or not letter.source_file.storage.exists(letter.source_file.name):
        raise Http404("original file not kept")
    content_type = mimetypes.guess_type(letter.source_name)[0] or "text/plain"
    if (
        content_type.startswith("text/") or content_type.endswith("/xml") or letter.source_name.endswith(".md")
    ):  # XML as text: never rendered
        content_type = "text/plain; charset=utf-8"
    return FileResponse(letter.source_file.open("rb"), filename=letter.source_name, content_type=content_type)
