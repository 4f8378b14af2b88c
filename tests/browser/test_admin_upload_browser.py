"""An admin adds a letter in the browser: log in, upload a PDF, check, publish, find it."""

import re

import pytest
from django.contrib.auth.models import User

from tests.test_pdf_import import pdf_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_uploads_a_pdf_publishes_it_and_finds_it_through_search(
    page, live_server, settings, tmp_path, seeds_dir, screenshot
):
    User.objects.create_superuser("redactie", password="een-lang-wachtwoord-42")
    pdf = tmp_path / "nieuwe-brief.pdf"
    pdf.write_bytes(pdf_of((seeds_dir / "002_96d9e418ac13303a.txt").read_text(encoding="utf-8")))

    page.goto(f"/{settings.ADMIN_URL}")
    page.fill("#id_username", "redactie")
    page.fill("#id_password", "een-lang-wachtwoord-42")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(re.escape(f"/{settings.ADMIN_URL}") + "$"))
    page.goto(f"/{settings.ADMIN_URL}meetings/letter/")
    page.get_by_role("link", name="Brieven uploaden").click()
    page.set_input_files("input[type=file]", str(pdf))
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/upload/[^/]+/$"))
    preview = page.locator("#content").inner_text()
    assert "nieuwe-brief.pdf" in preview and "K.H. Ollongren" in preview and "Londen" in preview
    screenshot(page, "admin-upload-preview")

    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_url(re.compile(r"/meetings/letter/$"))
    assert "Gepubliceerd: nieuwe-brief.pdf" in page.locator(".messagelist").inner_text()

    page.goto("/zoeken/?q=%22air+policing%22")
    results = page.locator("main").inner_text()
    assert "air policing" in results.lower()
    page.locator("main a[href^='/brieven/']").first.click()
    page.wait_for_url(re.compile(r"/brieven/\d+/\?q=[^#]+#hits$"))  # the letter, its hits marked
    assert "nieuwe-brief.pdf" in page.locator("main").inner_text()
    assert page.locator("mark.hit").first.inner_text().lower() == "air policing"
    screenshot(page, "search-found-upload")
    assert page.problems == []
