"""Strip Markdown markup from a line, keeping its words."""

from __future__ import annotations

import re

HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^)(]|\([^)]*\))*\)")
AUTOLINK = re.compile(r"<(https?://[^>]+)>")
EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
FOOTNOTE_REF = re.compile(r"\[\^(\d+)\](?!:)")


def is_markdown_heading(line: str) -> bool:
    return bool(HEADING.match(line))


TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
MARKUP = re.compile(r"[*_\[\]#>|\\<]")


def strip_markdown(line: str) -> str:
    """'### **Werkdiner**' -> 'Werkdiner'; '[www.defensie.nl](http://…)' -> 'www.defensie.nl'.

    A table row keeps its cells' words ('| **Datum** | 2 februari 2026 |' -> 'Datum 2 februari
    2026'); the ministry's letterhead is sometimes set as a table.
    """
    if not MARKUP.search(line):
        return line  # most lines of a letter carry no markup
    if row := TABLE_ROW.match(line):
        cells = [cell.strip() for cell in row.group(1).split("|")]
        line = " ".join(cell for cell in cells if cell and not re.fullmatch(r":?-{2,}:?", cell))
    line = HEADING.sub("", line)
    line = re.sub(r"^\s{0,3}>\s?", "", line)
    line = LINK.sub(r"\1", line)
    line = AUTOLINK.sub(r"\1", line)
    previous = None
    while previous != line:  # nested emphasis: ***x*** or **_x_**
        previous = line
        line = EMPHASIS.sub(r"\2", line)
    line = re.sub(r"\s#+\s*$", "", line)  # closing hashes of an ATX heading
    line = line.replace("**", "")
    line = re.sub(r"^[*_]+(?=\S)|(?<=\S)[*_]+$", "", line.strip())  # emphasis spanning lines
    return ESCAPE.sub(r"\1", line)
