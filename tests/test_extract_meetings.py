"""Meetings: which ones a letter covers, their dates, place, partners and sessions."""

import datetime as dt

from meetings.extract import parse_letter
from tests.letter_text import letter


def meetings_of(body, **kwargs):
    return parse_letter(letter(body, **kwargs)).meetings


def test_year_missing_from_the_meeting_date_comes_from_the_letter_date():
    (meeting,) = meetings_of("Op 16 en 17 februari komen de NAVO-ministers van Defensie in Brussel bijeen.")
    assert (meeting.start_date, meeting.end_date, meeting.location) == (dt.date(2022, 2, 16), dt.date(2022, 2, 17), "Brussel")
    assert meeting.series == "dmm"


def test_meeting_across_a_month_boundary():
    (meeting,) = meetings_of(
        "Op 31 januari en 1 februari 2023 komen in Riga de ministers van Defensie van de Joint Expeditionary Force bijeen.",
        date_line="Den Haag, 20 januari 2023",
    )
    assert (meeting.series, meeting.start_date, meeting.end_date, meeting.location) == (
        "jef",
        dt.date(2023, 1, 31),
        dt.date(2023, 2, 1),
        "Riga",
    )


def test_meeting_across_the_new_year_takes_the_printed_year_as_its_last_day_s():
    (meeting,) = meetings_of(
        "Op 31 december en 1 januari 2025 komen de NAVO-ministers van Defensie in Brussel bijeen.",
        date_line="Den Haag, 18 december 2024",
    )
    assert (meeting.start_date, meeting.end_date) == (dt.date(2024, 12, 31), dt.date(2025, 1, 1))


def test_videoconference_has_no_location():
    (meeting,) = meetings_of(
        "Op 17 en 18 juni vond de bijeenkomst van de NAVO-ministers van Defensie plaats per videoverbinding.",
        date_line="Den Haag, 1 juli 2020",
    )
    assert meeting.virtual and meeting.location is None


def test_speaker_joining_by_video_does_not_make_the_meeting_virtual():
    body = (
        "Op 16 maart vond in Brussel een bijeenkomst plaats van de NAVO-ministers van Defensie. "
        "De Oekraïense minister van Defensie schetste per videoverbinding de situatie."
    )
    (meeting,) = meetings_of(body, date_line="Den Haag, 20 maart 2022")
    assert not meeting.virtual and meeting.location == "Brussel"


def test_extraordinary_meeting_is_marked():
    (meeting,) = meetings_of(
        "Op 16 maart vond in Brussel een ingelaste bijeenkomst plaats van de NAVO-ministers van Defensie.",
        date_line="Den Haag, 20 maart 2022",
    )
    assert meeting.extraordinary


def test_two_meetings_in_one_letter_each_with_own_dates_and_place():
    body = (
        "Op 16 maart komen de NAVO-ministers van Defensie in Brussel bijeen.\n\n"
        "Daarnaast informeer ik uw Kamer dat op 15 maart een bijeenkomst plaatsvindt van de Joint Expeditionary Force (JEF). "
        "De bijeenkomst wordt gehouden in Londen. Andere aangesloten landen zijn Denemarken, Estland en Noorwegen."
    )
    dmm, jef = meetings_of(body, date_line="Den Haag, 9 maart 2022")
    assert (dmm.series, dmm.start_date, dmm.location) == ("dmm", dt.date(2022, 3, 16), "Brussel")
    assert (jef.series, jef.start_date, jef.location) == ("jef", dt.date(2022, 3, 15), "Londen")
    assert [p.code for p in jef.participants] == ["DK", "EE", "NO"]
    assert dmm.participants == []


def test_earlier_and_later_events_mentioned_in_passing_are_not_meetings_of_the_letter():
    body = (
        "Op 16 en 17 februari komen de NAVO-ministers van Defensie in Brussel bijeen. "
        "De NAVO-top vindt plaats op 29 en 30 juni 2022 in Madrid. "
        "Op 25 januari jl. vond al een virtuele bijeenkomst plaats."
    )
    assert [m.start_date for m in meetings_of(body)] == [dt.date(2022, 2, 16)]


