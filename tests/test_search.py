"""meetings/search/: the query language, Dutch words, snippets, and search on either database.

The same tests run on SQLite and on PostgreSQL (scripts/with-postgres); the pure parts
(parser, words, snippets) need no database. The acceptance tests use the seed letters:

    000 verslag,  no date,    DMM 16 March 2022 (extraordinary) and JEF London
    001 verslag,  2022-06-22, DMM June 2022
    002 agenda,   2022-03-09, DMM 16 March 2022; "air policing" four times
    003 agenda,   2022-02-01, DMM February 2022; "air policing", "Zwarte Zee", "F-35", "2%"
    004 agenda,   2023-09-28, DMM October 2023 with NUC and UDCG
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from meetings.models import Country, Letter, Meeting, Minister, Session, Topic
from meetings.search.backends import get_backend
from meetings.search.backends.base import SAMPLE_MODULUS, SearchBackend
from meetings.search.filters import SearchFilter
from meetings.search.indexer import rebuild_index
from meetings.search.language.lexemes import LexemeQuery, Match, normalize
from meetings.search.language.query import (
    IGNORED_OPERATOR,
    MAX_CHARS,
    TRUNCATED,
    UNCLOSED_QUOTE,
    AnyOf,
    Query,
    Term,
    parse,
)
from meetings.search.language.snippets import highlight, snippet
from meetings.search.language.words import fold_accents, lexeme, lexemes, words
from meetings.search.service import Search, Total, rounded, surely_beyond
from meetings.store import Options, Status, import_bytes, import_file

on_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL only")

HOSTILE = [
    "",
    "   ",
    '"',
    '"air policing',
    'air policing"',
    '""""',
    "OR",
    "OR OR OR",
    "air OR",
    "OR air",
    "-",
    "--",
    "-air",
    '-"',
    "*",
    "**air**",
    "|",
    "&&",
    "!",
    "()",
    "(air",
    "air)",
    "'; DROP TABLE meetings_letter; --",
    "' OR 1=1 --",
    "1; SELECT * FROM auth_user",
    "%",
    "%%",
    "\\",
    "air\x00policing",
    "\x00\x00\x00",
    "air\x1b[31mpolicing",
    "NEAR(air policing, 2)",
    "subject:air",
    "^air",
    "air AND NOT policing",
    "{air policing}",
    "air:*",
    "'air' & 'policing'",
    "!!air",
    "<script>alert(1)</script>",
    "Oekraïne" * 300,
    "air " * 600,  # 2,400 characters
    "x" * 2000,
    "\u202eair\u200b",
    "\ud7ff\ufffd",
    "😀 air",
    "ａｉｒ",
]


def seed_names(results) -> list[str]:
    return [r.source_name[:3] for r in results]


def ids_of(params: dict, **run) -> list[int]:
    return Search(params).run(limit=10_000, hits=False, **run).ids


def browse_filtered(ids: list[int], params: dict) -> set[int]:
    """The letters among `ids` that the filters in `params` allow, filtered the browse way:
    by the QuerySet methods the FilterSet calls, not by the index's tags."""
    filterset = SearchFilter(params or None, queryset=Letter.objects.all())
    queryset = Letter.objects.filter(pk__in=ids)
    for name, value in filterset.active().items():
        queryset = filterset.filters[name].filter(queryset, value)
    return set(queryset.values_list("pk", flat=True))


def found(text: str, **params) -> set[str]:
    """Seed numbers ('000'...'004') that a search finds. Each way of running it must find the
    same letters and the same exact total: ranked (counting while ranking), newest first
    (counting alone) and with the facets (the tags counted); and the filters, looked up in
    the index's tags, must allow what the browse QuerySet methods allow."""
    query = {"q": text, **params}
    runs = [Search(query).run(limit=10_000, hits=False, facets=facets) for facets in (False, True)]
    runs.append(Search({**query, "sort": "date"}).run(limit=10_000, hits=False))
    expected = browse_filtered(ids_of({"q": text}), params)
    for result in runs:
        assert set(result.ids) == expected and result.total == Total(len(expected), True, len(expected)), (text, params)
    names = Letter.objects.filter(pk__in=expected).values_list("source_name", flat=True)
    return {name.split("_")[0].split(".")[0] for name in names}


@pytest.fixture
def seeded(db, seed_files):
    for path in seed_files:
        assert import_file(path).ok
    return {p.name[:3]: Letter.objects.get(source_name=p.name) for p in seed_files}


def letter_with(text_builder, name: str, **kwargs) -> Letter:
    result = import_bytes(name, text_builder(**kwargs).encode())
    assert result.ok, result.error
    return result.letter


# --- Query language (pure) -------------------------------------------------------------


def test_plain_words_are_all_required():
    assert parse("air policing") == Query((Term(("air",)), Term(("policing",))))


def test_quoted_words_are_one_phrase():
    assert parse('"Zwarte Zee" regio') == Query((Term(("zwarte", "zee")), Term(("regio",))))


def test_or_joins_its_neighbours_and_binds_tighter_than_and():
    assert parse("navo Georgië OR Moldavië OR Oekraïne top").required == (
        Term(("navo",)),
        AnyOf((Term(("georgie",)), Term(("moldavie",)), Term(("oekraine",)))),
        Term(("top",)),
    )


def test_minus_excludes_a_word_or_a_phrase():
    query = parse('Oekraïne -Rusland -"Zwarte Zee"')
    assert query.required == (Term(("oekraine",)),)
    assert query.excluded == (Term(("rusland",)), Term(("zwarte", "zee")))


def test_star_marks_a_prefix():
    assert parse("verdedig*") == Query((Term(("verdedig",), prefix=True),))
    assert parse('"air pol*"') == Query((Term(("air", "pol"), prefix=True),))


