import mimetypes

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView
from django_filters.views import FilterView

from ..filters import LetterFilter
from ..models import Citation, Letter, LetterMeeting
from ..rendering import render_body, render_footnote
from .paging import PAGE_SIZE


class LetterListView(FilterView):
    filterset_class = LetterFilter
    template_name = "meetings/letter_list.html"
    paginate_by = PAGE_SIZE
    strict = False

    def get_queryset(self):
        return Letter.objects.for_listing()


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
        return super().get_context_data(
            body_html=render_body(letter.body, archived, {f.number for f in footnotes}),
            footnotes=[(f, render_footnote(f.text, archived)) for f in footnotes],
            **kwargs,
        )


def original_file(request, pk):
    """The letter file as it was imported, shown inline (PDF or plain text)."""
    letter = get_object_or_404(Letter.objects.only("source_file", "source_name"), pk=pk)
    if not letter.source_file or not letter.source_file.storage.exists(letter.source_file.name):
        raise Http404("original file not kept")
    content_type = mimetypes.guess_type(letter.source_name)[0] or "text/plain"
    if content_type.startswith("text/") or letter.source_name.endswith(".md"):
        content_type = "text/plain; charset=utf-8"
    return FileResponse(letter.source_file.open("rb"), filename=letter.source_name, content_type=content_type)
