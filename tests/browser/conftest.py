"""Browser tests: Debian's Chromium driven by Playwright against the live test server."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# axe-core from npm (package.json at the project root; scripts/setup installs it).
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# A phone (390 px: an iPhone 12 to 15) and a desktop.
PHONE, DESKTOP = 390, 1280
WIDTHS = [PHONE, DESKTOP]

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
# between browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: .ci/run installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A page that records console errors and failed or erroring requests to the test server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url, locale="nl")
    page = context.new_page()
    page.problems = []
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(f"console: {msg.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: page.problems.append(f"failed: {request.url}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"HTTP {r.status}: {r.url}"))
    yield page
    context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def live_archive(transactional_db):
    """The sample letters (marked as samples), the seed letters and our own test letters of other series and
    layouts (the NATO-Ukraine Council, JEF, summits), imported as a reader would meet them."""
    import importlib

    from django.apps import apps

    from meetings.store import import_file
    from tests.conftest import LETTERS_DIR, SAMPLES_DIR, SEEDS_DIR

    # A transactional test's flush removed the vocabulary the data migrations wrote: write it again.
    importlib.import_module("meetings.migrations.0002_seed_topics").seed_topics(apps, None)
    importlib.import_module("meetings.migrations.0014_topic_english_names").fill_english_names(apps, None)

    for folder in (SAMPLES_DIR, SEEDS_DIR, LETTERS_DIR):
        for path in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md")):
            if not path.name.upper().startswith("README"):
                assert import_file(path).ok, path


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it stands: "rule: help (selector, ...)". It is
    evaluated through the browser's debugging protocol, which the page's CSP does not block."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run scripts/setup (it runs npm ci where npm is installed)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {v['help']} ({', '.join(' '.join(node['target']) for node in v['nodes'][:5])})" for v in result["violations"]
    ]
