import datetime as dt

from django.views.generic import TemplateView

from ..models import Letter, Meeting
from ..selectors import archive_totals


class HomeView(TemplateView):
    template_name = "meetings/home.html"

    def get_context_data(self, **kwargs):
        today = dt.date.today()
        return super().get_context_data(
            stats=archive_totals(),
            latest_letters=Letter.objects.for_listing()[:6],
            recent_meetings=Meeting.objects.filter(start_date__lte=today).order_by("-start_date")[:5],
            upcoming_meetings=Meeting.objects.filter(start_date__gt=today).order_by("start_date")[:5],
            **kwargs,
        )
