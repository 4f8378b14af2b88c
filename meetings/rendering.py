"""Letter text to safe HTML: headings, paragraphs, signature, footnote references and citations.

The stored body is read through its one format (meetings/extract/body.py), which says what
each block is; a page never re-runs extraction to guess. Everything is escaped first; only
the markup we add (headings, footnote links, citation links) is HTML.
"""

from __future__ import annotations

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .extract import body as stored_body
from .extract.body import FOOTNOTE_MARKER, BlockKind
from .extract.citations import CITATION
from .models import Citation


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

    html = FOOTNOTE_MARKER.sub(footnote, html)
    html = CITATION.sub(citation, html)
    return mark_safe(html)


def render_body(body: str, archived: dict[tuple[str, int], str], footnotes: set[int]) -> SafeString:
    """A stored letter body as HTML; the signature's blocks get class="signature"."""
    parts = []
    for section in stored_body.sections(stored_body.read(body)):
        if section.heading:
            parts.append(format_html('<h2 id="{}">{}</h2>', heading_id(section.heading), section.heading))
        for block in section.blocks:
            css = ' class="signature"' if block.kind == BlockKind.SIGNATURE else ""
            parts.append(f"<p{css}>{render_inline(block.text, archived, footnotes)}</p>")
    return mark_safe("\n".join(parts))


def render_footnote(text: str, archived: dict[tuple[str, int], str]) -> SafeString:
    """A footnote's text (plain, not a letter body: no headings or signature) as paragraphs."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return mark_safe("\n".join(f"<p>{render_inline(p, archived, set())}</p>" for p in paragraphs))
