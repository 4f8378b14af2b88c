"""Names in the page's language, in one place: meeting titles, places and ministers' roles.

The archive stores what the letters say, in Dutch ("Bijeenkomst NAVO-ministers van Defensie",
"Brussel", "Minister van Defensie"); English pages show English names. Places come from CLDR
(Babel): a time zone's exemplar city is named in Dutch and in English ("Brussel"/"Brussels",
"Praag"/"Prague", "Warschau"/"Warsaw"), so no hand-typed table is needed for the cities CLDR
knows; PLACES_NOT_IN_CLDR holds the few it does not. Country names come from CLDR too (the
Country rows, meetings/store/writer.py). Letter text and quoted titles stay Dutch.

Each function is cheap (a dictionary look-up; no query), so list pages can call it per row.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import get_language, gettext, gettext_noop

# The title the extraction gives a meeting of each standard series (meetings/extract/meetings.py,
# SERIES_TITLES; a test keeps the two the same), marked here for translation.
STANDARD_TITLES = {
    "dmm": gettext_noop("Bijeenkomst NAVO-ministers van Defensie"),
    "fmm": gettext_noop("Bijeenkomst NAVO-ministers van Buitenlandse Zaken"),
    "summit": gettext_noop("NAVO-top"),
    "jef": gettext_noop("Joint Expeditionary Force"),
    "udcg": gettext_noop("Ukraine Defence Contact Group"),
    "nuc": gettext_noop("NAVO-Oekraïne Raad"),
}

# Dutch exonyms of places where NATO ministers meet that CLDR's time-zone cities do not name.
PLACES_NOT_IN_CLDR = {
    "Den Haag": "The Hague",
    "'s-Gravenhage": "The Hague",
    "Antwerpen": "Antwerp",
    "Bergen": "Mons",  # the Belgian city (SHAPE); the Norwegian Bergen is rarely a NATO venue
    "Brugge": "Bruges",
    "Gent": "Ghent",
    "Keulen": "Cologne",
    "Napels": "Naples",
    "Sevilla": "Seville",
    "Straatsburg": "Strasbourg",
    "Genève": "Geneva",
    "Washington D.C.": "Washington, D.C.",
}

# Ministries as they appear in ministers' roles ("Minister van Defensie") and their English names.
MINISTRIES = {
    "Defensie": "Defence",
    "Buitenlandse Zaken": "Foreign Affairs",
    "Algemene Zaken": "General Affairs",
    "Financiën": "Finance",
    "Economische Zaken": "Economic Affairs",
    "Economische Zaken en Klimaat": "Economic Affairs and Climate Policy",
    "Justitie en Veiligheid": "Justice and Security",
    "Binnenlandse Zaken en Koninkrijksrelaties": "the Interior and Kingdom Relations",
    "Buitenlandse Handel en Ontwikkelingssamenwerking": "Foreign Trade and Development Cooperation",
    "Infrastructuur en Waterstaat": "Infrastructure and Water Management",
    "Volksgezondheid, Welzijn en Sport": "Health, Welfare and Sport",
}
ROLE = re.compile(r"^(?P<office>Minister|Staatssecretaris|Minister-president)(?: (?P<link>van|voor) (?P<ministry>.+))?$", re.I)
OFFICES = {"minister": "Minister", "staatssecretaris": "State Secretary", "minister-president": "Prime Minister"}


def in_english() -> bool:
    return (get_language() or "").startswith("en")


def meeting_title(series: str, title: str) -> str:
    """A meeting's title in the page's language: a standard series' title translated; an
    "other" meeting's own name (or one an admin gave) stays as it is."""
    if in_english() and title == STANDARD_TITLES.get(series):
        return gettext(title)
    return title


@cache
def english_places() -> dict[str, str]:
    """Dutch place name -> English, from CLDR's time-zone exemplar cities where they differ."""
    from babel import Locale
    from babel.dates import get_timezone, get_timezone_location

    names = {}
    for zone in Locale("nl").time_zones:
        try:
            dutch, english = (get_timezone_location(get_timezone(zone), locale=lang, return_city=True) for lang in ("nl", "en"))
        except LookupError:
            continue
        if dutch != english:
            names[dutch] = english
    return names | PLACES_NOT_IN_CLDR


def place_name(location: str) -> str:
    """A place in the page's language: "Brussel" on an English page is "Brussels"."""
    if not location or not in_english():
        return location
    return english_places().get(location.strip(), location)


def minister_role(role: str) -> str:
    """A minister's role in the page's language: "Minister van Defensie" -> "Minister of Defence"."""
    if not role or not in_english():
        return role
    match = ROLE.match(role.strip())
    if not match:
        return role
    office = OFFICES[match["office"].lower()]
    ministry = match["ministry"]
    if not ministry:
        return office
    english = MINISTRIES.get(ministry[:1].upper() + ministry[1:])
    if english is None:
        return role
    if match["link"].lower() == "voor" or office == "State Secretary":
        return f"{office} for {english}"
    return f"{office} of {english}"


def english_or(dutch: str, english: str) -> str:
    """The English name on an English page when there is one, else the Dutch."""
    return english if english and in_english() else dutch
