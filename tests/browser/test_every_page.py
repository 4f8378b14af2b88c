"""Every page a reader or a staff member meets, in Dutch and English, at phone and desktop
width: no page scrolls sideways, axe-core finds no accessibility violation, and a screenshot
of each is kept (tests/browser/screenshots/<page>-<language>-<width>.png) to look at."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.db.models import Count

from meetings.models import Country, Letter, LetterMeeting, Meeting, Minister, Topic
from tests.browser.conftest import PHONE, WIDTHS, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "een-lang-wachtwoord-42"


def public_pages() -> list[tuple[str, str]]:
    """(page type, path) for one page of each type, chosen from the archive as imported."""
    meeting = (
        Meeting.objects.annotate(n=Count("sessions"))
        .filter(letter_links__role=LetterMeeting.Role.REPORTS)
        .order_by("-n", "-start_date")
        .first()
    )
    letter = Letter.objects.annotate(n=Count("footnotes")).order_by("-n", "-date").first()
    topic = Topic.objects.annotate(n=Count("letters")).order_by("-n").first()
    country = Country.objects.taking_part().first()
    minister = Minister.objects.first()
    return [
        ("home", "/"),
        ("meeting-list", "/bijeenkomsten/"),
        ("meeting", meeting.get_absolute_url()),
        ("letter-list", "/brieven/"),
        ("letter", letter.get_absolute_url()),
        ("letter-hits", letter.get_absolute_url() + "?q=NAVO#hits"),
        ("minister-list", "/bewindspersonen/"),
        ("minister", minister.get_absolute_url()),
        ("country-list", "/landen/"),
        ("country", country.get_absolute_url()),
        ("topic-list", "/onderwerpen/"),
        ("topic", topic.get_absolute_url()),
        ("coverage", "/dekking/"),
        ("search-help", "/zoeken/"),
        ("search", "/zoeken/?q=Oekra%C3%AFne"),
        ("search-none", "/zoeken/?q=qwertyuiop"),
        ("not-found", "/bestaat-niet/"),
    ]


def in_language(path: str, language: str) -> str:
    return f"/en{path}" if language == "en" else path


def check(page, name: str, language: str, width: int, screenshot, problems: list[str]) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        problems.append(f"{name} ({language}, {width}px) scrolls sideways by {overflow}px")
    for violation in axe_violations(page):
        problems.append(f"{name} ({language}, {width}px): axe {violation}")
    screenshot(page, f"{name}-{language}-{width}")


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_fit_the_screen_and_pass_axe(browser, live_server, live_archive, language, width, screenshot):
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url, locale=language)
    page = context.new_page()
    problems: list[str] = []
    for name, path in public_pages():
        page.goto(in_language(path, language))
        assert page.locator("html").get_attribute("lang") == language
        check(page, name, language, width, screenshot, problems)
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_admin_pages_staff_use_pass_axe(
    browser, live_server, live_archive, language, width, screenshot, settings, seeds_dir, tmp_path
):
    User.objects.create_superuser("redactie", password=PASSWORD)
    admin = f"/{settings.ADMIN_URL}"
    letter = Letter.objects.first()
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url, locale=language)
    page = context.new_page()
    problems: list[str] = []

    page.goto(admin)
    check(page, "admin-login", language, width, screenshot, problems)
    page.fill("#id_username", "redactie")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(re.escape(admin) + "$"))
    for name, path in [
        ("admin-index", admin),
        ("admin-letter-list", f"{admin}meetings/letter/"),
        ("admin-letter-form", f"{admin}meetings/letter/{letter.pk}/change/"),
        ("admin-upload", f"{admin}meetings/letter/upload/"),
    ]:
        page.goto(path)
        check(page, name, language, width, screenshot, problems)

    upload = tmp_path / "brief.txt"
    upload.write_text((seeds_dir / "002_96d9e418ac13303a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    page.set_input_files("input[type=file]", str(upload))
    page.click("#content input[type=submit]")
    page.wait_for_url(re.compile(r"/upload/[^/]+/$"))
    check(page, "admin-upload-preview", language, width, screenshot, problems)
    context.close()
    if width == PHONE:  # Django's own admin is not made for phones; it is checked for access there, not for width
        problems = [p for p in problems if "scrolls sideways" not in p]
    assert not problems, "\n".join(problems)


def top_of(page, selector: str) -> float:
    return page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().top + window.scrollY")


def test_on_a_phone_the_letter_text_and_the_search_filters_come_early(browser, live_server, live_archive):
    context = browser.new_context(viewport={"width": PHONE, "height": 800}, base_url=live_server.url, locale="nl")
    page = context.new_page()
    for letter in Letter.objects.annotate(n=Count("meetings") + Count("topics")).order_by("-n")[:3]:
        page.goto(letter.get_absolute_url())
        assert top_of(page, ".letter-body") < 2 * 800, f"{letter} starts below the second screen"

    page.goto("/zoeken/?q=Oekra%C3%AFne")
    link = page.locator(".to-facets a")
    assert link.is_visible() and top_of(page, ".to-facets") < top_of(page, ".search-result")
    link.click()
    page.wait_for_url(re.compile(r"#facets$"))
    assert page.locator("#facets").is_visible()
    context.close()


def test_a_footnote_jump_lands_with_the_referring_line_in_view(page, live_archive):
    letter = Letter.objects.filter(footnotes__isnull=False).order_by("-date").first()
    page.goto(letter.get_absolute_url())
    page.locator("sup.fn-ref a").first.click()
    page.wait_for_url(re.compile(r"#fn-\d+$"))
    page.locator("li:target a.fn-back").click()
    page.wait_for_url(re.compile(r"#fnref-\d+$"))
    box = page.locator(":target").bounding_box()
    # Not at the very top edge (where the line it sits in would be cut off), but well inside the screen.
    assert 900 * 0.15 < box["y"] < 900 * 0.6


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_footer_of_a_short_page_sits_at_the_bottom(page, live_archive, language):
    page.goto(in_language("/bestaat-niet/", language))
    footer = page.locator(".site-footer").bounding_box()
    assert abs(footer["y"] + footer["height"] - page.viewport_size["height"]) <= 1
