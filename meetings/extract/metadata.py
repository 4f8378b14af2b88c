"""The letter's own particulars: date, number, reference, subject, dossier and kind."""

from __future__ import annotations

import datetime as dt
import re

from .dates import find_dates, full_date
from .text import collapse_spaces, fold_keeping_offsets

HEAD_LINES = 40  # the letterhead sits in the first lines of the text
DATE_LINE = re.compile(r"^\s*(?:den haag|'s-gravenhage|datum)\b[ ,:]*(.*)$", re.IGNORECASE)
NUMBER_LINE = re.compile(r"^\s*nr\.\s*(\d{1,5})\b(?=.*\bbrief\b|\s*$)", re.IGNORECASE)
REFERENCE_LABEL = re.compile(r"^\s*(?:onze referentie|ons kenmerk|kenmerk|referentie)\b[\s:]*(.*)$", re.IGNORECASE)
# Defence "BS2024000123"; Foreign Affairs "BZDOC-1234567890-12", "MINBUZA-2016.123456",
# "DVB/NW-123/2015", "BZ2118762".
REFERENCE_VALUE = re.compile(r"\b([A-Z][A-Za-z]{0,9}(?:[/-][A-Z]{1,6})?[-/ ]?\d[\w/.-]*\d)\b")
SUBJECT_LINE = re.compile(r"^\s*betreft\b[\s:]*(.*)$", re.IGNORECASE)
OWN_DOSSIER = re.compile(
    r"tweede kamer,? vergaderjaar \d{4}[–-]\d{4},? (\d{2}\s?\d{3}(?:-[A-Z0-9]+)?), nr\. (\d+)", re.IGNORECASE
)

# How a letter names itself, in its subject line or opening paragraph. A mention of another
# letter ("zoals beschreven in de geannoteerde agenda (Kamerstuk ...)") is not a self-description.
SELF_AGENDA = re.compile(
    r"^(?:geannoteerde )?agenda\b|\b(?:bied|zend|stuur|doe)\w* ik u\b[^.]*\bagenda\b|\bhierbij\b[^.]*\bgeannoteerde agenda\b",
    re.IGNORECASE,
)
SELF_REPORT = re.compile(
    r"^verslag\b|\btreft u\b[^.]*\bverslag\b|\b(?:bied|zend|stuur|doe)\w* ik u\b[^.]*\bverslag\b|"
    r"\binformeer ik u\w*( kamer)? over (?:de uitkomsten|het verloop|de resultaten)",
    re.IGNORECASE,
)
AGENDA_WORDS = re.compile(r"geannoteerde agenda(?!\s*\(kamerstuk)", re.IGNORECASE)
REPORT_WORDS = re.compile(r"\bverslag\b(?!\s*\(kamerstuk)", re.IGNORECASE)
FUTURE = re.compile(r"\b(zal|zullen|komen|komt|vindt|vinden|staat|staan|spreken|bespreken|wordt verwacht)\b", re.IGNORECASE)
PAST = re.compile(
    r"\b(vond|vonden|kwamen|kwam|spraken|bespraken|benadrukte|benadrukten|werd|werden|onderstreepte|onderstreepten|waren|was)\b",
    re.IGNORECASE,
)


def head(lines: list[str]) -> list[str]:
    return lines[:HEAD_LINES]


def letter_date(lines: list[str]) -> dt.date | None:
    """'Den Haag, 9 maart 2022' or 'Datum 22 juni 2022' in the letterhead; None if absent."""
    window = head(lines)
    for index, line in enumerate(window):
        match = DATE_LINE.match(line)
        if match:
            for mention in find_dates(labelled_value(window, index, match.group(1))):
                if (date := full_date(mention)) is not None:
                    return date
    return None


def letter_number(lines: list[str]) -> int | None:
    """'Nr. 387 BRIEF VAN DE MINISTER VAN DEFENSIE' -> 387 (the Kamerstuk number)."""
    for line in head(lines)[:12]:
        match = NUMBER_LINE.match(line)
        if match:
            return int(match.group(1))
    return None


def letter_reference(lines: list[str]) -> str | None:
    """'Onze referentie' with its value on the same or a following line."""
    window = head(lines)
    for index, line in enumerate(window):
        match = REFERENCE_LABEL.match(line)
        if not match:
            continue
        for candidate in [match.group(1), *window[index + 1 : index + 4]]:
            value = REFERENCE_VALUE.search(candidate or "")
            if value and sum(c.isdigit() for c in value.group(1)) >= 3:
                return value.group(1).replace(" ", "")
    return None


