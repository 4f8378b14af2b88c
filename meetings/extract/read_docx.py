"""A Word letter (.docx) as text for clean.py: paragraphs and tables in document order,
headings (Word's heading styles, "Kop" in Dutch Word) as '### ', and its real footnotes and
endnotes linked: each reference in the text becomes "[^N]", numbered in the order the text
refers to them, and each note's text "[^N]: …" after the body (the Markdown footnote form the
cleaner reads).

python-docx gives paragraphs and styles but not the notes, so the footnotes part
(word/footnotes.xml, and word/endnotes.xml) is read from the package through its relationships
(ECMA-376 part 1, 17.11: w:footnoteReference in the text, w:footnote with the same w:id in the
part). Page headers and footers live in parts of their own: the first page's header is read
as letterhead, the rest (running headers, page numbers) is no part of the letter's text.

Pure: python-docx only, no Django. read.py runs it within the reading limits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTES_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
ENDNOTES_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
# Elements whose runs are part of the paragraph's text (insertions, links, content controls, fields).
CONTAINERS = {f"{W}{name}" for name in ("hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml")}
HEADING_STYLES = ("heading", "kop")


@dataclass
class Notes:
    """The document's footnotes and endnotes by kind and id, and the numbers given to them in
    the order the text refers to them."""

    texts: dict[tuple[str, str], str]
    numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    def reference(self, kind: str, note_id: str) -> str:
        key = (kind, note_id)
        if key not in self.texts:
            return ""
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
        return f"[^{self.numbers[key]}]"


def word_text(document) -> str:
    """The letter's text; `document` is a python-docx Document."""
    from docx.table import Table

    notes = Notes(read_notes(document))
    blocks: list[str] = []
    for item in [*first_page_header(document), *document.iter_inner_content()]:
        if isinstance(item, Table):
            blocks.extend(table_lines(item, notes))
            continue
        text = paragraph_text(item._p, notes).strip()
        blocks.append(f"### {' '.join(text.split())}" if text and is_heading(item) else text)
    for key, number in notes.numbers.items():
        blocks.append(f"[^{number}]: {notes.texts[key]}")
    return "\n\n".join(blocks)


def first_page_header(document) -> list:
    """The paragraphs and tables of the first page's header: the letter paper's letterhead
    (the ministry, its sidebar with date and reference), read as the first page shows it.
    The later pages' headers and all footers repeat it or number the pages: left out."""
    if not document.sections:
        return []
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    if header.is_linked_to_previous:  # the first section has no header of its own
        return []
    return list(header.iter_inner_content())


def is_heading(paragraph) -> bool:
    style = paragraph.style
    name = (style.name or "").lower() if style is not None else ""
    return name.startswith(HEADING_STYLES)


def table_lines(table, notes: Notes) -> list[str]:
    """A table's cells, row by row (the letterhead is sometimes set as a table); a merged
    cell is read once."""
    seen: set[int] = set()
    lines = []
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            lines.extend(paragraph_text(p._p, notes).strip() for p in cell.paragraphs)
    return [line for line in lines if line]


def paragraph_text(paragraph, notes: Notes | None = None) -> str:
    """A w:p element's text: its runs, and the runs inside links, insertions and content
    controls; a line break is a new line and a note reference its [^N]."""
    parts: list[str] = []
    for child in paragraph:
        if child.tag == f"{W}r":
            parts.append(run_text(child, notes))
        elif child.tag in CONTAINERS:
            parts.append(paragraph_text(child, notes))
    return "".join(parts)


def run_text(run, notes: Notes | None) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference") and notes is not None:
            kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
            parts.append(notes.reference(kind, child.get(f"{W}id", "")))
    return "".join(parts)


def read_notes(document) -> dict[tuple[str, str], str]:
    """The text of each real footnote and endnote (not the separators Word keeps in the same
    part), by kind and id."""
    from docx.oxml.parser import parse_xml

    found: dict[tuple[str, str], str] = {}
    for relationship in document.part.rels.values():
        kind = {FOOTNOTES_RELATIONSHIP: "footnote", ENDNOTES_RELATIONSHIP: "endnote"}.get(relationship.reltype)
        if kind is None or relationship.is_external:
            continue
        root = parse_xml(relationship.target_part.blob)
        for note in root.iterchildren(f"{W}{kind}"):
            if note.get(f"{W}type") not in (None, "normal"):
                continue  # separator, continuationSeparator, continuationNotice
            paragraphs = [paragraph_text(p).strip() for p in note.iterchildren(f"{W}p")]
            text = " ".join(" ".join(p.split()) for p in paragraphs if p)
            if text:
                found[(kind, note.get(f"{W}id", ""))] = text
    return found
