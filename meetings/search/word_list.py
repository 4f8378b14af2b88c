"""The word list: every word the index has seen (folded, unstemmed) with its stem, for
prefixes and spelling suggestions, and with the lexeme of its head when it is a compound, so
that a search for a word also finds the compounds it heads ("dreiging" finds "cyberdreiging";
language/lemmas.py says how a compound is split; migration 0011 added the heads). (Not the
topic vocabulary, meetings/store/topic_vocabulary.py.)

One row per word, with its stem: every indexed word (migration 0008; before, only those
worth suggesting, which `suggest` marks), so that the stems a prefix stands for can be
listed completely. Words are only ever added. A word whose letters were deleted stays, which is harmless: a prefix
expansion to it finds nothing, and a suggestion is only offered after checking that it finds
letters (Search.suggestion). Created by migration 0003; on PostgreSQL in byte order, so that
a prefix is a range of the key (and, since 0008, of the stem index).
"""

from __future__ import annotations

import difflib

from django.db import connection

from .language.words import head_lexemes, is_vocabulary_word, lexeme

TABLE = "meetings_search_word"
MAX_CANDIDATES = 5000  # words of about the right length and first letter a suggestion compares


def words_to_list(word_lists) -> set[str]:
    """The indexed words among these: all but stop words (which have no stem)."""
    distinct = set().union(*word_lists)  # a letter repeats its words: test each one once
    return {w for w in distinct if lexeme(w) is not None}


def add_words(found: set[str]) -> None:
    if not found:
        return
    rows = [(w, lexeme(w), is_vocabulary_word(w), *(head_lexemes(w) + [None, None])[:2]) for w in sorted(found)]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE} (word, stem, suggest, head, head2) VALUES (%s, %s, %s, %s, %s) ON CONFLICT (word) DO NOTHING",
            rows,
        )


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")


def after(prefix: str) -> str:
    """The smallest string greater than every string that starts with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def stems_with_prefix(prefix: str, *, limit: int) -> tuple[list[str], bool]:
    """The indexed stems that start with `prefix` and the stems of indexed words that do
    (lexemes.normalize's `expand`), and whether these are all: up to `limit` (Limits.prefix_stems)."""
    if not prefix:
        return [], True
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT stem FROM {TABLE} WHERE stem >= %s AND stem < %s"
            f" UNION SELECT stem FROM {TABLE} WHERE word >= %s AND word < %s ORDER BY stem LIMIT %s",
            [prefix, after(prefix), prefix, after(prefix), limit + 1],
        )
        stems = [row[0] for row in cursor.fetchall()]
    return stems[:limit], len(stems) <= limit


def stems_with_heads(stems: list[str], *, limit: int) -> dict[str, list[str]]:
    """For each stem, the stems of the indexed compounds whose head (or the head's head) has
    it (lexemes.normalize's `compounds`), up to `limit` each; one query for all of them."""
    if not stems:
        return {}
    found: dict[str, list[str]] = {stem: [] for stem in stems}
    with connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(stems))
        cursor.execute(
            f"SELECT head, stem FROM {TABLE} WHERE head IN ({placeholders})"
            f" UNION SELECT head2, stem FROM {TABLE} WHERE head2 IN ({placeholders}) ORDER BY 1, 2",
            stems + stems,
        )
        for head, stem in cursor.fetchall():
            if len(found[head]) < limit:
                found[head].append(stem)
    return found


def known_words(candidates: set[str]) -> set[str]:
    if not candidates:
        return set()
    with connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(candidates))
        cursor.execute(f"SELECT word FROM {TABLE} WHERE word IN ({placeholders})", sorted(candidates))
        return {row[0] for row in cursor.fetchall()}


def closest_word(word: str) -> str | None:
    """The indexed word most like `word` (same first letter, about as long), or None."""
    if not is_vocabulary_word(word):
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word FROM {TABLE} WHERE word >= %s AND word < %s AND length(word) BETWEEN %s AND %s AND suggest LIMIT %s",
            [word[0], after(word[0]), len(word) - 2, len(word) + 2, MAX_CANDIDATES],
        )
        candidates = [row[0] for row in cursor.fetchall()]
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return matches[0] if matches else None
