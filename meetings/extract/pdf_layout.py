"""A typeset PDF's pages as the text of a letter: body, headings and footnotes told apart by
where the text stands on the page and how large it is set.

A word processor's PDF (Word, LibreOffice, the Kamerstuk print) prints footnotes at the foot of
each page, in a smaller size than the body, with their numbers raised; the markers in the text
are raised, smaller digits; every page carries a running header or footer with its page number.
Plain text extraction runs all of that together ("…, nr. 248.2 Zie de brief…"). Here pypdf's
text visitor gives each run of text with its position and size (pypdf's extract_text with
visitor_text), and the page is read as a typesetter laid it out:

- running headers and footers (a line at the top or foot of the page that recurs on other
  pages with only its page number changed, a line that is the page number, a line of the
  Kamerstuk print's furniture) are left out;
- footnotes (lines below the body, set smaller, starting with a number that a raised marker
  on the page refers to) are numbered in the order the text refers to them, their markers
  become "[^N]" and their text "[^N]: …" after the body (the Markdown footnote form clean.py
  reads);
- paragraphs are separated where the space between lines grows, a bold short paragraph is a
  heading ("### "), and the first line of a new page starts with one space, so that
  clean.py rejoins a sentence broken by the page (and undoes the hyphenation at line ends).

Pure: pypdf only, no Django.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .letterhead import PAGE_FURNITURE_RE

# A superscript is set at about 58-65% of the text size (LibreOffice, Word); a footnote at
# 80-90%; headers and footers at 70-90%. Sizes are compared with these ratios.
SUPERSCRIPT_RATIO = 0.8
SMALLER_BY = 0.4  # points: a line set at least this much smaller than the body is small print
EDGE_SHARE = 0.15  # top and bottom 15% of the page: where running headers and footers stand
HEADING_MAX_CHARS = 110
BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
DIGITS = re.compile(r"\d+")
FOOTNOTE_NUMBER = re.compile(r"^\s*(\d{1,3})(?:[.)])?(?:\s+|$)")
PAGE_NUMBER_FORMS = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–]?\s*(?P<n>\d{1,3})\s*[-–]?(?:\s*(?:van|of|/)\s*\d{1,3})?$", re.IGNORECASE
)


@dataclass
class Run:
    """A piece of text as pypdf hands it over: where it starts, its size and weight."""

    text: str
    x: float
    y: float
    size: float
    bold: bool
    raised: bool = False  # a superscript: a footnote marker or a footnote's own number


@dataclass
class Line:
    page: int  # 0-based
    runs: list[Run] = field(default_factory=list)

    @property
    def body_runs(self) -> list[Run]:
        return [run for run in self.runs if not run.raised] or self.runs

    @property
    def y(self) -> float:
        return self.body_runs[0].y

    @property
    def x(self) -> float:
        return min(run.x for run in self.runs)

    @property
    def size(self) -> float:
        """The size most of the line's characters are set in."""
        sizes = Counter()
        for run in self.body_runs:
            sizes[round(run.size, 1)] += len(run.text.strip()) or 1
        return sizes.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        return all(run.bold for run in self.body_runs if run.text.strip())

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs).strip()


@dataclass
class Page:
    number: int  # 0-based
    height: float
    lines: list[Line]


def read_pages(reader) -> list[Page]:
    """Every page's lines, in the order the page draws them (reading order for a word
    processor's PDF, which keeps a sidebar's lines apart from the body's)."""
    pages = []
    for index, page in enumerate(reader.pages):
        box = page.mediabox
        height = float(box.top) - float(box.bottom)
        collector = LineCollector(index, float(box.bottom))
        page.extract_text(visitor_text=collector.visit)
        pages.append(Page(index, height, [line for line in collector.finish() if line.text]))
    return pages


