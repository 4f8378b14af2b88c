"""Hostile input: the extractor returns a letter or its documented error, in bounded time, and
no public URL answers an odd query string with a server error."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.extract import ExtractionError, parse_letter
from meetings.extract.data import LetterData
from meetings.extract.read import read_letter_bytes

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
BOUNDED = settings(max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.too_slow])


def extracts_or_refuses(text: str) -> LetterData | None:
    """The letter found in `text`, or None when extraction refused it with its documented error."""
    try:
        result = parse_letter(text)
    except ExtractionError as refused:
        assert str(refused), "a refusal says why"
        return None
    assert isinstance(result, LetterData)
    assert isinstance(result.to_json()["meetings"], list)  # the output can always be reported
    return result


@BOUNDED
@given(st.text(max_size=3000))
def test_random_text_gives_a_letter_or_the_documented_error(text):
    extracts_or_refuses(text)


@st.composite
def mutated_letter(draw):
    """A real letter with lines dropped, repeated, shuffled or spliced with junk."""
    lines = draw(st.sampled_from(SAMPLE_TEXTS)).splitlines()
    for _ in range(draw(st.integers(1, 12))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "junk", "swap", "cut"]))
        if action == "drop":
            del lines[i]
        elif action == "repeat":
            lines[i:i] = [lines[i]] * draw(st.integers(1, 30))
        elif action == "junk":
            lines[i] = draw(st.text(max_size=200))
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    return "\n".join(lines)


@BOUNDED
@given(mutated_letter())
def test_mutated_letters_give_a_letter_or_the_documented_error(text):
    extracts_or_refuses(text)


@BOUNDED
@given(st.binary(max_size=4000))
def test_random_bytes_are_read_or_refused(data):
    try:
        text = read_letter_bytes(data)
    except ExtractionError as refused:
        assert str(refused), "a refusal says why"
    else:
        assert isinstance(text, str) and text.strip()


@settings(max_examples=5, deadline=5000)
@given(st.integers(1, 400))
def test_pathologically_long_lines_finish_in_bounded_time(repeats):
    letter = extracts_or_refuses(("De ministers van Defensie op 16 maart in Brussel bijeen " * repeats) + "\n")
    if letter is not None:  # what it found is the one meeting the line names, however long it is
        assert {(m.start_date.day, m.start_date.month, m.location) for m in letter.meetings} <= {(16, 3, "Brussel")}


ODD_QUERIES = [
    "page=-1",
    "page=abc",
    "page=999999",
    "page=1e9",
    "q=" + "x" * 5000,
    "q=%ff%fe",
    "q=%00",
    "year=abc",
    "year=99999999999999999999",
    "country=../../etc",
    "series=<script>",
    "minister=%E2%80%AE",
    "unknown=1&foo[]=2",
    "sort=;drop table",
    'q="unbalanced',
    "q=OR",
    "q=-",
    "q=*",
    "kind=agenda&kind=report",
    "date_from=2024-13-45",
    "page_size=-5",
    "page_size=abc",
    "page=²",
    "page=١٢",
    "page_size=²",
    "year=²⁰²⁴",
]
PUBLIC_URLS = [
    "/",
    "/bijeenkomsten/",
    "/brieven/",
    "/bewindspersonen/",
    "/landen/",
    "/onderwerpen/",
    "/dekking/",
    "/zoeken/",
    "/zoeken/feed.atom",
    "/feeds/brieven.atom",
    "/bijeenkomsten/export.csv",
    "/en/bijeenkomsten/",
    "/api/",
    "/api/letters/",
    "/api/meetings/",
    "/api/countries/",
    "/api/search/",
    "/sitemap.xml",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_odd_query_strings_never_cause_a_server_error(client, archive, url):
    for query in ODD_QUERIES:
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 400, 404), (url, query, response.status_code)