def test_a_hyphenated_word_is_a_phrase_of_its_parts():
    assert parse("F-35") == Query((Term(("f", "35")),))
    assert parse("NAVO-top") == Query((Term(("navo", "top")),))


def test_a_per_cent_sign_after_a_number_is_the_word_procent():
    assert parse("2%") == Query((Term(("2", "procent")),))
    assert words("2 procent") == words("2%") == words("2 %")


def test_a_minus_inside_a_word_is_no_exclusion():
    assert not parse("F-35").excluded


def test_an_unclosed_quote_runs_to_the_end():
    query = parse('"air policing')
    assert query.required == (Term(("air", "policing")),)
    assert UNCLOSED_QUOTE in query.notes


@pytest.mark.parametrize("text", ["OR", "OR air", "air OR", "air OR -policing"])
def test_an_or_without_a_word_on_both_sides_is_dropped(text):
    query = parse(text)
    assert IGNORED_OPERATOR in query.notes
    assert not any(isinstance(c, AnyOf) for c in query.required)


def test_a_repeated_or_counts_once():
    query = parse("air OR OR policing")
    assert query.required == (AnyOf((Term(("air",)), Term(("policing",)))),)
    assert IGNORED_OPERATOR in query.notes


def test_a_long_query_is_cut():
    query = parse("luchtverdediging " * 200)
    assert TRUNCATED in query.notes
    assert query.required == (Term(("luchtverdediging",)),)


def test_the_number_of_words_is_bounded():
    query = parse(" ".join(f"woord{i}" for i in range(100)))
    assert sum(len(t.words) for t in query.terms()) <= 24


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_raises(text):
    query = parse(text)
    assert isinstance(query, Query)
    assert len(str(query)) <= MAX_CHARS + 10
    stemmed = normalize(query)
    stems = [stem or "" for match in [*stemmed.positive(), *stemmed.excluded] for stem in match.lexemes]
    assert re.fullmatch(r"[^\W_]*", "".join(stems))  # letters and digits only reach the database
    # Empty exactly when every word asked for is a stop word (a prefix is never one).
    assert stemmed.is_empty == (not any(term.prefix or any(map(lexeme, term.words)) for term in query.terms()))


def test_random_input_never_raises():
    alphabet = "aeo xyz\"'-*()|&!:^%\\\x00\n\t;OR"
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        query = parse(text)
        assert parse(str(query)) == query, text  # and it prints as a query that parses back


def test_a_query_prints_as_it_parses():
    for text in ['"zwarte zee" navo', "georgie OR moldavie -rusland", "verdedig*", 'f-35 -"air policing"']:
        assert parse(str(parse(text))) == parse(text)


# --- Words (pure) --------------------------------------------------------------------------


def test_the_language_package_imports_no_django():
    code = (
        "import sys\n"
        "import meetings.search.language.lexemes, meetings.search.language.query, meetings.search.language.snippets\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_folding_drops_case_and_accents():
    assert fold_accents("Oekraïne") == fold_accents("OEKRAINE") == "oekraine"
    assert words("Straße, Øresund, Ærø") == ["strasse", "oresund", "aero"]


def test_verdediging_and_verdedigen_share_a_stem():
    assert lexeme("verdediging") == lexeme("verdedigen") == lexeme("Verdediging".lower())


def test_words_of_english_origin_are_stemmed_too():
    assert lexeme("policing") == lexeme("police")
    assert lexeme("defence") == lexeme("defenc")


def test_stop_words_have_no_lexeme_and_keep_their_place():
    assert lexemes("afschrikking en verdediging") == [lexeme("afschrikking"), None, lexeme("verdediging")]


def test_words_with_digits_are_not_stemmed():
    assert lexeme("navo2030") == "navo2030"
    assert lexeme("35") == "35"


def test_a_stop_word_inside_a_phrase_holds_its_place():
    query = normalize(parse('"afschrikking en verdediging"'))
    assert query.required == ((Match((lexeme("afschrikking"), None, lexeme("verdediging"))),),)


def test_a_query_of_stop_words_only_is_empty():
    query = normalize(parse("de het een"))
    assert query.is_empty
    assert set(query.ignored) == {"de", "het", "een"}


def test_a_stop_word_alternative_drops_out():
    assert normalize(parse("de OR Oekraïne")).required == ((Match(("oekrain",)),),)


def test_a_prefix_reaches_words_whose_stem_is_shorter_than_it():
    query = normalize(parse("verdediging*"), expand=lambda prefix: (["verded", "verdedigingsuitgav"], True), stem_budget=200)
    ((match,),) = query.required
    assert match.prefix and match.lexemes == ("verdediging",)
    assert match.also == ("verded",)  # "verdedigingsuitgav" already starts with the prefix
    assert match.stems == ("verdedigingsuitgav", "verded")
    assert [v.lexemes for v in match.whole_variants()] == [("verdedigingsuitgav",), ("verded",)]


def test_a_query_lists_a_bounded_number_of_stems_and_later_prefixes_keep_the_operator():
    stems = {prefix: ([f"{prefix}{n:03}" for n in range(150)], True) for prefix in ("aa", "bb")}
    first, second = (m for (m,) in normalize(parse("aa* bb*"), expand=stems.get, stem_budget=200).required)
    assert len(first.stems) == 150 and second.stems is None  # 300 would be over the budget (SEARCH_PREFIX_STEMS)


def test_a_prefix_with_more_stems_than_are_listed_keeps_the_prefix_operator():
    ((match,),) = normalize(parse("ver*"), expand=lambda prefix: (["verded", "verdrag"], False), stem_budget=200).required
    assert match.stems is None and match.whole_variants() is None
    assert match.variants() == [match]  # both stems begin with the prefix: the operator finds them


# --- Snippets (pure) -------------------------------------------------------------------


def test_a_snippet_escapes_the_letter_text_and_marks_only_the_hits():
    body = "Inleiding.\n\nDe NAVO <b>besprak</b> & besloot over air policing.\n\nSlot."
    html = snippet(body, normalize(parse("air policing"))).html
    assert "&lt;b&gt;besprak&lt;/b&gt; &amp; besloot" in html
    assert "<mark>air policing</mark>" in html
    assert html.count("<mark>") == 1 and "<b>" not in html


def test_a_snippet_marks_other_forms_and_accents():
    body = "Nederland zal Oekraïne blijven verdedigen tegen de Russische agressie."
    html = snippet(body, normalize(parse("oekraine verdediging"))).html
    assert "<mark>Oekraïne</mark>" in html and "<mark>verdedigen</mark>" in html


def test_a_snippet_shows_the_passage_with_the_most_terms():
    filler = "Dit is een alinea zonder de gezochte woorden. " * 10
    body = f"{filler}\n\nHier alleen Oekraïne.\n\n{filler}\n\n## Steun\n\nSteun aan Oekraïne tegen Rusland.\n\n{filler}"
    result = snippet(body, normalize(parse("Oekraïne OR Rusland")))
    assert "<mark>Rusland</mark>" in result.html
    assert result.heading == "Steun"


def test_a_snippet_without_hits_shows_the_opening():
    assert snippet("Eerste zin.\n\nTweede.", normalize(parse("xyz"))).html.startswith("Eerste zin.")


def test_a_title_is_escaped_and_marked():
    assert (
        highlight("Air policing & <Oekraïne>", normalize(parse("oekraine"))) == "Air policing &amp; &lt;<mark>Oekraïne</mark>&gt;"
    )


def test_footnote_markers_stay_out_of_snippets():
    html = snippet("De F-35[^1] vliegt.", normalize(parse("F-35"))).html
    assert html == "De <mark>F-35</mark> vliegt."


# --- Both backends agree with PostgreSQL's own stemmer ---------------------------------


@on_postgres
@pytest.mark.django_db
def test_the_postgres_vector_holds_our_lexemes_at_their_positions(letter_text):
    """PostgreSQL stems nothing itself: an upgrade of its 'dutch' stemmer cannot change results."""
    letter = letter_with(letter_text, "a.txt", sections=[("Bommen", "De ministers bespraken bommen en oorlogsschepen.")])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme, positions FROM meetings_search_document d, unnest(d.vector) WHERE d.letter_id = %s AND lexeme NOT LIKE '#%%'",
            [letter.pk],
        )
        theirs = {lexeme: list(positions) for lexeme, positions in cursor.fetchall()}
    ours = {lex for w in words(letter.subject + " " + letter.body) if (lex := lexeme(w))}
    assert set(theirs) == ours | {lexeme(w) for s in letter.sessions.all() for w in words(s.title) if lexeme(w)}
    assert {"bom", "oorlogsschip", "besprek"} <= set(theirs)  # bommen, oorlogsschepen, bespraken


