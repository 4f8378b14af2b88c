"""A letter that arrives as a PDF goes through the same extraction as its text."""

import json

import pytest
from fpdf import FPDF

from meetings.store import import_bytes

pytestmark = pytest.mark.django_db


def pdf_of(text: str) -> bytes:
    """A multi-page PDF with a real text layer, typeset from the letter's paragraphs."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    latin1 = text.replace("’", "'").replace("–", "-").replace("“", '"').replace("”", '"')
    for paragraph in latin1.split("\n\n"):
        pdf.multi_cell(0, 5, " ".join(paragraph.split()), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


def test_pdf_letter_extracts_like_its_text(seeds_dir):
    name = "003_ab0bb0f9ecab726f.txt"
    expected = json.loads((seeds_dir / "expected.json").read_text())["letters"][name]
    content = pdf_of((seeds_dir / name).read_text(encoding="utf-8"))
    assert content.startswith(b"%PDF")

    result = import_bytes("brief.pdf", content)

    assert result.ok, result.error
    data = result.data
    assert (data.kind, data.date.isoformat(), data.number) == (expected["kind"], expected["date"], expected["number"])
    assert data.minister.name == expected["minister"]
    (meeting,) = data.meetings
    want = expected["meetings"][0]
    assert (meeting.start_date.isoformat(), meeting.end_date.isoformat(), meeting.location) == (
        want["start_date"],
        want["end_date"],
        want["location"],
    )
    assert {p.code for p in meeting.participants} == set(want["invited"])
    assert {c.id for c in data.citations} == set(expected["citations"])
    assert result.letter.source_file.name.endswith("brief.pdf")
