"""The working sessions of a meeting: its session headings and the sessions its sentences name.

Agenda letters give each working session a heading ("Afschrikking en verdediging") and often
a sentence ("In de tweede werksessie spreken de ministers over ..."); reports do the same in
the past tense. Heading and sentence describe one session when the sentence stands under the
heading or shares its key words; the session's title then joins both.
"""

from __future__ import annotations

import re

from .data import SessionData
from .text import collapse_spaces, fold_keeping_offsets

UKRAINE_COUNCIL = r"nato-ukraine council|navo-oekraine-? ?raad|\bnuc\b"
# Every pattern below needs one of these words; sentences without them are skipped quickly.
SESSION_HINT = re.compile(r"sessie|werk(?:diner|lunch|ontbijt)|working|planning|npg|ukraine|oekraine-? ?raad|nuc\b|agenda")
NAMED_SESSIONS = [
    ("Werkdiner", r"\bwerkdiner|working dinner"),
    ("Werklunch", r"\bwerklunch|working lunch"),
    ("Werkontbijt", r"\bwerkontbijt|working breakfast"),
    ("Nuclear Planning Group", r"nuclear planning group|\bnpg\b|nucleaire planningsgroep"),
    ("NATO-Ukraine Council", UKRAINE_COUNCIL),
]
SUBJECT_PATTERNS = [
    re.compile(r"\b(?:werk)?sessies?\b,?(?:\s+[^\s.]+){0,6}?,?\s+(?:over|gaat over|ging over)\s+(?P<subject>.+)", re.IGNORECASE),
    re.compile(r"\b(?:werk)?sessie\b\s+(?:staan|staat)\s+(?:ook\s+)?(?P<subject>.+?)\s+op de agenda", re.IGNORECASE),
    re.compile(
        r"\b(?:werk)?sessie\b(?:\s+[^\s.]+){0,4}?\s+(?:is|wordt|was|werd|staat|stond)\s+(?:gewijd aan|in het teken van)\s+(?P<subject>.+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:werk)?sessie\b\s+(?:bespreken|bespraken|behandelen|behandelden)\s+(?:de ministers\s+|zij\s+)?(?P<subject>.+)",
        re.IGNORECASE,
    ),
    # An agenda item in a row of them: "Vervolgens staan missies en operaties op de agenda."
    re.compile(r"^(?:Vervolgens|Daarna|Daarnaast|Verder|Tot slot|Ten slotte) sta(?:an|at) (?P<subject>.+?) op de agenda"),
]
# "een sessie (plaats) met de Indo-Pacifische partners": the partners are the subject.
WITH_PATTERN = re.compile(
    r"\b(?:werk)?sessie\b(?:\s+(?:plaats|belegd|gehouden))?\s+met\s+(?:de\s+|het\s+)?(?P<subject>(?:[\w-]+\s+){0,3}?(?:partners|partnerlanden|landen|ministers|leiders))\b",
    re.IGNORECASE,
)
SUBJECT_END = re.compile(
    r",|;|:|\(|\s+en (?:een|in) |\s+in aanwezigheid|\s+waarbij|\s+met (?:de|het|hun|NAVO|EU|ministers)\b|\s+op \d|\.\s*$",
    re.IGNORECASE,
)
NOT_SESSIONS = re.compile(
    r"^(inleiding|aanleiding|achtergrond|algemeen|overig(e)?( onderwerpen)?|tot slot|afsluiting|slot|"
    r"toezeggingen|moties?( en toezeggingen)?|financi[eë]le (gevolgen|consequenties)|bijlagen?|samenvatting|"
    r"conclusies?|verslag\b.*|geannoteerde agenda\b.*)$",
    re.IGNORECASE,
)
KEY_WORD_STOPWORDS = {
    "de",
    "het",
    "een",
    "en",
    "van",
    "over",
    "op",
    "der",
    "in",
    "met",
    "voor",
    "aan",
    "the",
    "of",
    "and",
    "navo",
}


def key_words(text: str) -> set[str]:
    """Word stems for matching a heading to a sentence ('afschrikkings-' ~ 'afschrikking')."""
    return {w[:7] for w in re.findall(r"[a-z0-9]+", fold_keeping_offsets(text)) if w not in KEY_WORD_STOPWORDS and len(w) > 2}


def is_ukraine_council(title: str) -> bool:
    return bool(re.search(UKRAINE_COUNCIL, fold_keeping_offsets(title)))


def as_written(sentence: str, match: re.Match, canonical: str) -> str:
    """The session's name in the letter's own words ("NAVO-Oekraïneraad"), not an abbreviation."""
    written = sentence[match.start() : match.end()]
    if len(written) <= 4:  # "NUC", "NPG"
        return canonical
    return written[:1].upper() + written[1:]


def tidy(subject: str) -> str:
    subject = collapse_spaces(SUBJECT_END.split(subject, maxsplit=1)[0])
    subject = re.sub(r"^(?:de|het|een)\s+", "", subject, flags=re.IGNORECASE)
    return subject[:1].upper() + subject[1:] if subject else ""


class SessionCollector:
    def __init__(self) -> None:
        self.sessions: list[SessionData] = []
        self.by_heading: dict[str, SessionData] = {}

    def add_heading(self, heading: str) -> None:
        if NOT_SESSIONS.match(heading.strip()) or heading in self.by_heading:
            return
        words = key_words(heading)
        for session in self.sessions:
            if not words & key_words(session.title):
                continue
            if not session.heading or key_words(session.heading) < words:
                session.heading = heading  # the fuller name: "Werkdiner over het INF-verdrag"
            elif not words <= key_words(session.heading):
                continue  # a different session that shares a word
            self.by_heading[heading] = session
            return
        self.by_heading[heading] = SessionData(heading=heading)
        self.sessions.append(self.by_heading[heading])

    def add_sentence(self, sentence: str, heading: str | None) -> None:
        folded = fold_keeping_offsets(sentence)
        if not SESSION_HINT.search(folded):
            return
        for name, pattern in NAMED_SESSIONS:
            if match := re.search(pattern, folded):
                self.add_named(as_written(sentence, match, name), name, heading)
        subjects = [tidy(m.group("subject")) for p in SUBJECT_PATTERNS for m in p.finditer(sentence)]
        if not subjects:
            subjects = [tidy(m.group("subject")) for m in WITH_PATTERN.finditer(sentence)]
        for subject in subjects:
            if 2 <= len(subject) <= 160:
                self.add_subject(subject, heading)

    def add_named(self, name: str, canonical: str, heading: str | None) -> None:
        words = key_words(name)
        pattern = dict(NAMED_SESSIONS)[canonical]
        if any(words <= key_words(s.title) or re.search(pattern, fold_keeping_offsets(s.title)) for s in self.sessions):
            return
        under = self.session_for_heading(heading)
        if under is not None and not under.subject and not (key_words(under.heading) & words):
            under.subject = name
            return
        self.sessions.append(SessionData(heading=name))

    def add_subject(self, subject: str, heading: str | None) -> None:
        under = self.session_for_heading(heading)
        if under is not None:
            if not under.subject:
                under.subject = subject
            return
        for session in self.sessions:
            if key_words(subject) & key_words(session.title):
                if not session.subject:
                    session.subject = subject
                return
        self.sessions.append(SessionData(subject=subject))

    def session_for_heading(self, heading: str | None) -> SessionData | None:
        return self.by_heading.get(heading) if heading else None

    def result(self) -> list[SessionData]:
        return self.sessions
