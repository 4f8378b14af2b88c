"""`manage.py import_letters`: a line per file, failures on stderr, a summary, non-zero on failure."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from fpdf import FPDF

from meetings.models import Letter

pytestmark = pytest.mark.django_db

CHECK_EXTRACTION = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "check_extraction.py"
MAX_BYTES = 20_000  # above every good letter used here (the largest seed is about 11 kB)

RECIPE = """Erwtensoep (voor 4 personen)

Ingrediënten: 500 gram spliterwten, 2 liter water, 1 rookworst, 1 prei, 2 wortels,
een halve knolselderij en een snufje zout.

Spoel de erwten af en breng ze met het water aan de kook. Laat de soep anderhalf uur
zachtjes trekken en roer af en toe. Snijd de groenten klein en voeg ze toe. Leg de
rookworst er het laatste kwartier in. De soep is klaar als de lepel erin blijft staan.

Eet smakelijk!
"""


def scan_pdf() -> bytes:
    """A PDF page with a drawn rectangle and no text, as a scanned letter would be."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 60, style="F")
    return bytes(pdf.output())


def run(*args, **options) -> tuple[str, str, Exception | None]:
    """call_command, returning stdout, stderr and the CommandError or SystemExit it ended with."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_letters", *[str(a) for a in args], stdout=out, stderr=err, **options)
        ended = None
    except (CommandError, SystemExit) as exc:
        ended = exc
    return out.getvalue(), err.getvalue(), ended


@pytest.fixture
def good_folder(tmp_path, seed_files, letter_text) -> Path:
    folder = tmp_path / "goed"
    folder.mkdir()
    for path in seed_files[:2]:
        shutil.copy(path, folder / path.name)
    (folder / "agenda-februari.txt").write_text(letter_text(), encoding="utf-8")
    (folder / "README.md").write_text("# Brieven\n\nDeze map bevat brieven aan de Kamer.\n", encoding="utf-8")
    return folder


@pytest.fixture
def mixed_folder(good_folder, letter_text, settings) -> Path:
    """Three good letters, a cp1252 letter and five files that cannot be imported."""
    settings.LETTER_MAX_BYTES = MAX_BYTES
    cp1252 = letter_text(
        date="9 maart 2024",
        opening="Op 20 maart komen de NAVO-ministers van Defensie in Brussel bijeen, met de collega’s uit Oekraïne.",
    )
    (good_folder / "windows.txt").write_bytes(cp1252.encode("cp1252"))
    (good_folder / "leeg.txt").write_bytes(b"")
    (good_folder / "afbeelding.txt").write_bytes(random.Random(1).randbytes(4096))
    (good_folder / "recept.txt").write_text(RECIPE, encoding="utf-8")
    (good_folder / "scan.pdf").write_bytes(scan_pdf())
    padding = "\n\nDe ministers spreken over afschrikking en verdediging. " * (MAX_BYTES // 50)
    (good_folder / "te-groot.txt").write_text(letter_text() + padding, encoding="utf-8")
    return good_folder


BAD_FILES = {
    "leeg.txt": "empty",
    "afbeelding.txt": "binary",
    "recept.txt": "not a letter",
    "scan.pdf": "no text layer",
    "te-groot.txt": "over the limit",
}


def test_each_bad_file_is_reported_on_stderr_with_its_reason(mixed_folder):
    out, err, ended = run(mixed_folder)
    lines = err.splitlines()
    for name, reason in BAD_FILES.items():
        assert any(name in line and reason in line for line in lines), f"{name} ({reason}) not in:\n{err}"
    assert "windows.txt" not in err
    assert isinstance(ended, CommandError)
    assert "5 of 9 files" in str(ended)


def test_good_files_are_imported_next_to_bad_ones(mixed_folder, seed_files):
    run(mixed_folder)
    imported = set(Letter.objects.values_list("source_name", flat=True))
    assert imported == {seed_files[0].name, seed_files[1].name, "agenda-februari.txt", "windows.txt"}


def test_cp1252_letter_is_imported_with_its_accents(mixed_folder):
    run(mixed_folder)
    letter = Letter.objects.get(source_name="windows.txt")
    assert "collega’s uit Oekraïne" in letter.body
    assert letter.meetings.get().start_date.isoformat() == "2024-03-20"


def test_summary_line_counts_created_updated_unchanged_failed(mixed_folder):
    out, err, ended = run(mixed_folder)
    assert out.splitlines()[-1] == "9 files: 4 created, 0 updated, 0 unchanged, 5 failed"


def test_a_new_version_is_reported_and_replaces_only_with_the_flag(good_folder, letter_text):
    reference = "Onze referentie BS2024000777"
    (good_folder / "agenda-februari.txt").write_text(letter_text(letterhead=reference), encoding="utf-8")
    run(good_folder)
    letter = Letter.objects.get(source_name="agenda-februari.txt")
    (good_folder / "agenda-februari.txt").write_text(letter_text(letterhead=reference, date="2 februari 2024"), encoding="utf-8")

    out, err, ended = run(good_folder)
    assert ended is None
    assert f"new version of letter {letter.pk}" in out and "--replace" in out
    assert out.splitlines()[-1] == "3 files: 0 created, 0 updated, 2 unchanged, 1 new version, 0 failed"
    assert Letter.objects.get(pk=letter.pk).date == dt.date(2024, 2, 1)

    out, err, ended = run(good_folder, replace=True)
    assert out.splitlines()[-1] == "3 files: 0 created, 1 updated, 2 unchanged, 0 failed"
    assert Letter.objects.get(pk=letter.pk).date == dt.date(2024, 2, 2) and letter.versions.count() == 1


def test_two_files_with_the_same_name_in_two_folders_are_two_letters(tmp_path, letter_text):
    for folder, date in (("a", "1 februari 2024"), ("b", "2 februari 2024")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "brief.txt").write_text(letter_text(date=date), encoding="utf-8")
    out, err, ended = run(tmp_path)
    assert out.splitlines()[-1] == "2 files: 2 created, 0 updated, 0 unchanged, 0 failed"
    assert Letter.objects.filter(source_name="brief.txt").count() == 2


def test_readme_in_a_folder_is_skipped(good_folder):
    out, err, ended = run(good_folder)
    assert ended is None, err
    assert "README" not in out + err
    assert not Letter.objects.filter(source_name="README.md").exists()
    assert out.splitlines()[-1].startswith("3 files:")


def test_rerun_on_the_same_folder_reports_all_unchanged(good_folder):
    run(good_folder)
    out, err, ended = run(good_folder)
    assert ended is None
    per_file = out.splitlines()[:-1]
    assert len(per_file) == 3 and all(line.startswith("unchanged") for line in per_file), out
    assert out.splitlines()[-1] == "3 files: 0 created, 0 updated, 3 unchanged, 0 failed"
    assert Letter.objects.count() == 3


def test_dry_run_writes_nothing(mixed_folder, media_root):
    out, err, ended = run(mixed_folder, dry_run=True)
    assert Letter.objects.count() == 0
    assert not media_root.exists() or not any(media_root.rglob("*.*"))
    assert out.splitlines()[-1] == "9 files: 4 parsed, 5 failed (dry run, nothing written)"
    assert isinstance(ended, CommandError)


def test_verbosity_0_hides_imported_files_but_not_failures(mixed_folder):
    out, err, ended = run(mixed_folder, verbosity=0)
    assert "agenda-februari.txt" not in out
    assert "recept.txt" in err


def test_explicit_file_of_any_suffix_is_tried(tmp_path, letter_text):
    path = tmp_path / "agenda.brief"
    path.write_text(letter_text(), encoding="utf-8")
    out, err, ended = run(path)
    assert ended is None, err
    assert Letter.objects.get().source_name == "agenda.brief"


def test_folder_without_letter_files_is_a_command_error(tmp_path):
    (tmp_path / "README.md").write_text("niets\n", encoding="utf-8")
    with pytest.raises(CommandError, match="No letter files"):
        call_command("import_letters", str(tmp_path), stdout=StringIO(), stderr=StringIO())


# --- JSON ---------------------------------------------------------------------------------


def test_json_lists_every_file_and_exits_1_when_one_failed(mixed_folder):
    out, err, ended = run(mixed_folder, dry_run=True, format="json")

    assert isinstance(ended, SystemExit) and ended.code == 1
    items = {item["source"]: item for item in json.loads(out)}
    assert set(items) == set(BAD_FILES) | {"windows.txt", "agenda-februari.txt"} | {p.name for p in mixed_folder.glob("0*.txt")}
    for name, reason in BAD_FILES.items():
        assert items[name]["ok"] is False and reason in items[name]["error"] and items[name]["letter"] is None
    letter = items["agenda-februari.txt"]["letter"]
    assert items["agenda-februari.txt"]["ok"] is True and items["agenda-februari.txt"]["error"] is None
    assert (letter["kind"], letter["date"], letter["number"], letter["reference"]) == ("agenda", "2024-02-01", None, None)
    assert letter["minister"] == {"name": "K.H. Ollongren", "role": "Minister van Defensie"}
    (meeting,) = letter["meetings"]
    assert (meeting["series"], meeting["start_date"], meeting["end_date"], meeting["location"]) == (
        "dmm",
        "2024-02-13",
        "2024-02-14",
        "Brussel",
    )
    assert [s["title"] for s in meeting["sessions"]] == ["Afschrikking en verdediging"]
    assert (letter["citations"], letter["footnotes"]) == ([], [])
    assert "Afschrikking en verdediging" in letter["topics"]


def test_json_without_failures_exits_normally(good_folder):
    out, err, ended = run(good_folder, format="json")
    assert ended is None, err
    items = json.loads(out)
    assert [item["status"] for item in items] == ["created"] * 3
    assert all(item["ok"] and item["letter"]["minister"]["name"] == "K.H. Ollongren" for item in items)
    assert Letter.objects.count() == 3


def test_json_rerun_describes_the_unchanged_letters(good_folder):
    run(good_folder)
    out, err, ended = run(good_folder, format="json")
    items = json.loads(out)
    assert [item["status"] for item in items] == ["unchanged"] * 3
    assert all(item["letter"] and item["letter"]["minister"]["name"] == "K.H. Ollongren" for item in items)


# --- extraction score against the expected metadata ---------------------------------------


def extraction_score(tmp_path, expected: Path, files: list[Path], minimum: float) -> subprocess.CompletedProcess:
    out, err, ended = run(*files, dry_run=True, format="json")
    extracted = tmp_path / "extracted.json"
    extracted.write_text(out, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(CHECK_EXTRACTION), str(expected), str(extracted), "--min", str(minimum)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_seed_letters_extract_every_expected_field(tmp_path, seeds_dir, seed_files):
    checked = extraction_score(tmp_path, seeds_dir / "expected.json", seed_files, 1.0)
    assert checked.returncode == 0, checked.stdout + checked.stderr


# Our own letters in other layouts and years: "letters" was written alongside the rules,
# "letters_more", "letters_blind" and "letters_genre" (foreign ministers, summits, co-signed
# letters, typeset PDFs and Word files) by writers who never saw the code (holdouts, each scored
# before any rule was changed for it). All must stay near perfect.
# letters_genre is the newest holdout (written blind for issue 16): 91% when first scored
# after the genre rules; its floor rises to 0.95 as its remaining misses are fixed.
@pytest.mark.parametrize(
    "folder, minimum",
    [("letters", 0.95), ("letters_more", 0.95), ("letters_blind", 0.95), ("letters_genre", 0.90)],
)
def test_project_test_letters_extract_at_least_their_floor_of_expected_fields(tmp_path, folder, minimum):
    letters_dir = Path(__file__).resolve().parent / folder
    files = sorted(p for p in letters_dir.iterdir() if p.suffix in {".txt", ".md", ".pdf", ".docx"})
    checked = extraction_score(tmp_path, letters_dir / "expected.json", files, minimum)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_large_import_tidies_the_search_index_and_a_small_one_does_not(good_folder, monkeypatch):
    from meetings.management.commands import import_letters
    from meetings.search.backends import get_backend

    tidied = []
    monkeypatch.setattr(type(get_backend()), "optimize", lambda self: tidied.append(True))
    monkeypatch.setattr(import_letters, "OPTIMIZE_FROM", len(list(good_folder.glob("*.txt"))))  # all its letters
    run(str(good_folder), "--dry-run")
    assert tidied == []  # a dry run writes nothing
    out, err, error = run(str(good_folder))
    assert error is None and tidied == [True] and "search index tidied" in err
    run(str(good_folder))  # all unchanged: nothing written
    assert tidied == [True]
    monkeypatch.setattr(import_letters, "OPTIMIZE_FROM", 10_000)
    Letter.objects.all().delete()
    run(str(good_folder))
    assert tidied == [True]


def test_tidying_the_search_index_keeps_every_search_result(good_folder):
    from meetings.search.indexer import optimize_index
    from meetings.search.service import Search

    run(str(good_folder))
    before = {q: Search({"q": q}).run(limit=100, hits=False).ids for q in ("Oekraïne", "NAVO", "lucht*")}
    optimize_index()
    assert {q: Search({"q": q}).run(limit=100, hits=False).ids for q in before} == before and all(before.values())
