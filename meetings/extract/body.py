"""The stored letter body (Letter.body): one plain-text format, written and read here only.

The extraction writes it (LetterData.body); the letter page, the meeting page's comparison
and the search snippets read it. Nothing else parses it, so a reader never has to guess what
a block is: the extraction decided that once, when the letter was imported.

The format, in full:

    Opening paragraph, with a footnote marker where the letter refers to one.[^1]

    ## A heading

    A paragraph under the heading.

    -- Hoogachtend,

    -- De Minister van Defensie,

    -- A.B. de Vries

- Blocks are separated by one blank line; each block is one line of text.
- "## " opens a heading (as in Markdown).
- "-- " opens a block of the signature: the closing formula, the signer's role, the signer's
  name. It is the signature delimiter of e-mail (RFC 3676, section 4.3).
- Any other block is a paragraph. A paragraph that would itself begin with "## ", "-- " or
  "\\" is written with a "\\" in front, so prose can never pass for a heading or a signature.
- "[^N]" marks where footnote N is referred to (as in Markdown); the footnote's own text is
  stored apart (Footnote rows).

The markup is punctuation only. The search index takes runs of letters and digits as words
(meetings/search/language/words.py), so it sees the same words, in the same order, with or without it.

Pure: no Django import (STYLE.md, habit 1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    SIGNATURE = "signature"  # closing formula, signer's role or name


@dataclass
class Block:
    """A heading, paragraph or signature block of a letter, as one line of clean text.

    Mutable: the extraction marks footnote references and the signature in place."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Passage:
    """A block as plain text (no footnote markers) and the heading it stands under ("" for
    the opening); a heading stands under itself. What the search snippets choose from."""

    text: str
    heading: str


@dataclass
class Section:
    """A heading and the blocks under it; the opening has heading ""."""

    heading: str
    blocks: list[Block]


SEPARATOR = "\n\n"
PREFIXES = {BlockKind.HEADING: "## ", BlockKind.SIGNATURE: "-- "}
ESCAPE = "\\"
FOOTNOTE_MARKER = re.compile(r"\[\^(\d+)\]")


def write(blocks: Iterable[Block]) -> str:
    """The stored body of these blocks. Blank blocks carry nothing and are left out."""
    return SEPARATOR.join(write_block(block) for block in blocks if block.text.strip())


def write_block(block: Block) -> str:
    if "\n" in block.text:
        raise ValueError(f"a block of the letter body is one line of text: {block.text!r}")
    if block.kind == BlockKind.PARAGRAPH:
        escape = block.text.startswith((ESCAPE, *PREFIXES.values()))
        return ESCAPE + block.text if escape else block.text
    return PREFIXES[BlockKind(block.kind)] + block.text


def read(body: str) -> list[Block]:
    """The blocks of a stored body; read(write(blocks)) == blocks."""
    return [read_block(raw) for raw in body.split(SEPARATOR) if raw.strip()]


def read_block(raw: str) -> Block:
    for kind, prefix in PREFIXES.items():
        if raw.startswith(prefix):
            return Block(kind, raw[len(prefix) :])
    return Block(BlockKind.PARAGRAPH, raw.removeprefix(ESCAPE))


def without_markers(text: str) -> str:
    """The text as a reader sees it once footnote references are links (or left out)."""
    return FOOTNOTE_MARKER.sub("", text)


def sections(blocks: list[Block]) -> list[Section]:
    """The blocks grouped under their headings; an empty opening is left out."""
    result = [Section("", [])]
    for block in blocks:
        if block.kind == BlockKind.HEADING:
            result.append(Section(block.text, []))
        else:
            result[-1].blocks.append(block)
    return [s for s in result if s.heading or s.blocks]


def section_text(body: str, heading: str) -> list[str]:
    """The paragraphs under a heading (any case), without footnote markers or signature:
    what the meeting page shows of a session next to its counterpart in the other letter."""
    for section in sections(read(body)):
        if section.heading and section.heading.lower() == heading.lower():
            return [without_markers(b.text) for b in section.blocks if b.kind == BlockKind.PARAGRAPH]
    return []


def plain_blocks(body: str) -> list[Passage]:
    """Every block as plain text, footnote markers out and spaces collapsed, with the heading
    it stands under; headings are blocks too. Blocks left blank are dropped."""
    found: list[Passage] = []
    heading = ""
    for block in read(body):
        text = " ".join(without_markers(block.text).split())
        if block.kind == BlockKind.HEADING:
            heading = text
        if text:
            found.append(Passage(text, heading))
    return found