class LineCollector:
    """Gathers pypdf's text runs into lines; pypdf ends a run with a newline where the text
    moves to another line. A raised, smaller run stays on its line as a superscript."""

    def __init__(self, page: int, bottom: float):
        self.page = page
        self.bottom = bottom
        self.lines: list[Line] = []
        self.current = Line(page)

    def visit(self, text, cm, tm, font, size) -> None:
        if not text:
            return
        a, b, c, d, e, f = multiply(tm, cm)
        if abs(b) > 1e-3 or abs(c) > 1e-3 or a <= 0:
            return  # rotated or mirrored text (a stamp, a margin note) is no part of the letter
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if piece.strip():
                self.add(Run(piece, e, f - self.bottom, size * math.hypot(c, d), is_bold(font)))
            elif piece and self.current.runs:
                self.current.runs[-1].text += " "  # a word space drawn on its own
            if index < len(pieces) - 1:
                self.end_line()

    def add(self, run: Run) -> None:
        if self.current.runs:
            line_size = self.current.size
            baseline = self.current.y
            raised = run.size < SUPERSCRIPT_RATIO * line_size and 0 < run.y - baseline < 0.75 * line_size
            if raised:
                run.raised = True
            elif abs(run.y - baseline) > 0.5 * min(run.size, line_size):
                if self.current.body_runs[0].raised and abs(run.y - baseline) < 0.75 * run.size:
                    # The line began with a raised number (a footnote's own): its text sets the baseline.
                    for earlier in self.current.runs:
                        earlier.raised = True
                else:
                    self.end_line()
        self.current.runs.append(run)

    def end_line(self) -> None:
        if self.current.runs:
            self.lines.append(self.current)
        self.current = Line(self.page)

    def finish(self) -> list[Line]:
        self.end_line()
        lines: list[Line] = []
        for line in self.lines:
            if lines and is_raised_number_of(lines[-1], line):
                lines[-1].runs[0].raised = True  # "¹ Kamerstuk …": the footnote's own number
                lines[-1].runs.extend(line.runs)
            else:
                lines.append(line)
        return lines


def is_raised_number_of(number: Line, line: Line) -> bool:
    """A line that is only a small number, set just above the start of the next line, is
    that line's raised number (pypdf breaks the line at the raised number)."""
    if len(number.runs) != 1 or not DIGITS.fullmatch(number.text):
        return False
    run, following = number.runs[0], line.runs[0]
    return (
        run.size < SUPERSCRIPT_RATIO * following.size and 0 < run.y - following.y < 0.75 * following.size and run.x <= following.x
    )


def multiply(tm, cm) -> tuple[float, ...]:
    """The text matrix in page space (PDF 32000-1, 9.4.4: text space to user space)."""
    return (
        tm[0] * cm[0] + tm[1] * cm[2],
        tm[0] * cm[1] + tm[1] * cm[3],
        tm[2] * cm[0] + tm[3] * cm[2],
        tm[2] * cm[1] + tm[3] * cm[3],
        tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
        tm[4] * cm[1] + tm[5] * cm[3] + cm[5],
    )


def is_bold(font) -> bool:
    if not font:
        return False
    try:
        name = str(font.get("/BaseFont", ""))
        descriptor = font.get("/FontDescriptor")
        weight = descriptor.get_object().get("/FontWeight", 0) if descriptor is not None else 0
        return bool(BOLD_NAME.search(name)) or float(weight) >= 600
    except (AttributeError, TypeError, ValueError):
        return False


# --- Page furniture ----------------------------------------------------------------------


def drop_furniture(pages: list[Page], size: float) -> None:
    """Leave out running headers and footers: lines at the top or foot of a page that recur on
    another page with only the page number changed, that are the page number, or that are the
    Kamerstuk print's furniture. A recurring line on the first page's top is letterhead
    (the ministry's name, a reference), which the letter's metadata is read from: it stays."""
    recurring = Counter()
    for page in pages:
        for key in {edge_key(line, page) for line in edge_lines(page)}:
            recurring[key] += 1
    for page in pages:
        edges = edge_lines(page)
        outermost = {id(page.lines[0]), id(page.lines[-1])} if page.lines else set()
        drop = set()
        for line in edges:
            letterhead = page.number == 0 and line.y > page.height / 2
            repeated = recurring[edge_key(line, page)] >= 2 or PAGE_FURNITURE_RE.match(line.text)
            if (repeated and not letterhead) or is_page_number_line(line.text, page.number + 1, id(line) in outermost):
                drop.add(id(line))
        if page.number > 0:
            drop |= {id(line) for line in running_header(page, size)}
        page.lines = [line for line in page.lines if id(line) not in drop]