# --- Acceptance on the seed letters ----------------------------------------------------


def mentions_air_policing(letter: Letter) -> bool:
    return bool(re.search(r"air[\s-]+policing", letter.body, re.IGNORECASE))


def test_air_policing_finds_exactly_the_letters_that_mention_it(seeded):
    expected = {name for name, letter in seeded.items() if mentions_air_policing(letter)}
    assert expected == {"002", "003"}
    assert found("air policing") == found('"air policing"') == expected


def test_air_policing_is_marked_as_a_phrase(client, seeded):
    html = client.get("/zoeken/", {"q": "air policing"}).content.decode()
    assert "<mark>air policing</mark>" in html.replace("</mark> <mark>", " ")
    assert seeded["002"].get_absolute_url() in html and seeded["003"].get_absolute_url() in html


def test_zwarte_zee_finds_the_black_sea_session(client, seeded):
    assert found("Zwarte Zee") == {"003"}
    session = Session.objects.get(letter=seeded["003"], title__icontains="Zwarte Zee")
    html = client.get("/zoeken/", {"q": "Zwarte Zee"}).content.decode()
    assert session.title in html
    assert session.meeting.get_absolute_url() in html


def test_f_35_finds_the_letter_and_marks_it(client, seeded):
    assert found("F-35") == {"003"}
    assert found("f35") == set()  # one word, not the phrase "f 35"
    response = client.get("/api/search/", {"q": "F-35"})
    assert "<mark>F-35</mark>" in response.json()["results"][0]["snippet"]


def test_two_per_cent_finds_the_letters_with_2_procent(client, seeded):
    expected = {name for name, letter in seeded.items() if re.search(r"\b2 ?(%|procent)", letter.body)}
    assert found("2%") == found("2 procent") == expected == {"001", "003"}
    snippets = [r["snippet"] for r in client.get("/api/search/", {"q": "2%"}).json()["results"]]
    assert len(snippets) == 2
    assert all("<mark>2%</mark>" in s or "<mark>2 procent</mark>" in s for s in snippets)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_gives_an_error_page(client, seeded, text):
    params = {"q": text, "from": text[:20], "kind": text[:10], "page": "1"}
    page = client.get("/zoeken/", params)
    assert page.status_code == 200 and page.context["count"] >= 0
    assert "<script>" not in page.content.decode()  # the query is shown escaped
    data = client.get("/api/search/", params).json()
    assert set(data) == {"query", "sort", "count", "count_exact", "next", "previous", "results", "notices"}
    assert len(data["results"]) == min(data["count"], 25) and parse(data["query"]) == parse(text)
    feed = client.get("/zoeken/feed.atom", params)
    assert feed.status_code == 200 and ET.fromstring(feed.content).tag == "{http://www.w3.org/2005/Atom}feed"


