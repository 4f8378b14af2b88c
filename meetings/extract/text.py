"""Small text helpers shared by the extraction modules."""

from __future__ import annotations

import re
import unicodedata

# Abbreviations that end in a period without ending the sentence (Dutch official style).
ABBREVIATIONS = {
    "jl",
    "nr",
    "nrs",
    "o.a",
    "c.s",
    "bijv",
    "m.b.t",
    "i.c.m",
    "t.a.v",
    "e.d",
    "d.w.z",
    "mr",
    "drs",
    "dr",
    "ir",
    "prof",
    "ca",
    "resp",
    "vs",
    "art",
    "blz",
    "p",
    "zgn",
    "incl",
    "excl",
    "m.n",
    "z.g",
}
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z0-9\"“(ÀÉÈËÏÖÜ])")


def normalize(text: str) -> str:
    """One Unicode form, one kind of line break and space; soft hyphens gone."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u00ad", "").replace("\ufeff", "")
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\t]", " ", text)
    return text


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations and initials together."""
    sentences: list[str] = []
    start = 0
    for match in SENTENCE_END.finditer(paragraph):
        before = paragraph[start : match.start()].rstrip('"”’)')
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        stem = last_word.rstrip(".").lower()
        if stem in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", stem):
            continue  # "jl." or initials like "K.H." do not end a sentence
        sentences.append(paragraph[start : match.start()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _accent_table() -> dict[int, str]:
    """Precomposed Latin letters to their base letter, one character each (keeps offsets)."""
    table = {}
    for code in range(0xC0, 0x250):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        if len(base) == 1 and base != chr(code):
            table[code] = base
    return table


ACCENTS = _accent_table()


def fold_keeping_offsets(text: str) -> str:
    """Lower-case without accents, for comparing names ("Oekraïne" == "oekraine").

    Offsets in the folded text match the original for Latin text, so a match found in the
    folded text can be cut from the original."""
    if text.isascii():
        return text.lower()
    return text.translate(ACCENTS).lower()


def collapse_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