def test_partners_come_from_participation_sentences_only():
    body = (
        "Op 16 en 17 februari komen de NAVO-ministers van Defensie in Brussel bijeen. "
        "De ministers spreken in aanwezigheid van de ministers van Defensie van Finland, Zweden en Georgië. "
        "De spanningen tussen Rusland en Oekraïne staan centraal; Nederland levert F-35's in Bulgarije."
    )
    (meeting,) = meetings_of(body)
    assert [p.code for p in meeting.participants] == ["FI", "SE", "GE"]


def test_allies_are_members_not_partners_at_a_nato_meeting():
    body = (
        "Op 13 en 14 juni komen de NAVO-ministers van Defensie in Brussel bijeen, "
        "in aanwezigheid van de ministers van Defensie van Finland, Zweden en Oekraïne."
    )
    (meeting,) = meetings_of(body, date_line="Den Haag, 1 juni 2024")
    assert [p.code for p in meeting.participants] == ["UA"]  # FI joined in 2023, SE in 2024


def test_partner_named_by_adjective_next_to_a_minister():
    body = "Op 11 en 12 oktober komen de NAVO-ministers van Defensie in Brussel bijeen. De Zweedse minister van Defensie schuift aan als genodigde."
    (meeting,) = meetings_of(body, date_line="Den Haag, 28 september 2023")
    assert [p.code for p in meeting.participants] == ["SE"]


def test_country_spoken_about_is_not_a_partner():
    body = (
        "Op 16 en 17 februari komen de NAVO-ministers van Defensie in Brussel bijeen. "
        "Aan de sessie over Afghanistan en Irak nemen de ministers van Defensie van Australië deel."
    )
    (meeting,) = meetings_of(body, date_line="Den Haag, 1 februari 2021")
    assert [p.code for p in meeting.participants] == ["AU"]


def test_sessions_from_headings_and_working_session_sentences():
    body = (
        "Op 16 en 17 februari komen de NAVO-ministers van Defensie in Brussel bijeen. In de eerste werksessie "
        "spreken de ministers over afschrikking en verdediging. De ministers spreken in de Nuclear Planning Group "
        "over het nucleaire beleid.\n\nLastenverdeling\n\nIn de tweede werksessie spreken de ministers over de "
        "financiering van de NAVO."
    )
    (meeting,) = meetings_of(body)
    assert [s.title for s in meeting.sessions] == [
        "Afschrikking en verdediging",
        "Nuclear Planning Group",
        "Lastenverdeling: Financiering van de NAVO",
    ]


def test_nato_ukraine_council_session_brings_ukraine_to_the_table():
    body = "Op 11 en 12 oktober komen de NAVO-ministers van Defensie in Brussel bijeen. Er is een werksessie van de NATO-Ukraine Council."
    (meeting,) = meetings_of(body, date_line="Den Haag, 28 september 2023")
    assert [p.code for p in meeting.participants] == ["UA"]


def test_the_quick_meeting_word_test_agrees_with_the_pattern_on_every_test_sentence():
    """may_name_meeting skips the regex when no literal part of it occurs: it must never skip a match."""
    from pathlib import Path

    from meetings.extract.anchors import MEETING_WORD, may_name_meeting
    from meetings.extract.text import split_sentences

    root = Path(__file__).resolve().parent
    folders = [
        root / "letters",
        root / "letters_more",
        root / "letters_blind",
        root.parent / "sample_letters",
        root.parent.parent / "shared" / "seeds",
    ]
    sentences = [
        s
        for folder in folders
        for path in folder.glob("*.*")
        if path.suffix in {".txt", ".md"}
        for line in path.read_text(encoding="utf-8").split("\n\n")
        for s in split_sentences(" ".join(line.split()))
    ]
    extra = [
        "De Raad kwam bijeen.",
        "MINISTERIËLE bijeenkomst",
        "NAVO-top in Vilnius",
        "UDCG",
        "Joint Expeditionary Force",
        "Contact Group",
    ]
    assert len(sentences) > 1000
    for sentence in sentences + extra:
        assert may_name_meeting(sentence) == bool(MEETING_WORD.search(sentence)), sentence


