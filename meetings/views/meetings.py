from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from ..filters import MeetingFilter
from ..selectors import compare_meeting, coverage, meeting_detail_queryset, meetings_with_letter_roles, neighbours
from .paging import PAGE_SIZE


class MeetingListView(FilterView):
    """The timeline: meetings grouped by year, newest first, filtered."""

    filterset_class = MeetingFilter
    template_name = "meetings/meeting_list.html"
    paginate_by = PAGE_SIZE
    strict = False

    def get_queryset(self):
        return meetings_with_letter_roles().prefetch_related("participations__country").order_by("-start_date", "series")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The total counts real meetings; those only sample letters name are counted apart.
        context["sample_only"] = self.object_list.only_in_samples().count()
        return context


class MeetingDetailView(DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return meeting_detail_queryset()

    def get_context_data(self, **kwargs):
        previous, following = neighbours(self.object)
        return super().get_context_data(comparison=compare_meeting(self.object), previous=previous, following=following, **kwargs)


class CoverageView(TemplateView):
    """Which meetings the archive holds, and which lack their agenda or report letter."""

    template_name = "meetings/coverage.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(coverage=coverage(), **kwargs)
