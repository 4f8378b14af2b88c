"""meetings/api/: the read-only JSON API at /api/ — shape, filters, pagination, errors, query counts."""

from __future__ import annotations

import datetime as dt
from itertools import count

import pytest
from django.test import Client
from django.utils.text import slugify

from meetings.api.pagination import MAX_PAGE_SIZE
from meetings.models import (
    Citation,
    Country,
    Footnote,
    Letter,
    LetterMeeting,
    Meeting,
    Minister,
    Participation,
    Session,
    Topic,
)
from meetings.store import import_file

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
SERIALS = count(1)


# Builders: rows made directly, each with only what a test needs.


def make_country(code: str, name_en: str, name_nl: str | None = None) -> Country:
    """Slugged on the Dutch name, as the importer does."""
    return Country.objects.create(code=code, name_nl=name_nl or name_en, name_en=name_en, slug=slugify(name_nl or name_en))


def make_meeting(series: str, start: dt.date, *, countries=(), title: str = "Bijeenkomst", **fields) -> Meeting:
    meeting = Meeting.objects.create(
        series=series, title=title, start_date=start, end_date=fields.pop("end_date", start), **fields
    )
    Participation.objects.bulk_create(Participation(meeting=meeting, country=c) for c in countries)
    return meeting


def make_letter(
    subject: str, *, kind="agenda", date=dt.date(2024, 2, 1), minister=None, topics=(), meetings=(), **fields
) -> Letter:
    """`meetings` is a sequence of (meeting, role)."""
    serial = next(SERIALS)
    letter = Letter.objects.create(
        subject=subject,
        kind=kind,
        date=date,
        minister=minister,
        body=f"{subject}.",
        source_name=f"{serial:05}.txt",
        source_sha256=f"{serial:064x}",
        **fields,
    )
    letter.topics.set(topics)
    LetterMeeting.objects.bulk_create(LetterMeeting(letter=letter, meeting=m, role=role) for m, role in meetings)
    return letter


@pytest.fixture
def client() -> Client:
    return Client()


