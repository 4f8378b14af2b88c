"""Shared fixtures: where the test letters live, a throwaway MEDIA_ROOT, and a letter builder."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
# The seed letters are shared test data kept next to the project, not inside it.
SEEDS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
LETTERS_DIR = TESTS_DIR / "letters"

SIGNATURE = "De Minister van Defensie,\n\nK.H. Ollongren"
DEFAULT_OPENING = "Op 13 en 14 februari komen de NAVO-ministers van Defensie in Brussel bijeen."
DEFAULT_SECTIONS = (
    (
        "Afschrikking en verdediging",
        "In de eerste werksessie spreken de ministers over afschrikking en verdediging. "
        "Nederland zal het belang van luchtverdediging benadrukken.",
    ),
)


def build_letter(
    *,
    date: str = "1 februari 2024",
    opening: str = DEFAULT_OPENING,
    purpose: str = "Met deze brief bied ik uw Kamer de geannoteerde agenda voor deze bijeenkomst aan.",
    sections=DEFAULT_SECTIONS,
    letterhead: str = "",
) -> str:
    """The text of a short, valid agenda letter (geannoteerde agenda); every part can be replaced.

    `sections` is a sequence of (heading, paragraph); `letterhead` goes above the addressee
    (e.g. "Nr. 450 BRIEF VAN DE MINISTER VAN DEFENSIE").
    """
    parts = [letterhead] if letterhead else []
    parts += [
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        f"Den Haag, {date}",
        f"{opening} {purpose}".strip(),
    ]
    for heading, paragraph in sections:
        parts += [heading, paragraph]
    parts.append(SIGNATURE)
    return "\n\n".join(parts) + "\n"


def pytest_configure(config):
    config.addinivalue_line("markers", "page_cache: rendered pages are kept in the page cache (tests/test_page_cache.py)")


def pytest_generate_tests(metafunc):
    """A test that takes `seed_name` runs once per seed letter file."""
    if "seed_name" in metafunc.fixturenames:
        metafunc.parametrize("seed_name", sorted(p.name for p in SEEDS_DIR.glob("*.txt")))


@pytest.fixture
def seeds_dir() -> Path:
    assert SEEDS_DIR.is_dir(), f"seed letters missing: {SEEDS_DIR}"
    return SEEDS_DIR


@pytest.fixture
def seed_files(seeds_dir) -> list[Path]:
    files = sorted(seeds_dir.glob("*.txt"))
    assert files, f"no seed letters in {seeds_dir}"
    return files


@pytest.fixture
def letters_dir() -> Path:
    return LETTERS_DIR


@pytest.fixture(autouse=True)
def dutch_after_each_test():
    """A request to an /en/ page activates English in this thread; reset it between tests."""
    yield
    from django.utils import translation

    translation.activate("nl")


@pytest.fixture(autouse=True)
def fresh_page_cache(request, settings):
    """Each test starts with no cached pages and reads the change marker afresh: a test's
    rows are rolled back after it, so its marker and pages belong to no later test. Pages are
    only kept in tests marked `page_cache` (tests/test_page_cache.py): a page from the cache
    is not rendered, so the test client gives it no `context` for other tests to inspect."""
    from django.core.cache import caches

    from meetings import marker

    if not request.node.get_closest_marker("page_cache"):
        settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    marker.forget()
    caches["pages"].clear()
    yield
    marker.forget()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    """Imported originals go to a temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def letter_text():
    """The builder: `letter_text(date="9 maart 2024", sections=[("Kop", "Alinea.")])`."""
    return build_letter


SAMPLES_DIR = TESTS_DIR.parent / "sample_letters"


@pytest.fixture
def archive(db):
    """The shipped sample letters and the seed letters, imported: a small, real archive."""
    from meetings.store import import_file

    for path in sorted(SAMPLES_DIR.glob("*.txt")) + sorted(SAMPLES_DIR.glob("*.md")) + sorted(SEEDS_DIR.glob("*.txt")):
        if path.name.upper().startswith("README"):
            continue
        result = import_file(path)
        assert result.ok, (path.name, result.error)