def running_header(page: Page, size: float) -> list[Line]:
    """The small print at the top of a later page, above its first line of body text: the
    running header (a sidebar block, a title), even where it appears on one page only. A
    heading set in bold at a smaller size is not one."""
    header = []
    for line in sorted(page.lines, key=lambda line: -line.y):
        if line.y < page.height * (1 - EDGE_SHARE) or not is_small(line, size) or line.bold:
            break
        header.append(line)
    return header


def edge_lines(page: Page) -> list[Line]:
    band = EDGE_SHARE * page.height
    return [line for line in page.lines if line.y > page.height - band or line.y < band]


def edge_key(line: Line, page: Page) -> tuple[str, bool]:
    """The line's text with the page's number masked, and whether it stands at the top or
    the foot: a running header or footer is the same on every page but for that number
    (masking every number would make two footnotes citing Kamerstukken look alike)."""
    text = " ".join(line.text.lower().split())
    return re.sub(rf"(?<!\d){page.number + 1}(?!\d)", "#", text), line.y > page.height / 2


def is_page_number_line(text: str, page_number: int, outermost: bool) -> bool:
    """'2', '- 2 -', 'Pagina 2 van 3', '2/3'; or, as the page's first or last line, a running
    title that ends in the page number ('Tweede Kamer, vergaderjaar 2015–2016, 28 676, nr. 312 2')."""
    match = PAGE_NUMBER_FORMS.match(text.strip())
    if match:
        return int(match.group("n")) == page_number
    tail = re.search(r"\s(\d{1,3})$", text.strip())
    return outermost and tail is not None and int(tail.group(1)) == page_number


# --- Footnotes ---------------------------------------------------------------------------


@dataclass
class Note:
    page: int
    printed: int  # the number as printed (it may start again on each page)
    lines: list[Line]


def body_size(pages: list[Page]) -> float:
    """The size most of the letter's characters are set in."""
    sizes = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def markers_on(line: Line) -> list[int]:
    return [int(run.text.strip()) for run in line.runs if run.raised and DIGITS.fullmatch(run.text.strip())]


def take_footnotes(pages: list[Page], size: float) -> list[Note]:
    """Lift the footnotes off each page's foot: small print below the last line of body text,
    starting with a number that a marker on this page (or the one before) refers to."""
    notes: list[Note] = []
    previous_markers: set[int] = set()
    for page in pages:
        markers = {n for line in page.lines for n in markers_on(line) if not is_small(line, size)}
        body = [line for line in page.lines if not is_small(line, size)]
        lowest = min((line.y for line in body), default=page.height)
        foot = [line for line in page.lines if is_small(line, size) and line.y < lowest]
        foot.sort(key=lambda line: -line.y)
        wanted = markers | previous_markers
        page_notes: list[Note] = []
        kept: list[Line] = []
        for line in foot:
            number = leading_number(line)
            if number is not None and number in wanted and (not page_notes or number > page_notes[-1].printed):
                page_notes.append(Note(page.number, number, [strip_number(line)]))
            elif page_notes:
                page_notes[-1].lines.append(line)
            elif notes and notes[-1].page == page.number - 1:
                notes[-1].lines.append(line)  # a footnote that runs on from the page before
            else:
                kept.append(line)
        if page_notes or len(kept) < len(foot):
            lifted = {id(line) for line in foot} - {id(line) for line in kept}
            page.lines = [line for line in page.lines if id(line) not in lifted]
        notes.extend(page_notes)
        previous_markers = markers
    return notes


def is_small(line: Line, size: float) -> bool:
    return line.size <= size - SMALLER_BY


def leading_number(line: Line) -> int | None:
    first = line.runs[0]
    if first.raised and DIGITS.fullmatch(first.text.strip()):
        return int(first.text.strip())
    match = FOOTNOTE_NUMBER.match(line.text)
    return int(match.group(1)) if match else None


def strip_number(line: Line) -> Line:
    """The footnote's first line without its number."""
    text = line.text
    match = FOOTNOTE_NUMBER.match(text) or re.match(r"^\s*\d{1,3}", text)
    rest = text[match.end() :].strip() if match else text
    return Line(line.page, [Run(rest, line.x, line.y, line.size, line.bold)])