def get_json(client, url: str, status: int = 200, **headers) -> dict:
    response = client.get(url, **headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def subjects(data: dict) -> list[str]:
    return [row["subject"] for row in data["results"]]


def slugs(data: dict) -> list[str]:
    return [row["slug"] for row in data["results"]]


@pytest.fixture
def archive() -> dict:
    """Four letters on four meetings: two ministers, two countries, two of the topics the
    migrations seed, 2023 and 2024."""
    ollongren = Minister.objects.create(name="K.H. Ollongren", role="Minister van Defensie")
    brekelmans = Minister.objects.create(name="R.P. Brekelmans", role="Minister van Defensie")
    ukraine, finland = make_country("UA", "Ukraine", "Oekraïne"), make_country("FI", "Finland")
    on_ukraine, nuclear = Topic.objects.get(slug="oekraine"), Topic.objects.get(slug="nucleair")
    dmm_2023 = make_meeting("dmm", dt.date(2023, 2, 14), countries=[finland], location="Brussel")
    summit_2024 = make_meeting("summit", dt.date(2024, 7, 9), countries=[ukraine], title="NAVO-top", location="Washington")
    dmm_2024 = make_meeting("dmm", dt.date(2024, 10, 17), countries=[ukraine, finland], location="Brussel")
    jef_2024 = make_meeting("jef", dt.date(2024, 11, 5), title="JEF", virtual=True)
    make_letter(
        "Agenda DMM februari 2023",
        date=dt.date(2023, 2, 1),
        minister=ollongren,
        topics=[nuclear],
        meetings=[(dmm_2023, "announces")],
    )
    make_letter(
        "Verslag DMM februari 2023",
        kind="report",
        date=dt.date(2023, 2, 20),
        minister=ollongren,
        meetings=[(dmm_2023, "reports")],
    )
    make_letter(
        "Verslag NAVO-top 2024",
        kind="report",
        date=dt.date(2024, 7, 20),
        minister=brekelmans,
        topics=[on_ukraine],
        meetings=[(summit_2024, "reports")],
    )
    make_letter(
        "Agenda DMM oktober 2024",
        date=dt.date(2024, 10, 1),
        minister=brekelmans,
        topics=[on_ukraine, nuclear],
        meetings=[(dmm_2024, "announces"), (jef_2024, "mentions")],
    )
    return {"meetings": {m.slug: m for m in (dmm_2023, summit_2024, dmm_2024, jef_2024)}}


@pytest.fixture
def seeded(seed_files) -> dict[str, Letter]:
    """The real seed letters, imported as the command would; keyed on file name."""
    results = [import_file(path) for path in seed_files]
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return {r.source: r.letter for r in results}


# The index.


def test_index_lists_every_endpoint_with_its_filters(client):
    data = get_json(client, "/api/")
    assert set(data["endpoints"]) == {"letters", "meetings", "countries", "ministers", "topics", "search"}
    assert data["endpoints"]["letters"]["url"] == f"{BASE}/api/letters/"
    assert data["endpoints"]["letters"]["detail"] == f"{BASE}/api/letters/{{id}}/"
    assert data["endpoints"]["meetings"]["detail"] == f"{BASE}/api/meetings/{{slug}}/"
    assert set(data["endpoints"]["letters"]["filters"]) == {"year", "kind", "series", "country", "minister", "topic"}
    assert set(data["endpoints"]["meetings"]["filters"]) == {"year", "series", "country", "minister", "topic"}
    assert data["endpoints"]["search"] == {
        "url": f"{BASE}/api/search/",
        "detail": None,
        "parameters": ["q", "sort"],
        "filters": ["year", "kind", "series", "country", "minister", "topic", "from", "to"],
    }
    assert data["pagination"]["max_page_size"] == MAX_PAGE_SIZE
    for endpoint in data["endpoints"].values():
        assert client.get(endpoint["url"]).status_code == 200


# Letters.


def test_letter_list_item_carries_metadata_minister_meetings_and_topics(client, archive):
    data = get_json(client, "/api/letters/?year=2024&kind=agenda")
    assert data["count"] == 1
    letter = Letter.objects.get(subject="Agenda DMM oktober 2024")
    item = data["results"][0]
    assert item["id"] == letter.pk
    assert item["kind"] == "agenda"
    assert item["date"] == "2024-10-01"
    assert item["minister"] == {"name": "R.P. Brekelmans", "role": "Minister van Defensie", "slug": "r-p-brekelmans"}
    assert item["meetings"] == [
        {
            "slug": "2024-10-17-dmm",
            "title": "Bijeenkomst",
            "series": "dmm",
            "start_date": "2024-10-17",
            "end_date": "2024-10-17",
            "role": "announces",
            "url": f"{BASE}/bijeenkomsten/2024-10-17-dmm/",
            "api_url": f"{BASE}/api/meetings/2024-10-17-dmm/",
        },
        {
            "slug": "2024-11-05-jef",
            "title": "JEF",
            "series": "jef",
            "start_date": "2024-11-05",
            "end_date": "2024-11-05",
            "role": "mentions",
            "url": f"{BASE}/bijeenkomsten/2024-11-05-jef/",
            "api_url": f"{BASE}/api/meetings/2024-11-05-jef/",
        },
    ]
    assert item["topics"] == [{"slug": "nucleair", "name": "Nucleair"}, {"slug": "oekraine", "name": "Oekraïne"}]
    assert item["source_name"] == letter.source_name
    assert item["sha256"] == letter.source_sha256
    assert item["url"] == f"{BASE}/brieven/{letter.pk}/"
    assert item["api_url"] == f"{BASE}/api/letters/{letter.pk}/"
    assert "body" not in item and "citations" not in item


def test_letter_detail_of_a_real_letter_carries_citations_footnotes_and_text(client, seeded):
    letter = seeded["004_ab40309f5d1848c4.txt"]
    data = get_json(client, f"/api/letters/{letter.pk}/")
    assert data["kind"] == "agenda"
    assert data["date"] == "2023-09-28"
    assert data["minister"]["name"] == "K.H. Ollongren"
    assert [m["slug"] for m in data["meetings"]] == ["2023-10-11-dmm"]
    assert data["meetings"][0]["role"] == "announces"
    assert {c["id"] for c in data["citations"]} >= {"28676-426", "27925-943"}
    assert [f["number"] for f in data["footnotes"]] == [1, 2]
    assert data["footnotes"][1]["text"].startswith("Kamerstuk 27 925, nr. 943")
    assert "oekraine" in [t["slug"] for t in data["topics"]]
    assert data["sha256"] == letter.source_sha256
    assert data["body"] == letter.body
    assert data["original_url"] == f"{BASE}/brieven/{letter.pk}/origineel"


def test_citation_of_a_kamerstuk_not_in_the_archive_links_to_the_official_publication(client, seeded):
    letter = seeded["003_ab0bb0f9ecab726f.txt"]
    citations = {c["id"]: c for c in get_json(client, f"/api/letters/{letter.pk}/")["citations"]}
    assert citations["21501-02-2433"]["url"] == "https://zoek.officielebekendmakingen.nl/kst-21501-02-2433.html"
    assert citations["21501-02-2433"]["api_url"] is None
    assert citations["28676-386"]["url"] == "https://zoek.officielebekendmakingen.nl/kst-28676-386.html"


def test_citation_of_an_archived_letter_links_to_its_page(client, archive):
    cited = Letter.objects.get(subject="Verslag NAVO-top 2024")
    citing = Letter.objects.get(subject="Agenda DMM oktober 2024")
    Citation.objects.create(letter=citing, dossier="28676", number=465, text="Kamerstuk 28 676, nr. 465", cited_letter=cited)
    data = get_json(client, f"/api/letters/{citing.pk}/")
    assert data["citations"] == [
        {
            "id": "28676-465",
            "text": "Kamerstuk 28 676, nr. 465",
            "url": f"{BASE}/brieven/{cited.pk}/",
            "api_url": f"{BASE}/api/letters/{cited.pk}/",
        }
    ]


def test_letter_detail_without_original_file_has_null_original_url(client, archive):
    letter = Letter.objects.get(subject="Verslag NAVO-top 2024")
    assert get_json(client, f"/api/letters/{letter.pk}/")["original_url"] is None


def test_letter_without_minister_or_date_has_nulls(client):
    letter = make_letter("Zonder ondertekening", date=None)
    data = get_json(client, f"/api/letters/{letter.pk}/")
    assert data["minister"] is None
    assert data["date"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2023", ["Verslag DMM februari 2023", "Agenda DMM februari 2023"]),
        ("kind=report", ["Verslag NAVO-top 2024", "Verslag DMM februari 2023"]),
        ("series=summit", ["Verslag NAVO-top 2024"]),
        ("series=jef", ["Agenda DMM oktober 2024"]),
        ("country=oekraine", ["Agenda DMM oktober 2024", "Verslag NAVO-top 2024"]),
        ("minister=k-h-ollongren", ["Verslag DMM februari 2023", "Agenda DMM februari 2023"]),
        ("topic=nucleair", ["Agenda DMM oktober 2024", "Agenda DMM februari 2023"]),
        ("kind=agenda&year=2024", ["Agenda DMM oktober 2024"]),
        ("year=2019", []),
    ],
)
def test_letter_list_filters_as_the_letters_page_does(client, archive, query, expected):
    data = get_json(client, f"/api/letters/?{query}")
    assert subjects(data) == expected
    assert data["count"] == len(expected)


