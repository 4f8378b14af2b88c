"""When a session the agenda planned and a session the report tells are the same subject.

Letters name one session in either language and in several spellings: "NATO-Ukraine Council"
in one letter, "NAVO-Oekraïne Raad" or "NAVO-Oekraïneraad" in the next; "Working dinner" and
"Werkdiner". Two titles are the same subject when they share a subject word after
normalising: accents and case folded, English words mapped to their Dutch equivalents
(EQUIVALENTS, the one table of them), words that name no subject dropped, and each word cut
to its stem-like first seven letters ("afschrikkings-" ~ "afschrikking", "Oekraïneraad" ~
"Oekraïne"). Pure: no Django import, so it is tested with strings.
"""

from __future__ import annotations

import re

from .extract.text import fold_keeping_offsets

# English words in session titles -> the Dutch word the letters use for the same thing.
EQUIVALENTS = {
    "nato": "navo",
    "ukraine": "oekraine",
    "ukrainian": "oekraine",
    "council": "raad",
    "commission": "commissie",
    "dinner": "werkdiner",
    "lunch": "werklunch",
    "breakfast": "werkontbijt",
    "diner": "werkdiner",
    "defence": "defensie",
    "defense": "defensie",
    "deterrence": "afschrikking",
    "air": "lucht",
    "missile": "raket",
    "nuclear": "nucleair",
    "nucleaire": "nucleair",
    "planning": "planning",
    "group": "groep",
    "planningsgroep": "planning",
    "russia": "rusland",
    "partners": "partners",
    "industry": "industrie",
    "ammunition": "munitie",
    "resilience": "weerbaarheid",
    "innovation": "innovatie",
    "capabilities": "capaciteiten",
    "operations": "operaties",
    "missions": "missies",
    "critical": "kritieke",
    "infrastructure": "infrastructuur",
    "cyber": "cyber",
    "hybrid": "hybride",
    "threats": "dreigingen",
}
# Words that name no subject: articles, prepositions, and the words for a session itself.
NOT_SUBJECTS = {
    *["de", "het", "een", "en", "van", "over", "op", "der", "in", "met", "voor", "aan", "bij", "tot", "om", "te"],
    *["the", "of", "and", "on", "for", "with", "to", "at", "a", "an"],
    *["navo", "sessie", "werksessie", "session", "working", "groep"],
}


def subject_words(title: str) -> set[str]:
    """The normalised subject words of a session title (see the module's docstring)."""
    words = set()
    for word in re.findall(r"[a-z0-9]+", fold_keeping_offsets(title)):
        word = EQUIVALENTS.get(word, word)
        if word not in NOT_SUBJECTS and len(word) > 2:
            words.add(word[:7])
    return words


def same_subject(first: str, second: str) -> int:
    """How many subject words two session titles share (0: not the same subject)."""
    return len(subject_words(first) & subject_words(second))
