"""Citations of Kamerstukken and topics from the vocabulary."""

import pytest

from meetings.extract import parse_letter
from meetings.extract.citations import find_citations
from meetings.extract.topics import TopicRule, find_topics


def test_kamerstuk_citations_in_their_printed_forms():
    text = (
        "(Kamerstuk 36 045, nr. 3 en Kamerstuk 29 521, nr. 439), de motie (Kamerstukken 21 501-02, nr. 2433), "
        "Kamerstukken II 2021/22, 28 676, nr. 386 en Kamerstuk 28 676, nrs. 400 en 401."
    )
    assert [c.id for c in find_citations(text)] == [
        "36045-3",
        "29521-439",
        "21501-02-2433",
        "28676-386",
        "28676-400",
        "28676-401",
    ]


def test_citation_broken_over_lines_is_found_and_handelingen_are_not_citations():
    assert [c.id for c in find_citations("zie Kamerstuk 27 925, nr.\n671 en Handelingen II 2019/20, nr. 14.")] == ["27925-671"]


def test_repeated_citation_is_listed_once():
    assert len(find_citations("Kamerstuk 28 676, nr. 426 en later weer Kamerstuk 28 676, nr. 426.")) == 1


def test_topics_match_aliases_at_word_starts_ignoring_case_and_accents():
    rules = [TopicRule("Air policing", ("air policing",)), TopicRule("Oekraïne", ("oekraïne",)), TopicRule("Cyber", ("cyber",))]
    assert find_topics("Air Policing boven Polen en steun aan Oekraine; het NAVO-cyberbeleid.", rules) == [
        "Air policing",
        "Oekraïne",
        "Cyber",
    ]
    assert find_topics("Het hypercyber-verhaal; geen luchtruim.", rules) == []


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("zoals eerder gemeld (28 676, nr. 389) en", ["28676-389"]),
        ("Kamerstukken 21 501-28 en 28 676, nr. 233", ["21501-28-233", "28676-233"]),
        ("Kamerstukken 21 501-\n28, nr. 190", ["21501-28-190"]),
        ("Kamerstuk 28 676, nr.\n389", ["28676-389"]),
    ],
)
def test_bare_joint_and_broken_citations_are_found(text, ids):
    assert [c.id for c in find_citations(text)] == ids


def test_a_letters_own_number_in_its_running_header_is_no_citation(letter_text):
    header = "Tweede Kamer, vergaderjaar 2015–2016, 28 676, nr. 312\n\nNr. 312 BRIEF VAN DE MINISTER VAN DEFENSIE"
    letter = parse_letter(letter_text(letterhead=header, sections=[("Kop", "Zie (28 676, nr. 300).")]))
    assert (letter.dossier, letter.number) == ("28676", 312)
    assert [c.id for c in letter.citations] == ["28676-300"]
