"""meetings/extract/read.py: bytes to text, or an UnreadableFileError that says why. No database."""

from __future__ import annotations

import random

import pytest
from fpdf import FPDF

from meetings.extract.bounded import ReadLimits
from meetings.extract.errors import ExtractionError, UnreadableFileError
from meetings.extract.read import read_letter_bytes

PDF_LINES = [
    "Den Haag, 1 februari 2024",
    "Op 13 en 14 februari komen de NAVO-ministers van Defensie in Brussel bijeen.",
    "Met deze brief bied ik uw Kamer de geannoteerde agenda voor deze bijeenkomst aan.",
    "De ministers spreken over afschrikking en verdediging; Nederland zal het belang van luchtverdediging benadrukken.",
    "De Minister van Defensie,",
    "K.H. Ollongren",
]


def make_pdf(lines=(), *, rectangle: bool = False) -> bytes:
    """A one-page PDF; Helvetica is a core font, so the text stays within latin-1."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    if rectangle:
        pdf.rect(20, 20, 120, 60, style="F")
    return bytes(pdf.output())


def test_utf8_text_is_decoded(letter_text):
    text = letter_text(opening="Op 13 februari spreken de ministers over Oekraïne’s luchtverdediging.")
    assert read_letter_bytes(text.encode("utf-8")) == text


def test_utf8_byte_order_mark_is_dropped(letter_text):
    text = letter_text()
    result = read_letter_bytes(text.encode("utf-8-sig"))
    assert result == text
    assert not result.startswith("\ufeff")


def test_cp1252_text_is_decoded_with_its_accents_and_curly_quotes(letter_text):
    text = letter_text(opening="Op 13 februari bespreken de ministers de steun aan Oekraïne en ’s lands inzet.")
    result = read_letter_bytes(text.encode("cp1252"))
    assert "Oekraïne" in result
    assert "’s lands" in result
    assert result == text


def test_empty_file_is_refused_as_empty():
    with pytest.raises(UnreadableFileError, match="empty"):
        read_letter_bytes(b"")


def test_whitespace_only_file_is_refused_as_empty():
    with pytest.raises(UnreadableFileError, match="empty"):
        read_letter_bytes(b" \n\t\r\n  \n")


def test_random_binary_bytes_are_refused_as_binary():
    junk = random.Random(1).randbytes(4096)
    with pytest.raises(UnreadableFileError, match="binary"):
        read_letter_bytes(junk)


def test_binary_bytes_without_nul_that_decode_as_cp1252_are_refused():
    # No NUL bytes and only bytes cp1252 defines: decoding succeeds, the control-character check must catch it.
    undefined = {0x00, 0x81, 0x8D, 0x8F, 0x90, 0x9D}
    junk = bytes(b for b in random.Random(1).randbytes(8192) if b not in undefined)
    with pytest.raises(UnreadableFileError, match="binary"):
        read_letter_bytes(junk)


def test_file_over_the_size_limit_is_refused_with_the_limit_named(letter_text):
    data = letter_text().encode("utf-8")
    with pytest.raises(UnreadableFileError, match="over the limit"):
        read_letter_bytes(data, limits=ReadLimits(max_bytes=len(data) - 1))


def test_file_at_the_size_limit_is_read(letter_text):
    data = letter_text().encode("utf-8")
    assert read_letter_bytes(data, limits=ReadLimits(max_bytes=len(data))).startswith("Aan de Voorzitter")


def test_pdf_text_layer_comes_back():
    text = read_letter_bytes(make_pdf(PDF_LINES))
    flat = " ".join(text.split())
    assert "Den Haag, 1 februari 2024" in flat
    assert "NAVO-ministers van Defensie in Brussel bijeen" in flat
    assert "K.H. Ollongren" in flat


def test_pdf_with_leading_whitespace_is_still_read_as_pdf():
    text = read_letter_bytes(b"\n  " + make_pdf(PDF_LINES))
    assert "K.H. Ollongren" in text


def test_pdf_without_text_layer_is_refused_saying_so():
    with pytest.raises(UnreadableFileError, match="no text layer"):
        read_letter_bytes(make_pdf(rectangle=True))


def test_damaged_pdf_is_refused_as_unreadable_pdf():
    with pytest.raises(UnreadableFileError, match="PDF cannot be read"):
        read_letter_bytes(b"%PDF-1.4 garbage")


def test_truncated_pdf_is_refused_as_unreadable_pdf():
    data = make_pdf(PDF_LINES)
    with pytest.raises(UnreadableFileError, match="PDF cannot be read"):
        read_letter_bytes(data[: len(data) // 2])


def test_unreadable_file_error_is_an_extraction_error():
    # Callers (importer, admin upload) catch ExtractionError: every read failure must be one.
    with pytest.raises(ExtractionError):
        read_letter_bytes(b"\x00\x01\x02 not a letter")
