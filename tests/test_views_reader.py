"""What a reader meets (issue 17): the agenda next to the report, sample letters kept apart
from real ones, English pages in English, the topic chart and the search feed's dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import translation

from meetings.extract.meetings import SERIES_TITLES
from meetings.models import Country, Letter, LetterMeeting, Meeting, Minister, Participation, Session, Topic
from meetings.names import STANDARD_TITLES, meeting_title, minister_role, place_name
from meetings.pairing import same_subject
from meetings.selectors import archive_stats, compare_meeting, coverage, meeting_detail_queryset

pytestmark = pytest.mark.django_db

MINISTER_ROLE = "Minister van Defensie"


def make_letter(kind: str, day: dt.date, *, sample: bool = False, subject: str = "", minister=None) -> Letter:
    minister = minister or Minister.objects.get_or_create(name="A.B. Tester", defaults={"role": MINISTER_ROLE})[0]
    return Letter.objects.create(
        kind=kind,
        date=day,
        subject=subject or f"{kind} {day}",
        minister=minister,
        body="Tekst.",
        is_sample=sample,
        source_name=f"{kind}-{day}-{sample}.txt",
        source_sha256=f"{kind}{day}{sample}".ljust(64, "0")[:64],
    )


def make_meeting(day: dt.date, *, series: str = "dmm", location: str = "Brussel") -> Meeting:
    return Meeting.objects.create(series=series, title=SERIES_TITLES[series], start_date=day, end_date=day, location=location)


def link(letter: Letter, meeting: Meeting, role: str, sessions: list[str] = ()) -> None:
    LetterMeeting.objects.create(letter=letter, meeting=meeting, role=role)
    for order, title in enumerate(sessions):
        Session.objects.create(meeting=meeting, letter=letter, title=title, heading=title, order=order)


# The agenda next to the report


@pytest.mark.parametrize(
    "first, second",
    [
        ("NATO-Ukraine Council", "NAVO-Oekraïne Raad"),
        ("NATO-Ukraine Council", "NAVO-Oekraïneraad"),
        ("Working dinner", "Werkdiner"),
        ("Nuclear Planning Group", "Nucleaire planningsgroep"),
        ("Bescherming van kritieke infrastructuur", "Werkdiner: bescherming van kritieke onderzeese infrastructuur"),
    ],
)
def test_sessions_of_one_subject_under_two_names_are_the_same_subject(first, second):
    assert same_subject(first, second) > 0
    assert same_subject(second, first) > 0


@pytest.mark.parametrize(
    "first, second",
    [("NATO-Ukraine Council", "Nuclear Planning Group"), ("Afschrikking en verdediging", "Werkdiner"), ("NAVO", "NATO")],
)
def test_sessions_of_different_subjects_are_not_paired(first, second):
    assert same_subject(first, second) == 0


def compared(meeting: Meeting):
    return compare_meeting(meeting_detail_queryset().get(pk=meeting.pk))


def test_a_council_named_in_english_by_the_agenda_and_in_dutch_by_the_report_is_one_row():
    meeting = make_meeting(dt.date(2024, 6, 13))
    link(make_letter("agenda", dt.date(2024, 6, 1)), meeting, "announces", ["Afschrikking", "NATO-Ukraine Council"])
    link(make_letter("report", dt.date(2024, 6, 20)), meeting, "reports", ["NAVO-Oekraïne Raad", "Afschrikking en verdediging"])
    rows = compared(meeting).rows
    assert [(r.planned.session.title, r.reported.session.title) for r in rows] == [
        ("Afschrikking", "Afschrikking en verdediging"),
        ("NATO-Ukraine Council", "NAVO-Oekraïne Raad"),
    ]


def test_a_second_report_of_the_same_session_stands_beside_the_first():
    meeting = make_meeting(dt.date(2022, 10, 12))
    link(make_letter("agenda", dt.date(2022, 9, 29)), meeting, "announces", ["Afschrikking en verdediging"])
    link(make_letter("report", dt.date(2022, 10, 25)), meeting, "reports", ["Afschrikking en verdediging"])
    link(make_letter("report", dt.date(2022, 10, 27), sample=True), meeting, "reports", ["Afschrikking en verdediging"])
    (row,) = compared(meeting).rows
    assert row.reported.letter.date == dt.date(2022, 10, 25)
    assert [side.letter.date for side in row.also_reported] == [dt.date(2022, 10, 27)]


def test_an_agenda_without_sessions_is_said_once_not_on_every_row(client):
    meeting = make_meeting(dt.date(2024, 2, 15))
    link(make_letter("agenda", dt.date(2024, 2, 1)), meeting, "announces")
    link(make_letter("report", dt.date(2024, 2, 20)), meeting, "reports", ["Cyber", "Innovatie", "Munitie"])
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "niet in de agenda" not in html
    assert html.count("De geannoteerde agenda noemt geen afzonderlijke werksessies") == 1
    assert all(title in html for title in ("Cyber", "Innovatie", "Munitie"))


def test_on_a_phone_each_comparison_cell_names_its_side(client):
    meeting = make_meeting(dt.date(2024, 2, 15))
    link(make_letter("agenda", dt.date(2024, 2, 1)), meeting, "announces", ["Cyber", "Innovatie"])
    link(make_letter("report", dt.date(2024, 2, 20)), meeting, "reports", ["Cyber"])
    html = client.get(meeting.get_absolute_url()).content.decode()
    cells = re.findall(r"<td>(.*?)</td>", html, re.S)
    assert len(cells) == 4
    assert all('class="cell-label"' in cell for cell in cells)
    assert cells[0].count(">Agenda<") == 1 and cells[1].count(">Verslag<") == 1


# Sample letters never pass for real ones


def test_sample_letters_are_counted_apart_on_the_home_page_and_in_coverage(client):
    real_meeting, sample_meeting = make_meeting(dt.date(2024, 2, 15)), make_meeting(dt.date(2024, 6, 13))
    link(make_letter("agenda", dt.date(2024, 2, 1)), real_meeting, "announces")
    link(make_letter("report", dt.date(2024, 2, 20), sample=True), real_meeting, "reports")
    link(make_letter("agenda", dt.date(2024, 6, 1), sample=True), sample_meeting, "announces")

    stats = archive_stats()
    assert (stats["letters"], stats["sample_letters"], stats["meetings"], stats["sample_meetings"]) == (1, 2, 1, 1)
    found = coverage()
    assert (found.real, found.complete, found.missing_agenda, found.missing_report, found.sample_only) == (1, 0, 0, 1, 1)

    home = client.get("/").content.decode()
    assert "Daarnaast staan er 2 fictieve voorbeeldbrieven in het archief" in home
    page = client.get("/dekking/").content.decode()
    assert "1 bijeenkomst in het archief: 0 met agenda én verslag, 0 zonder agenda, 1 zonder verslag." in page
    assert "Niet meegeteld: 1 bijeenkomst" in page and "alleen voorbeeldbrieven" in page


def test_sample_letters_are_marked_on_the_meeting_page_the_timeline_and_the_lists(client):
    meeting = make_meeting(dt.date(2024, 2, 15))
    sample = make_letter("report", dt.date(2024, 2, 20), sample=True)
    link(make_letter("agenda", dt.date(2024, 2, 1)), meeting, "announces")
    link(sample, meeting, "reports")
    badge = "voorbeeldbrief (fictief)"
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert meeting_page.count(badge) == 1
    timeline = client.get("/bijeenkomsten/").content.decode()
    assert f'class="badge badge-sample" href="{sample.get_absolute_url()}">verslag (voorbeeld)' in timeline
    letters = client.get("/brieven/").content.decode()
    assert "2 brieven, nieuwste eerst. Daarvan is 1 een fictieve voorbeeldbrief." in letters
    assert letters.count(badge) == 1
    ministers = client.get("/bewindspersonen/").content.decode()
    assert "1 brief (en 1 voorbeeldbrief)" in ministers


# English pages in English


def test_standard_meeting_titles_are_the_extraction_s_titles():
    assert {series: title for series, title in SERIES_TITLES.items() if series != "other"} == STANDARD_TITLES


@pytest.mark.parametrize(
    "dutch, english",
    [
        ("Brussel", "Brussels"),
        ("Den Haag", "The Hague"),
        ("Londen", "London"),
        ("Praag", "Prague"),
        ("Warschau", "Warsaw"),
        ("Vilnius", "Vilnius"),
    ],
)
def test_places_are_named_in_english_on_english_pages(dutch, english):
    with translation.override("en"):
        assert place_name(dutch) == english
    with translation.override("nl"):
        assert place_name(dutch) == dutch


@pytest.mark.parametrize(
    "dutch, english",
    [
        ("Minister van Defensie", "Minister of Defence"),
        ("Minister van Buitenlandse Zaken", "Minister of Foreign Affairs"),
        ("Staatssecretaris van Defensie", "State Secretary for Defence"),
        (
            "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
            "Minister for Foreign Trade and Development Cooperation",
        ),
        ("Minister-President", "Prime Minister"),
        ("Bijzonder gezant", "Bijzonder gezant"),  # unknown: as written
    ],
)
def test_ministers_roles_are_named_in_english_on_english_pages(dutch, english):
    with translation.override("en"):
        assert minister_role(dutch) == english


def test_a_standard_meeting_s_title_is_translated_and_an_other_meeting_keeps_its_name():
    with translation.override("en"):
        assert meeting_title("dmm", SERIES_TITLES["dmm"]) == "NATO Defence Ministers' Meeting"
        assert meeting_title("fmm", SERIES_TITLES["fmm"]) == "NATO Foreign Ministers' Meeting"
        assert meeting_title("other", "Bijeenkomst EU-ministers van Defensie") == "Bijeenkomst EU-ministers van Defensie"
        assert (
            meeting_title("dmm", "Informele bijeenkomst in Vilnius") == "Informele bijeenkomst in Vilnius"
        )  # an admin's own title


def test_the_english_catalogue_is_complete():
    from pathlib import Path

    po = (Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = po.split("\n\n")[1:]
    assert not [e for e in entries if "#, fuzzy" in e]
    assert not [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', e, re.M)]
    for series in set(Meeting.Series) - {Meeting.Series.JEF, Meeting.Series.UDCG}:  # those two are English names
        with translation.override("nl"):
            dutch = str(series.label)
        with translation.override("en"):
            assert str(series.label) != dutch, series


def test_the_vocabulary_has_english_topic_names():
    named = dict(Topic.objects.values_list("name", "name_en"))
    assert named["Oekraïne"] == "Ukraine" and named["Afschrikking en verdediging"] == "Deterrence and defence"
    assert all(named.values()), [name for name, english in named.items() if not english]


def test_an_english_meeting_page_names_title_place_role_topic_and_countries_in_english(client):
    meeting = make_meeting(dt.date(2024, 6, 13))
    agenda = make_letter("agenda", dt.date(2024, 6, 1))
    agenda.topics.add(Topic.objects.get(name="Oekraïne"))
    link(agenda, meeting, "announces")
    for code, dutch, english in [("DE", "Duitsland", "Germany"), ("FR", "Frankrijk", "France"), ("SE", "Zweden", "Sweden")]:
        country = Country.objects.create(code=code, name_nl=dutch, name_en=english, slug=dutch.lower())
        Participation.objects.create(meeting=meeting, country=country)

    meeting_url, letter_url = meeting.get_absolute_url(), agenda.get_absolute_url()  # before a request switches to English
    english = client.get("/en" + meeting_url).content.decode()
    assert "<h1>NATO Defence Ministers&#x27; Meeting" in english and "Brussels" in english and "Brussel<" not in english
    assert re.search(r"France</a>, <a [^>]+>Germany</a>, <a [^>]+>Sweden", english)
    dutch = client.get(meeting_url).content.decode()
    assert re.search(r"Duitsland</a>, <a [^>]+>Frankrijk</a>, <a [^>]+>Zweden", dutch)

    letter_page = client.get("/en" + letter_url).content.decode()
    assert "Minister of Defence" in letter_page and ">Ukraine</a>" in letter_page
    countries = client.get("/en/landen/").content.decode()
    assert countries.index("France") < countries.index("Germany") < countries.index("Sweden")
    timeline = client.get("/en/bijeenkomsten/").content.decode()
    assert "13 June 2024</time>, Brussels</a>" in timeline and "NATO Defence Ministers&#x27; Meeting" in timeline


# The topic chart, the search feed


def test_the_topic_chart_shows_empty_years_as_zero_and_counts_undated_letters(client):
    topic = Topic.objects.get(name="Cyber")
    for day in [dt.date(2019, 3, 1), dt.date(2021, 3, 1), dt.date(2021, 6, 1), None]:
        make_letter("report", day or dt.date(2000, 1, 1)).topics.add(topic)
    Letter.objects.filter(date=dt.date(2000, 1, 1)).update(date=None)
    make_letter("agenda", dt.date(2022, 1, 1))  # the archive runs to 2022, this topic's letters do not
    html = client.get(topic.get_absolute_url()).content.decode()
    years = re.findall(r'<tr(?: class="zero")?><th scope="row">(\d{4})</th>.*?<td class="n">(\d+)</td>', html)
    assert years == [("2019", "1"), ("2020", "0"), ("2021", "2"), ("2022", "0")]
    assert "Plus 1 brief zonder datum" in html
    assert re.search(r'class="axis"[^>]*><span>0</span><span>2</span>', html)


def test_search_feed_entries_carry_the_letter_s_date(client, letter_text):
    from meetings.store import import_bytes

    import_bytes("a.txt", letter_text(date="9 maart 2021").encode())
    xml = client.get("/zoeken/feed.atom?q=afschrikking").content.decode()
    assert "<published>2021-03-09T12:00:00" in xml


def test_the_admin_speaks_the_language_the_browser_asks_for(client, settings):
    login = f"/{settings.ADMIN_URL}login/"
    assert 'lang="en"' in client.get(login, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert 'lang="nl"' in client.get(login, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert 'lang="nl"' in client.get(login).content.decode()  # no preference: the site's language