def letter_subject(lines: list[str]) -> str:
    window = head(lines)
    for index, line in enumerate(window):
        match = SUBJECT_LINE.match(line)
        if match:
            return collapse_spaces(labelled_value(window, index, match.group(1)))
    return ""


def labelled_value(lines: list[str], index: int, inline: str) -> str:
    """A letterhead field's value: after its label ("Datum 5 juni 2024") or on the next line."""
    return inline.strip() or next((l for l in lines[index + 1 : index + 3] if l.strip()), "")


DOSSIER_LINE = re.compile(r"^\s*(\d{2} \d{3}(?:-[A-Z0-9]+)?)\s+[A-Z][\w -]*$")


def letter_dossier(text: str, lines: list[str], number: int | None) -> str | None:
    """The letter's own dossier, from the Kamerstuk page header or the print's dossier line."""
    for match in OWN_DOSSIER.finditer(text):
        if number is None or int(match.group(2)) == number:
            return re.sub(r"\s", "", match.group(1))
    if number is not None:
        for line in lines[:15]:
            if match := DOSSIER_LINE.match(line):
                return match.group(1).replace(" ", "")
    return None


def letter_kind(subject: str, opening: str) -> str | None:
    """'agenda' or 'report' when the letter says what it is; None when it does not say."""
    for text in (subject, opening):
        if SELF_AGENDA.search(text):
            return "agenda"
        if SELF_REPORT.search(text):
            return "report"
    return None


def letter_kind_hint(subject: str, opening: str) -> str | None:
    """A weaker reading of the same words, for when the dates cannot tell."""
    for text in (subject, opening):
        agenda, report = AGENDA_WORDS.search(text), REPORT_WORDS.search(text)
        if agenda and not report:
            return "agenda"
        if report and not agenda:
            return "report"
    return None


# Verbs that say when the meeting the letter opens with takes place.
MEETING_PAST = re.compile(
    r"\bplaatsvond(?:en)?\b|\bvond(?:en)?\b[^.]*\bplaats\b|\bkwam(?:en)?\b[^.]*\bbijeen\b|\bwerd(?:en)? gehouden\b|"
    r"\bheb(?:ben)? (?:ik|wij)\b[^.]*\b(?:deelgenomen|bijgewoond|vertegenwoordigd)\b|\bvergaderden\b",
    re.IGNORECASE,
)
MEETING_FUTURE = re.compile(
    r"\bplaatsvindt\b|\bvindt\b[^.]*\bplaats\b|\bkom(?:t|en)\b[^.]*\bbijeen\b|\bwordt gehouden\b|\bvergader(?:t|en)\b|"
    r"\bzal\b[^.]*\bplaatsvinden\b|\baanstaande\b",
    re.IGNORECASE,
)


def kind_from_opening(opening: str) -> str | None:
    """'die op 15 oktober in Brussel plaatsvond': a report; 'komen ... bijeen': an agenda."""
    past, future = bool(MEETING_PAST.search(opening)), bool(MEETING_FUTURE.search(opening))
    if past != future:
        return "report" if past else "agenda"
    return None


def kind_from_tense(text: str) -> str:
    """Last resort: a report tells what happened, an agenda what will happen."""
    future, past = len(FUTURE.findall(text)), len(PAST.findall(text))
    if not future and not past:
        return "other"
    return "report" if past > future else "agenda"


def mentions_nato(text: str) -> bool:
    folded = fold_keeping_offsets(text)
    return bool(re.search(r"\b(navo|nato|bondgeno|defensie|jef|joint expeditionary)", folded))


FOREIGN_AFFAIRS = re.compile(r"\b(?:minister(?:ie)?s?\s+van\s+)buitenlandse\s+zaken\b", re.IGNORECASE)


def ministerial_series(minister, lines: list[str]) -> str:
    """Whose ministers a bare "ministeriële" meets: the department the letter comes from.

    The signer's role tells; an unsigned letter, its letterhead ("Ministerie van Buitenlandse
    Zaken") or its Kamerstuk heading ("BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN").
    """
    if minister is not None:
        return "fmm" if "buitenlandse zaken" in minister.role.lower() else "dmm"
    head = " ".join(line for line in lines[:20] if "ministerie" in line.lower() or "brief van" in line.lower())
    return "fmm" if FOREIGN_AFFAIRS.search(head) else "dmm"
