"""Letter text to safe HTML: headings, paragraphs, signature, footnote references, citations,
and the hits of the search the reader came from.

The stored body is read through its one format (meetings/extract/body.py), which says what
each block is; a page never re-runs extraction to guess. Everything is escaped first; only
the markup we add (headings, footnote links, citation links, hit marks) is HTML. Hits are
found in the plain text (language/snippets.py's matcher, so the words the search matched) and
carried through escaping as two private-use characters that no letter contains.
"""

from __future__ import annotations

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .extract import body as stored_body
from .extract.body import FOOTNOTE_MARKER, BlockKind
from .extract.citations import CITATION, dossiers_in
from .models import Citation


def heading_id(text: str) -> str:
    return "h-" + re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def citation_url(dossier: str, number: int, archived: dict[tuple[str, int], str]) -> str:
    return archived.get((dossier, number)) or Citation(dossier=dossier, number=number).official_url


HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
HIT_MARKS = re.compile(f"[{HIT_OPEN}{HIT_CLOSE}]")
HIT = re.compile(f"{HIT_OPEN}(.*?){HIT_CLOSE}", re.S)


class Hits:
    """Marks a search's hits in the blocks of one letter, numbered in reading order, each with
    a link on to the next (the last back to the list of hits at the top)."""

    def __init__(self, spans_of):
        self.spans_of = spans_of  # text -> [(start, end)] of its hits
        self.count = 0

    def enclose(self, text: str) -> str:
        for start, end in sorted(self.spans_of(text), reverse=True):
            text = text[:start] + HIT_OPEN + text[start:end] + HIT_CLOSE + text[end:]
        return text

    def mark(self, html: str) -> str:
        return HIT.sub(self._numbered, html)

    def _numbered(self, match: re.Match) -> str:
        self.count += 1
        n = self.count
        label = escape(gettext("volgende treffer"))
        return f'<mark class="hit" id="hit-{n}">{match.group(1)}</mark><a class="next-hit" href="#hit-{n + 1}" aria-label="{label}">›</a>'


def render_inline(text: str, archived: dict[tuple[str, int], str], footnotes: set[int], hits: Hits | None = None) -> SafeString:
    """Escape a paragraph, then link its footnote markers and Kamerstuk citations (and mark hits)."""
    html = escape(hits.enclose(text) if hits else text)

    def footnote(match: re.Match) -> str:
        number = int(match.group(1))
        if number not in footnotes:
            return ""
        return f'<sup class="fn-ref"><a href="#fn-{number}" id="fnref-{number}" aria-describedby="footnotes-title">{number}</a></sup>'

    def citation(match: re.Match) -> str:
        dossier = dossiers_in(HIT_MARKS.sub("", match.group("dossier")))[0]
        first = int(re.findall(r"\d+", HIT_MARKS.sub("", match.group("numbers")))[0])
        return f'<a class="citation" href="{escape(citation_url(dossier, first, archived))}">{match.group(0)}</a>'

    html = FOOTNOTE_MARKER.sub(footnote, html)
    html = CITATION.sub(citation, html)
    return mark_safe(hits.mark(html) if hits else html)


def render_body(body: str, archived: dict[tuple[str, int], str], footnotes: set[int], hits: Hits | None = None) -> SafeString:
    """A stored letter body as HTML; the signature's blocks get class="signature"."""
    parts = []
    for section in stored_body.sections(stored_body.read(body)):
        if section.heading:
            heading = render_inline(section.heading, {}, set(), hits) if hits else escape(section.heading)
            parts.append(format_html('<h2 id="{}">{}</h2>', heading_id(section.heading), heading))
        for block in section.blocks:
            css = ' class="signature"' if block.kind == BlockKind.SIGNATURE else ""
            parts.append(f"<p{css}>{render_inline(block.text, archived, footnotes, hits)}</p>")
    html = "\n".join(parts)
    if hits:  # the last hit leads back to the list of hits at the top
        html = html.replace(f'href="#hit-{hits.count + 1}"', 'href="#hits"')
    return mark_safe(html)


def render_footnote(text: str, archived: dict[tuple[str, int], str]) -> SafeString:
    """A footnote's text (plain, not a letter body: no headings or signature) as paragraphs."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return mark_safe("\n".join(f"<p>{render_inline(p, archived, set())}</p>" for p in paragraphs))
