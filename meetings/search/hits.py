"""The found letters as the results page, the API and the feed show them: the subject and the
best passage with the hits marked, and the meetings (or the working session) a hit belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from ..models import Letter, LetterMeeting, Meeting, Session
from .language.lexemes import LexemeQuery
from .language.snippets import Snippet, highlight, mentions
from .language.words import fold_accents


@dataclass
class Hit:
    """A found letter; `meetings` are those the hit belongs to: the meeting of the working
    session the hit is in when that is known, else every meeting the letter is about."""

    letter: Letter
    title_html: SafeString
    snippet_html: SafeString
    meetings: list[Meeting]
    session: Session | None = None


def load_hits(backend, query: LexemeQuery, ids: list[int]) -> list[Hit]:
    """The letters with these ids, in this order, with snippet, meetings and session."""
    letters = Letter.objects.filter(pk__in=ids).select_related("minister").in_bulk()
    ordered = [letters[pk] for pk in ids if pk in letters]
    if not ordered:
        return []
    meetings, sessions = meetings_and_sessions(list(letters))
    snippets = backend.snippets(query, ordered)
    return [
        make_hit(
            letter,
            query,
            snippets.get(letter.pk) or Snippet(""),
            sessions.get(letter.pk, []),
            sorted(meetings.get(letter.pk, []), key=lambda m: (m.start_date, m.pk)),
        )
        for letter in ordered
    ]


def meetings_and_sessions(letter_ids: list[int]) -> tuple[dict[int, list[Meeting]], dict[int, list[Session]]]:
    """Each letter's meetings and working sessions (their meeting set), in three queries, each
    by key: joined to meetings, the links and sessions were hash joins that read every meeting."""
    links = LetterMeeting.objects.filter(letter_id__in=letter_ids).order_by().values_list("letter_id", "meeting_id")
    sessions = list(
        Session.objects.filter(letter_id__in=letter_ids)
        .only("letter_id", "meeting_id", "title", "heading")
        .order_by("order", "pk")
    )
    meeting_ids = {m for _letter, m in links} | {s.meeting_id for s in sessions}
    meetings = Meeting.objects.only("title", "series", "slug", "start_date", "end_date").in_bulk(meeting_ids)
    letter_meetings: dict[int, list[Meeting]] = {}
    for letter_id, meeting_id in links:
        letter_meetings.setdefault(letter_id, []).append(meetings[meeting_id])
    letter_sessions: dict[int, list[Session]] = {}
    for session in sessions:
        session.meeting = meetings[session.meeting_id]
        letter_sessions.setdefault(session.letter_id, []).append(session)
    return letter_meetings, letter_sessions


def make_hit(letter: Letter, query: LexemeQuery, snippet: Snippet, sessions: list[Session], meetings: list[Meeting]) -> Hit:
    """The hit belongs to the session whose title has a hit, else to the one whose heading the
    snippet stands under, else to all the letter's meetings."""
    heading = fold_accents(snippet.heading)
    session = next((s for s in sessions if mentions(s.title, query)), None) or next(
        (s for s in sessions if heading and s.heading and fold_accents(s.heading) == heading), None
    )
    title = mark_safe(highlight(letter.subject, query))  # escaped, then marked (snippets.py)
    return Hit(letter, title, mark_safe(snippet.html), [session.meeting] if session else meetings, session)