def test_hostile_filter_values_are_ignored(client, seeded):
    params = {"q": "Oekraïne", "from": "2022-13-45", "to": "'; --", "kind": "<x>", "year": "abc", "country": "\x00", "sort": "x"}
    response = client.get("/zoeken/", params)
    assert response.status_code == 200
    assert response.context["count"] == len(found("Oekraïne"))
    for year in ("1e9", "-5", "0", "99999999999999999999"):  # out of the filter's range: ignored
        response = client.get("/zoeken/", {"q": "Oekraïne", "year": year})
        assert response.status_code == 200 and response.context["count"] == 5


# --- The query language against the index (both backends) ------------------------------


def test_a_blank_query_finds_nothing(client, seeded):
    for params in ({"q": ""}, {"q": "   ", "kind": "agenda"}):
        result = Search(params).run(limit=10, facets=True)
        assert (result.total, result.ids, result.hits, result.facets) == (Total(0, True, 0), [], [], [])
    response = client.get("/zoeken/")
    assert response.status_code == 200 and response.context["hits"] == []
    assert client.get("/api/search/").json()["count"] == 0


def test_all_words_must_match(seeded):
    assert found("Oekraïne") == {"000", "001", "002", "003", "004"}
    assert found("Oekraïne Zwarte") == {"003"}


def test_a_phrase_needs_its_words_in_order(seeded):
    assert found("policing air") == {"002", "003"}
    assert found('"policing air"') == set()


def test_or_finds_either_word(seeded):
    assert found("Bulgarije OR Vilnius") == found("Bulgarije") | found("Vilnius")
    assert found("Bulgarije") and found("Vilnius") and not (found("Bulgarije") & found("Vilnius"))


def test_minus_leaves_letters_out(seeded):
    assert found('Oekraïne -"air policing"') == {"000", "001", "004"}
    assert found("-Oekraïne") == set()  # leaving out alone finds nothing


def test_a_prefix_finds_the_starts_of_words(seeded):
    assert found("Zwart*") == {"003"}
    assert found("verdedig*") >= found("verdediging")
    assert found("gevechtsvlieg*") == found("gevechtsvliegtuigen") != set()


def test_a_prefix_finds_the_same_letters_by_its_listed_stems_as_by_the_prefix_operator(seeded):
    for text in ("oekr*", "verdedig*", "lucht*", "bondgeno*", "navo*"):
        listed = Search({"q": text})
        ((match,),) = listed.lexemes.required
        assert match.stems, text  # the vocabulary lists them all
        operator = Search({"q": text})
        operator.lexemes = LexemeQuery(((replace(match, stems=None),),))
        by_stems, by_operator = (search.run(limit=100, hits=False) for search in (listed, operator))
        assert set(by_stems.ids) == set(by_operator.ids) != set(), text
        assert by_stems.total == by_operator.total
        if connection.vendor == "postgresql":  # ranked by the prefix itself: the same order
            assert by_stems.ids == by_operator.ids, text
        # (SQLite's bm25 weighs each listed stem by its own rarity: the order may differ.)


def test_a_prefix_lists_every_indexed_word_also_those_with_digits(db, letter_text):
    digits = letter_with(
        letter_text, "digits.txt", date="1 maart 2024", sections=[("Oefening", "De oefening Cyber2024 is gehouden.")]
    )
    word = letter_with(letter_text, "word.txt", date="2 maart 2024", sections=[("Dreiging", "Een cyberaanval is besproken.")])
    ((match,),) = Search({"q": "cyber*"}).lexemes.required
    assert set(match.stems) == {"cyber2024", "cyberaanval"}
    assert set(ids_of({"q": "cyber*"})) == {digits.pk, word.pk}
    assert ids_of({"q": "cyber3*"}) == []


def test_a_snippet_finds_words_whose_stem_lost_a_doubled_vowel():
    body = "Inleiding zonder treffer.\n\nDe Noord-Atlantische Raad besprak de staat van de plaats."
    for query, marked in (("raad", "<mark>Raad</mark>"), ("staat", "<mark>staat</mark>"), ("plaats", "<mark>plaats</mark>")):
        assert marked in snippet(body, normalize(parse(query))).html, query


def test_snippets_mark_words_with_letters_that_are_spelled_out(client, db, letter_text):
    text = "De minister sprak met minister Błaszczak over de Færøer en de Ostsee-Straße."
    letter_with(letter_text, "spelled.txt", sections=[("Overleg", "Een eerste alinea zonder treffer."), ("Polen", text)])
    for query, marked in (
        ("Błaszczak", "<mark>Błaszczak</mark>"),
        ('"minister Blaszczak"', "<mark>minister Błaszczak</mark>"),
        ("faeroer", "<mark>Færøer</mark>"),
    ):
        (result,) = client.get("/api/search/", {"q": query}).json()["results"]
        assert marked in result["snippet"], (query, result["snippet"])


def test_case_and_accents_do_not_matter(seeded):
    assert found("Oekraine") == found("OEKRAÏNE") == found("oekraïne") == found("Oekraïne")
    assert found("georgie") == found("Georgië") != set()


def test_dutch_forms_of_a_word_meet(seeded):
    assert found("verdedigen") == found("verdediging") != set()
    assert found("bondgenoot") or found("bondgenoten")


def test_words_of_english_origin_are_found_in_other_forms(seeded):
    assert "003" in found("Deterrence")  # "Deterrence and Defence" in the agenda of February 2022
    assert found("police") == found("policing") == {"002", "003"}


def test_a_query_of_stop_words_says_so(client, seeded):
    response = client.get("/zoeken/", {"q": "de het"})
    assert response.context["hits"] == []
    assert any("de, het" in notice for notice in response.context["notices"])


# --- Filters with the query ------------------------------------------------------------


