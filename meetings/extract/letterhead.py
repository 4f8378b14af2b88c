"""Recognise the lines of a letter that are letterhead, page furniture or metadata, not text.

The patterns follow the two layouts the ministry uses: the Staatscourant/Kamerstuk print
("Nr. 387 BRIEF VAN DE MINISTER VAN DEFENSIE", "Tweede Kamer, vergaderjaar 2021–2022, 28 676,
nr. 387 2", "kst-28676-387 ISSN 0921 - 7371 's-Gravenhage 2022") and the ministry's own letter
paper (address block, "Datum", "Betreft", "Onze referentie", "Pagina 2 van 4").
"""

from __future__ import annotations

import re

PAGE_FURNITURE = [
    r"tweede kamer,? vergaderjaar\b.*",
    r"tweede kamer der staten-generaal( \d+)?",
    r"vergaderjaar \d{4}\s*[–-]\s*\d{4}",
    r"kst-\d[\w-]*.*",
    r".*\bissn\b.*",
    r"'s-gravenhage \d{4}",
    r"pagina \d+ (van|/) \d+",
    r"\d{1,3}",
    r"-\s*\d{1,3}\s*-",
]
LETTERHEAD = [
    r"(aan )?de voorzitter van de tweede kamer( der staten-generaal)?",
    r"der staten-generaal",
    r"postbus \d+.*",
    r"plein \d+.*",
    r"mpc \d+.*",
    r"bezuidenhoutseweg \d+.*",
    r"(https?://)?www\.\S+",
    r"ministerie van defensie",
    r"(den haag|'s-gravenhage)",
    r"(datum|betreft|onze referentie|ons kenmerk|uw referentie|uw kenmerk|uw brief|kenmerk|bijlage\(n\)|bijlagen?|contactpersoon|doorkiesnummer)\b.*",
    r"bij beantwoording.*",
    r"retouradres\b.*",
    r"geachte (heer |mevrouw )?voorzitter,?",
    r"onze referentie en betreft.*",
    r"vermelden\.?",
    r"(den haag|'s-gravenhage),? \d{1,2} \w+ \d{4}",
    r"nr\. \d+\s+brief van\b.*",
    r"brief van de (minister|staatssecretaris)\b.*",
    r"voorbeeldbrief\b.*",
]
PAGE_FURNITURE_RE = re.compile("^(?:" + "|".join(PAGE_FURNITURE) + r")\s*$", re.IGNORECASE)
LETTERHEAD_RE = re.compile("^(?:" + "|".join(LETTERHEAD) + r")\s*$", re.IGNORECASE)
# Case matters for these: "2594 AC Den Haag" (postcode), a reference ("BS2024000123",
# "BZDOC-1234567890-12", "MINBUZA-2016.123456", "DVB/NW-123/2015"), a ministry's name and the
# sender's unit in the letterhead or a sidebar repeated on every page ("Ministerie van
# Buitenlandse Zaken", "Directie Veiligheidsbeleid"), and contact lines ("T 070 348 6486").
NAME_WORDS = r"(?: (?:[A-Z][\w'’-]*|en|van|voor|der|de))*"
CASED = [
    r"\d{4} ?[A-Z]{2}\b.*",
    r"[A-Z]{2,5}[ /-]?\d{4}[\d /.-]{4,}",
    r"[A-Z][A-Za-z]{1,9}(?:[/-][A-Z]{1,6})?[-/]\d{3,}(?:[-/.]\d+)*",
    r"[A-Z]{2,9}[-/]\d{4}\.\d{3,}",
    r"Ministerie van [A-Z][\w-]*" + NAME_WORDS,
    r"(?:Directie|Directoraat(?:-[Gg]eneraal)?|Afdeling|Dienst|Bureau|Kabinet van de) [A-Z][\w-]*" + NAME_WORDS,
    r"(?:T|F|E|Tel\.?|Telefoon|Fax|E-mail)(?: |: ?)[\w@.+() -]+",
]
CASED_RE = re.compile("^(?:" + "|".join(CASED) + r")\s*$")
SAMPLE_MARKER = re.compile(r"^\s*voorbeeldbrief\b", re.IGNORECASE)


# Only in the letterhead (the first lines): street addresses ("Kalvermarkt 32") and the dossier
# line of the Kamerstuk print ("28 676 NAVO").
HEAD_ONLY_RE = re.compile(
    r"^(?:[A-Z][\w'’-]+ \d{1,4}[a-zA-Z]?|\d{2} \d{3}(?:-[A-Z0-9]+)?\s+[A-Z][\w -]*|Nederland|The Netherlands)$"
)
HEAD_LINES = 40


def is_head_furniture(line: str, index: int) -> bool:
    return index < HEAD_LINES and bool(HEAD_ONLY_RE.match(line.strip()))


def is_furniture(line: str) -> bool:
    """True for page headers/footers and letterhead lines that are not letter text."""
    stripped = line.strip()
    return bool(stripped) and any(r.match(stripped) for r in (PAGE_FURNITURE_RE, LETTERHEAD_RE, CASED_RE))


def is_sample_letter(text: str) -> bool:
    """Our shipped demonstration letters start with a 'VOORBEELDBRIEF' line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return bool(SAMPLE_MARKER.match(first))