def test_letter_list_of_real_letters_filters_on_topic_and_country(client, seeded):
    assert get_json(client, "/api/letters/?topic=nucleair")["count"] == 1
    georgia = Country.objects.get(code="GE").slug
    assert get_json(client, f"/api/letters/?country={georgia}&year=2022")["count"] >= 1


# Meetings.


def test_meeting_from_real_letters_carries_participants_sessions_and_letters(client, seeded):
    data = get_json(client, "/api/meetings/2022-03-16-dmm/")
    report, agenda = seeded["000_e6b1d212c6d92784.txt"], seeded["002_96d9e418ac13303a.txt"]
    assert data["series"] == "dmm"
    assert data["title"] == "Bijeenkomst NAVO-ministers van Defensie"
    assert (data["start_date"], data["end_date"]) == ("2022-03-16", "2022-03-16")
    assert data["location"] == "Brussel"
    assert data["extraordinary"] is True
    assert data["virtual"] is False
    assert data["participants"] == ["FI", "GE", "SE", "UA"]
    assert data["sessions"][0] == "Russische invasie van Oekraïne"
    # The dated agenda comes first; the report gives no date of its own, so it comes last.
    assert [(l["source_name"], l["kind"], l["role"]) for l in data["letters"]] == [
        (agenda.source_name, "agenda", "announces"),
        (report.source_name, "report", "reports"),
    ]
    assert data["letters"][1]["url"] == f"{BASE}/brieven/{report.pk}/"
    assert data["letters"][1]["sessions"] == data["sessions"]
    assert data["url"] == f"{BASE}/bijeenkomsten/2022-03-16-dmm/"
    assert data["api_url"] == f"{BASE}/api/meetings/2022-03-16-dmm/"


