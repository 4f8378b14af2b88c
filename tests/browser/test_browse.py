"""A reader's walk through the archive in a real browser (Chromium)."""

import re

import pytest

from meetings.models import Letter, LetterMeeting

pytestmark = pytest.mark.django_db(transaction=True)


def report_with_footnote_and_archived_citation():
    return Letter.objects.filter(kind="report", footnotes__isnull=False, citations__cited_letter__isnull=False).distinct().first()


def test_reader_goes_from_home_to_a_report_its_footnote_and_citation(page, live_archive, screenshot):
    report = report_with_footnote_and_archived_citation()
    meeting = report.meeting_links.get(role=LetterMeeting.Role.REPORTS).meeting
    cited = report.citations.filter(cited_letter__isnull=False).first().cited_letter

    page.goto("/")
    screenshot(page, "home")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bijeenkomsten").click()
    page.wait_for_url(re.compile(r"/bijeenkomsten/$"))
    screenshot(page, "meeting-list")

    page.locator(f'a[href="{meeting.get_absolute_url()}"]').first.click()
    page.wait_for_url(re.compile(re.escape(meeting.get_absolute_url()) + "$"))
    assert page.get_by_role("heading", name="Geannoteerde agenda").is_visible()
    screenshot(page, "meeting")

    page.locator(f'.pair-side .letter-card a[href="{report.get_absolute_url()}"]').click()
    page.wait_for_url(re.compile(re.escape(report.get_absolute_url()) + "$"))
    screenshot(page, "letter")

    page.locator("sup.fn-ref a").first.click()
    page.wait_for_url(re.compile(r"#fn-\d+$"))
    assert page.locator("li:target").is_visible()
    page.locator("li:target a.fn-back").click()
    page.wait_for_url(re.compile(r"#fnref-\d+$"))

    page.locator(f'.letter-body a.citation[href="{cited.get_absolute_url()}"]').first.click()
    page.wait_for_url(re.compile(re.escape(cited.get_absolute_url()) + "$"))
    assert page.locator("h1").inner_text() == cited.subject
    assert page.problems == []


def test_reader_switches_to_english_and_filters_the_timeline(page, live_archive, screenshot):
    page.goto("/bijeenkomsten/")
    page.get_by_role("navigation", name="Taal").get_by_role("link", name="EN").click()
    page.wait_for_url(re.compile(r"/en/bijeenkomsten/$"))
    assert page.locator("html").get_attribute("lang") == "en"

    page.locator("select[name=series]").select_option("jef")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"series=jef"))
    items = page.locator(".timeline-item")
    assert items.count() >= 1
    for text in items.all_inner_texts():
        assert "Joint Expeditionary Force" in text
    screenshot(page, "meeting-list-filtered-en")
    assert page.problems == []