FOREIGN_AFFAIRS_SIGNER = "De Minister van Buitenlandse Zaken,\nS.A. Blok"


def test_foreign_ministers_meeting_is_its_own_series():
    (meeting,) = meetings_of(
        "Op 20 en 21 november komen de NAVO-ministers van Buitenlandse Zaken in Brussel bijeen.",
        date_line="Den Haag, 8 november 2019",
        signer=FOREIGN_AFFAIRS_SIGNER,
    )
    assert (meeting.series, meeting.title) == ("fmm", "Bijeenkomst NAVO-ministers van Buitenlandse Zaken")


def test_a_bare_ministerial_is_a_meeting_of_the_signing_department():
    body = "Op 3 en 4 april vindt in Brussel de NAVO-ministeriële bijeenkomst plaats."
    (foreign,) = meetings_of(body, date_line="Den Haag, 20 maart 2019", signer=FOREIGN_AFFAIRS_SIGNER)
    (defence,) = meetings_of(body, date_line="Den Haag, 20 maart 2019")
    assert (foreign.series, defence.series) == ("fmm", "dmm")


def test_a_meeting_named_as_what_the_meeting_prepares_is_not_the_letters():
    meetings = meetings_of(
        "Op 20 en 21 november komen de NAVO-ministers van Buitenlandse Zaken in Brussel bijeen. De bijeenkomst staat in "
        "het teken van de voorbereiding van de bijeenkomst van staatshoofden en regeringsleiders in Londen op 3 en 4 "
        "december. Het is de laatste bijeenkomst voor de NAVO-top, die op 3 december plaatsvindt.",
        date_line="Den Haag, 8 november 2019",
        signer=FOREIGN_AFFAIRS_SIGNER,
    )
    assert [(m.series, m.start_date) for m in meetings] == [("fmm", dt.date(2019, 11, 20))]


def test_a_meeting_before_which_another_takes_place_keeps_that_others_date():
    meetings = meetings_of(
        "Op 13 februari komen de NAVO-ministers van Defensie in Brussel bijeen. Voorafgaand aan de DMM vindt op "
        "12 februari een bijeenkomst van de Ukraine Defense Contact Group plaats.",
        date_line="Den Haag, 1 februari 2025",
    )
    assert sorted((m.series, m.start_date.day) for m in meetings) == [("dmm", 13), ("udcg", 12)]


def test_a_postponed_meeting_is_not_one_of_the_letters():
    meetings = meetings_of(
        "Op 17 oktober komen de NAVO-ministers van Defensie in Brussel bijeen. De bijeenkomst van de Ukraine Defense "
        "Contact Group die op 12 oktober in Ramstein zou plaatsvinden, is uitgesteld.",
        date_line="Den Haag, 7 oktober 2024",
    )
    assert [m.series for m in meetings] == ["dmm"]


def test_an_earlier_meeting_a_report_recalls_with_jl_is_not_reported_on():
    meetings = meetings_of(
        "Op 12 en 13 februari kwamen de NAVO-ministers van Defensie in Brussel bijeen. Over de kabels is ook gesproken "
        "tijdens de top van de Joint Expeditionary Force in Tallinn op 28 januari jl.",
        date_line="Den Haag, 25 februari 2025",
    )
    assert [(m.series, m.start_date) for m in meetings] == [("dmm", dt.date(2025, 2, 12))]


