"""Country names in Dutch letters, to ISO 3166-1 alpha-2 codes.

Names come from CLDR through Babel (maintained, complete); a few spellings the ministry uses
that CLDR does not ("Bosnië-Herzegovina", "Groot-Brittannië") are added as variants. Letters
also name a country through its adjective next to a person ("de Zweedse minister van
Defensie"); CLDR has no adjectives, so those are listed here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from .text import fold_keeping_offsets

# CLDR territory codes that are not countries (regions, unions, placeholders).
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AQ"}
VARIANTS = {
    "Bosnië-Herzegovina": "BA",
    "Groot-Brittannië": "GB",
    "Verenigde Staten van Amerika": "US",
    "Republiek Moldavië": "MD",
    "Republiek Korea": "KR",
    "Wit-Rusland": "BY",
    "Belarus": "BY",
    "Macedonië": "MK",
    "Tsjechische Republiek": "CZ",
}
ADJECTIVES = {
    "Oekraïense": "UA",
    "Georgische": "GE",
    "Finse": "FI",
    "Zweedse": "SE",
    "Britse": "GB",
    "Amerikaanse": "US",
    "Duitse": "DE",
    "Franse": "FR",
    "Noorse": "NO",
    "Deense": "DK",
    "Estse": "EE",
    "Estlandse": "EE",
    "Letse": "LV",
    "Letlandse": "LV",
    "Litouwse": "LT",
    "IJslandse": "IS",
    "Poolse": "PL",
    "Belgische": "BE",
    "Italiaanse": "IT",
    "Spaanse": "ES",
    "Canadese": "CA",
    "Japanse": "JP",
    "Australische": "AU",
    "Zuid-Koreaanse": "KR",
    "Nieuw-Zeelandse": "NZ",
    "Moldavische": "MD",
    "Oostenrijkse": "AT",
    "Ierse": "IE",
    "Zwitserse": "CH",
    "Turkse": "TR",
    "Roemeense": "RO",
    "Bulgaarse": "BG",
    "Hongaarse": "HU",
    "Tsjechische": "CZ",
    "Slowaakse": "SK",
    "Portugese": "PT",
    "Griekse": "GR",
    "Kroatische": "HR",
    "Sloveense": "SI",
    "Montenegrijnse": "ME",
    "Albanese": "AL",
    "Noord-Macedonische": "MK",
    "Bosnische": "BA",
    "Luxemburgse": "LU",
    "Cypriotische": "CY",
    "Maltese": "MT",
    "Afghaanse": "AF",
    "Mongoolse": "MN",
    "Jordaanse": "JO",
    "Irakese": "IQ",
    "Servische": "RS",
    "Kosovaarse": "XK",
    "Armeense": "AM",
    "Azerbeidzjaanse": "AZ",
    "Kazachse": "KZ",
    "Marokkaanse": "MA",
    "Tunesische": "TN",
    "Egyptische": "EG",
    "Israëlische": "IL",
    "Qatarese": "QA",
    "Koeweitse": "KW",
    "Saoedische": "SA",
    "Indiase": "IN",
    "Chinese": "CN",
    "Russische": "RU",
    "Belarussische": "BY",
    "Wit-Russische": "BY",
    "Iraanse": "IR",
    "Noord-Koreaanse": "KP",
    "Colombiaanse": "CO",
    "Braziliaanse": "BR",
}


@lru_cache(maxsize=1)
def dutch_names() -> dict[str, str]:
    """Folded Dutch name -> code, CLDR names plus variants."""
    names = {
        fold_keeping_offsets(name): code
        for code, name in Locale("nl").territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }
    names.update({fold_keeping_offsets(name): code for name, code in VARIANTS.items()})
    return names


def trie_pattern(words) -> str:
    """One regular expression for many literal words, sharing their prefixes.

    Python's re tries each branch of a plain alternation at every position; a trie of
    branches ("ne(?:derland|pal)") rules most positions out at the first letter, four times
    faster for the 250 country names. Longer words win, as in a longest-first alternation.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        arms = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not arms:
            return ""
        body = arms[0] if len(arms) == 1 else "(?:" + "|".join(arms) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie)


@lru_cache(maxsize=1)
def name_pattern() -> re.Pattern:
    return re.compile(r"(?<![\w-])(" + trie_pattern(dutch_names()) + r")(?![\w-])")


@lru_cache(maxsize=1)
def adjective_pattern() -> re.Pattern:
    return re.compile(r"(?<![\w-])(" + trie_pattern(fold_keeping_offsets(a) for a in ADJECTIVES) + r")(?![\w-])")


@lru_cache(maxsize=1)
def trailing_name_pattern() -> re.Pattern:
    """A country name that ends the text (after a lookbehind that keeps it a whole word)."""
    return re.compile(r"(?<![\w-])(?:" + trie_pattern(dutch_names()) + r")\s*$")


def adjective_code(folded_word: str) -> str | None:
    for adjective, code in ADJECTIVES.items():
        if fold_keeping_offsets(adjective) == folded_word:
            return code
    return None


def country_name(code: str, language: str = "nl") -> str:
    return Locale(language).territories.get(code, code)
