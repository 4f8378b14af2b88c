"""Find the sentences that say a meeting takes (or took) place, with its date and place.

A letter names many dated events in passing ("de NAVO-top in Vilnius op 11 en 12 juli 2023");
the meetings it covers are those it says take place: a sentence with a meeting word, a date
and a verb of meeting ("komen ... bijeen", "vond ... plaats", "wordt gehouden"), or the
subject line or a heading that names a meeting with its date. Dates far from the letter's own
date, or marked "jl." in an agenda, are earlier meetings mentioned for context.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import DateMention, find_dates, resolve_span
from .text import fold_keeping_offsets

MEETING_WORD = re.compile(
    r"bijeenkomst|bijeen\b|\btop\b|-top\b|summit|\bdmm\b|vergader|ministeri[eë]le|\braad\b|council|"
    r"contact ?group|contactgroep|videoconferentie|defence ministers|conferentie|\boverleg\b|ontmoeting|"
    r"joint expeditionary force|\bjef\b|\budcg\b",
    re.IGNORECASE,
)
# Every MEETING_WORD match holds one of these: a cheap test that rules out most sentences.
MEETING_WORD_PARTS = (
    "bijeen",
    "top",
    "summit",
    "dmm",
    "vergader",
    "ministeri",
    "raad",
    "council",
    "contact",
    "conferentie",
    "defence ministers",
    "overleg",
    "ontmoeting",
    "joint expeditionary force",
    "jef",
    "udcg",
)


def may_name_meeting(sentence: str) -> bool:
    lowered = sentence.lower()
    return any(part in lowered for part in MEETING_WORD_PARTS) and bool(MEETING_WORD.search(sentence))


# Verbs that say a meeting happens; and words by which a letter says it is about a meeting.
HAPPENS = re.compile(
    r"plaats(?:vindt|vond|vinden|vonden|gevonden)?\b|\bvind(?:t|en)\b|\bvond(?:en)?\b|\bbijeen(?:geroepen|roepen|riep)?\b|"
    r"\bgehouden\b|vergader(?:t|en|de|den)\b|\bgeorganiseerd\b|\borganiseer\w*|\bontmoet|\bsamen(?:komen|kwamen)\b|"
    r"\bkomen\b.*\bsamen\b|\bbeleg(?:t|de|den|d)\b|\bdeelgenomen\b|\bbijgewoond\b|\bvertegenwoordigd\b",
    re.IGNORECASE,
)
ABOUT = re.compile(
    r"\b(?:agenda|verslag|uitkomsten|resultaten|informeer\w*|bericht\w*)\b[^.]{0,80}?\b(?:over|van|voor)\s+(?:de|het|twee|beide)\b"
    r"[^.]{0,40}?(?:bijeenkomst|\btop\b|-top\b|\bdmm\b|vergadering|raad\b|council|contact group|\bjef\b)",
    re.IGNORECASE,
)
# "sinds 24 februari", "vanaf 1 oktober": a date that starts or ends a period, not a meeting's.
PERIOD_BEFORE = re.compile(r"\b(?:sinds|vanaf|tot|per|uiterlijk|met ingang van|voor|na)\s*$", re.IGNORECASE)
# A date in a sentence about sending or receiving a letter is the letter's date, not a meeting's.
LETTER_SENT = re.compile(
    r"\b(?:ontvangen|ontving|ontvingen|toegezonden|toegestuurd|gezonden|verzonden|verstuurd|aangeboden|geïnformeerd|informeerde)\b",
    re.IGNORECASE,
)
# A meeting that did not or will not take place on that date: "die op 12 oktober in Ramstein
# zou plaatsvinden, is uitgesteld"; but "uitgesteld tot 14 februari" gives its new date.
CANCELLED = re.compile(
    r"\bzou(?:den)?\b[^.;]{0,80}\b(?:plaatsvinden|worden gehouden|bijeenkomen)\b|\b(?:uitgesteld|afgelast|geannuleerd)\b|"
    r"\b(?:gaat|ging|gingen|gaan) niet door\b|\bniet (?:voorzien|doorgaan|doorgegaan)\b",
    re.IGNORECASE,
)
NEW_DATE_BEFORE = re.compile(
    r"\b(?:uitgesteld|verplaatst|verschoven)\s+(?:[\w-]+\s+){0,3}?(?:tot|naar)\s+(?:\w+dag\s+)?$", re.IGNORECASE
)
PAST_MARK = re.compile(r"^\s*(?:jl\.|j\.l\.|jongstleden|vorig jaar)", re.IGNORECASE)
EXTRAORDINARY = re.compile(
    r"ingelast|buitengewon|extraordinary|\bextra (?:bijeenkomst|ingelaste|dmm)|spoedbijeenkomst", re.IGNORECASE
)
# The meeting itself is virtual: "vond plaats per videoverbinding", "een videoconferentie";
# not a speaker joining by video ("Reznikov schetste per videoverbinding").
VIRTUAL = re.compile(
    r"videoconferentie|virtue(?:el|le) (?:bijeenkomst|vergadering|dmm|top|overleg)|(?:bijeenkomst|vergadering|dmm|top|overleg) "
    r"(?:is|was|werd|wordt|vond|vindt)? ?(?:plaats )?(?:virtueel|digitaal|online)|digita(?:al|le) (?:bijeenkomst|vergadering)|"
    r"(?:bijeenkomst|vergadering|dmm|\btop|overleg|bijeen)\b[^.]{0,50}\b(?:per|via) (?:video\w*|videoconferentie)|"
    r"\b(?:per|via) (?:een )?(?:beveiligde )?video\w*[^.]{0,60}\b(?:bijeenkomst|vergadering) plaats",
    re.IGNORECASE,
)
# Phrases that put another meeting next to the one named: "voorafgaand aan de DMM".
RELATIVE = r"(?:voorafgaand aan|voorafgaande aan|na afloop van|in de aanloop naar|richting|ter voorbereiding op|in voorbereiding op|in de marge van|aansluitend op|tijdens|volgend op)\s+(?:de|het)?\s*"

# "de ministers van Defensie van de Northern Group": ministers of a group with a name of its
# own, not of the alliance or of countries.
OWN_GROUP = (
    r"ministers van (?:defensie|buitenlandse zaken) van (?:de|het) (?!navo|nato|bondgeno|lidstaten|alliantie|landen|"
    r"verenigde staten|verenigd koninkrijk|baltische|europese unie|eu\b|overige|andere|betrokken|deelnemende|partner|"
    r"joint expeditionary|jef\b)[a-z0-9]"
)
MINISTERIAL = "ministerial"
SERIES_WORDS = [
    ("jef", r"joint expeditionary force|\bjef\b"),
    ("other", r"\beu-(?:ministers|defensieministers)|ministers van defensie van de (?:eu|europese unie)|\be5\b|" + OWN_GROUP),
    ("udcg", r"ukraine defen[cs]e contact group|\budcg\b|contactgroep"),
    ("nuc", r"nato-ukraine council|navo-oekraine-? ?raad|\bnuc\b"),
    ("summit", r"navo[- ]top|nato[- ]top|nato summit|\btop\b|staatshoofden en regeringsleiders"),
    ("fmm", r"ministers van buitenlandse zaken|buitenlandministers?|foreign ministers|\bfmm\b"),
    ("dmm", r"ministers? van defensie|defensieministers?|\bdmm\b|defence ministers"),
    # "de NAVO-ministeriële": the ministers of the letter's own department (see series_of)
    (MINISTERIAL, r"ministeri[eë]le"),
]


SERIES_PATTERN = "|".join(pattern for _, pattern in SERIES_WORDS)
NAMED_MEETING = re.compile(SERIES_PATTERN + "|" + MEETING_WORD.pattern.lower())
# Words that introduce another meeting than the one the sentence is about: "de laatste
# bijeenkomst voor de NAVO-top in Washington, die van 9 tot en met 11 juli plaatsvindt", "in het
# teken van de voorbereiding van de bijeenkomst van staatshoofden en regeringsleiders in Londen
# op 3 en 4 december", "de volgende top vindt plaats in Den Haag".
NEIGHBOUR_BEFORE = re.compile(
    r"(?:voorafgaand(?:e)? aan|na afloop van|aanloop naar|richting|voorbereiding (?:op|van)|volgend op|aansluitend op|"
    r"net als|evenals|zoals|"
    r"(?:laatste|eerste)\s+(?:[\w-]+\s+){0,6}?(?:voor|na)|\b(?:eerst)?volgende)"
    r"\s+(?:(?:de|het|een|bijeenkomst|vergadering|van|der|navo|nato)\s+){0,4}$"
)


def names_a_neighbour(sentence: str, mention: DateMention) -> bool:
    """Is the date that of a meeting the sentence names only as a neighbour of its own?

    It is when the meeting named nearest before the date is introduced as another meeting
    (NEIGHBOUR_BEFORE) and no meeting named after the date takes the date instead.
    """
    folded = fold_keeping_offsets(sentence)
    before = [m for m in NAMED_MEETING.finditer(folded, 0, mention.start)]
    if not before or not NEIGHBOUR_BEFORE.search(folded[: before[-1].start()]):
        return False
    after = [m for m in NAMED_MEETING.finditer(folded, mention.end) if not NEIGHBOUR_BEFORE.search(folded[: m.start()])]
    return not after


@dataclass
class Anchor:
    """One statement in the letter that a meeting of a series takes place."""

    series: str
    start: dt.date | None
    end: dt.date | None
    location: str | None
    virtual: bool
    extraordinary: bool
    block: int  # index of the block it stands in (-1: the subject line)
    sentence: str
    past: bool = False  # marked "jl.": a meeting before the letter, perhaps long before
    name: str | None = None  # a gathering's own name ("Northern Group"), for series "other"


def series_of(sentence: str, ministerial: str = "dmm") -> str | None:
    """The series named in the sentence, ignoring one only named as a neighbour.

    A "ministeriële" that names no ministers is a meeting of the ministers of the letter's
    own department: `ministerial` (dmm in a Defence letter, fmm in a Foreign Affairs one).
    """
    folded = fold_keeping_offsets(sentence)
    for series, pattern in SERIES_WORDS:
        for match in re.finditer(pattern, folded):
            if not re.search(RELATIVE + r"$", folded[max(0, match.start() - 40) : match.start()]):
                return ministerial if series == MINISTERIAL else series
    return None


# "De bijeenkomst van de NAVO-defensieministers van 24-25 oktober 2019 stond in het teken van":
# a date attached to the meeting's noun names the meeting even without a verb of meeting.
ATTACHED_DATE = re.compile(
    r"(?:bijeenkomst|vergadering|\bdmm\b|ministeri[eë]le|\btop\b|-top\b)\)?(?:\s+(?!dat\b|die\b|waar)[^\s.,;]+){0,8}?\s+(?:van|op)\s+(?:\w+dag\s+)?\d{1,2}\b",
    re.IGNORECASE,
)
EARLIER = re.compile(r"\b(?:vorige|eerdere|afgelopen|laatste|voorgaande)\b", re.IGNORECASE)
ATTACHED_DAYS = 45  # how far from the letter's date such a named meeting may lie


def is_meeting_statement(sentence: str, heading: bool) -> bool:
    if not may_name_meeting(sentence):
        return False
    if heading or HAPPENS.search(sentence):
        return True
    return bool(ABOUT.search(sentence)) and not LETTER_SENT.search(sentence)


def is_attached_date(sentence: str) -> bool:
    return bool(ATTACHED_DATE.search(sentence)) and not EARLIER.search(sentence) and not LETTER_SENT.search(sentence)


def plausible(span: tuple[dt.date, dt.date], letter_date: dt.date | None, kind: str | None, explicit: bool) -> bool:
    """Is the meeting close enough to the letter's date to be what the letter is about?

    An agenda announces meetings to come and a report tells of meetings past; a meeting on
    the other side of the letter's date counts only when the letter says it informs about it
    (a heading, or "daarnaast informeer ik u over de bijeenkomst ... die op 23 januari plaatsvond").
    """
    if letter_date is None:
        return True
    before = (letter_date - span[1]).days  # > 0: the meeting ended before the letter
    after = (span[0] - letter_date).days  # > 0: the meeting starts after the letter
    if explicit or kind not in ("agenda", "report"):
        return -120 <= after <= 120
    if kind == "agenda":
        return -3 <= after <= 90
    return -3 <= before <= 120


def is_explicit(sentence: str, heading: bool) -> bool:
    return heading or (bool(ABOUT.search(sentence)) and not LETTER_SENT.search(sentence))


def find_anchors(
    sentence: str,
    *,
    block: int,
    heading: bool,
    letter_date: dt.date | None,
    kind: str | None,
    fallback_year: int | None,
    ministerial: str = "dmm",
) -> list[Anchor]:
    """The meetings this sentence says take place; an undated one only if its series is named.

    One sentence can name two meetings ("... op 17 en 18 oktober en bijeenkomst JEF-ministers op
    31 oktober"): each date then takes the series named in the words leading up to it.
    """
    if not may_name_meeting(sentence):
        return []  # most sentences: no meeting word, so neither a statement nor an attached date
    attached_only = not is_meeting_statement(sentence, heading)
    if attached_only and not is_attached_date(sentence):
        return []
    mentions = find_dates(sentence)[:MAX_DATES]
    bounds = segment_bounds(sentence, mentions) if len(mentions) > 1 else [0, len(sentence)]
    anchors: list[Anchor] = []
    for index, mention in enumerate(mentions):
        before = sentence[max(0, mention.start - 40) : mention.start]
        if kind == "agenda" and PAST_MARK.match(sentence[mention.end :]):
            continue
        if PERIOD_BEFORE.search(before):
            continue
        if names_a_neighbour(sentence, mention):
            continue
        if CANCELLED.search(sentence) and not NEW_DATE_BEFORE.search(before):
            continue
        segment = sentence[bounds[index] : bounds[index + 1]]
        if anchors and not (MEETING_NOUN.search(segment) and not ATTRIBUTIVE.search(before)):
            continue  # a later date in the sentence is context ("een week na de top van 7 juni")
        span = resolve_span(mention, letter_date, fallback_year)
        if span and attached_only and not near_letter(span, letter_date):
            continue
        if span and plausible(span, letter_date, kind, is_explicit(sentence, heading)):
            named = series_of(segment, ministerial) or series_of(sentence, ministerial)
            series = named or "other"
            if named is None and not near_meeting_noun(sentence, mention):
                continue  # "bijeenkomst belegd naar aanleiding van de invasie op 24 februari"
            anchor = make_anchor(series, span, segment if len(mentions) > 1 else sentence, block)
            anchor.past = bool(PAST_MARK.match(sentence[mention.end :]))
            anchor.name = gathering_name(anchor.sentence) if series == "other" else None
            anchors.append(anchor)
    if not mentions and not attached_only and not heading and not re.search(r"\btijdens\b", sentence, re.IGNORECASE):
        series = series_of(sentence, ministerial)
        if series in {"jef", "udcg", "summit"}:
            anchors.append(undated_anchor(series, block, sentence))
    return anchors


def undated_anchor(series: str, block: int, sentence: str) -> Anchor:
    """A meeting named without a date: it steers which text belongs to which meeting, and
    lends its place to the dated mention that may follow ("de bijeenkomst van de JEF in Oslo")."""
    virtual = is_virtual(sentence)
    return Anchor(series, None, None, None if virtual else location_in(sentence), virtual, False, block, sentence)


def near_letter(span, letter_date: dt.date | None) -> bool:
    return letter_date is None or abs((span[0] - letter_date).days) <= ATTACHED_DAYS


MEETING_NOUN = re.compile(r"bijeenkomst|vergadering|\bdmm\b|\btop\b|-top\b|summit|\bjef\b|\budcg\b", re.IGNORECASE)
ATTRIBUTIVE = re.compile(r"\bvan\s*$")


NEAR_WORDS = 6
MAX_DATES = 12  # a "sentence" with more dates than this is a table or junk, not a meeting statement


def near_meeting_noun(sentence: str, mention: DateMention) -> bool:
    """A meeting of no known series counts only when its noun stands close to the date."""
    for match in MEETING_NOUN.finditer(sentence):
        if match.end() <= mention.start:
            between = sentence[match.end() : mention.start]
        else:
            between = sentence[mention.end : match.start()]
        if len(between.split()) <= NEAR_WORDS:
            return True
    return False


SEPARATOR = re.compile(r",\s*(?:en\s+)?|\s+en\s+|;\s*|:\s*")


def segment_bounds(sentence: str, mentions: list[DateMention]) -> list[int]:
    """Where the words of one date end and the next date's begin.

    "... de bijeenkomst van de JEF op 31 maart en 1 april in Oslo, en de bijeenkomst van de
    UDCG op 11 april in Brussel": the cut falls before the second meeting's noun phrase, so
    "in Oslo" stays with the first date.
    """
    bounds = [0]
    for current, following in zip(mentions, mentions[1:]):
        gap = sentence[current.end : following.start]
        noun = MEETING_NOUN.search(gap) or (re.search(SERIES_PATTERN, fold_keeping_offsets(gap)) if series_of(gap) else None)
        cut = current.end
        if noun:
            separators = list(SEPARATOR.finditer(gap[: noun.start()]))
            cut = current.end + (separators[-1].start() if separators else noun.start())
        bounds.append(cut)
    bounds.append(len(sentence))
    return bounds


def make_anchor(series: str, span, sentence: str, block: int) -> Anchor:
    virtual = is_virtual(sentence)
    return Anchor(
        series=series,
        start=span[0],
        end=span[1],
        location=None if virtual else (location_in(sentence) or venue_in(sentence)),
        virtual=virtual,
        extraordinary=bool(EXTRAORDINARY.search(sentence)),
        block=block,
        sentence=sentence,
    )


PLACE = r"([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’-]+|D\.C\.))?)"
LOCATION = re.compile(r"(?<![\w-])(?:[Ii]n|te)\s+" + PLACE)
VENUE = re.compile(
    r"(?:gehouden|plaats(?:vindt|vond|vinden)?|bijeen|georganiseerd|vond|vindt|vinden)\s+(?:\w+\s+){0,3}?(?:in|te)\s+" + PLACE
)
NOT_PLACES = {"navo", "nato", "eu", "europa", "vn", "de", "het", "een", "dit", "deze"}


def location_in(sentence: str, pattern: re.Pattern = LOCATION) -> str | None:
    """The first place name after 'in' or 'te' that is not a country, month or organisation."""
    from .countries import dutch_names
    from .dates import month_numbers

    for match in pattern.finditer(sentence):
        place = match.group(1).rstrip(".,")
        folded = fold_keeping_offsets(place)
        first_word = folded.split()[0]
        if (
            folded in dutch_names()
            or first_word in month_numbers()
            or first_word in NOT_PLACES
            or "europa" in folded
            or place.isupper()
        ):
            continue
        return place
    return None


# NATO's headquarters has been in Brussels since 1967.
HEADQUARTERS = re.compile(r"navo-hoofdkwartier|hoofdkwartier van de navo|nato-hoofdkwartier|nato headquarters", re.IGNORECASE)


def venue_in(sentence: str) -> str | None:
    """A place only where a verb of meeting introduces it ('wordt gehouden in Londen')."""
    place = location_in(sentence, VENUE)
    if place is None and HEADQUARTERS.search(sentence):
        return "Brussel"
    return place


def is_virtual(sentence: str) -> bool:
    return bool(VIRTUAL.search(sentence))


GROUP_NAME = r"(?:[A-Z][\w+-]*|[A-Z0-9]{2,}\+?)(?:\s+(?:of the|of|the|and|for|[A-Z][\w+-]*|\d+\+?))*"
NAMED_GATHERING = re.compile(
    r"(?:bijeenkomst|vergadering|overleg|ontmoeting|top|videoconferentie|ministers van [A-Z]\w+(?: Zaken)?)"
    r"\s+van\s+(?:de|het)\s+(" + GROUP_NAME + ")"
)
NOT_GROUP_NAMES = re.compile(r"^(?:NAVO|NATO|EU|Europese Unie|Verenigde Staten|Verenigd Koninkrijk|Tweede Kamer)\b")


def gathering_name(sentence: str) -> str | None:
    """The own name of a gathering of no series: "de ministers van Defensie van de Northern
    Group", "een bijeenkomst van de Coalition of the Willing", "van de E5"."""
    from .countries import dutch_names

    for match in NAMED_GATHERING.finditer(sentence):
        name = match.group(1).strip()
        if NOT_GROUP_NAMES.match(name) or fold_keeping_offsets(name) in dutch_names():
            continue
        return name
    return None