def test_meeting_list_items_have_the_detail_shape(client, seeded):
    data = get_json(client, "/api/meetings/?year=2022&series=dmm")
    item = next(m for m in data["results"] if m["slug"] == "2022-03-16-dmm")
    assert item == get_json(client, "/api/meetings/2022-03-16-dmm/")


def test_session_named_by_agenda_and_report_is_listed_once_on_the_meeting(client):
    meeting = make_meeting("dmm", dt.date(2024, 2, 13))
    agenda = make_letter("Agenda", date=dt.date(2024, 2, 1), meetings=[(meeting, "announces")])
    report = make_letter("Verslag", kind="report", date=dt.date(2024, 2, 20), meetings=[(meeting, "reports")])
    for letter, titles in ((agenda, ["Werkdiner", "Nuclear Planning Group"]), (report, ["werkdiner", "Oekraïne"])):
        Session.objects.bulk_create(Session(meeting=meeting, letter=letter, title=t, order=i) for i, t in enumerate(titles))
    data = get_json(client, f"/api/meetings/{meeting.slug}/")
    assert data["sessions"] == ["Werkdiner", "Nuclear Planning Group", "Oekraïne"]
    assert [l["sessions"] for l in data["letters"]] == [["Werkdiner", "Nuclear Planning Group"], ["werkdiner", "Oekraïne"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["2024-11-05-jef", "2024-10-17-dmm", "2024-07-09-summit", "2023-02-14-dmm"]),
        ("year=2023", ["2023-02-14-dmm"]),
        ("series=dmm", ["2024-10-17-dmm", "2023-02-14-dmm"]),
        ("country=finland", ["2024-10-17-dmm", "2023-02-14-dmm"]),
        ("country=oekraine&year=2024", ["2024-10-17-dmm", "2024-07-09-summit"]),
        ("minister=k-h-ollongren", ["2023-02-14-dmm"]),
        ("topic=nucleair", ["2024-11-05-jef", "2024-10-17-dmm", "2023-02-14-dmm"]),
        ("kind=report", ["2024-11-05-jef", "2024-10-17-dmm", "2024-07-09-summit", "2023-02-14-dmm"]),
    ],
)
def test_meeting_list_filters_as_the_timeline_does(client, archive, query, expected):
    assert slugs(get_json(client, f"/api/meetings/?{query}")) == expected


def test_meeting_without_letters_or_countries_has_empty_lists(client):
    meeting = make_meeting("other", dt.date(2020, 4, 15), virtual=True)
    data = get_json(client, f"/api/meetings/{meeting.slug}/")
    assert (data["participants"], data["sessions"], data["letters"], data["location"]) == ([], [], [], "")
    assert data["virtual"] is True


# Countries, ministers, topics.


def test_country_list_counts_meetings_and_leaves_out_countries_without_any(client, archive):
    make_country("JP", "Japan")
    data = get_json(client, "/api/countries/")
    assert [(c["code"], c["meeting_count"]) for c in data["results"]] == [("FI", 2), ("UA", 2)]
    assert data["results"][1] == {
        "code": "UA",
        "slug": "oekraine",
        "name_nl": "Oekraïne",
        "name_en": "Ukraine",
        "meeting_count": 2,
        "url": f"{BASE}/landen/oekraine/",
        "api_url": f"{BASE}/api/countries/oekraine/",
    }