def test_filters_narrow_the_search(seeded):
    everywhere = found("Oekraïne")
    assert found("Oekraïne", kind="report") == {"000", "001"}
    assert found("Oekraïne", kind="agenda") == {"002", "003", "004"}
    assert found("Oekraïne", year="2023") == {"004"}
    assert found("Oekraïne", **{"from": "2022-03-01", "to": "2022-12-31"}) == {"001", "002"}
    assert found("Oekraïne", **{"from": "2023-01-01"}) == {"004"}
    assert found("Oekraïne", minister=seeded["000"].minister.slug) <= everywhere


def test_series_country_and_topic_filters_use_the_browse_semantics(seeded):
    navo = found("NAVO")

    def names(queryset) -> set[str]:
        return {letter.source_name[:3] for letter in queryset} & navo

    assert found("NAVO", series="jef") == names(Letter.objects.in_series("jef")) != set()
    assert found("NAVO", series="dmm") == names(Letter.objects.in_series("dmm")) != set()
    sweden = Country.objects.get(code="SE")
    assert found("NAVO", country=sweden.slug) == names(Letter.objects.with_country("SE")) != set()
    topic = Topic.objects.filter(letters__isnull=False).first()
    assert found("NAVO", topic=topic.slug) == names(Letter.objects.on_topic(topic.slug)) != set()


def test_every_filter_value_finds_through_the_index_what_the_browse_filter_finds(archive):
    """Each kind, year, signer, series, country and topic in the archive, as a search filter."""
    values = {
        "kind": [k for k, _ in Letter.Kind.choices],
        "year": sorted({d.year for d in Letter.objects.dates("date", "year")}),
        "minister": list(Minister.objects.values_list("slug", flat=True)),
        "series": [s for s, _ in Meeting.Series.choices],
        "country": list(Country.objects.values_list("slug", flat=True)),
        "topic": list(Topic.objects.values_list("slug", flat=True)),
    }
    checked = 0
    for name, options in values.items():
        for value in options:
            checked += bool(found("NAVO", **{name: str(value)}))
    assert checked > 30


# --- Results page -------------------------------------------------------------------------


def test_results_show_title_date_kind_minister_and_meeting(client, seeded):
    response = client.get("/zoeken/", {"q": "Zwarte Zee"})
    (hit,) = response.context["hits"]
    html = response.content.decode()
    letter = seeded["003"]
    assert hit.letter == letter
    assert letter.subject in html and letter.get_kind_display() in html
    assert letter.minister.name in html
    assert letter.date.strftime("%Y-%m-%d") in html
    assert hit.meetings == [hit.session.meeting]


def test_results_are_ranked_sessions_above_body(db, letter_text):
    in_body = letter_with(letter_text, "body.txt", sections=[("Cyber", "Daarnaast is er militaire mobiliteit genoemd.")])
    in_session = letter_with(
        letter_text,
        "session.txt",
        date="2 februari 2024",
        sections=[("Militaire mobiliteit", "In de eerste werksessie spreken de ministers over militaire mobiliteit.")],
    )
    assert ids_of({"q": "militaire mobiliteit"}) == [in_session.pk, in_body.pk]


def names(ids) -> list[str]:
    return [Letter.objects.get(pk=pk).source_name[:3] for pk in ids]


def test_many_matches_are_ranked_among_the_newest_and_the_older_follow_by_date(seeded, settings):
    settings.SEARCH_RANK_CANDIDATES = 2  # the 100,000-letter bound, made small
    search = Search({"q": "Oekraïne"})
    page = search.run(limit=10, hits=False)
    assert page.total == Total(5, True, 5)
    assert set(names(page.ids[:2])) == {"004", "001"}  # the two newest, in order of relevance
    assert names(page.ids[2:]) == ["002", "003", "000"]  # the rest newest first, undated last
    # A page across the boundary joins both parts in the same order.
    assert search.run(offset=1, limit=2, hits=False).ids == page.ids[1:3]
    assert search.run(offset=3, limit=5, hits=False).ids == page.ids[3:]


def test_counting_while_ranking_gives_the_page_that_counting_then_ranking_gives(seeded, settings, monkeypatch):
    settings.SEARCH_RANK_CANDIDATES = 3  # some searches rank all their matches, some the newest 3
    cases = [
        (text, offset, size, facets)
        for text in ("Oekraïne", '"air policing"', "navo*", "Oekraïne -Rusland")
        for offset, size in ((0, 2), (1, 3), (2, 10), (4, 1))
        for facets in (False, True)  # the API, and the results page, whose tags are read with the total
    ]

    def run(text, offset, size, facets):
        result = Search({"q": text}).run(offset=offset, limit=size, facets=facets, hits=False)
        return result.total, result.ids, result.facets

    backend = type(get_backend())
    ranked_apart = []
    best = backend.best
    monkeypatch.setattr(backend, "best", lambda self, *a, **k: ranked_apart.append(k["offset"]) or best(self, *a, **k))
    together = {case: run(*case) for case in cases}
    assert all(ids for (_text, offset, *_rest), (total, ids, _facets) in together.items() if offset < total.count)
    if connection.vendor == "postgresql":  # every page among the candidates ranked in the counting pass
        assert [offset for offset in ranked_apart if offset < 3] == []
    monkeypatch.setattr(backend, "count_and_best", SearchBackend.count_and_best)  # a count, then a ranking
    monkeypatch.setattr(backend, "tags_and_best", SearchBackend.tags_and_best)  # the tags, then a ranking
    assert {case: run(*case) for case in cases} == together


@on_postgres
def test_the_page_and_the_api_rank_in_the_pass_that_counts(client, seeded):
    from django.test.utils import CaptureQueriesContext

    for url, reading in (("/zoeken/", "array_agg(tags)"), ("/api/search/", "count(*)")):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"q": "Oekraïne"})
        assert response.status_code == 200
        ranking = [query["sql"] for query in captured.captured_queries if "ts_rank" in query["sql"]]
        assert len(ranking) == 1 and reading in ranking[0], (url, ranking)


