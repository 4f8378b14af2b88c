"""The public pages: what they show, that they escape letter text, and bounded query counts."""

import re

import pytest
from django.urls import reverse

from meetings.models import Country, Letter, LetterMeeting, Meeting, Minister, Topic
from meetings.store import import_bytes

pytestmark = pytest.mark.django_db

# Pages with a fixed URL; each must answer with the archive loaded, in a bounded number of queries.
LIST_PAGES = ["/", "/bijeenkomsten/", "/brieven/", "/bewindspersonen/", "/landen/", "/onderwerpen/", "/dekking/", "/en/"]


def paired_meeting():
    return Meeting.objects.filter(letter_links__role="announces").filter(letter_links__role="reports").distinct().first()


ARCHIVE_LINK = re.compile(r'href="(?:/en)?/(?:brieven|bijeenkomsten|bewindspersonen|landen|onderwerpen)/[^"/]+/"')


@pytest.mark.parametrize("url", LIST_PAGES)
def test_list_pages_answer_in_a_bounded_number_of_queries(client, archive, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert ARCHIVE_LINK.search(response.content.decode()), f"{url} links to nothing in the archive"


def test_detail_pages_answer_in_a_bounded_number_of_queries(client, archive, django_assert_max_num_queries):
    urls = [
        paired_meeting().get_absolute_url(),
        Letter.objects.filter(footnotes__isnull=False).first().get_absolute_url(),
        Minister.objects.first().get_absolute_url(),
        Country.objects.filter(participations__isnull=False).first().get_absolute_url(),
        Topic.objects.filter(letters__isnull=False).first().get_absolute_url(),
    ]
    for url in urls:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200, url


def test_query_count_does_not_grow_with_the_number_of_rows(client, archive, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(queries)

    before = {url: count(url) for url in LIST_PAGES}
    for n in range(5):  # more letters, meetings, countries and sessions
        text = (
            f"Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 1 maart 20{10 + n}\n\n"
            f"Op {10 + n} en {11 + n} maart komen de NAVO-ministers van Defensie in Brussel bijeen, in aanwezigheid van "
            "de ministers van Defensie van Japan en Australië.\n\nCyber\n\nIn de eerste werksessie spreken de ministers over cyber.\n\n"
            "De Minister van Defensie,\nJ.A. Tester"
        )
        assert import_bytes(f"extra-{n}.txt", text.encode()).ok
    assert {url: count(url) for url in LIST_PAGES} == before
    signer = Letter.objects.get(source_name="extra-4.txt").minister
    assert f"/bewindspersonen/{signer.slug}/" in client.get("/bewindspersonen/").content.decode()


def test_meeting_page_shows_agenda_and_report_side_by_side(client, archive):
    meeting = paired_meeting()
    html = client.get(meeting.get_absolute_url()).content.decode()
    agenda = meeting.letter_links.get(role="announces").letter
    report = meeting.letter_links.get(role="reports").letter
    assert agenda.get_absolute_url() in html and report.get_absolute_url() in html
    assert "Volgens de agenda" in html and "Volgens het verslag" in html


def test_meeting_without_report_says_so(client, archive):
    meeting = Meeting.objects.exclude(letter_links__role="reports").first()
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Het verslag van deze bijeenkomst ontbreekt in het archief." in html


def test_meeting_page_links_previous_and_next_of_the_series(client, archive):
    meetings = list(Meeting.objects.filter(series="dmm").order_by("start_date"))
    middle = meetings[len(meetings) // 2]
    html = client.get(middle.get_absolute_url()).content.decode()
    index = meetings.index(middle)
    assert f'rel="prev" href="{meetings[index - 1].get_absolute_url()}"' in html
    assert f'rel="next" href="{meetings[index + 1].get_absolute_url()}"' in html


def test_letter_page_links_footnotes_both_ways(client, archive):
    letter = Letter.objects.filter(footnotes__isnull=False).first()
    html = client.get(letter.get_absolute_url()).content.decode()
    number = letter.footnotes.first().number
    assert f'href="#fn-{number}" id="fnref-{number}"' in html
    assert f'id="fn-{number}"' in html and f'href="#fnref-{number}"' in html


def test_citation_links_to_archived_letter_or_official_publication(client, archive):
    citing = Letter.objects.filter(citations__cited_letter__isnull=False).first()
    cited = citing.citations.filter(cited_letter__isnull=False).first().cited_letter
    html = client.get(citing.get_absolute_url()).content.decode()
    assert f'href="{cited.get_absolute_url()}"' in html
    external = Letter.objects.filter(citations__isnull=False, citations__cited_letter__isnull=True).first()
    citation = external.citations.filter(cited_letter__isnull=True).first()
    html = client.get(external.get_absolute_url()).content.decode()
    assert f"https://zoek.officielebekendmakingen.nl/kst-{citation.dossier}-{citation.number}.html" in html


def test_letter_text_is_escaped(client, db):
    text = (
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 1 maart 2024\n\n"
        "Op 14 en 15 maart komen de NAVO-ministers van Defensie in Brussel bijeen. <script>alert(1)</script> & co.\n\n"
        "De Minister van Defensie,\nK.H. Ollongren"
    )
    letter = import_bytes("xss.txt", text.encode()).letter
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co." in html


def forbid_extraction(monkeypatch):
    """Make the signature patterns and the extraction entry points fail if a page calls them."""
    import inspect

    from meetings.extract import clean, signature
    from meetings.extract import letter as letter_module

    def fail(*args, **kwargs):
        raise AssertionError("a page ran extraction code")

    for name, function in inspect.getmembers(signature, inspect.isfunction):
        if function.__module__ == signature.__name__:
            monkeypatch.setattr(signature, name, fail)
    monkeypatch.setattr(clean, "clean_letter", fail)
    monkeypatch.setattr(letter_module, "parse_letter", fail)


def test_letter_page_sets_the_signature_apart_without_running_extraction(client, db, seeds_dir, monkeypatch):
    imported = import_bytes("003.txt", (seeds_dir / "003_ab0bb0f9ecab726f.txt").read_bytes()).letter
    meeting = imported.meeting_links.first().meeting
    forbid_extraction(monkeypatch)
    html = client.get(imported.get_absolute_url()).content.decode()
    assert '<p class="signature">De Minister van Defensie, K.H. Ollongren</p>' in html
    assert "-- " not in html.split('class="letter-body"')[1].split("</div>")[0]
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_original_file_is_served_as_imported(client, archive):
    letter = Letter.objects.first()
    response = client.get(reverse("meetings:letter_original", args=[letter.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == letter.source_file.open("rb").read()


def test_meeting_filters_narrow_the_timeline(client, archive):
    country = Country.objects.get(code="SE")
    html = client.get(f"/bijeenkomsten/?country={country.slug}&series=dmm").content.decode()
    shown = set(re.findall(r'href="(/bijeenkomsten/[^"/]+/)"', html))
    expected = {m.get_absolute_url() for m in Meeting.objects.filter(series="dmm", participations__country=country)}
    assert shown == expected and shown


def test_invalid_filter_value_is_shown_not_crashed(client, archive):
    response = client.get("/bijeenkomsten/?year=abc&country=atlantis")
    assert response.status_code == 200


def test_english_pages_use_english_and_the_lang_attribute(client, archive):
    html = client.get("/en/bijeenkomsten/").content.decode()
    assert '<html lang="en">' in html
    dutch = client.get("/bijeenkomsten/").content.decode()
    assert '<html lang="nl">' in dutch
    assert 'href="/en/bijeenkomsten/"' in dutch  # the language switch


def test_coverage_lists_meetings_missing_a_letter(client, archive):
    html = client.get("/dekking/").content.decode()
    missing = Meeting.objects.exclude(letter_links__role=LetterMeeting.Role.REPORTS).count()
    assert html.count("ontbreekt") >= missing > 0


def test_meetings_csv_has_a_row_per_meeting(client, archive):
    response = client.get("/bijeenkomsten/export.csv")
    rows = b"".join(response.streaming_content).decode().strip().splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == Meeting.objects.count() + 1


def test_country_csv_lists_its_participations(client, archive):
    country = Country.objects.get(code="UA")
    response = client.get(reverse("meetings:country_csv", args=[country.slug]))
    rows = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(rows) == country.participations.count() + 1


def test_feed_and_sitemap(client, archive):
    feed = client.get("/feeds/brieven.atom")
    assert feed.status_code == 200 and b"<feed" in feed.content
    sitemap = client.get("/sitemap.xml").content.decode()
    assert Letter.objects.first().get_absolute_url() in sitemap


def test_missing_page_uses_the_site_404(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_public_site_has_no_write_endpoint(client, archive):
    meeting = paired_meeting()
    for url in ["/", meeting.get_absolute_url(), "/brieven/"]:
        assert client.post(url).status_code in (403, 405)


@pytest.mark.parametrize(
    ("day", "year"),
    [("2023-09-18", "2022/23"), ("2023-09-19", "2023/24"), ("2024-02-01", "2023/24"), ("2024-09-17", "2024/25")],
)
def test_the_parliamentary_year_opens_on_prinsjesdag(day, year):
    import datetime as dt

    from meetings.models import parliamentary_year

    assert parliamentary_year(dt.date.fromisoformat(day)) == year


def test_cite_this_letter_gives_the_full_kamerstuk(client, letter_text):
    header = "Tweede Kamer, vergaderjaar 2023–2024, 28 676, nr. 450\n\nNr. 450 BRIEF VAN DE MINISTER VAN DEFENSIE"
    letter = import_bytes("kst.txt", letter_text(letterhead=header).encode()).letter
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "Kamerstukken II 2023/24, 28 676, nr. 450" in html


def test_the_timeline_badges_link_to_the_agenda_and_the_report(client, archive):
    meeting = paired_meeting()
    html = client.get("/bijeenkomsten/").content.decode()
    agenda = meeting.letter_links.get(role="announces").letter
    report = meeting.letter_links.get(role="reports").letter
    # A sample letter's badge says it is one (badge-sample); a real letter's says its kind.
    assert f'class="badge badge-{"sample" if agenda.is_sample else "agenda"}" href="{agenda.get_absolute_url()}"' in html
    assert f'class="badge badge-{"sample" if report.is_sample else "report"}" href="{report.get_absolute_url()}"' in html


def test_meetings_are_told_apart_by_date_and_place_first(client, archive):
    from meetings.templatetags.archive import date_span

    meeting = Meeting.objects.exclude(location="").filter(virtual=False).first()
    html = client.get("/bijeenkomsten/").content.decode() + client.get("/bijeenkomsten/?page=2").content.decode()
    when = f'<time datetime="{meeting.start_date:%Y-%m-%d}">{date_span(meeting)}</time>, {meeting.location}</a>'
    assert f'<a href="{meeting.get_absolute_url()}">{when}' in html
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert re.search(
        r"<h1>[^<]*<span class=\"heading-when\"><time[^>]*>"
        + re.escape(date_span(meeting))
        + "</time>, "
        + re.escape(meeting.location),
        page,
    )


@pytest.mark.parametrize("url", ["/bijeenkomsten/", "/brieven/", "/zoeken/?q=navo"])
def test_filter_forms_name_their_empty_choice(client, archive, url):
    html = client.get(url).content.decode()
    assert "---------" not in html
    assert "alle reeksen" in html or url.startswith("/zoeken/")  # the search narrows by facets, not selects
