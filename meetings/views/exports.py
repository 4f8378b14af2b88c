"""CSV downloads of the meetings list and of a country's participation."""

import csv

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404

from ..filters import MeetingFilter
from ..models import Country, Participation
from ..selectors import meetings_with_letter_roles


class Echo:
    def write(self, value):
        return value


def csv_response(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    writer = csv.writer(Echo())
    response = StreamingHttpResponse((writer.writerow(row) for row in [header, *rows]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def meetings_csv(request):
    queryset = meetings_with_letter_roles().prefetch_related("participations__country").order_by("-start_date")
    meetings = MeetingFilter(request.GET, queryset=queryset).qs
    rows = (
        [
            m.start_date.isoformat(),
            m.end_date.isoformat(),
            m.series,
            m.title,
            m.location,
            m.extraordinary,
            m.virtual,
            " ".join(p.country.code for p in m.participations.all()),
            m.agenda_count,
            m.report_count,
            request.build_absolute_uri(m.get_absolute_url()),
        ]
        for m in meetings
    )
    header = [
        "start_date",
        "end_date",
        "series",
        "title",
        "location",
        "extraordinary",
        "virtual",
        "participants",
        "agenda_letters",
        "report_letters",
        "url",
    ]
    return csv_response("bijeenkomsten.csv", header, rows)


def country_csv(request, slug):
    country = get_object_or_404(Country, slug=slug)
    participations = Participation.objects.filter(country=country).select_related("meeting").order_by("meeting__start_date")
    rows = (
        [
            p.meeting.start_date.isoformat(),
            p.meeting.end_date.isoformat(),
            p.meeting.series,
            p.meeting.title,
            p.meeting.location,
            p.role,
            request.build_absolute_uri(p.meeting.get_absolute_url()),
        ]
        for p in participations
    )
    header = ["start_date", "end_date", "series", "meeting", "location", "role", "url"]
    return csv_response(f"deelname-{country.code.lower()}.csv", header, rows)
