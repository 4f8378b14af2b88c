"""Letter text to safe HTML: headings, paragraphs, footnote references and linked citations.

The stored body is plain text (see Letter.body). Everything is escaped first; only the markup
we add (headings, footnote links, citation links) is HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .extract.citations import CITATION
from .models import Citation

FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")


@dataclass
class Section:
    """A heading and the paragraphs under it; the opening text has no heading."""

    heading: str
    paragraphs: list[str]


def sections(body: str) -> list[Section]:
    result = [Section("", [])]
    for block in body.split("\n\n"):
        if block.startswith("## "):
            result.append(Section(block[3:], []))
        elif block.strip():
            result[-1].paragraphs.append(block)
    return [s for s in result if s.heading or s.paragraphs]


def heading_id(text: str) -> str:
    return "h-" + re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def citation_url(dossier: str, number: int, archived: dict[tuple[str, int], str]) -> str:
    return archived.get((dossier, number)) or Citation(dossier=dossier, number=number).official_url


def render_inline(text: str, archived: dict[tuple[str, int], str], footnotes: set[int]) -> SafeString:
    """Escape a paragraph, then link its footnote markers and Kamerstuk citations."""
    html = escape(text)

    def footnote(match: re.Match) -> str:
        number = int(match.group(1))
        if number not in footnotes:
            return ""
        return f'<sup class="fn-ref"><a href="#fn-{number}" id="fnref-{number}" aria-describedby="footnotes-title">{number}</a></sup>'

    def citation(match: re.Match) -> str:
        dossier = re.sub(r"\s", "", match.group("dossier")).upper()
        first = int(re.findall(r"\d+", match.group("numbers"))[0])
        return f'<a class="citation" href="{escape(citation_url(dossier, first, archived))}">{match.group(0)}</a>'

    html = FOOTNOTE_REF.sub(footnote, html)
    html = CITATION.sub(citation, html)
    return mark_safe(html)


def render_body(body: str, archived: dict[tuple[str, int], str], footnotes: set[int]) -> SafeString:
    parts = []
    for section in sections(body):
        if section.heading:
            parts.append(format_html('<h2 id="{}">{}</h2>', heading_id(section.heading), section.heading))
        for paragraph in section.paragraphs:
            css = ' class="signature"' if is_signature(paragraph) else ""
            parts.append(f"<p{css}>{render_inline(paragraph, archived, footnotes)}</p>")
    return mark_safe("\n".join(parts))


def is_signature(paragraph: str) -> bool:
    from .extract.signature import is_signature_name, is_signature_role

    first = paragraph.split(",")[0]
    return is_signature_role(first) or is_signature_name(paragraph)


def section_text(body: str, heading: str) -> list[str]:
    """The paragraphs under a heading of the letter, for comparing agenda and report."""
    for section in sections(body):
        if section.heading and section.heading.lower() == heading.lower():
            return [FOOTNOTE_REF.sub("", p) for p in section.paragraphs if not is_signature(p)]
    return []
