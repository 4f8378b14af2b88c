"""Text to blocks: the messy text of a letter becomes headings, paragraphs and footnotes.

Text taken from the ministry's PDFs has hard line breaks, words hyphenated across lines,
page headers and footers, and footnote bodies dropped wherever the page ended. A line that
starts with a single space begins a new PDF page (that is how the text layer comes out).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import markdown
from .body import Block, BlockKind
from .data import CleanDocument, Footnote
from .letterhead import is_furniture, is_head_furniture
from .signature import is_signature_name, is_signature_role, mark_closing_formula
from .text import collapse_spaces, normalize

FOOTNOTE_LINE = re.compile(r"^(\d{1,2})\s+(\S.*)$")
MARKDOWN_FOOTNOTE = re.compile(r"^\[\^(\d{1,2})\]:\s*(.*)$")
# A footnote marker sits right after a word or its punctuation: "vormgegeven.1 In", "jl.2".
MARKER = r"(?:(?<=[^\W\d_])|(?<=[^\W\d_][.,;:)’”\"])|(?<=\w[)’”\"][.,;:])){n}(?=[\s.,;:)]|$)"
SENTENCE_END = re.compile(r"[.!?:;)\"”’]$")
# Words that can follow a hyphen that is not a line-break hyphenation: "defensie- en veiligheid".
CONJUNCTIONS = {"en", "of", "tot", "noch", "dan"}
HEADING_MAX_CHARS = 110
BULLET = re.compile(r"^[-•*–]\s+")  # each list item is a block of its own
# "1. Afschrikking en verdediging", "2.3 Lastenverdeling": the number is not part of the heading.
NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|\(?\d{1,2}\)|[IVX]{1,4}\.)\s+(?=[A-ZÀ-Þ])")
HEADING_MAX_WORDS = 14


@dataclass
class Line:
    text: str  # markup stripped, spaces trimmed; "" for a blank line
    page_start: bool = False  # began with one space: the first line of a new PDF page
    hyphen_break_ok: bool = True  # no space after a trailing hyphen
    markdown_heading: bool = False
    furniture: bool = False  # a page header/footer or letterhead line, blanked out


def clean_letter(raw: str, plain_lines: list[str] | None = None) -> CleanDocument:
    """`plain_lines`: the lines of normalize(raw) without Markdown and runs of spaces, when the
    caller has them already (parse_letter), to save working them out twice."""
    lines = prepare_lines(raw, plain_lines)
    lines = hyphen_spacing(lines)
    lines = drop_repeated_lines(lines)
    lines, footnotes = lift_footnotes(lines)
    vocabulary = words_on_one_line(lines)
    blocks = [block for group in paragraphs(lines) if (block := to_block(group, vocabulary))]
    blocks = mark_closing_formula(mark_footnote_references(blocks, footnotes))
    return CleanDocument(blocks=blocks, footnotes=footnotes)


def prepare_lines(raw: str, plain_lines: list[str] | None = None) -> list[Line]:
    """Normalize each line, strip Markdown, and blank out page furniture and letterhead."""
    result: list[Line] = []
    sources = normalize(raw).split("\n")
    plain = (
        plain_lines
        if plain_lines is not None and len(plain_lines) == len(sources)
        else [collapse_spaces(markdown.strip_markdown(source)) for source in sources]
    )
    for index, (source, text) in enumerate(zip(sources, plain)):
        heading = markdown.is_markdown_heading(source)
        furniture = is_furniture(text) or is_head_furniture(text, index)
        result.append(
            Line(
                text="" if furniture else text,
                page_start=source.startswith(" ") and not source.startswith("  ") and bool(text),
                hyphen_break_ok=not ends_in_spaced_hyphen(source),
                markdown_heading=heading,
                furniture=furniture,
            )
        )
    return result


def ends_in_spaced_hyphen(source: str) -> bool:
    """'defensie- ' (a hyphen, then spaces, at the end of the line)."""
    stripped = source.rstrip()
    return len(stripped) < len(source) and stripped.endswith("-")


def hyphen_spacing(lines: list[Line]) -> list[Line]:
    """A space after a line-final hyphen marks a real hyphen ("defensie- en") only in text
    where line-break hyphens come without one; where every line ends in a space it says nothing."""
    hyphenated = [line for line in lines if line.text.endswith("-")]
    if hyphenated and all(not line.hyphen_break_ok for line in hyphenated):
        for line in hyphenated:
            line.hyphen_break_ok = True
    return lines


def drop_repeated_lines(lines: list[Line]) -> list[Line]:
    """A short line printed on three or more pages is a running header or footer."""
    counts = Counter(line.text for line in lines if line.text and len(line.text) < 90)
    repeated = {text for text, count in counts.items() if count >= 3}
    return [Line("", furniture=True) if line.text in repeated else line for line in lines]


def lift_footnotes(lines: list[Line]) -> tuple[list[Line], list[Footnote]]:
    """Take footnote bodies out of the running text; numbered in order, each after its marker."""
    body: list[Line] = []
    footnotes: list[Footnote] = []
    seen_text = ""
    after_footnote = False
    i = 0
    while i < len(lines):
        line = lines[i]
        expected = len(footnotes) + 1
        number, first = footnote_start(line.text)
        # A Markdown footnote ("[^3]: …", as the PDF and Word readers write them) is one even
        # where the text does not refer to it.
        if number == expected and (MARKDOWN_FOOTNOTE.match(line.text) or has_marker(seen_text, number)):
            end = footnote_end(lines, i, expected)
            starts_block = not body or not body[-1].text or line.page_start or after_footnote
            # A footnote either follows a blank line or runs into the page's footer.
            if starts_block or end == len(lines) or lines[end].furniture or lines[end].page_start:
                parts = [first] + [l.text for l in lines[i + 1 : end]]
                footnotes.append(Footnote(number, join_lines([Line(p) for p in parts])))
                i = end
                following = next((l for l in lines[i:] if l.text), None)
                after_footnote = following is not None and footnote_start(following.text)[0] == expected + 1
                if not after_footnote:
                    rejoin_after_footnote(body, following)
                continue
        after_footnote = False
        body.append(line)
        seen_text += " " + line.text
        i += 1
    return body, footnotes


def footnote_end(lines: list[Line], start: int, number: int) -> int:
    """Index of the first line after the footnote that starts at `start`."""
    end = start + 1
    while end < len(lines) and lines[end].text and not lines[end].page_start:
        if footnote_start(lines[end].text)[0] == number + 1:
            break
        end += 1
    return end


def footnote_start(text: str) -> tuple[int | None, str]:
    match = FOOTNOTE_LINE.match(text) or MARKDOWN_FOOTNOTE.match(text)
    return (int(match.group(1)), match.group(2)) if match else (None, "")


def has_marker(text: str, number: int) -> bool:
    return bool(re.search(MARKER.format(n=number), text) or f"[^{number}]" in text)


def rejoin_after_footnote(body: list[Line], following: Line | None) -> None:
    """A footnote block can split a sentence in two; glue the halves back together."""
    while body and not body[-1].text:
        body.pop()
    if not body:
        return
    continues = (
        following is not None and following.text and (not SENTENCE_END.search(body[-1].text) or following.text[:1].islower())
    )
    if not continues:
        body.append(Line(""))
    elif following is not None:
        following.page_start = False


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Group lines into paragraphs at blank lines and at page starts that open a sentence.

    A page header or footer between two halves of a sentence is not a paragraph break: when
    the text before it does not end a sentence and the text after it starts in lower case,
    the halves are joined.
    """
    groups: list[list[Line]] = []
    current: list[Line] = []
    crossed_furniture = False
    for line in lines:
        if not line.text and not line.markdown_heading:
            crossed_furniture = crossed_furniture or line.furniture
            if current and not line.furniture:
                groups.append(current)
                current = []
            continue
        if crossed_furniture and not current and groups and continues(groups[-1][-1], line):
            current = groups.pop()
        crossed_furniture = False
        new_page_paragraph = line.page_start and current and SENTENCE_END.search(current[-1].text) and line.text[:1].isupper()
        if line.markdown_heading or new_page_paragraph or BULLET.match(line.text):
            if current:
                groups.append(current)
            current = [line]
            if line.markdown_heading:
                groups.append(current)
                current = []
            continue
        current.append(line)
    if current:
        groups.append(current)
    return groups


