"""The letter's own particulars: kind, date, number, reference, signer."""

import datetime as dt

import pytest

from meetings.extract import NotALetterError, parse_letter
from tests.letter_text import letter

AGENDA_BODY = "Op 16 en 17 februari komen de NAVO-ministers van Defensie in Brussel bijeen."
REPORT_BODY = "Op 14 januari vond in Brussel de bijeenkomst van de NAVO-ministers van Defensie plaats."


def test_date_line_gives_the_letter_date():
    assert parse_letter(letter(AGENDA_BODY)).date == dt.date(2022, 2, 1)


def test_markdown_datum_line_gives_the_letter_date():
    text = letter(AGENDA_BODY, date_line="Datum 22 juni 2022  \nBetreft Geannoteerde agenda NAVO-ministers van Defensie")
    assert parse_letter(text).date == dt.date(2022, 6, 22)


def test_report_without_date_has_null_date():
    data = parse_letter(letter(REPORT_BODY, date_line=""))
    assert data.date is None
    assert "no letter date found" in data.warnings


def test_title_line_gives_the_kamerstuk_number():
    text = letter(AGENDA_BODY, head="Nr. 412 BRIEF VAN DE MINISTER VAN DEFENSIE")
    assert parse_letter(text).number == 412


def test_number_in_the_body_is_not_the_letter_number():
    assert parse_letter(letter(AGENDA_BODY + " Zie Handelingen II 2021/22, nr. 41.")).number is None


def test_onze_referentie_on_the_next_line_gives_the_reference():
    text = letter(AGENDA_BODY, head="**Onze referentie**  \nBS2022015117")
    assert parse_letter(text).reference == "BS2022015117"


def test_agenda_is_recognised_from_its_self_description():
    text = letter(
        "Hierbij bied ik u de geannoteerde agenda aan voor de bijeenkomst van de NAVO-ministers van Defensie op 16 februari 2022 te Brussel."
    )
    assert parse_letter(text).kind == "agenda"


def test_report_mentioning_the_earlier_agenda_is_still_a_report():
    body = (
        "Hierbij informeer ik uw Kamer over de uitkomsten van de bijeenkomst van de NAVO-ministers van Defensie "
        "die op 14 en 15 februari 2023 in Brussel plaatsvond. De inzet is beschreven in de geannoteerde agenda "
        "(Kamerstuk 28 676, nr. 419)."
    )
    assert parse_letter(letter(body, date_line="Den Haag, 1 maart 2023")).kind == "report"


def test_kind_follows_from_dates_when_the_letter_does_not_say():
    assert parse_letter(letter(AGENDA_BODY)).kind == "agenda"
    assert parse_letter(letter(REPORT_BODY)).kind == "report"


def test_signer_name_and_role_without_academic_title():
    data = parse_letter(letter(AGENDA_BODY, signer="DE MINISTER VAN DEFENSIE\n\ndrs. K.H. Ollongren"))
    assert (data.minister.name, data.minister.role) == ("K.H. Ollongren", "Minister van Defensie")


def test_state_secretary_signs_with_their_own_role():
    data = parse_letter(letter(AGENDA_BODY, signer="De Staatssecretaris van Defensie,\nC.A. van der Maat"))
    assert (data.minister.name, data.minister.role) == ("C.A. van der Maat", "Staatssecretaris van Defensie")


def test_co_signed_letter_has_its_first_signer_as_minister_and_the_others_as_cosigners():
    signer = "De Minister van Buitenlandse Zaken,\nW.B. Hoekstra\n\nDe Minister van Defensie,\nK.H. Ollongren"
    data = parse_letter(letter(AGENDA_BODY, signer=signer))
    assert (data.minister.name, data.minister.role) == ("W.B. Hoekstra", "Minister van Buitenlandse Zaken")
    assert [(m.name, m.role) for m in data.cosigners] == [("K.H. Ollongren", "Minister van Defensie")]


def test_three_signatures_with_the_prime_minister_first():
    signer = (
        "De Minister-President, Minister van Algemene Zaken,\nM. Rutte\n\n"
        "De Minister van Buitenlandse Zaken,\nW.B. Hoekstra\n\nDe Minister van Defensie,\nK.H. Ollongren"
    )
    data = parse_letter(letter(AGENDA_BODY, signer=signer))
    assert (data.minister.name, data.minister.role) == ("M. Rutte", "Minister-President")
    assert [m.name for m in data.cosigners] == ["W.B. Hoekstra", "K.H. Ollongren"]
    assert "M. Rutte" not in data.body.replace("-- ", "").split("\n\n")[0]  # a signature, not the first paragraph


def test_signatures_before_the_body_count_like_signatures_at_the_end():
    signed_first = "De Minister van Buitenlandse Zaken,\nS.A. Blok\n\nDe Minister van Defensie,\nA.Th.B. Bijleveld-Schouten\n\n"
    data = parse_letter(signed_first + letter(AGENDA_BODY, signer=""))
    assert data.minister.name == "S.A. Blok"
    assert [m.name for m in data.cosigners] == ["A.Th.B. Bijleveld-Schouten"]


def test_mede_namens_names_a_cosigning_role_without_a_signature_of_its_own():
    body = (
        "Hierbij bied ik u, mede namens de minister van Buitenlandse Zaken en de Minister-President, de "
        "geannoteerde agenda aan. " + AGENDA_BODY
    )
    data = parse_letter(letter(body))
    assert data.on_behalf_of == ["Minister van Buitenlandse Zaken", "Minister-President"]
    signer = "De Minister van Defensie,\nK.H. Ollongren\n\nDe Minister van Buitenlandse Zaken,\nW.B. Hoekstra"
    assert parse_letter(letter(body, signer=signer)).on_behalf_of == ["Minister-President"]  # Hoekstra signed


def test_text_that_is_no_letter_is_refused_with_a_reason():
    with pytest.raises(NotALetterError, match="not a letter"):
        parse_letter("Appeltaart\n\nMeng de bloem met de boter en bak het geheel een uur.\n")


def test_sample_marker_flags_a_demonstration_letter():
    text = "VOORBEELDBRIEF – fictieve brief\n\n" + letter(AGENDA_BODY)
    data = parse_letter(text)
    assert data.is_sample
    assert "VOORBEELDBRIEF" not in data.body


@pytest.mark.parametrize(
    "line, reference",
    [
        ("Onze referentie BS2022015117", "BS2022015117"),
        ("Onze referentie BZDOC-1234567890-12", "BZDOC-1234567890-12"),
        ("Ons kenmerk MINBUZA-2016.123456", "MINBUZA-2016.123456"),
        ("Kenmerk: DVB/NW-123/2015", "DVB/NW-123/2015"),
    ],
)
def test_reference_codes_of_defence_and_foreign_affairs(line, reference):
    data = parse_letter(letter(AGENDA_BODY, head=line))
    assert data.reference == reference
    assert reference not in data.body  # letterhead, not text