def test_counting_stops_at_the_limit_and_estimates_beyond(seeded, settings, client):
    sampled = sum(1 for pk in ids_of({"q": "Oekraïne"}) if pk % SAMPLE_MODULUS == 0)
    settings.SEARCH_COUNT_LIMIT = 3
    result = Search({"q": "Oekraïne"}).run(limit=10, hits=False)
    assert result.total == Total(max(4, sampled * SAMPLE_MODULUS), False, 3)
    assert len(result.ids) == 3  # only the counted matches are paged through
    assert Search({"q": "Oekraïne"}).run(offset=3, limit=10).ids == []
    data = client.get("/api/search/", {"q": "Oekraïne"}).json()
    assert (data["count"], data["count_exact"], len(data["results"]), data["next"]) == (result.total.count, False, 3, None)
    page = client.get("/zoeken/", {"q": "Oekraïne"}).content.decode()
    assert f"Ongeveer {result.total.count} brieven gevonden; de eerste 3 zijn te bladeren" in page
    settings.SEARCH_COUNT_LIMIT = 5
    assert Search({"q": "Oekraïne"}).run(limit=10, hits=False).total == Total(5, True, 5)


def test_only_an_estimate_far_beyond_the_limit_skips_the_exact_count():
    # At 10,000 the estimate's standard deviation is 300 (SAMPLE_MODULUS 10): five of them.
    assert [surely_beyond(n, 10_000) for n in (10_000, 11_500, 11_510, 50_000)] == [False, False, True, True]
    assert not surely_beyond(3, 1) and surely_beyond(30, 1)


def test_estimates_are_rounded_to_two_digits():
    assert [rounded(n) for n in (7, 99, 123, 25_810, 50_360)] == [7, 99, 120, 26_000, 50_000]


def test_facet_counts_beyond_the_limit_are_estimated_from_the_sample(db, letter_text, settings, client):
    for day in range(1, 13):  # twelve letters: at least one id is a multiple of SAMPLE_MODULUS
        sections = [("Oekraïne", f"De ministers spreken op dag {day} over steun aan Oekraïne.")]
        letter_with(letter_text, f"sample-{day}.txt", date=f"{day} maart 2024", sections=sections)
    matching = list(Letter.objects.filter(pk__in=ids_of({"q": "Oekraïne"})))
    sampled = [letter for letter in matching if letter.pk % SAMPLE_MODULUS == 0]
    assert len(matching) >= 12 and sampled
    settings.SEARCH_COUNT_LIMIT = 1
    facets = {f.name: f for f in facets_of("Oekraïne")}
    assert facets["kind"].estimated
    kinds = {letter.kind for letter in sampled}
    expected = {kind: rounded(SAMPLE_MODULUS * sum(1 for letter in sampled if letter.kind == kind)) for kind in kinds}
    assert {o.value: o.count for o in facets["kind"].options} == expected
    page = client.get("/zoeken/", {"q": "Oekraïne"}).content.decode()
    assert "de aantallen zijn schattingen" in page and "ca. " in page
    settings.SEARCH_COUNT_LIMIT = 100  # counted in full again: exact
    facets = {f.name: f for f in facets_of("Oekraïne")}
    assert not facets["kind"].estimated and sum(o.count for o in facets["kind"].options) == len(matching)


def test_results_sort_by_date_newest_first_undated_last(seeded):
    ids = ids_of({"q": "Oekraïne", "sort": "date"})
    assert [Letter.objects.get(pk=pk).source_name[:3] for pk in ids] == ["004", "001", "002", "003", "000"]


def test_results_are_paginated(client, seeded, monkeypatch):
    monkeypatch.setattr("meetings.views.search.PAGE_SIZE", 2)
    pages = [client.get("/zoeken/", {"q": "Oekraïne", "page": n}).context for n in (1, 2, 3)]
    ids = [[hit.letter.pk for hit in page["hits"]] for page in pages]
    assert [len(i) for i in ids] == [2, 2, 1]
    assert len({pk for page in ids for pk in page}) == 5
    assert pages[0]["page_obj"].paginator.num_pages == 3
    assert client.get("/zoeken/", {"q": "Oekraïne", "page": "999"}).status_code == 200


def test_facets_count_and_narrow(client, seeded):
    response = client.get("/zoeken/", {"q": "Oekraïne"})
    facets = {f.name: f for f in response.context["facets"]}
    assert set(facets) >= {"kind", "year", "minister", "series"}
    kinds = {o.value: o.count for o in facets["kind"].options}
    assert kinds == {"agenda": 3, "report": 2}
    years = {o.value: o.count for o in facets["year"].options}
    assert years == {"2022": 3, "2023": 1}  # 000 has no date
    report = next(o for o in facets["kind"].options if o.value == "report")
    narrowed = client.get("/zoeken/" + report.url)
    assert narrowed.context["count"] == 2
    active = next(o for o in {f.name: f for f in narrowed.context["facets"]}["kind"].options if o.active)
    assert client.get("/zoeken/" + active.url).context["count"] == 5  # the active option widens again
    for facet in facets.values():
        for option in facet.options:
            assert client.get("/zoeken/" + option.url).context["count"] == option.count, (facet.name, option.value)


def test_no_results_offers_a_spelling_suggestion(client, seeded):
    response = client.get("/zoeken/", {"q": "Oekrajne"})
    assert response.context["count"] == 0
    suggestion, count = response.context["suggestion"]
    assert suggestion == "oekraine" and count == 5
    assert "Bedoelde u" in response.content.decode()


