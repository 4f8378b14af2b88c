"""Atom feeds put letter text into HTML summaries: it must reach a feed reader as text."""

import xml.etree.ElementTree as ElementTree

import pytest

from meetings.store import import_bytes

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<script>alert("feed")</script> <img src=x onerror=alert(2)> & Co'


@pytest.fixture
def hostile_letter(letter_text):
    text = letter_text(date="1 maart 2024", sections=[("Drones", f"De ministers bespreken drones. {HOSTILE}")])
    return import_bytes("hostile.txt", text.encode()).letter


def entries(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    found = ElementTree.fromstring(response.content).findall(f"{ATOM}entry")
    assert found, f"{url} has no entries"
    return found


@pytest.mark.parametrize(("url", "params"), [("/feeds/brieven.atom", {}), ("/zoeken/feed.atom", {"q": "alert"})])
def test_letter_markup_reaches_the_feed_reader_as_text(client, hostile_letter, url, params):
    for entry in entries(client, url, **params):
        summary = entry.find(f"{ATOM}summary")
        html = summary.text  # what a reader renders as HTML, after XML unescaping
        assert "<script" not in html and "<img" not in html, html
    summaries = " ".join(e.find(f"{ATOM}summary").text for e in entries(client, url, **params))
    assert "&lt;script&gt;" in summaries


def test_an_entry_carries_the_letters_date_not_its_import_time(client, hostile_letter):
    (entry,) = entries(client, "/feeds/brieven.atom")
    assert entry.find(f"{ATOM}published").text.startswith("2024-03-01")