def number_footnotes(pages: list[Page], notes: list[Note]) -> list[tuple[int, Note]]:
    """Number the footnotes in the order the text refers to them; each marker becomes [^N].
    A raised number that refers to no footnote (m², 1e) is left as it is."""
    by_key = {(note.page, note.printed): note for note in notes}
    numbered: list[tuple[int, Note]] = []
    taken: set[int] = set()
    for page in pages:
        for line in page.lines:
            for run in line.runs:
                if not (run.raised and DIGITS.fullmatch(run.text.strip())):
                    continue
                printed = int(run.text.strip())
                note = by_key.get((page.number, printed)) or by_key.get((page.number + 1, printed))
                if note is not None and id(note) not in taken:
                    taken.add(id(note))
                    numbered.append((len(numbered) + 1, note))
                    run.text = f"[^{len(numbered)}]"
    for note in notes:  # a footnote the text does not refer to keeps its place at the end
        if id(note) not in taken:
            numbered.append((len(numbered) + 1, note))
    return numbered


# --- Paragraphs --------------------------------------------------------------------------


def line_pitch(pages: list[Page], size: float) -> float:
    """The usual distance between two lines of a body paragraph."""
    gaps = Counter()
    for page in pages:
        for before, after in zip(page.lines, page.lines[1:]):
            gap = before.y - after.y
            if abs(before.size - size) < SMALLER_BY and abs(after.size - size) < SMALLER_BY and gap > 0:
                gaps[round(gap * 2) / 2] += 1
    return gaps.most_common(1)[0][0] if gaps else size * 1.2


def full_line_chars(pages: list[Page], size: float) -> int:
    """How many characters a full line of body text holds (the 90th percentile)."""
    counts = sorted(len(line.text) for page in pages for line in page.lines if abs(line.size - size) < SMALLER_BY)
    return counts[int(len(counts) * 0.9)] if counts else 0


def paragraphs_of(page: Page, pitch: float, full: int) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in page.lines:
        if groups and continues_paragraph(groups[-1][-1], line, pitch, full):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def continues_paragraph(before: Line, line: Line, pitch: float, full: int) -> bool:
    """Whether `line` goes on with the paragraph `before` ends: no wider gap, no change of size
    or weight, and `before` is not a short line followed by a capital (a letterhead line set
    without space between, as 'Den Haag, 14 april 2023' above 'Betreft …')."""
    if len(before.text) < 0.6 * full and not before.text.endswith("-") and line.text[:1].isupper():
        return False
    gap = before.y - line.y
    if gap <= 0 or gap > pitch + max(1.5, 0.25 * line.size):
        return False  # a wider gap, or the text jumps back up the page (another column)
    # A change of weight or size: a heading set without space under it.
    return before.bold == line.bold and abs(before.size - line.size) < SMALLER_BY


def as_text(group: list[Line]) -> str:
    lines = [line.text for line in group]
    if is_heading(group):
        return "### " + " ".join(lines)
    return "\n".join(lines)


def is_heading(group: list[Line]) -> bool:
    text = " ".join(line.text for line in group)
    return (
        len(group) <= 2
        and all(line.bold for line in group)
        and len(text) <= HEADING_MAX_CHARS
        and not text.endswith((".", ",", ";"))
        and not re.match(r"^\[\^\d+\]", text)
    )


def layout_text(pages: list[Page]) -> str:
    """The letter as text for clean.py: paragraphs between blank lines, headings as '### ',
    each new page's first line after one space, footnotes as '[^N]: …' at the end."""
    size = body_size(pages)
    drop_furniture(pages, size)
    notes = take_footnotes(pages, size)
    numbered = number_footnotes(pages, notes)
    pitch = line_pitch(pages, size)
    full = full_line_chars(pages, size)
    parts: list[str] = []
    for page in pages:
        for index, group in enumerate(paragraphs_of(page, pitch, full)):
            text = as_text(group)
            if index == 0 and page.number > 0 and parts:
                parts[-1] += "\n " + text  # clean.py decides whether the page broke a paragraph
            else:
                parts.append(text)
    for number, note in numbered:
        parts.append(f"[^{number}]: " + "\n".join(line.text for line in note.lines))
    return "\n\n".join(parts)