def test_no_results_lists_the_filters_to_loosen(client, seeded):
    response = client.get("/zoeken/", {"q": "Zwarte Zee", "kind": "report"})
    assert response.context["count"] == 0
    (loosening,) = response.context["loosenings"]
    assert loosening.name == "kind" and loosening.count == 1
    assert client.get("/zoeken/" + loosening.url).context["count"] == 1
    assert "Soort: verslag" in response.content.decode()  # the filter by its label, not "report"


def test_the_search_box_on_every_page_leads_here(client, seeded):
    html = client.get("/").content.decode()
    assert f'action="{reverse("meetings:search")}"' in html


def test_the_results_page_runs_a_bounded_number_of_queries(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        response = client.get("/zoeken/", {"q": "Oekraïne", "kind": "agenda", "sort": "date"})
    assert response.status_code == 200
    assert seed_names(hit.letter for hit in response.context["hits"]) == ["004", "002", "003"]
    assert {f.name: {o.value: o.count for o in f.options} for f in response.context["facets"]}["kind"] == {"agenda": 3}
    with django_assert_max_num_queries(14):
        response = client.get("/zoeken/", {"q": "verdedig*"})
    assert response.status_code == 200
    assert {hit.letter.pk for hit in response.context["hits"]} == set(ids_of({"q": "verdedig*"})) != set()


def test_the_no_results_page_runs_a_bounded_number_of_queries(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(18):
        response = client.get("/zoeken/", {"q": "Oekrajne Zwarte", "kind": "report", "from": "2020-01-01"})
    assert response.status_code == 200
    assert (response.context["count"], response.context["hits"]) == (0, [])
    # "oekraine zwarte" was tried and finds no report; without a filter the misspelling finds nothing either.
    assert response.context["suggestion"] is None and response.context["loosenings"] == []


def test_query_count_does_not_grow_with_the_results(client, seeded, letter_text):
    from django.test.utils import CaptureQueriesContext

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/zoeken/", {"q": "werksessie"})
        assert response.status_code == 200 and len(response.context["hits"]) == response.context["count"]
        return len(captured), response.context["count"]

    before, found_before = queries()
    for n in range(4):
        letter_with(letter_text, f"extra-{n}.txt", date=f"{n + 1} maart 2024")
    assert queries() == (before, found_before + 4)


# --- Hits and feed (the API's search: tests/test_api.py) ------------------------------------


def test_a_hit_outside_any_session_belongs_to_every_meeting_of_its_letter(seeded):
    (hit,) = (
        Search({"q": "Bulgarije verlenging"}).run(limit=10).hits
    )  # 002: the agenda of the DMM and of the JEF meeting before it
    assert hit.session is None
    assert sorted(m.series for m in hit.meetings) == sorted(m.series for m in seeded["002"].meetings.all())


def test_every_search_has_an_atom_feed_of_the_newest_letters(client, seeded):
    response = client.get("/zoeken/feed.atom", {"q": "Oekraïne"})
    assert response["Content-Type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.fromstring(response.content).findall(f"{atom}entry")
    links = [e.find(f"{atom}link").get("href") for e in entries]
    expected = [Letter.objects.get(pk=pk).get_absolute_url() for pk in ids_of({"q": "Oekraïne", "sort": "date"})]
    assert [link.replace("http://testserver", "") for link in links] == expected
    page = client.get("/zoeken/", {"q": "Oekraïne"}).content.decode()
    assert 'type="application/atom+xml"' in page and "/zoeken/feed.atom?q=" in page


def test_a_blank_search_feed_is_empty(client, seeded):
    response = client.get("/zoeken/feed.atom")
    assert response.status_code == 200 and b"<entry>" not in response.content


# --- The index follows every change ---------------------------------------------------------


def index_size() -> int:
    table = "meetings_search_document" if connection.vendor == "postgresql" else "meetings_search_fts"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def test_an_import_is_indexed(db, letter_text):
    letter_with(letter_text, "a.txt", sections=[("Hypersoon", "De ministers bespreken hypersone wapens.")])
    assert found("hypersone") == {"a"}
    assert index_size() == 1


REFERENCE = "Onze referentie BS2024000777"  # one letter, so the second file is a new version of it


def test_a_replacing_version_replaces_the_entry(db, letter_text):
    letter_with(letter_text, "a.txt", letterhead=REFERENCE, sections=[("Hypersoon", "De ministers bespreken hypersone wapens.")])
    text = letter_text(letterhead=REFERENCE, sections=[("Drones", "De ministers bespreken drones.")])
    assert import_bytes("a.txt", text.encode(), options=Options(replace=True)).status == Status.UPDATED
    assert found("hypersone") == set()
    assert found("drones") == {"a"}
    assert index_size() == 1


def test_a_failed_import_leaves_the_index_untouched(db, letter_text, monkeypatch):
    from meetings.store import writer

    letter_with(letter_text, "a.txt", sections=[("Drones", "De ministers bespreken drones.")])

    def broken(*args):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(writer, "store_citations", broken)
    text = letter_text(sections=[("Satellieten", "De ministers bespreken satellieten.")])
    assert import_bytes("b.txt", text.encode()).status == Status.FAILED
    assert found("drones") == {"a"} and found("satellieten") == set()


def test_an_edit_is_indexed_when_it_commits(db, letter_text, django_capture_on_commit_callbacks):
    letter = letter_with(letter_text, "a.txt")
    with django_capture_on_commit_callbacks(execute=True):
        letter.subject = "Hybride dreigingen in de Oostzee"
        letter.save()
    assert found("Oostzee") == {"a"}


def test_a_new_date_moves_the_letter_in_the_index(db, letter_text, django_capture_on_commit_callbacks):
    import datetime as dt

    older = letter_with(letter_text, "a.txt", date="1 februari 2024")
    newer = letter_with(letter_text, "b.txt", date="1 maart 2024")
    assert ids_of({"q": "werksessie", "sort": "date"}) == [newer.pk, older.pk]
    with django_capture_on_commit_callbacks(execute=True):
        older.date = dt.date(2024, 4, 1)
        older.save()
    assert ids_of({"q": "werksessie", "sort": "date"}) == [older.pk, newer.pk]
    assert found("werksessie", **{"from": "2024-03-15"}) == {"a"}
    assert index_size() == 2  # the entry under the old date is gone


def test_a_session_edit_is_indexed(db, letter_text, django_capture_on_commit_callbacks):
    letter = letter_with(letter_text, "a.txt")
    session = letter.sessions.first()
    with django_capture_on_commit_callbacks(execute=True):
        session.title = "Kritieke onderzeese infrastructuur"
        session.save()
    assert found("onderzeese") == {"a"}
    with django_capture_on_commit_callbacks(execute=True):
        session.delete()
    assert found("onderzeese") == set()


def test_an_admin_edit_is_indexed(admin_client, db, letter_text, django_capture_on_commit_callbacks):
    letter = letter_with(letter_text, "a.txt")
    url = reverse("admin:meetings_session_change", args=[letter.sessions.first().pk])
    session = letter.sessions.first()
    data = {
        "meeting": session.meeting_id,
        "letter": letter.pk,
        "title": "Arctische veiligheid",
        "heading": "",
        "subject": "",
        "order": 0,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    assert found("Arctische") == {"a"}


def test_a_deleted_letter_leaves_the_index(admin_client, db, letter_text):
    one = letter_with(letter_text, "a.txt", sections=[("Drones", "De ministers bespreken drones.")])
    letter_with(letter_text, "b.txt", date="3 februari 2024", sections=[("Drones", "Ook hier drones.")])
    response = admin_client.post(reverse("admin:meetings_letter_delete", args=[one.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert found("drones") == {"b"} and index_size() == 1
    Letter.objects.all().delete()  # a QuerySet delete sends post_delete for every letter too
    assert index_size() == 0


def facets_of(text: str) -> list:
    return Search({"q": text}).run(limit=0, facets=True, hits=False).facets


def facet_counts(text: str) -> dict[str, dict[str, int]]:
    return {f.name: {o.value: o.count for o in f.options} for f in facets_of(text)}


def test_facets_follow_admin_edits_of_meetings_and_topics(seeded, django_capture_on_commit_callbacks):
    from meetings.models import Participation

    letter = seeded["003"]
    meeting = letter.meetings.first()
    japan = Country.objects.create(code="JP", name_nl="Japan", name_en="Japan", slug="japan")
    topic = Topic.objects.exclude(letters=letter).first()
    with django_capture_on_commit_callbacks(execute=True):
        Participation.objects.create(meeting=meeting, country=japan)
        letter.topics.add(topic)
        Meeting.objects.filter(pk=meeting.pk).update()  # no signal: nothing to do
        meeting.series = "summit"
        meeting.save()
    counts = facet_counts("Zwarte Zee")
    assert counts["country"]["japan"] == 1
    assert counts["topic"][topic.slug] == 1
    assert counts["series"] == {"summit": 1}
    assert found("Zwarte Zee", country="japan", topic=topic.slug, series="summit") == {"003"}
    with django_capture_on_commit_callbacks(execute=True):
        letter.topics.remove(topic)
        Participation.objects.filter(country=japan).delete()
    counts = facet_counts("Zwarte Zee")
    assert "japan" not in counts["country"] and topic.slug not in counts["topic"]


def test_an_import_updates_the_facets_of_letters_about_the_same_meeting(db, letter_text):
    agenda = letter_with(
        letter_text,
        "agenda.txt",
        date="1 maart 2024",
        opening="Op 15 maart komen de NAVO-ministers van Defensie in Brussel bijeen.",
    )
    report = letter_with(
        letter_text,
        "verslag.txt",
        date="20 maart 2024",
        opening="Op 15 maart kwamen de NAVO-ministers van Defensie in Brussel bijeen, in aanwezigheid van "
        "de ministers van Defensie van Japan en Australië.",
        purpose="Hierbij doe ik u het verslag van deze bijeenkomst toekomen.",
    )
    assert agenda.meetings.get() == report.meetings.get()
    japan = Country.objects.get(code="JP")
    assert found("werksessie", country=japan.slug) == {"agenda", "verslag"}
    assert facet_counts("werksessie")["country"][japan.slug] == 2


def test_rebuilding_the_index_restores_it(seeded):
    get_backend().remove([letter.pk for letter in seeded.values()])
    assert found("Oekraïne") == set()
    assert rebuild_index() == 5
    assert found("Oekraïne") == {"000", "001", "002", "003", "004"}


def test_orphan_entries_are_dropped_after_migrate(seeded):
    from meetings.search import signals
    from meetings.search.backends.base import Document

    get_backend().index([Document(999_999, ["spook"], [], ["spook"], tags=("kind:other",))])
    assert index_size() == 6
    signals.drop_orphans(sender=None)  # what post_migrate runs
    assert index_size() == 5


def test_the_backend_says_whether_its_index_exists(db):
    backend = get_backend()
    assert backend.index_exists()
    backend.tables += ("meetings_search_not_migrated",)  # as after migrating back to an older index
    assert not backend.index_exists()


def test_a_filter_tag_cannot_break_the_fts5_expression(db):
    from meetings.search.backends.sqlite import TABLE, fts_query

    expression = fts_query(normalize(parse("Oekraïne")), tags=('country:A"B', "kind:report"))
    assert expression.endswith('tags : "country_a""b" AND tags : "kind_report"')
    if connection.vendor == "sqlite":  # FTS5 parses it: no error, no match
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH %s", [expression])
            assert cursor.fetchone() == (0,)
