"""Dutch word forms brought together before stemming: lemmas, and compounds split. Pure.

Snowball's Dutch stemmer strips endings but knows no words: it undoubles only kk/dd/tt, so
"bommen" (bomm) never meets "bom", and vowel changes ("schepen"/"schip") and strong verbs
("besprak"/"bespreken") stay apart. So a word is first brought to its lemma with the Dutch
lexicon of simplemma (MIT; its data sources are listed in the package's licenses folder),
which ships inside the package: "bommen" -> "bom", "schepen" -> "schip", "besprak" ->
"bespreken", "briefje" -> "brief".

A compound is split into a modifier and a head, the longest head first, so that a search for
the head finds the compound ("dreiging" finds "cyberdreiging" and "dronedreigingen"; the word
list keeps each indexed word's head). A compound the lexicon does not list gets the modifier
plus the head's lemma as its own lemma ("dronedreigingen" -> "dronedreiging"). The rules,
which keep Dutch derivations and chance letter sequences whole ("kabinet" is no compound of
"net", "operatie" none of "opera", "regering" none of "gering", "verslag" none of "slag"):
- the head is a known word of at least MIN_HEAD letters, and a head in a derivational suffix
  (-ing, -heid, -schap, ...) has a stem of its own of at least three letters before it, and
  no split cuts into the suffix the whole word ends in ("presidentschap" is no "chap");
- the modifier is a known base form (its own lemma), possibly with a linking -s-, -e- or
  -en- ("oorlogsschepen", "wapenleveranties"), of at least MIN_PART letters, or four for a
  word the lexicon lists whole (whose short "modifiers" are chance: "bes-tand", "bom-men");
- or a modifier the lexicon does not know (jargon and loan words: "cyber", "munitie",
  "onderzee") of four letters or more (five in a word the lexicon lists whole) before a head
  of MIN_LONG_HEAD;
- never a preposition, particle or verbal prefix: those make derivations, not compounds
  ("overleg", "inzet", "aanval", "verslag") (Algemene Nederlandse Spraakkunst, 'Samenstelling');
- a country's name is a name, not a compound: "Rusland" and "Finland" are no kinds of "land"
  (the Dutch names of CLDR, through Babel, as the extraction knows countries).
"""

from __future__ import annotations

from functools import lru_cache

import simplemma
from babel import Locale

MIN_PART = 3  # letters of a modifier
MIN_HEAD = 4  # letters of a head: "men", "lag", "net" are too short to tell a compound
MIN_LONG_HEAD = 5  # letters of a head after a modifier the lexicon does not know
LINKING = ("s", "en", "e")  # tussenklanken: oorlog-s-schip, wapen-leverantie
SUFFIXES = ("schap", "heid", "teit", "isme", "ing", "ie", "ij")  # derivations: a head needs more than these
NOT_MODIFIERS = frozenset(
    [
        "aan",
        "achter",
        "af",
        "bij",
        "binnen",
        "boven",
        "buiten",
        "door",
        "in",
        "mee",
        "met",
        "na",
        "naar",
        "om",
        "onder",
        "op",
        "over",
        "rond",
        "samen",
        "tegen",
        "terug",
        "toe",
        "tussen",
        "uit",
        "voor",
        "voorbij",
        "weg",
        "be",
        "ge",
        "her",
        "ont",
        "ver",
        "er",
        "mis",
        "ant",
        "anti",
        "des",
        "con",
        "inter",
        "pre",
        "post",
        "sub",
        "super",
        "trans",
    ]
)
CACHE = 200_000


DIMINUTIVES = ("etjes", "etje", "tjes", "tje", "pjes", "pje", "jes", "je")  # -je and its forms (ANS 'Verkleinwoorden')


@lru_cache(maxsize=CACHE)
def lemma(word: str) -> str:
    """The lemma of a folded word: the lexicon's, else a split compound's, else the word; a
    diminutive's is that of the word it diminishes, where that is a word ("bootjes" -> "boot")."""
    if known(word):
        found = simplemma.lemmatize(word, lang="nl").lower()
    else:
        split = split_compound(word)
        found = split[0] + lemma(split[1]) if split else word
    return undiminished(found)


def undiminished(word: str) -> str:
    """ "bootje" -> "boot", "balletje" -> "bal", "briefje" -> "brief"; "meisje" stays (no "meis")."""
    for suffix in DIMINUTIVES if len(word) > 5 else ():
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            undoubled = base[:-1] if len(base) > 1 and base[-1] == base[-2] else ""
            for candidate in (base, undoubled):
                if len(candidate) >= MIN_PART and known(candidate):
                    return candidate
    return word


@lru_cache(maxsize=CACHE)
def split_compound(word: str) -> tuple[str, str] | None:
    """(modifier with its linking sound, head) of a compound, the longest head first; None
    for a word that is not a compound of two words (module docstring)."""
    if word in country_names():
        return None
    listed = known(word)
    suffix = next((s for s in SUFFIXES if word.endswith(s)), "")  # a split may not cut into it
    for at in range(MIN_PART, len(word) - max(MIN_HEAD, len(suffix) + 3) + 1):
        modifier, head = word[:at], word[at:]
        if is_head(head) and is_modifier(modifier, head, listed=listed):
            return modifier, head
    return None


def is_head(head: str) -> bool:
    suffix = next((s for s in SUFFIXES if head.endswith(s)), "")
    return len(head) >= max(MIN_HEAD, len(suffix) + 3) and known(head)


def is_modifier(part: str, head: str, *, listed: bool) -> bool:
    candidates = [part] + [part[: -len(link)] for link in LINKING if part.endswith(link)]
    if any(c in NOT_MODIFIERS for c in candidates) or (len(part) == MIN_PART and part.startswith(("be", "ge", "er"))):
        return False  # "gel-eden" is geleden, a participle
    shortest = MIN_PART + 1 if listed else MIN_PART
    if any(len(c) >= shortest and known(c) and simplemma.lemmatize(c, lang="nl").lower() == c for c in candidates):
        return True
    unknown_shortest = MIN_PART + 2 if listed else MIN_PART + 1  # "onderzee-boten", "cyber-dreiging"
    return len(part) >= unknown_shortest and len(head) >= MIN_LONG_HEAD and not known(part)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Dutch country and territory names, lower case and single words ("rusland", "finland")."""
    names = (name.lower() for name in Locale("nl").territories.values())
    return frozenset(name for name in names if name.isalpha())


def known(word: str) -> bool:
    return simplemma.is_known(word, lang="nl")


def compound_head(word: str) -> str | None:
    """The head of a compound word ("cyberdreigingen" -> "dreigingen"), or None."""
    split = split_compound(word)
    return split[1] if split else None


def compound_heads(word: str) -> list[str]:
    """The head and the head's own head, for a compound of compounds:
    "luchtafweerkanonnen" -> ["afweerkanonnen", "kanonnen"]."""
    heads = []
    while (head := compound_head(word)) and len(heads) < 2:
        heads.append(head)
        word = head
    return heads