def test_country_detail_lists_its_participation_meeting_by_meeting(client, archive):
    data = get_json(client, "/api/countries/finland/")
    assert data["code"] == "FI"
    assert [(p["meeting"], p["role"]) for p in data["participations"]] == [
        ("2023-02-14-dmm", "partner"),
        ("2024-10-17-dmm", "partner"),
    ]
    assert data["participations"][0]["api_url"] == f"{BASE}/api/meetings/2023-02-14-dmm/"
    assert data["meetings_api_url"] == f"{BASE}/api/meetings/?country=finland"
    assert get_json(client, data["meetings_api_url"])["count"] == 2


def test_country_that_took_part_in_nothing_has_no_detail(client, archive):
    make_country("JP", "Japan")
    get_json(client, "/api/countries/japan/", status=404)


def test_minister_list_counts_letters(client, archive):
    Minister.objects.create(name="C.A. van der Maat", role="Staatssecretaris van Defensie")
    data = get_json(client, "/api/ministers/")
    assert [(m["slug"], m["letter_count"]) for m in data["results"]] == [
        ("c-a-van-der-maat", 0),
        ("k-h-ollongren", 2),
        ("r-p-brekelmans", 2),
    ]
    assert data["results"][0]["role"] == "Staatssecretaris van Defensie"
    assert data["results"][1]["url"] == f"{BASE}/bewindspersonen/k-h-ollongren/"


def test_minister_detail_links_to_the_ministers_letters_and_meetings(client, archive):
    data = get_json(client, "/api/ministers/k-h-ollongren/")
    assert (data["name"], data["letter_count"]) == ("K.H. Ollongren", 2)
    assert subjects(get_json(client, data["letters_api_url"])) == ["Verslag DMM februari 2023", "Agenda DMM februari 2023"]
    assert slugs(get_json(client, data["meetings_api_url"])) == ["2023-02-14-dmm"]


def test_topic_list_counts_letters_and_sessions(client, archive):
    meeting, letter = Meeting.objects.get(series="summit"), Letter.objects.get(subject="Verslag NAVO-top 2024")
    Session.objects.create(meeting=meeting, letter=letter, title="Steun aan Oekraïne").topics.add(
        Topic.objects.get(slug="oekraine")
    )
    data = get_json(client, "/api/topics/?page_size=100")
    assert data["count"] == Topic.objects.count()
    counts = {t["slug"]: (t["letter_count"], t["session_count"]) for t in data["results"]}
    assert counts["nucleair"] == (2, 0)
    assert counts["oekraine"] == (2, 1)
    assert counts["cyber"] == (0, 0)
    ukraine = next(t for t in data["results"] if t["slug"] == "oekraine")
    assert ukraine["name"] == "Oekraïne"
    assert ukraine["api_url"] == f"{BASE}/api/topics/oekraine/"


def test_topic_detail_counts_letters_per_year(client, archive):
    data = get_json(client, "/api/topics/nucleair/")
    assert data["per_year"] == [{"year": 2023, "letters": 1}, {"year": 2024, "letters": 1}]
    assert data["url"] == f"{BASE}/onderwerpen/nucleair/"
    assert get_json(client, data["letters_api_url"])["count"] == 2


@pytest.mark.parametrize(
    "url",
    [
        "/api/letters/999999/",
        "/api/meetings/1999-01-01-dmm/",
        "/api/countries/atlantis/",
        "/api/ministers/nobody/",
        "/api/topics/nothing/",
    ],
)
def test_unknown_row_is_a_json_404(client, url):
    assert get_json(client, url, status=404) == {"error": "Not found."}


def test_unknown_address_under_api_is_a_json_404(client):
    assert get_json(client, "/api/letters/abc/", status=404)["error"]
    assert get_json(client, "/api/nothing-here/", status=404)["error"]


def test_address_without_trailing_slash_is_redirected(client):
    response = client.get("/api/letters")
    assert response.status_code == 301
    assert response["Location"] == "/api/letters/"


# Search: the query language and filters of /zoeken/, paged like every list.

SEARCH_KEYS = {"query", "sort", "count", "count_exact", "next", "previous", "results", "notices"}