def continues(before: Line, after: Line) -> bool:
    return not SENTENCE_END.search(before.text) and after.text[:1].islower()


def words_on_one_line(lines: list[Line]) -> set[str]:
    """Every word as printed within a line: tells 'defensie-industrie' from 'verdrags-gebied'."""
    return {w.lower() for line in lines for w in re.findall(r"[^\W_][\w-]*[^\W_]", line.text)}


VOWELS = set("aeiou")


def join_lines(lines: list[Line], vocabulary: set[str] = frozenset()) -> str:
    """Join wrapped lines, undoing hyphenation but keeping real hyphens (EU-NAVO).

    Between two lower-case letters the hyphen is a line-break hyphen, unless the letter itself
    prints the hyphenated word on one line elsewhere, or (Dutch spelling: klinkerbotsing) it
    stands between two vowels, as in "defensie-industrie".
    """
    text = ""
    for index, line in enumerate(lines):
        piece = line.text
        if not text:
            text = piece
            continue
        previous = lines[index - 1]
        if text.endswith("-") and previous.hyphen_break_ok:
            next_word = piece.split(" ", 1)[0].lower()
            before = text[-2:-1]
            if next_word in CONJUNCTIONS:
                text += " " + piece
            elif before.islower() and piece[:1].islower() and not keeps_hyphen(text, piece, vocabulary):
                text = text[:-1] + piece  # "verdrags-" + "gebied"
            else:
                text += piece  # "EU-" + "NAVO", "NAVO2030-" + "agenda"
        else:
            text += " " + piece
    return collapse_spaces(text)


