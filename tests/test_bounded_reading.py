"""Hostile files are refused in seconds with bounded memory (meetings/extract/bounded.py), by the
admin upload and by the import command alike. The bombs are made here, by the tests."""

import io
import time
import zipfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfWriter

from meetings.extract.bounded import ReadLimits, run_bounded
from meetings.extract.errors import UnreadableFileError
from meetings.extract.read import read_letter_bytes
from meetings.models import Letter
from meetings.store import import_bytes, staging

MB = 1024 * 1024


def zip_bomb(unpacked_mb: int) -> bytes:
    """A .docx-shaped zip of a few hundred kB whose document part unpacks to `unpacked_mb` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"\0" * MB
            for _ in range(unpacked_mb):
                part.write(block)
    return buffer.getvalue()


def pdf_of_pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb(300)


def refused_in_seconds(data: bytes, limits: ReadLimits | None = None, within: float = 5.0) -> str:
    started = time.monotonic()
    with pytest.raises(UnreadableFileError) as refused:
        read_letter_bytes(data, limits=limits or ReadLimits())
    assert time.monotonic() - started < within
    return str(refused.value)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(bomb):
    assert len(bomb) < 2 * MB
    assert "unpacks to 300 MB" in refused_in_seconds(bomb)


def test_a_pdf_of_tens_of_thousands_of_pages_is_refused():
    reason = refused_in_seconds(pdf_of_pages(20_000), within=10.0)
    assert "20,000 pages" in reason and "300" in reason


def slow_parser(data, limits):
    time.sleep(30)
    return "never"


def greedy_parser(data, limits):
    hoard = [bytearray(50 * MB) for _ in range(100)]  # 5 GB, far beyond the cap
    return str(len(hoard))


def test_a_parse_that_takes_too_long_is_stopped_at_its_deadline():
    started = time.monotonic()
    with pytest.raises(UnreadableFileError, match="longer than 1 seconds"):
        run_bounded(slow_parser, b"%PDF-", ReadLimits(seconds=1))
    assert time.monotonic() - started < 3


def test_a_parse_that_needs_too_much_memory_is_stopped():
    with pytest.raises(UnreadableFileError, match="more than 256 MB of memory"):
        run_bounded(greedy_parser, b"%PDF-", ReadLimits(memory_bytes=256 * MB))


def test_a_parser_error_comes_back_as_the_reason():
    def broken(data, limits):
        raise KeyError("/Root")

    with pytest.raises(UnreadableFileError, match="KeyError"):
        run_bounded(broken, b"%PDF-", ReadLimits())


@pytest.mark.django_db
def test_the_upload_refuses_a_bomb_with_its_reason(bomb):
    started = time.monotonic()
    _token, staged = staging.stage([SimpleUploadedFile("brief.docx", bomb)])
    assert time.monotonic() - started < 5
    assert "zip bomb" in staged[0].error and not staged[0].publishable


@pytest.mark.django_db
def test_the_upload_reads_its_files_within_one_time_budget(settings, letter_text):
    settings.UPLOAD_READ_SECONDS = 0  # the budget is spent before the first file
    _token, staged = staging.stage([SimpleUploadedFile("brief.pdf", pdf_of_pages(1))])
    assert "send this file again on its own" in staged[0].error


@pytest.mark.django_db
def test_the_command_refuses_a_bomb_and_imports_the_rest(bomb, tmp_path, letter_text):
    (tmp_path / "bom.docx").write_bytes(bomb)
    (tmp_path / "brief.txt").write_text(letter_text(), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_letters", str(tmp_path), stdout=StringIO(), stderr=err)
    assert "bom.docx" in err.getvalue() and "zip bomb" in err.getvalue()
    assert list(Letter.objects.values_list("source_name", flat=True)) == ["brief.txt"]


@pytest.mark.django_db
def test_limits_come_from_settings(settings):
    settings.LETTER_MAX_PAGES = 2
    result = import_bytes("drie.pdf", pdf_of_pages(3))
    assert result.status == "failed" and "3 pages, over the limit of 2" in result.error
