"""Search that reads Dutch (issue 15): inflections through lemmas, compounds found by their
head, split coordinations for each member, no false splits; the same on both databases."""

import pytest

from meetings.search.language.lemmas import split_compound
from meetings.search.language.query import parse
from meetings.search.language.words import head_lexemes, lexeme, words
from meetings.search.service import Search
from meetings.store import import_bytes

# --- pure: the language layer -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("bom", "bommen"),  # doubled consonant, which Snowball leaves apart
        ("kanon", "kanonnen"),
        ("schip", "schepen"),  # vowel change
        ("stad", "steden"),
        ("bespreken", "besprak"),  # strong verb
        ("bespreken", "besproken"),
        ("verdedigen", "verdedigde"),
        ("verdediging", "verdedigen"),
        ("brief", "briefje"),  # diminutive
        ("boot", "bootjes"),
        ("minister", "ministers"),
        ("dronedreiging", "dronedreigingen"),  # a compound the lexicon does not list
    ],
)
def test_a_word_and_its_inflected_form_are_one_lexeme(typed, written):
    assert lexeme(typed) == lexeme(written)


@pytest.mark.parametrize(
    ("compound", "head"),
    [
        ("cyberdreiging", "dreiging"),
        ("dronedreigingen", "dreiging"),
        ("kustverdediging", "verdediging"),
        ("luchtsteun", "steun"),
        ("oorlogsschepen", "schip"),  # linking -s-
        ("wapenleveranties", "leverantie"),
        ("zeestrijdkrachten", "strijdkrachten"),
        ("munitiesteun", "steun"),
        ("luchtafweerkanonnen", "kanon"),  # the head's own head
        ("onderzeeboten", "boot"),
    ],
)
def test_a_compound_is_found_by_its_head(compound, head):
    assert lexeme(head) in head_lexemes(compound)


@pytest.mark.parametrize(
    ("word", "not_its_head"),
    [
        ("kabinet", "net"),
        ("operatie", "opera"),
        ("regering", "gering"),
        ("verslag", "slag"),
        ("bestand", "stand"),
        ("overleg", "leg"),
        ("inzet", "zet"),
        ("rusland", "land"),
        ("finland", "land"),
        ("generaal", "aal"),
    ],
)
def test_no_false_splits(word, not_its_head):
    assert lexeme(not_its_head) not in head_lexemes(word)
    assert lexeme(word) != lexeme(not_its_head)


def test_a_modifier_is_no_head():
    assert lexeme("lucht") not in head_lexemes("luchtsteun")
    assert split_compound("luchtsteun") == ("lucht", "steun")


def test_a_split_coordination_counts_for_each_member():
    found = words("De land-, lucht- en zeestrijdkrachten en de lucht- en raketverdediging.")
    assert {"landstrijdkrachten", "luchtstrijdkrachten", "zeestrijdkrachten", "luchtverdediging", "raketverdediging"} <= set(
        found
    )


def test_a_coordination_whose_last_member_is_no_compound_takes_the_noun_after_it():
    assert words("cyber- en hybride dreigingen") == ["cyberdreigingen", "en", "hybride", "dreigingen"]
    assert words("in- en uitvoer van wapens")[0] == "in"  # no noun to complete it with


def test_and_in_capitals_is_the_operator_and_lower_case_a_word():
    assert parse("air AND policing") == parse("air policing")
    assert parse("drones & Oekraïne") == parse("drones Oekraïne")
    assert parse("air and policing") != parse("air policing")


# --- both databases: what a search finds ------------------------------------------------------

LETTERS = {
    "dreiging.txt": ("Cyber", "De ministers spreken over cyberdreigingen en dronedreigingen in de Oostzee."),
    "bommen.txt": ("Munitie", "Nederland levert bommen en kanonnen; oorlogsschepen patrouilleren."),
    "krachten.txt": ("Inzet", "De land-, lucht- en zeestrijdkrachten oefenen samen met luchtsteun."),
    "kabinet.txt": ("Kabinet", "Het kabinet bespreekt de operatie en de regering steunt die."),
    "net.txt": ("Radar", "Een net van radars bewaakt het luchtruim; de bijdrage is gering."),
}


@pytest.fixture
def dutch_letters(db, letter_text):
    for name, (heading, paragraph) in LETTERS.items():
        assert import_bytes(name, letter_text(sections=[(heading, paragraph)]).encode()).ok


def found(query: str) -> set[str]:
    result = Search({"q": query}).run(limit=100, hits=False)
    from meetings.models import Letter

    return set(Letter.objects.filter(pk__in=result.ids).values_list("source_name", flat=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dreiging", {"dreiging.txt"}),
        ("bom", {"bommen.txt"}),
        ("kanon", {"bommen.txt"}),
        ("schip", {"bommen.txt"}),
        ("luchtstrijdkrachten", {"krachten.txt"}),
        ("landstrijdkrachten", {"krachten.txt"}),
        ("strijdkrachten", {"krachten.txt"}),
        ("steun", {"krachten.txt", "kabinet.txt"}),  # luchtsteun; and "steunt", a form of steunen
        ("net", {"net.txt"}),
        ("gering", {"net.txt"}),
        ("opera", set()),
        ("lucht", set()),  # a modifier: luchtsteun and luchtruim are no kinds of lucht
        ("dreiging AND Oostzee", {"dreiging.txt"}),
    ],
)
def test_a_search_finds_inflections_and_compounds_but_no_false_splits(dutch_letters, query, expected):
    assert found(query) == expected


def test_the_snippet_marks_the_compound_a_word_found(dutch_letters):
    (hit,) = Search({"q": "dreiging"}).run(limit=10).hits
    assert "<mark>cyberdreigingen</mark>" in hit.snippet_html and "<mark>dronedreigingen</mark>" in hit.snippet_html


# --- the hits where the reader lands ------------------------------------------------------


def test_a_letter_opened_from_a_search_marks_its_hits_with_links_from_each_to_the_next(dutch_letters, client):
    from meetings.models import Letter

    letter = Letter.objects.get(source_name="dreiging.txt")
    html = client.get(letter.get_absolute_url(), {"q": "dreiging"}).content.decode()
    assert '<mark class="hit" id="hit-1">cyberdreigingen</mark>' in html
    assert '<mark class="hit" id="hit-2">dronedreigingen</mark>' in html
    assert 'href="#hit-2"' in html and 'href="#hits"' in html and 'href="#hit-1"' in html
    assert "2 treffers" in html


def test_hit_marking_escapes_the_letter_and_the_query(db, client, letter_text):
    text = letter_text(sections=[("Drones", "De ministers bespreken drones <script>alert(1)</script>.")])
    letter = import_bytes("xss.txt", text.encode()).letter
    html = client.get(letter.get_absolute_url(), {"q": 'drones "<b>x'}).content.decode()
    assert "<script>alert(1)" not in html and "<b>x" not in html
    assert '<mark class="hit" id="hit-1">drones</mark>' in html or '<mark class="hit" id="hit-1">Drones</mark>' in html


def test_search_results_link_to_the_letter_with_the_query(dutch_letters, client):
    html = client.get("/zoeken/", {"q": "dreiging"}).content.decode()
    assert "?q=dreiging#hits" in html
