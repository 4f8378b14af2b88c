"""The partner countries a letter says take part in a meeting.

Only sentences that speak of taking part count ("in aanwezigheid van de ministers van Defensie
van Finland en Zweden", "Andere aangesloten landen zijn ...", "schuift de Zweedse minister
van Defensie aan als genodigde"); countries named for other reasons (Russia as aggressor,
Lithuania as host of a battlegroup) do not. At a NATO meeting the allies are members, not
partners, so they are left out by the date of the meeting; the Netherlands always is.
"""
from __future__ import annotations

import re

from .countries import adjective_code, adjective_pattern, countries_named, country_name
from .data import MeetingData, ParticipantData
from .nato import is_member
from .text import fold

CUES = re.compile(
    r"in aanwezigheid van|uitgenodigd|genodigde|als gast|aangesloten landen|aangesloten zijn|"
    r"collega'?s? uit|ambtsgeno\w* uit|ministers? van defensie van|defensieministers? van|"
    r"\bsessie\b[^.]*\bmet\b|aan tafel|\bna(?:m|men) deel|\bneemt deel|\bnemen deel|deelgenomen|deelname van|"
    r"schuift aan|schoof aan|schoven aan|schuiven aan|delegaties? (?:uit|van)|partnerlanden\s+[A-Z]"
)
PERSON_AFTER_ADJECTIVE = re.compile(r"^\s+(?:ministers? van defensie|defensieminister|collega|ambtsgeno|minister)")
NATO_SERIES = {"dmm", "summit", "nuc"}


def find_participants(sentences: list[str], meeting: MeetingData) -> list[ParticipantData]:
    codes: list[str] = []
    for sentence in sentences:
        folded = fold(sentence)
        if not CUES.search(folded) and not CUES.search(sentence):
            continue
        for code in countries_named(sentence) + adjective_countries(folded):
            if code not in codes:
                codes.append(code)
    kept = [c for c in codes if c != "NL" and not (meeting.series in NATO_SERIES and is_member(c, meeting.start_date))]
    return [ParticipantData(code=c, name=country_name(c)) for c in kept]


def adjective_countries(folded: str) -> list[str]:
    """'de Finse en Zweedse ministers van Defensie' -> FI, SE (adjectives only before a person)."""
    codes = []
    for match in adjective_pattern().finditer(folded):
        rest = folded[match.end() :]
        rest = re.sub(r"^(?:\s*(?:,|en)\s*\w+)*", "", rest)  # skip "en Zweedse" in a list
        if PERSON_AFTER_ADJECTIVE.match(rest):
            code = adjective_code(match.group(1))
            if code and code not in codes:
                codes.append(code)
    return codes
