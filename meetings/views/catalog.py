"""Ministers, countries and topics: a list with counts and a page each."""

from django.db.models import Count, Q
from django.views.generic import DetailView, ListView

from ..models import Country, Letter, Meeting, Minister, Participation, Session, Topic
from ..selectors import topic_year_chart, topics_with_counts

# Detail pages show the newest rows; the filtered list pages and CSV exports hold them all.
DETAIL_LIMIT = 50
COUNTRY_LIMIT = 500


class MinisterListView(ListView):
    template_name = "meetings/minister_list.html"
    context_object_name = "ministers"

    def get_queryset(self):
        return Minister.objects.annotate(
            letter_count=Count("letters", filter=Q(letters__is_sample=False)),
            sample_count=Count("letters", filter=Q(letters__is_sample=True)),
        ).order_by("name")


class MinisterDetailView(DetailView):
    model = Minister
    template_name = "meetings/minister_detail.html"
    context_object_name = "minister"

    def get_context_data(self, **kwargs):
        letters = Letter.objects.filter(minister=self.object).select_related("minister")[:DETAIL_LIMIT]
        meetings = Meeting.objects.by_minister(self.object.slug).order_by("-start_date")[:DETAIL_LIMIT]
        return super().get_context_data(letters=letters, meetings=meetings, limit=DETAIL_LIMIT, **kwargs)


class CountryListView(ListView):
    template_name = "meetings/country_list.html"
    context_object_name = "countries"

    def get_queryset(self):
        return (
            Country.objects.annotate(meeting_count=Count("participations"))
            .filter(meeting_count__gt=0)
            .order_by(Country.name_field())
        )


class CountryDetailView(DetailView):
    model = Country
    template_name = "meetings/country_detail.html"
    context_object_name = "country"

    def get_context_data(self, **kwargs):
        participations = (
            Participation.objects.filter(country=self.object).select_related("meeting").order_by("-meeting__start_date")
        )[:COUNTRY_LIMIT]
        return super().get_context_data(participations=participations, **kwargs)


class TopicListView(ListView):
    template_name = "meetings/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return topics_with_counts()


class TopicDetailView(DetailView):
    model = Topic
    template_name = "meetings/topic_detail.html"
    context_object_name = "topic"

    def get_context_data(self, **kwargs):
        chart = topic_year_chart(self.object)
        sessions = Session.objects.filter(topics=self.object).select_related("meeting", "letter").order_by("-meeting__start_date")
        return super().get_context_data(
            letters=self.object.letters.select_related("minister").order_by("-date")[:DETAIL_LIMIT],
            sessions=sessions[:DETAIL_LIMIT],
            limit=DETAIL_LIMIT,
            chart=chart,
            **kwargs,
        )
