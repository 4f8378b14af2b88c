"""Bytes to text or structure: decode .txt/.md letters, take the text layer out of PDFs and Word
files, and the structure out of a Kamerstuk's official XML (official_xml.py)."""

from __future__ import annotations

import io
import logging
import re

from .bounded import ReadLimits, run_bounded
from .errors import UnreadableFileError
from .official_xml import Kamerstuk, looks_like_xml, read_kamerstuk

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"  # .docx is a zip archive holding word/document.xml
# Real letters are long-form prose; a file with this share of control characters is binary.
MAX_CONTROL_SHARE = 0.01
# Unicode category Cc (C0 and C1 controls) other than tab, newline, form feed and carriage return.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


DEFAULT_LIMITS = ReadLimits()


def read_letter_bytes(data: bytes, *, limits: ReadLimits = DEFAULT_LIMITS) -> str | Kamerstuk:
    """Return the text of a letter file's bytes (the structure of an official Kamerstuk XML),
    or raise UnreadableFileError saying why. The kind is told by the content, not the name.
    PDF, Word and XML files are parsed within the limits (bounded.py)."""
    if not data or not data.strip():
        raise UnreadableFileError("the file is empty")
    if len(data) > limits.max_bytes:
        raise UnreadableFileError(
            f"the file is {len(data) / 1_048_576:.1f} MB, over the limit of {limits.max_bytes / 1_048_576:.1f} MB"
        )
    if data.lstrip()[:5] == PDF_MAGIC:
        return run_bounded(pdf_text, data, limits)
    if data[:4] == ZIP_MAGIC:
        return run_bounded(docx_text, data, limits)
    if looks_like_xml(data):
        return run_bounded(read_kamerstuk, data, limits)
    return decode_text(data)


def file_kind(data: bytes) -> str:
    """What the bytes are, by their content: 'pdf', 'docx', 'zip', 'xml' or 'text'."""
    if data.lstrip()[:5] == PDF_MAGIC:
        return "pdf"
    if data[:4] == ZIP_MAGIC:
        return "docx" if b"word/document.xml" in data else "zip"
    if looks_like_xml(data):
        return "xml"
    return "text"


def docx_text(data: bytes, limits: ReadLimits) -> str:
    """A Word letter's paragraphs, tables, headings and footnotes (read_docx.py)."""
    import zipfile

    from docx import Document

    from .read_docx import word_text

    check_unpacked_size(data, limits)
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFileError("the file is a zip archive but not a Word document (.docx)") from exc
    text = word_text(document)
    if len(text.split()) < 20:
        raise UnreadableFileError("the Word document holds almost no text")
    return text


def decode_text(data: bytes) -> str:
    """UTF-8 first; letters saved on Windows arrive as cp1252, which we accept as well."""
    if b"\x00" in data:
        raise UnreadableFileError("the file is binary, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise UnreadableFileError("the file is neither UTF-8 nor Windows-1252 text") from exc
    if len(CONTROL_CHARACTERS.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise UnreadableFileError("the file is binary, not text (too many control characters)")
    return text


def check_unpacked_size(data: bytes, limits: ReadLimits) -> None:
    """Refuse a zip whose parts unpack to more than the limit, before unpacking any: a zip
    reader stops at each part's declared size, so the declared sizes bound what is read."""
    import zipfile

    try:
        declared = sum(member.file_size for member in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnreadableFileError("the file is a zip archive but not a Word document (.docx)") from exc
    if declared > limits.max_unpacked_bytes:
        raise UnreadableFileError(
            f"the Word file unpacks to {declared / 1_048_576:.0f} MB, over the limit of "
            f"{limits.max_unpacked_bytes / 1_048_576:.0f} MB (a zip bomb?)"
        )


def pdf_text(data: bytes, limits: ReadLimits) -> str:
    """The PDF's text layer as the page lays it out (pdf_layout.py: running headers and
    footers out, footnotes lifted and linked); a scan without text is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from .pdf_layout import layout_text, read_pages

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every odd xref
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        if len(reader.pages) > limits.max_pages:
            raise UnreadableFileError(f"the PDF has {len(reader.pages):,} pages, over the limit of {limits.max_pages:,}")
        text = layout_text(read_pages(reader)) or plain_text(reader)
    except (UnreadableFileError, MemoryError):
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableFileError(f"the PDF cannot be read ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:  # pypdf raises many internal types on damaged files
        raise UnreadableFileError(f"the PDF cannot be read ({exc.__class__.__name__})") from exc
    if len(text.split()) < 20:
        raise UnreadableFileError("the PDF has no text layer (a scan?); only PDFs with text can be imported")
    return text


def plain_text(reader) -> str:
    """pypdf's own reading order, page by page, for a PDF whose layout gives no lines.
    A new page starts its first line with a space, as in text exported from the PDFs: the
    cleaner uses that to rejoin sentences split by a footnote block."""
    pages = [page.extract_text() or "" for page in reader.pages]
    return "\n".join(" " + page.strip("\n") if i else page for i, page in enumerate(pages))