def keeps_hyphen(text: str, piece: str, vocabulary: set[str]) -> bool:
    head = re.search(r"[\w-]+-$", text).group(0).lower()
    tail = re.match(r"[\w-]+", piece).group(0).lower()
    if head + tail in vocabulary:
        return True
    if head[:-1] + tail in vocabulary:
        return False
    return head[-2:-1] in VOWELS and tail[:1] in VOWELS and is_compound_part(head[:-1].rsplit("-", 1)[-1])


def is_compound_part(word: str) -> bool:
    """A word of its own, as the first part of a compound is ("defensie-industrie"). A word
    processor hyphenates between two vowels too ("re-actie", "situ-atie"), where the part
    before the break is no word: that hyphen goes (simplemma's Dutch word list)."""
    import simplemma

    return len(word) >= 3 and simplemma.is_known(word, lang="nl")


def to_block(group: list[Line], vocabulary: set[str] = frozenset()) -> Block | None:
    text = join_lines(group, vocabulary)
    if not text:
        return None
    if is_signature_role(group[0].text) or is_signature_name(text):
        return Block(BlockKind.SIGNATURE, text)
    numbered = NUMBERED_HEADING.match(text)
    if group[0].markdown_heading or looks_like_heading(group, text[numbered.end() :] if numbered else text):
        return Block(BlockKind.HEADING, (text[numbered.end() :] if numbered else text).rstrip(":"))
    return Block(BlockKind.PARAGRAPH, text)


def looks_like_heading(group: list[Line], text: str) -> bool:
    """A short paragraph of one or two lines, no sentence punctuation, capitalised."""
    return (
        len(group) <= 2
        and len(text) <= HEADING_MAX_CHARS
        and len(text.split()) <= HEADING_MAX_WORDS
        and text[:1].isupper()
        and not re.search(r"[.,;:!?]$", text)
        and not any(line.text.endswith((".", ";")) for line in group)
        and not group[-1].text.endswith(",")
    )


def mark_footnote_references(blocks: list[Block], footnotes: list[Footnote]) -> list[Block]:
    """Turn each footnote's marker in the text into [^N], the first one only."""
    for footnote in footnotes:
        token = f"[^{footnote.number}]"
        if any(token in block.text for block in blocks):
            continue
        pattern = re.compile(MARKER.format(n=footnote.number))
        for block in blocks:
            if block.kind == BlockKind.PARAGRAPH and pattern.search(block.text):
                block.text = pattern.sub(token, block.text, count=1)
                break
    return blocks
