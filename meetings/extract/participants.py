"""The partner countries a letter says take part in a meeting.

Only sentences that speak of taking part count ("in aanwezigheid van de ministers van Defensie
van Finland en Zweden", "Andere aangesloten landen zijn ...", "schuift de Zweedse minister
van Defensie aan als genodigde"); countries named for other reasons (Russia as aggressor,
Lithuania as host of a battlegroup) do not. At a NATO meeting the allies are members, not
partners, so they are left out by the date of the meeting; the Netherlands always is.
"""

from __future__ import annotations

import re

from .countries import adjective_code, adjective_pattern, country_name, dutch_names, name_pattern, trailing_name_pattern
from .data import MeetingData, ParticipantData
from .nato import NEVER_INVITED, is_member
from .sessions import is_ukraine_council
from .text import fold_keeping_offsets

CUES = re.compile(
    r"in aanwezigheid van|uitgenodigd(?:\s+\w+){0,3}\s+(?:sessie|werksessie|bijeenkomst|vergadering|dmm|top|werkdiner|werklunch|deel te nemen)|"
    r"\b(?:is|zijn|werd|werden|was|waren)\b[^.]{0,80}\buitgenodigd\b|genodigde|als gast|\baangesloten\b|"
    r"collega'?s? uit|ambtsgeno\w* uit|ministers? van defensie van|defensieministers? van|"
    r"ministers? van buitenlandse zaken van|buitenlandministers? van|\bnamens\b|"
    r"(?:sessie|werkdiner|werklunch|zitting|bijeenkomst|overleg|\bspr(?:eken|eekt|aken|ak))\b[^.]*?(?<!videoverbinding )\bmet de\b|"
    r"aan tafel|\bna(?:m|men)\b[^.]*\bdeel\b|\b(?:neemt|nemen)\b[^.]*\bdeel\b|\bdeel(?:neemt|nemen|nam|namen|genomen)\b|"
    r"deelgenomen|deelname van|"
    r"schuift aan|schoof aan|schoven aan|schuiven aan|delegaties? (?:uit|van)|partnerlanden\s+[a-z]|"
    r"gaf (?:een )?toelichting|lichtte\b[^.]*\btoe\b|\bschetste\b|\baanwezig\b"
)
# Countries a sentence speaks about rather than with: "de sessie over Afghanistan".
ABOUT_PREPOSITIONS = {
    "over",
    "in",
    "tegen",
    "naar",
    "richting",
    "jegens",
    "binnen",
    "aan",
    "voor",
    "tussen",
    "rond",
    "rondom",
    "door",
    "op",
}
# The NATO-Ukraine Council and the Ukraine Defence Contact Group exist to meet with Ukraine.
WITH_UKRAINE = {"nuc", "udcg"}
PERSON_AFTER_ADJECTIVE = re.compile(
    r"^\s+(?:ministers? van defensie|defensieminister|collega|ambtsgeno|minister|premier|vicepremier|president|"
    r"regeringsleider|staatshoofd|kanselier|delegatie)"
)
# "De Australische en de Georgische collega maakten bekend ...": a colleague is at the table;
# so is a minister named by nationality who speaks ("de Georgische minister benadrukte").
COLLEAGUE_AFTER_ADJECTIVE = re.compile(r"^\s+(?:collega|ambtsgeno)")
MINISTER_AFTER_ADJECTIVE = re.compile(r"^\s+(?:ministers?|minister van [\w ]+?|defensieminister|buitenlandminister)\b")
# The speaker is the sentence's subject: "(Ook) de/mijn Georgische minister ...".
SENTENCE_SUBJECT = re.compile(
    r"^\s*(?:ook\s+)?(?:de|mijn|onze|zijn|haar|hun)\s+(?=[\w-]+\s+(?:minister|defensieminister|buitenlandminister))"
)
SPEAKS = re.compile(
    r"\b(?:benadrukte|benadrukten|sprak|spraken|verklaarde|onderstreepte|riep\w*|deed\b[^.]{0,30}\boproep|"
    r"presenteerde|meldde|stelde|wees|bedankte|pleitte|gaf aan|gaven aan|kondigde)\b"
)


def find_participants(sentences: list[str], meeting: MeetingData) -> list[ParticipantData]:
    codes: list[str] = []
    for sentence in sentences:
        folded = fold_keeping_offsets(sentence)
        if not (name_pattern().search(folded) or adjective_pattern().search(folded)):
            continue  # no country named: nothing to find (and the cues are costly)
        found = adjective_countries(folded, COLLEAGUE_AFTER_ADJECTIVE)
        if SPEAKS.search(folded) and (subject := SENTENCE_SUBJECT.match(folded)):
            found += adjective_countries(folded[: subject.end() + 40], MINISTER_AFTER_ADJECTIVE)[:1]
        if CUES.search(folded):
            found = partner_countries(folded) + adjective_countries(folded) + found
        for code in found:
            if code not in codes:
                codes.append(code)
    meets_ukraine = meeting.series in WITH_UKRAINE or any(is_ukraine_council(s.title) for s in meeting.sessions)
    if meets_ukraine and "UA" not in codes:
        codes.append("UA")
    members_count = meeting.series == "jef"  # the JEF's own members are its participants
    kept = [c for c in codes if c != "NL" and c not in NEVER_INVITED and (members_count or not is_member(c, meeting.start_date))]
    return [ParticipantData(code=c, name=country_name(c)) for c in kept]


def partner_countries(folded: str) -> list[str]:
    """Countries named in the sentence, except those it speaks about ('over Afghanistan')."""
    codes = []
    for match in name_pattern().finditer(folded):
        if governing_word(folded[: match.start()]) in ABOUT_PREPOSITIONS:
            continue
        code = dutch_names()[match.group(1)]
        if code not in codes:
            codes.append(code)
    return codes


# "de betrekkingen met Rusland": a country the meeting speaks about, not one it speaks with.
RELATION_NOUNS = {
    "betrekkingen",
    "relatie",
    "relaties",
    "samenwerking",
    "dialoog",
    "grens",
    "conflict",
    "oorlog",
    "spanningen",
    "handel",
}


def governing_word(before: str) -> str:
    """The word that governs a country name, skipping the list it stands in ('over X, Y en Z')."""
    text = before.rstrip()
    while True:
        shortened = trailing_name_pattern().sub("", text).rstrip()
        shortened = re.sub(r"(?:,|\ben)\s*$", "", shortened).rstrip()
        if shortened == text:
            break
        text = shortened
    words = re.findall(r"[\w'-]+", text)
    while words and words[-1] in {"de", "het", "situatie", "missie", "missies"}:
        words.pop()
    if len(words) >= 2 and words[-1] == "met" and words[-2] in RELATION_NOUNS:
        return "over"  # spoken about, like "over"
    return words[-1] if words else ""


def adjective_countries(folded: str, person: re.Pattern = PERSON_AFTER_ADJECTIVE) -> list[str]:
    """'de Finse en Zweedse ministers van Defensie' -> FI, SE (adjectives only before a person)."""
    codes = []
    for match in adjective_pattern().finditer(folded):
        rest = folded[match.end() :]
        rest = re.sub(r"^(?:\s*(?:,|en)\s*(?:de\s+)?[\w-]+)*", "", rest)  # skip "en (de) Zweedse" in a list
        if person.match(rest):
            code = adjective_code(match.group(1))
            if code and code not in codes:
                codes.append(code)
    return codes
