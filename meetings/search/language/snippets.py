"""The passage of a letter that best answers a query, as HTML with the hits marked. Pure.

The letter text is escaped first and only the hits are wrapped in <mark> (STYLE.md, habit 6).
Hits are found on stems with the query's own matcher (lexemes.find_hits), so a snippet marks
"verdedigen" for the query "verdediging" and "Oekraïne" for "Oekraine", just as the index
matched them. This is why SQLite's snippets are built here and not with FTS5's snippet():
the FTS5 table holds stems ("verded"), and snippet() can only show the indexed text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from ...extract.body import Passage, plain_blocks
from .lexemes import LexemeQuery, Match, find_hits
from .words import SPELLED_OUT, lexeme, lexemes, tokens

COMBINING = re.compile(r"[\u0300-\u036f]")
SNIPPET_WORDS = 36
LEAD_WORDS = 8  # context shown before the first hit


@dataclass(frozen=True)
class Snippet:
    html: str
    heading: str = ""  # the section the passage comes from ("" for the opening)
    hits: int = 0


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    """Escape `text` and wrap the character spans in <mark>; spans with only space between merge."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def highlight(text: str, query: LexemeQuery) -> str:
    """All of a short text (a subject, a session title), escaped, with every hit marked."""
    found = tokens(text)
    hits = find_hits([lexeme(t.word) for t in found], query.positive())
    return mark(text, [(found[a].start, found[b].end) for a, b, _ in hits])


def mentions(text: str, query: LexemeQuery) -> bool:
    return bool(find_hits(lexemes(text), query.positive()))


# A stem whose end the Dutch stemmer may have undoubled a vowel in: "staat" -> "stat".
UNDOUBLED = re.compile(r"(?:^|[^aeiouy])([aeou])[^aeiouy]$")


def cues_of(stem: str) -> set[str]:
    """The first letters of a stem, which its words begin with: stemming changes the end of a
    word, but may take one of a doubled vowel there ("raad" -> "rad"), so the doubled form too."""
    found = {stem[:4]}
    if doubled := UNDOUBLED.search(stem):
        at = doubled.start(1)
        found.add((stem[:at] + stem[at] + stem[at:])[:4])
    return found


def hit_cues(matches: list[Match]) -> set[str]:
    """Short strings a block must contain to hold a hit ("%" is read as "procent"): the
    first letters of the longest stem of each match. The longest, because every stem of a
    phrase must be there, and "35" of "F-35" is in far fewer blocks than "f"."""
    return {
        cue
        for match in matches
        for variant in match.variants()
        if (stems := [s for s in variant.lexemes if s])
        for cue in cues_of(max(stems, key=len))
    }


def fold_for_cues(text: str) -> str:
    """fold_accents() at C speed, for the cue test only."""
    text = text.lower()
    if not text.isascii():  # most paragraphs are: nothing to take off or spell out
        text = COMBINING.sub("", unicodedata.normalize("NFKD", text)).translate(SPELLED_OUT)
    return text.replace("%", " procent")


def best_window(hits: list[tuple[int, int, int]], size: int) -> tuple[tuple[int, int], tuple[int, int, int]]:
    """The hit to start from and its score: most different terms, then most hits, in `size` words."""
    best, best_score = hits[0], (0, 0)
    for anchor in hits:
        inside = [h for h in hits if anchor[0] <= h[0] and h[1] < anchor[0] + size]
        score = (len({h[2] for h in inside}), len(inside))
        if score > best_score:
            best, best_score = anchor, score
    return best_score, best


def may_hold_hits(all_blocks: list[Passage], query: LexemeQuery) -> list[Passage]:
    """The blocks that contain a hit cue: every block with a hit, and a few without."""
    cues = hit_cues(query.positive())
    return [block for block in all_blocks if any(cue in fold_for_cues(block.text) for cue in cues)]


def snippet(body: str, query: LexemeQuery, size: int = SNIPPET_WORDS, all_blocks: list[Passage] | None = None) -> Snippet:
    """The best passage of `body`: about `size` words around the most and most varied hits."""
    matches = query.positive()
    best: tuple | None = None
    all_blocks = plain_blocks(body) if all_blocks is None else all_blocks
    for block in may_hold_hits(all_blocks, query):
        hits = find_hits(lexemes(block.text), matches)  # the fast path; offsets only for the winner
        if hits:
            score, anchor = best_window(hits, size)
            if best is None or score > best[0]:
                best = (score, block, hits, anchor)
    if best is None:
        first = all_blocks[0] if all_blocks else Passage("", "")
        return Snippet(window_html(first.text, tokens(first.text), [], 0, size), first.heading)
    score, block, hits, anchor = best
    start = max(0, anchor[0] - LEAD_WORDS)
    return Snippet(window_html(block.text, tokens(block.text), hits, start, size), block.heading, score[1])


def window_html(text: str, found, hits, start: int, size: int) -> str:
    """Words start..start+size of a block, escaped, hits marked, '…' where text is left out."""
    if not found:
        return html.escape(text[:300])
    end = min(len(found), start + size)
    first_char = found[start].start if start else 0
    last_char = found[end - 1].end if end < len(found) else len(text)
    spans = [(found[a].start - first_char, found[b].end - first_char) for a, b, _ in hits if a >= start and b < end]
    body = mark(text[first_char:last_char], spans)
    return ("… " if first_char else "") + body + (" …" if last_char < len(text) else "")
