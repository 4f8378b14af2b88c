"""Words as the search index sees them: one tokenizer and one stemmer for both databases.

Pure functions, no Django (STYLE.md, habit 1). The index and the query go through the same
steps, so a word typed in the search box meets the same word in a letter:

1. split the text into runs of letters and digits ("F-35" gives "f" and "35"); a per cent
   sign after a number is the word "procent", so "2%" and "2 procent" are the same words;
2. fold: lower case, accents off, and the few letters Unicode cannot decompose spelled out
   (ß, ø, æ, ...), so "Oekraïne" and "Oekraine" are one word;
3. bring the word to its lemma (lemmas.py: "bommen" -> "bom", "schepen" -> "schip",
   "besprak" -> "bespreken", "dronedreigingen" -> "dronedreiging"), then stem it with the
   Snowball Dutch stemmer ("verdediging" and "verdedigen" both become "verded"); words with a
   digit are kept as they are; the Dutch stop words of PostgreSQL's 'dutch' configuration
   have no lexeme;
4. a split coordination counts for each member: in "land-, lucht- en zeestrijdkrachten" the
   words are landstrijdkrachten, luchtstrijdkrachten and zeestrijdkrachten (each truncated
   member takes the head of the compound that completes the coordination).

Both databases index these lexemes as they are (PostgreSQL through positions we give it, not
its own 'dutch' stemmer), so an upgrade of either cannot change what a query finds.

snowballstemmer 3 renamed the stemmer PostgreSQL ships (up to at least PostgreSQL 17) to
"dutch_porter" and gave the name "dutch" to a newer algorithm that stems differently
("ministers" -> "mini"); we ask for the one PostgreSQL uses, so both backends agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer

from .lemmas import compound_head, compound_heads, lemma

# PostgreSQL's tsearch_data/dutch.stop, which is the Snowball project's Dutch stop list.
INDEX_STOPWORDS = frozenset(
    [
        "de",
        "en",
        "van",
        "ik",
        "te",
        "dat",
        "die",
        "in",
        "een",
        "hij",
        "het",
        "niet",
        "zijn",
        "is",
        "was",
        "op",
        "aan",
        "met",
        "als",
        "voor",
        "had",
        "er",
        "maar",
        "om",
        "hem",
        "dan",
        "zou",
        "of",
        "wat",
        "mijn",
        "men",
        "dit",
        "zo",
        "door",
        "over",
        "ze",
        "zich",
        "bij",
        "ook",
        "tot",
        "je",
        "mij",
        "uit",
        "der",
        "daar",
        "haar",
        "naar",
        "heb",
        "hoe",
        "heeft",
        "hebben",
        "deze",
        "u",
        "want",
        "nog",
        "zal",
        "me",
        "zij",
        "nu",
        "ge",
        "geen",
        "omdat",
        "iets",
        "worden",
        "toch",
        "al",
        "waren",
        "veel",
        "meer",
        "doen",
        "toen",
        "moet",
        "ben",
        "zonder",
        "kan",
        "hun",
        "dus",
        "alles",
        "onder",
        "ja",
        "eens",
        "hier",
        "wie",
        "werd",
        "altijd",
        "doch",
        "wordt",
        "wezen",
        "kunnen",
        "ons",
        "zelf",
        "tegen",
        "na",
        "reeds",
        "wil",
        "kon",
        "niets",
        "uw",
        "iemand",
        "geweest",
        "andere",
    ]
)
# A run of letters/digits, or a per cent sign right after a number ("2%", "2 %").
WORD = re.compile(r"[^\W_]+|(?<=\d)%|(?<=\d )%")
PERCENT_WORD = "procent"
MAX_WORD_LENGTH = 60  # longer runs are not words (hashes, garbage from a PDF); never indexed
# Letters NFKD leaves whole; spelled out as PostgreSQL's unaccent rules do.
SPELLED_OUT = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "þ": "th", "ı": "i", "ð": "d"})


def _stemmer():
    try:
        return snowballstemmer.stemmer("dutch_porter")
    except KeyError:  # snowballstemmer < 3: "dutch" is still the Porter-style algorithm
        return snowballstemmer.stemmer("dutch")


_STEMMER = _stemmer()
_LEXEMES: dict[str, str | None] = {}  # folded word -> stem (a vocabulary is small; bounded anyway)
_FOLDED: dict[str, tuple[str, ...]] = {}  # a run of letters as written -> its folded words
CACHE_LIMIT = 500_000


@dataclass(frozen=True)
class Token:
    """A word of a text: its folded form and where it stands in the text (for snippets)."""

    word: str
    start: int
    end: int


def fold_accents(text: str) -> str:
    """Lower case, without accents: 'Oekraïne' -> 'oekraine'."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).translate(SPELLED_OUT)


