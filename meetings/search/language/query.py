"""The search box's query language, parsed into a small tree. Pure: no Django, no database.

    air policing          both words must occur (in any order, any form: "policing" ~ "police")
    drones AND Oekraïne   the same: AND in capitals is the operator (and says it aloud), not a word
    "Zwarte Zee"          the words in this order, next to each other
    Oekraïne OR Georgië   either word (OR binds tighter than the implicit AND, as in PostgreSQL's
                          websearch_to_tsquery: `a b OR c` is a AND (b OR c))
    -Rusland              letters without this word (also -"quoted phrase")
    verdedig*             words that start with this
    F-35, NAVO-top        a word with a hyphen inside is a phrase of its parts

Whatever is typed, `parse` returns a Query and never raises: control characters and null
bytes become spaces, an unclosed quote runs to the end, lone operators (OR, -, *) and
characters that are no part of a word (SQL quotes, FTS5 syntax such as ^ : ( ) NEAR) are
dropped, and a long query is cut to MAX_CHARS characters and MAX_WORDS words. What was done
is reported in `Query.notes` as codes the view turns into a sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .words import words

MAX_CHARS = 300
MAX_WORDS = 24
QUOTES = str.maketrans({c: '"' for c in "“”„‟«»″＂"})
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
OR_WORDS = {"OR", "|"}
AND_WORDS = {"AND", "&"}  # every word must occur anyway: the operator only reads as intended
BARE_WORD = re.compile(r'[^\s"]+')

# Note codes
TRUNCATED = "truncated"
UNCLOSED_QUOTE = "unclosed_quote"
IGNORED_OPERATOR = "ignored_operator"
TOO_MANY_WORDS = "too_many_words"


@dataclass(frozen=True)
class Term:
    """A word, or several words that must stand together (a phrase); folded, not stemmed."""

    words: tuple[str, ...]
    prefix: bool = False  # the last word is the start of a word: verdedig*

    def __str__(self) -> str:
        text = " ".join(self.words) + ("*" if self.prefix else "")
        return f'"{text}"' if len(self.words) > 1 else text


@dataclass(frozen=True)
class AnyOf:
    """Alternatives: at least one of the terms must occur."""

    terms: tuple[Term, ...]

    def __str__(self) -> str:
        return " OR ".join(str(t) for t in self.terms)


@dataclass(frozen=True)
class Query:
    """All `required` clauses must match and no `excluded` term may; empty when nothing is asked."""

    required: tuple[Term | AnyOf, ...] = ()
    excluded: tuple[Term, ...] = ()
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_empty(self) -> bool:
        return not self.required

    def terms(self) -> list[Term]:
        """Every positive term, alternatives included (for highlighting and suggestions)."""
        found: list[Term] = []
        for clause in self.required:
            found.extend(clause.terms if isinstance(clause, AnyOf) else [clause])
        return found

    def __str__(self) -> str:
        parts = [str(c) for c in self.required] + [f"-{t}" for t in self.excluded]
        return " ".join(parts)


@dataclass
class _Item:
    term: Term | None = None
    negated: bool = False
    is_or: bool = False


def clean(text: str) -> tuple[str, list[str]]:
    """Control characters out, one kind of quote, at most MAX_CHARS characters."""
    notes = []
    text = unicodedata.normalize("NFC", CONTROL.sub(" ", str(text or ""))).translate(QUOTES)
    if len(text) > MAX_CHARS:
        cut = text[:MAX_CHARS]
        text = cut.rsplit(None, 1)[0] if " " in cut.strip() else cut
        notes.append(TRUNCATED)
    return text, notes


def _scan(text: str, notes: list[str]) -> list[_Item]:
    """Split into terms and OR markers, left to right."""
    items: list[_Item] = []
    pos, end = 0, len(text)
    while pos < end:
        if text[pos].isspace():
            pos += 1
            continue
        negated = False
        if text[pos] == "-" and pos + 1 < end and not text[pos + 1].isspace():
            negated = True
            while pos < end and text[pos] == "-":
                pos += 1
            if pos == end:
                break
        if text[pos] == '"':
            close = text.find('"', pos + 1)
            if close == -1:
                notes.append(UNCLOSED_QUOTE)
                close = end
            raw, pos = text[pos + 1 : close], close + 1
            prefix = raw.rstrip().endswith("*")
            items.append(_Item(_term(raw, prefix), negated))
            continue
        match = BARE_WORD.match(text, pos)
        raw, pos = match.group(), match.end()
        if raw in OR_WORDS and not negated:
            items.append(_Item(is_or=True))
            continue
        if raw in AND_WORDS and not negated:
            continue
        items.append(_Item(_term(raw, raw.endswith("*")), negated))
    return [i for i in items if i.is_or or i.term is not None]


def _term(raw: str, prefix: bool) -> Term | None:
    found = tuple(words(raw))
    return Term(found, prefix) if found else None


def _combine(items: list[_Item], notes: list[str]) -> tuple[list[Term | AnyOf], list[Term]]:
    """Join OR alternatives; an OR without a plain term on both sides is dropped."""
    required: list[Term | AnyOf] = []
    excluded: list[Term] = []
    pending_or = False
    previous_positive = False
    for item in items:
        if item.is_or:
            if previous_positive and not pending_or:
                pending_or = True
            else:
                notes.append(IGNORED_OPERATOR)
            continue
        if item.negated:
            if pending_or:
                notes.append(IGNORED_OPERATOR)
                pending_or = False
            excluded.append(item.term)
            previous_positive = False
            continue
        if pending_or:
            last = required.pop()
            alternatives = last.terms if isinstance(last, AnyOf) else (last,)
            required.append(AnyOf(alternatives + (item.term,)))
            pending_or = False
        else:
            required.append(item.term)
        previous_positive = True
    if pending_or:
        notes.append(IGNORED_OPERATOR)
    return required, excluded


def _limit(required: list, excluded: list[Term], notes: list[str]) -> tuple[tuple, tuple]:
    """Keep clauses, in order, until MAX_WORDS words are used; drop repeats."""
    budget = MAX_WORDS
    kept_required: list = []
    kept_excluded: list[Term] = []
    for clause, target in [(c, kept_required) for c in required] + [(t, kept_excluded) for t in excluded]:
        size = sum(len(t.words) for t in (clause.terms if isinstance(clause, AnyOf) else [clause]))
        if clause in target:
            continue
        if size > budget:
            if TOO_MANY_WORDS not in notes:
                notes.append(TOO_MANY_WORDS)
            continue
        budget -= size
        target.append(clause)
    return tuple(kept_required), tuple(kept_excluded)


def parse(text: str) -> Query:
    """The query typed in the search box, as a tree; never raises."""
    text, notes = clean(text)
    required, excluded = _combine(_scan(text, notes), notes)
    required, excluded = _limit(required, excluded, notes)
    return Query(required, excluded, tuple(dict.fromkeys(notes)))


def replace_words(query: Query, replacements: dict[str, str]) -> Query:
    """The same query with some words swapped (a spelling suggestion)."""

    def swap(term: Term) -> Term:
        return Term(tuple(replacements.get(w, w) for w in term.words), term.prefix)

    required = tuple(AnyOf(tuple(swap(t) for t in c.terms)) if isinstance(c, AnyOf) else swap(c) for c in query.required)
    return Query(required, tuple(swap(t) for t in query.excluded))
