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