def test_search_returns_count_and_results(client, seeded):
    data = get_json(client, "/api/search/?q=air+policing")
    assert set(data) == SEARCH_KEYS
    assert (data["query"], data["sort"], data["count"], data["count_exact"]) == ("air policing", "relevance", 2, True)
    assert (data["next"], data["previous"], data["notices"]) == (None, None, [])
    assert {r["source_name"][:3] for r in data["results"]} == {"002", "003"}
    result = data["results"][0]
    letter = Letter.objects.get(pk=result["id"])
    assert set(result) == {"id", "source_name", "url", "title", "date", "kind", "minister", "meetings", "session", "snippet"}
    assert (result["title"], result["kind"], result["date"]) == (letter.subject, "agenda", letter.date.isoformat())
    assert (result["url"], result["minister"]) == (f"{BASE}/brieven/{letter.pk}/", letter.minister.name)
    assert [m["url"] for m in result["meetings"]] == [
        f"{BASE}{m.get_absolute_url()}" for m in letter.meetings.order_by("start_date")
    ]
    assert "<mark>air policing</mark>" in result["snippet"]


def test_search_takes_the_filters_and_pages_like_every_list(client, seeded):
    first = get_json(client, "/api/search/?q=Oekra%C3%AFne&kind=report&page_size=1")
    assert (first["count"], len(first["results"]), first["previous"]) == (2, 1, None)
    assert first["next"] == f"{BASE}/api/search/?q=Oekra%C3%AFne&kind=report&page_size=1&page=2"
    second = get_json(client, first["next"])
    assert (len(second["results"]), second["next"]) == (1, None)
    assert second["previous"] == f"{BASE}/api/search/?q=Oekra%C3%AFne&kind=report&page_size=1&page=1"
    reports = first["results"] + second["results"]
    assert [r["kind"] for r in reports] == ["report", "report"] and reports[0]["id"] != reports[1]["id"]
    assert (
        "does not exist" in get_json(client, "/api/search/?q=Oekra%C3%AFne&kind=report&page_size=1&page=3", status=404)["error"]
    )
    assert list(get_json(client, "/api/search/?q=x&page=abc", status=400)["fields"]) == ["page"]


def test_search_with_a_blank_query_finds_nothing(client, seeded):
    data = get_json(client, "/api/search/?kind=report")
    assert (data["count"], data["results"], data["next"]) == (0, [], None)


def test_search_runs_a_bounded_number_of_queries(client, seeded, django_assert_max_num_queries):
    # 9: one of them looks up, for all the words at once, the compounds they head (word_list.stems_with_heads);
    # + 1: the page cache reads the archive's change marker (at most once a second per process, marker.py)
    with django_assert_max_num_queries(9 + 1):
        data = get_json(client, "/api/search/?q=Oekra%C3%AFne&kind=agenda")
    assert data["count"] == 3
    assert {r["source_name"][:3] for r in data["results"]} == {"002", "003", "004"}


# Filters: bad values and unknown parameters.


@pytest.mark.parametrize(
    ("url", "field", "code"),
    [
        ("/api/letters/?year=twenty", "year", "invalid"),
        ("/api/letters/?kind=memo", "kind", "invalid_choice"),
        ("/api/letters/?series=g7", "series", "invalid_choice"),
        ("/api/letters/?country=atlantis", "country", "invalid_choice"),
        ("/api/letters/?minister=nobody", "minister", "invalid_choice"),
        ("/api/letters/?topic=nothing", "topic", "invalid_choice"),
        ("/api/meetings/?year=2024-10", "year", "invalid"),
        ("/api/meetings/?series=g7", "series", "invalid_choice"),
        ("/api/meetings/?country=atlantis", "country", "invalid_choice"),
    ],
)
def test_invalid_filter_value_is_a_400_naming_the_field(client, archive, url, field, code):
    data = get_json(client, url, status=400)
    assert data["error"] == "Invalid parameters."
    assert [e["code"] for e in data["fields"][field]] == [code]
    assert list(data["fields"]) == [field]


def test_unknown_parameters_and_empty_filter_values_are_ignored(client, archive):
    data = get_json(client, "/api/letters/?colour=blue&year=&format=xml")
    assert data["count"] == 4