def folded_words(raw: str) -> tuple[str, ...]:
    """The folded words of one run of letters and digits (folding can split one: "½" -> 1, 2)."""
    try:
        return _FOLDED[raw]
    except KeyError:
        pass
    if raw == "%":
        result: tuple[str, ...] = (PERCENT_WORD,)
    else:
        result = tuple(p for p in WORD.findall(fold_accents(raw)) if len(p) <= MAX_WORD_LENGTH and p != "%")
    if len(_FOLDED) < CACHE_LIMIT and raw.isalpha():  # numbers and references are new in every letter
        _FOLDED[raw] = result
    return result


def tokens(text: str) -> list[Token]:
    """The words of a text with their place in it; `text` should be NFC (letter text is)."""
    found = [Token(word, match.start(), match.end()) for match in WORD.finditer(text) for word in folded_words(match.group())]
    return complete_coordinations(found, text) if TRUNCATION_CUE.search(text) else found


def words(text: str) -> list[str]:
    """The folded words of a text, in order (the fast path of `tokens`, for indexing)."""
    text = unicodedata.normalize("NFC", text)
    if TRUNCATION_CUE.search(text):
        return [token.word for token in tokens(text)]
    return [word for raw in WORD.findall(text) for word in folded_words(raw)]


# A member cut short before a comma or a conjunction: "land-," "lucht- en", "lucht- of".
TRUNCATION_CUE = re.compile(r"[^\W\d_]-\s*(?:,|(?:en|of|en/of)\s)")
TRUNCATED_AFTER = re.compile(r"-\s*(?:,|(?:en|of|en/of)\s)")
CONJUNCTIONS = {"en", "of"}


def complete_coordinations(found: list[Token], text: str) -> list[Token]:
    """Each truncated member of a coordination with the head that completes it, in the
    member's own place: the head of the compound that ends the coordination ("lucht- en
    raketverdediging": luchtverdediging), or the noun after its last member when that is no
    compound ("cyber- en hybride dreigingen": cyberdreigingen)."""
    result = list(found)
    waiting: list[int] = []  # truncated members seen, not yet completed
    for i, token in enumerate(found):
        if TRUNCATED_AFTER.match(text, token.end):
            waiting.append(i)
        elif token.word in CONJUNCTIONS and waiting:
            continue
        elif waiting:
            head = compound_head(token.word) or noun_after(found, i)
            for j in waiting if head else ():
                result[j] = Token(found[j].word + head, found[j].start, found[j].end)
            waiting = []
    return result


def noun_after(found: list[Token], i: int) -> str | None:
    """The word after the last member, if it can head the truncated ones: a word of letters,
    no stop word, as long as a compound's head must be."""
    following = found[i + 1].word if i + 1 < len(found) else ""
    return following if following.isalpha() and len(following) >= 4 and lexeme(following) is not None else None


def lexeme(word: str) -> str | None:
    """The index form of one folded word; None for a stop word."""
    try:
        return _LEXEMES[word]
    except KeyError:
        pass
    if word in INDEX_STOPWORDS:
        result = None
    elif any(ch.isdigit() for ch in word):
        return word  # not kept: numbers and references are new in every letter (flat import memory)
    else:
        base = fold_accents(lemma(word))
        result = _STEMMER.stemWord(base if base.isalpha() else word)
    if len(_LEXEMES) < CACHE_LIMIT:
        _LEXEMES[word] = result
    return result


def lexemes(text: str) -> list[str | None]:
    """The index forms of a text's words, None where a stop word stands."""
    return [lexeme(w) for w in words(text)]


def is_vocabulary_word(word: str) -> bool:
    """Words worth offering as a spelling suggestion: letters only, not too short or long."""
    return 3 <= len(word) <= 40 and word.isalpha() and word not in INDEX_STOPWORDS


def head_lexemes(word: str) -> list[str]:
    """The lexemes of a compound's heads, by which a search for a head also finds the compound:
    "luchtafweerkanonnen" -> those of "afweerkanonnen" and "kanonnen"; none for other words."""
    if not word.isalpha():
        return []
    return [found for head in compound_heads(word) if (found := lexeme(head))]