def test_the_date_an_agenda_letter_was_received_names_no_meeting():
    meetings = meetings_of(
        "Hierbij bieden wij u het verslag aan van de NAVO-top die van 9 tot en met 11 juli in Washington plaatsvond. "
        "De geannoteerde agenda van de top ontving uw Kamer op 1 juli jl.",
        date_line="Den Haag, 19 juli 2024",
    )
    assert [(m.series, m.start_date) for m in meetings] == [("summit", dt.date(2024, 7, 9))]


def test_letterhead_and_sidebar_lines_never_become_sessions_or_places():
    head = "Ministerie van Buitenlandse Zaken\nRijnstraat 8\nPostbus 20061\n2500 EB  Den Haag\nNederland"
    body = (
        "Op 4 en 5 april komen de NAVO-ministers van Buitenlandse Zaken in Brussel bijeen.\n\n"
        "Rusland\n\nDe ministers spreken over de relatie met Rusland.\n\n"
        "Directie Veiligheidsbeleid\n\nBZDOC-1234567890-12\n\nPagina 2 van 3\n\n"
        "Partnerschappen\n\nDe ministers spreken met partners over samenwerking."
    )
    (meeting,) = meetings_of(body, head=head, date_line="Den Haag, 21 maart 2019", signer=FOREIGN_AFFAIRS_SIGNER)
    assert [s.title for s in meeting.sessions] == ["Rusland", "Partnerschappen"]
    assert meeting.location == "Brussel"


def participants_of(sentence, date_line="Den Haag, 30 maart 2022", series_body="de NAVO-ministers van Buitenlandse Zaken"):
    body = f"Op 6 en 7 april komen {series_body} in Brussel bijeen. {sentence}"
    (meeting,) = meetings_of(body, date_line=date_line, signer=FOREIGN_AFFAIRS_SIGNER)
    return [p.code for p in meeting.participants]


def test_a_minister_named_by_nationality_who_speaks_makes_the_country_an_invitee():
    assert participants_of("De Georgische minister benadrukte het belang van de hervormingen.") == ["GE"]
    assert participants_of("Mijn Finse collega wees op de Noordse samenwerking.") == ["FI"]


def test_countries_discussed_speaking_allies_adversaries_and_the_eu_are_no_invitees():
    assert participants_of("De ministers spraken over de situatie in Georgië en de steun aan Moldavië.") == []
    assert participants_of("Turkije benadrukte het belang van terrorismebestrijding.") == []
    assert participants_of("De Russische minister Lavrov verklaarde dat de NAVO een bedreiging is.") == []
    assert participants_of("Aan de sessie namen de Hoge Vertegenwoordiger van de Europese Unie en Japan deel.") == ["JP"]
    assert participants_of("Ik sprak met de Duitse minister van Defensie over de landmacht.") == []


def test_a_gathering_of_no_series_is_titled_by_its_own_name_and_kept_apart_from_another():
    meetings = meetings_of(
        "Op 26 februari kwamen de ministers van Defensie van de Northern Group in Stockholm bijeen. Op 27 februari "
        "vond in Parijs een bijeenkomst van de E5 plaats. Op 28 februari vond in Londen een bijeenkomst van de "
        "Coalition of the Willing plaats.",
        date_line="Den Haag, 3 maart 2025",
    )
    assert [(m.series, m.title, m.location) for m in meetings] == [
        ("other", "Bijeenkomst Northern Group", "Stockholm"),
        ("other", "Bijeenkomst E5", "Parijs"),
        ("other", "Bijeenkomst Coalition of the Willing", "Londen"),
    ]


def test_an_informal_meeting_says_so_in_its_title():
    (meeting,) = meetings_of(
        "Op 14 en 15 mei vindt in Antalya een informele bijeenkomst van de NAVO-ministers van Buitenlandse Zaken plaats.",
        date_line="Den Haag, 6 mei 2025",
        signer=FOREIGN_AFFAIRS_SIGNER,
    )
    assert (meeting.series, meeting.title, meeting.location) == (
        "fmm",
        "Informele bijeenkomst NAVO-ministers van Buitenlandse Zaken",
        "Antalya",
    )