# Pagination.


@pytest.fixture
def thirty_letters() -> list[Letter]:
    return [make_letter(f"Brief {n:02}", date=dt.date(2024, 1, 1) + dt.timedelta(days=n)) for n in range(30)]


def test_first_page_links_to_the_next_keeping_filters_and_page_size(client, thirty_letters):
    data = get_json(client, "/api/letters/?year=2024&page_size=10")
    assert data["count"] == 30
    assert data["previous"] is None
    assert data["next"] == f"{BASE}/api/letters/?year=2024&page_size=10&page=2"
    assert subjects(data)[:2] == ["Brief 29", "Brief 28"]


def test_middle_and_last_pages_link_both_ways(client, thirty_letters):
    middle = get_json(client, "/api/letters/?page_size=10&page=2")
    assert middle["previous"] == f"{BASE}/api/letters/?page_size=10&page=1"
    assert middle["next"] == f"{BASE}/api/letters/?page_size=10&page=3"
    last = get_json(client, middle["next"])
    assert last["next"] is None
    assert subjects(last)[-1] == "Brief 00"
    seen = subjects(get_json(client, middle["previous"])) + subjects(middle) + subjects(last)
    assert seen == [f"Brief {n:02}" for n in reversed(range(30))]


def test_default_page_size_is_the_pages_size(client, thirty_letters):
    data = get_json(client, "/api/letters/")
    assert len(data["results"]) == 25
    assert data["next"] == f"{BASE}/api/letters/?page=2"


def test_page_size_is_capped(client):
    Minister.objects.bulk_create(
        Minister(name=f"A. Minister{n:03}", role="Minister van Defensie", slug=f"minister-{n:03}")
        for n in range(MAX_PAGE_SIZE + 1)
    )
    data = get_json(client, "/api/ministers/?page_size=1000")
    assert data["count"] == MAX_PAGE_SIZE + 1
    assert len(data["results"]) == MAX_PAGE_SIZE
    assert data["next"] == f"{BASE}/api/ministers/?page_size=1000&page=2"
    assert slugs(get_json(client, data["next"])) == [f"minister-{MAX_PAGE_SIZE:03}"]


def test_empty_list_has_one_empty_page(client):
    assert get_json(client, "/api/letters/") == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("query", ["page=0", "page=4", "page=-1"])
def test_page_out_of_range_is_a_json_404(client, thirty_letters, query):
    assert "does not exist" in get_json(client, f"/api/letters/?page_size=10&{query}", status=404)["error"]


@pytest.mark.parametrize(
    ("query", "field"), [("page=two", "page"), ("page=1.5", "page"), ("page_size=0", "page_size"), ("page_size=ten", "page_size")]
)
def test_malformed_page_or_page_size_is_a_400(client, thirty_letters, query, field):
    assert list(get_json(client, f"/api/letters/?{query}", status=400)["fields"]) == [field]


