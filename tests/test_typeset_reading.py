"""Letters typeset by a real word processor read right: footnotes at the foot of each page
found, numbered and linked, running headers and footers left out, hyphenation at line ends
undone, paragraphs and headings kept, a sentence broken by a page rejoined; a Word file's real
footnotes read.

The PDFs and Word files in tests/fixtures/typeset/ were made by LibreOffice from the letters
in letters.py (make_fixtures.py); what is read out of them is compared with that source text.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from meetings.extract.clean import clean_letter
from meetings.extract.read import read_letter_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "typeset"


def load_sources():
    spec = importlib.util.spec_from_file_location("typeset_letters", FIXTURES / "letters.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SOURCES = load_sources()
LETTERS = {letter["name"]: letter for letter in SOURCES.LETTERS}
FILES = [(name, kind) for name in LETTERS for kind in ("pdf", "docx")]


def read(name: str, kind: str):
    return clean_letter(read_letter_bytes((FIXTURES / f"{name}.{kind}").read_bytes()))


def raw_pdf_text(name: str) -> str:
    """pypdf's plain reading of the fixture: what the layout reading has to improve on."""
    reader = PdfReader(io.BytesIO((FIXTURES / f"{name}.pdf").read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def blocks_from_first(document, first: str) -> list[str]:
    """Every block (headings, paragraphs, signature) from the first paragraph of text on."""
    texts = [block.text for block in document.blocks]
    return texts[texts.index(first) :] if first in texts else texts


def paragraphs_from_first(document, first: str) -> list[str]:
    """The paragraphs of the letter from its first paragraph of text on (the letterhead
    above it is the lead's business: letterhead.py)."""
    texts = [block.text for block in document.blocks if block.kind == "paragraph"]
    return texts[texts.index(first) :] if first in texts else texts


# --- Footnotes ---------------------------------------------------------------------------


@pytest.mark.parametrize("name,kind", FILES)
def test_footnotes_are_found_numbered_in_order_of_reference_with_their_text(name, kind):
    want = SOURCES.expected(LETTERS[name])
    document = read(name, kind)
    assert [(f.number, f.text) for f in document.footnotes] == list(enumerate(want["footnotes"], start=1))


@pytest.mark.parametrize("name,kind", FILES)
def test_footnote_markers_stand_where_the_text_refers_to_them(name, kind):
    want = SOURCES.expected(LETTERS[name])
    paragraphs = paragraphs_from_first(read(name, kind), want["paragraphs"][0])
    marked = [p for p in paragraphs if "[^" in p]
    assert marked == [p for p in want["paragraphs"] if "[^" in p]
    assert len(re.findall(r"\[\^\d+\]", " ".join(paragraphs))) == len(want["footnotes"])


def test_footnote_numbers_that_start_again_on_each_page_are_numbered_through():
    letter = LETTERS["ministerie_2023_verslag"]
    assert letter["numbering"] == "page"
    raw = raw_pdf_text(letter["name"])
    assert "1 Kamerstuk 21 501-02" in raw  # page 2's first footnote is printed as 1
    document = read(letter["name"], "pdf")
    assert [f.number for f in document.footnotes] == list(range(1, len(SOURCES.expected(letter)["footnotes"]) + 1))
    assert document.footnotes[3].text == "Kamerstuk 21 501-02, nr. 2611."


# --- Page furniture ----------------------------------------------------------------------


def running_texts(letter: dict) -> list[str]:
    """The running header and footer lines, without their page numbers."""
    lines = f"{letter['header']}\n{letter['footer']}".split("\n")
    return [re.sub(r"\s*(?:Pagina )?\{page\}(?: van \{count\})?", "", line).strip() or "Pagina" for line in lines]


@pytest.mark.parametrize("name", LETTERS)
def test_running_headers_and_footers_are_not_text(name):
    letter = LETTERS[name]
    raw = raw_pdf_text(name)
    furniture = running_texts(letter)
    assert all(text in raw for text in furniture)  # the PDF prints them
    document = read(name, "pdf")
    first = SOURCES.expected(letter)["paragraphs"][0]
    body = "\n".join(blocks_from_first(document, first))
    notes = "\n".join(f.text for f in document.footnotes)
    for text in furniture:
        assert text not in body and text not in notes
    assert "kst-" not in body + notes
    assert not re.search(r"\bPagina \d", body + notes)


# --- Hyphenation, paragraphs, headings ---------------------------------------------------


def line_end_breaks(name: str) -> list[tuple[str, str]]:
    """The words the PDF breaks at a line end with a hyphen: ('veiligheids', 'situatie')."""
    return re.findall(r"([^\W\d_][\w-]*)-\n([^\W\d_]\w*)", raw_pdf_text(name))


@pytest.mark.parametrize("name", LETTERS)
def test_hyphenation_at_line_ends_is_undone_and_real_hyphens_kept(name):
    source = " ".join(text for _, text in LETTERS[name]["blocks"])
    body = " ".join(b.text for b in read(name, "pdf").blocks)
    breaks = line_end_breaks(name)
    hyphenated = [(head, tail) for head, tail in breaks if f"{head}-{tail}" not in source]
    real = [(head, tail) for head, tail in breaks if f"{head}-{tail}" in source]
    assert hyphenated  # the word processor did hyphenate this letter
    for head, tail in hyphenated:
        assert f"{head}{tail}" in body and f"{head}-{tail}" not in body
    for head, tail in real:
        assert f"{head}-{tail}" in body


def test_both_kinds_of_line_end_hyphen_occur_in_the_fixtures():
    """The fixtures exercise what the tests above claim: 'Noord-' + 'Atlantische' at a line end."""
    breaks = {pair for name in LETTERS for pair in line_end_breaks(name)}
    assert ("Noord", "Atlantische") in breaks
    assert any(head.islower() and tail.islower() for head, tail in breaks)


@pytest.mark.parametrize("name,kind", FILES)
def test_paragraphs_come_out_whole_and_in_order(name, kind):
    want = SOURCES.expected(LETTERS[name])
    assert paragraphs_from_first(read(name, kind), want["paragraphs"][0]) == want["paragraphs"]


@pytest.mark.parametrize("name,kind", FILES)
def test_headings_stay_headings(name, kind):
    want = SOURCES.expected(LETTERS[name])
    headings = [b.text for b in read(name, kind).blocks if b.kind == "heading"]
    assert headings[-len(want["headings"]) :] == want["headings"]


def test_sentence_broken_by_a_page_is_rejoined():
    """In the report the page breaks inside a hyphenated word, with the page's footnotes,
    its footer and the next page's header in between."""
    name = "ministerie_2023_verslag"
    pages = PdfReader(io.BytesIO((FIXTURES / f"{name}.pdf").read_bytes())).pages
    broken = [i for i, page in enumerate(pages[:-1]) if "instrumentalisering van mi-" in page.extract_text()]
    assert broken and "gratie." in pages[broken[0] + 1].extract_text()
    body = " ".join(b.text for b in read(name, "pdf").blocks)
    assert "de instrumentalisering van migratie. Bondgenoten wisselden" in body


@pytest.mark.parametrize("name,kind", FILES)
def test_signature_is_a_signature(name, kind):
    role, signer = LETTERS[name]["blocks"][-1][1].split("\n")
    signature = " ".join(b.text for b in read(name, kind).blocks if b.kind == "signature")
    assert signature.endswith(f"{role} {signer}")


# --- The whole import --------------------------------------------------------------------


@pytest.mark.django_db
def test_import_dry_run_of_typeset_files(tmp_path):
    folder = tmp_path / "typeset"
    folder.mkdir()
    for name, kind in FILES:
        shutil.copy(FIXTURES / f"{name}.{kind}", folder)
    out = StringIO()
    call_command("import_letters", str(folder), dry_run=True, format="json", stdout=out, stderr=StringIO())
    items = {item["source"]: item for item in json.loads(out.getvalue())}
    assert set(items) == {f"{name}.{kind}" for name, kind in FILES}
    for name, kind in FILES:
        item = items[f"{name}.{kind}"]
        letter = item["letter"]
        assert item["ok"], item["error"]
        assert len(letter["footnotes"]) == len(SOURCES.expected(LETTERS[name])["footnotes"])
        text = json.dumps(letter, ensure_ascii=False)
        assert "kst-" not in text and "Pagina" not in text
        ids = {c["id"] for c in letter["citations"]}
        assert "28676-312" not in ids  # the Kamerstuk's own number, in its running footer
        assert {"28676-421", "26643-1002"} <= ids or {"28676-248", "21501-28-140"} <= ids
    agenda = items["kamerstuk_2016_agenda.pdf"]["letter"]
    assert (agenda["number"], agenda["date"], agenda["minister"]["name"]) == (312, "2016-06-03", "J.A. Hennis-Plasschaert")
    report = items["ministerie_2023_verslag.docx"]["letter"]
    assert report["reference"] == "BZ2312345"  # from the first page's header


@pytest.mark.parametrize("name", LETTERS)
def test_reader_leaves_running_lines_out_of_the_text(name):
    """The reader itself drops them (clean.py's letterhead patterns are a second net): the text
    holds a running line only once, where the first page's letterhead prints it."""
    letter = LETTERS[name]
    text = read_letter_bytes((FIXTURES / f"{name}.pdf").read_bytes())
    letterhead = letter.get("first_header", "").split("\n")  # the first page's header stays; its footer goes
    for line in running_texts(letter):
        assert text.count(line) == (1 if line in letterhead else 0), line
    assert "[^1]:" in text and "\n1 Kamerstuk" not in text  # footnotes lifted, not left in the page's flow