# Methods, encoding, language.


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize("url", ["/api/", "/api/letters/", "/api/meetings/2022-03-16-dmm/", "/api/topics/"])
def test_api_is_read_only(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "read-only" in response.json()["error"]


def test_post_without_csrf_token_is_refused_as_405_not_403(archive):
    response = Client(enforce_csrf_checks=True).post("/api/letters/", {"subject": "x"})
    assert response.status_code == 405
    assert Letter.objects.count() == 4


def test_head_is_allowed(client, archive):
    assert client.head("/api/letters/").status_code == 200


def test_non_ascii_text_is_not_escaped(client, archive):
    body = client.get("/api/countries/oekraine/").content
    assert "Oekraïne".encode() in body
    assert b"\\u00ef" not in body


def test_links_point_to_the_dutch_pages_whatever_the_accept_language(client, archive):
    data = get_json(client, "/api/meetings/?series=summit", HTTP_ACCEPT_LANGUAGE="en")
    assert data["results"][0]["url"] == f"{BASE}/bijeenkomsten/2024-07-09-summit/"


# Query counts: bounded whatever the number of rows.


def build_rows(n: int) -> None:
    """n meetings, each with two countries, an agenda and a report with sessions, topics, a footnote
    and a citation, so every prefetch in the API has rows to fetch."""
    minister = Minister.objects.create(name="K.H. Ollongren", role="Minister van Defensie")
    countries = [make_country("UA", "Ukraine", "Oekraïne"), make_country("FI", "Finland")]
    topics = list(Topic.objects.filter(slug__in=["oekraine", "nucleair"]))
    for i in range(n):
        meeting = make_meeting("dmm", dt.date(2020, 1, 1) + dt.timedelta(days=30 * i), countries=countries)
        for kind, role in (("agenda", "announces"), ("report", "reports")):
            letter = make_letter(
                f"{kind} {i}", kind=kind, date=meeting.start_date, minister=minister, topics=topics, meetings=[(meeting, role)]
            )
            letter.cosigners.set([minister])
            Session.objects.create(meeting=meeting, letter=letter, title=f"Werksessie {kind} {i}")
            Footnote.objects.create(letter=letter, number=1, text="Kamerstuk 28 676, nr. 1.")
            Citation.objects.create(letter=letter, dossier="28676", number=1, text="Kamerstuk 28 676, nr. 1")


# Ceilings: COUNT, the page, then one query per prefetch; a ModelChoiceFilter adds one to check its slug.
# The tests add MARKER_READ: the page cache reads the archive's change marker (at most once a second
# per process, meetings/marker.py), here before each first request after a write.
MARKER_READ = 1
# Each with the rows it finds among build_rows(n): two letters a meeting, a meeting every 30 days from 2020.
LIST_CEILINGS = [
    ("/api/letters/?page_size=100", 4, lambda n: 2 * n),
    (
        "/api/letters/?page_size=100&country=oekraine&minister=k-h-ollongren&topic=nucleair&year=2020&kind=agenda&series=dmm",
        7,
        lambda n: min(n, 13),  # the agendas of 2020
    ),
    ("/api/meetings/?page_size=100", 5, lambda n: n),
    ("/api/meetings/?page_size=100&country=finland&topic=oekraine&minister=k-h-ollongren&series=dmm", 8, lambda n: n),
    ("/api/countries/?page_size=100", 2, lambda n: 2),
    ("/api/ministers/?page_size=100", 2, lambda n: 1),
    ("/api/topics/?page_size=100", 2, lambda n: Topic.objects.count()),
]


@pytest.mark.parametrize("rows", [1, 40])
@pytest.mark.parametrize(("url", "ceiling", "expected"), LIST_CEILINGS)
def test_list_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries, rows, url, ceiling, expected):
    build_rows(rows)
    with django_assert_max_num_queries(ceiling + MARKER_READ):
        data = get_json(client, url)
    assert data["count"] == expected(rows) and len(data["results"]) == min(expected(rows), 100)


@pytest.mark.parametrize("rows", [1, 40])
def test_details_run_a_bounded_number_of_queries(client, django_assert_max_num_queries, rows):
    build_rows(rows)
    letter, meeting = Letter.objects.first(), Meeting.objects.first()
    for url, ceiling, key, value in [
        (f"/api/letters/{letter.pk}/", 6, "id", letter.pk),
        (f"/api/meetings/{meeting.slug}/", 4, "slug", meeting.slug),
        ("/api/countries/oekraine/", 2, "meeting_count", rows),
        ("/api/ministers/k-h-ollongren/", 1, "letter_count", 2 * rows),
        ("/api/topics/nucleair/", 2, "letter_count", 2 * rows),
    ]:
        with django_assert_max_num_queries(ceiling + MARKER_READ):
            data = get_json(client, url)
        assert data[key] == value, url


def test_list_items_are_complete_with_many_rows(client):
    build_rows(40)
    data = get_json(client, "/api/meetings/?page_size=100")
    assert data["count"] == 40 and len(data["results"]) == 40
    assert all(len(m["letters"]) == 2 and m["participants"] == ["FI", "UA"] and len(m["sessions"]) == 2 for m in data["results"])
    letters = get_json(client, "/api/letters/?page_size=100")["results"]
    assert len(letters) == 80
    assert all(len(l["topics"]) == 2 and len(l["meetings"]) == 1 for l in letters)
