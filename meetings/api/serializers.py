"""Rows to plain dicts. Every `url` is the absolute address of the HTML page, every `api_url`
that of the JSON resource. The functions only read what meetings/api/queries.py prefetched."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from ..models import Citation, Country, Letter, LetterMeeting, Meeting, Minister, Participation, Topic


class Links:
    """Absolute URLs for one request."""

    def __init__(self, request):
        self.absolute = request.build_absolute_uri

    def page(self, row) -> str:
        return self.absolute(row.get_absolute_url())

    def api(self, name: str, *args, query: dict | None = None) -> str:
        return self.absolute(reverse(f"api:{name}", args=args) + (f"?{urlencode(query)}" if query else ""))

    def letter_page(self, pk: int) -> str:
        return self.absolute(reverse("meetings:letter_detail", args=[pk]))


def minister_ref(minister: Minister | None) -> dict | None:
    return {"name": minister.name, "role": minister.role, "slug": minister.slug} if minister else None


def topic_ref(topic: Topic) -> dict:
    return {"slug": topic.slug, "name": topic.name}


def letter_meeting(link: LetterMeeting, links: Links) -> dict:
    meeting = link.meeting
    return {
        "slug": meeting.slug,
        "title": meeting.title,
        "series": meeting.series,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "role": link.role,
        "url": links.page(meeting),
        "api_url": links.api("meeting_detail", meeting.slug),
    }


def letter_item(letter: Letter, links: Links) -> dict:
    """A letter as the list shows it: metadata, meetings and topics, no text."""
    return {
        "id": letter.pk,
        "kind": letter.kind,
        "date": letter.date,
        "dossier": letter.dossier,
        "number": letter.number,
        "reference": letter.reference,
        "subject": letter.subject,
        "minister": minister_ref(letter.minister),
        "is_sample": letter.is_sample,
        "meetings": [letter_meeting(link, links) for link in letter.meeting_links.all()],
        "topics": [topic_ref(topic) for topic in letter.topics.all()],
        "source_name": letter.source_name,
        "sha256": letter.source_sha256,
        "url": links.page(letter),
        "api_url": links.api("letter_detail", letter.pk),
    }


def citation(cited: Citation, links: Links) -> dict:
    """A cited Kamerstuk links to its archived letter when we hold it, else to the official publication."""
    return {
        "id": cited.kamerstuk_id,
        "text": cited.text,
        "url": links.letter_page(cited.cited_letter_id) if cited.cited_letter_id else cited.official_url,
        "api_url": links.api("letter_detail", cited.cited_letter_id) if cited.cited_letter_id else None,
    }


def letter_detail(letter: Letter, links: Links) -> dict:
    """The whole letter: the list's fields, then cosigners, citations, footnotes and the clean text."""
    original = reverse("meetings:letter_original", args=[letter.pk]) if letter.source_file else None
    return {
        **letter_item(letter, links),
        "cosigners": [minister_ref(m) for m in letter.cosigners.all()],
        "on_behalf_of": list(letter.on_behalf_of),
        "citations": [citation(c, links) for c in letter.citations.all()],
        "footnotes": [{"number": f.number, "text": f.text} for f in letter.footnotes.all()],
        "original_url": links.absolute(original) if original else None,
        "body": letter.body,
    }


def meeting_letter(link: LetterMeeting, sessions: list[str], links: Links) -> dict:
    letter = link.letter
    return {
        "id": letter.pk,
        "source_name": letter.source_name,
        "kind": letter.kind,
        "role": link.role,
        "date": letter.date,
        "subject": letter.subject,
        "sessions": sessions,
        "url": links.page(letter),
        "api_url": links.api("letter_detail", letter.pk),
    }


def meeting_item(meeting: Meeting, links: Links) -> dict:
    """A meeting. `sessions` holds each working-session title once (agenda and report often both
    name it); each letter lists the titles it names itself."""
    titles_by_letter: dict[int, list[str]] = {}
    for session in meeting.sessions.all():
        titles_by_letter.setdefault(session.letter_id, []).append(session.title)
    letter_links = list(meeting.letter_links.all())
    titles = [title for link in letter_links for title in titles_by_letter.get(link.letter_id, [])]
    return {
        "slug": meeting.slug,
        "series": meeting.series,
        "title": meeting.title,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "location": meeting.location,
        "extraordinary": meeting.extraordinary,
        "virtual": meeting.virtual,
        "participants": [p.country_id for p in meeting.participations.all()],
        "sessions": distinct(titles),
        "letters": [meeting_letter(link, titles_by_letter.get(link.letter_id, []), links) for link in letter_links],
        "url": links.page(meeting),
        "api_url": links.api("meeting_detail", meeting.slug),
    }


def distinct(titles: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for title in titles:
        if title.casefold() not in seen:
            seen.add(title.casefold())
            kept.append(title)
    return kept


def country_item(country: Country, links: Links) -> dict:
    return {
        "code": country.code,
        "slug": country.slug,
        "name_nl": country.name_nl,
        "name_en": country.name_en,
        "meeting_count": country.meeting_count,
        "url": links.page(country),
        "api_url": links.api("country_detail", country.slug),
    }


def country_detail(country: Country, participations: list[Participation], links: Links) -> dict:
    """The country with its participation meeting by meeting, oldest first."""
    return {
        **country_item(country, links),
        "participations": [
            {
                "meeting": p.meeting.slug,
                "title": p.meeting.title,
                "series": p.meeting.series,
                "start_date": p.meeting.start_date,
                "end_date": p.meeting.end_date,
                "role": p.role,
                "url": links.page(p.meeting),
                "api_url": links.api("meeting_detail", p.meeting.slug),
            }
            for p in participations
        ],
        "meetings_api_url": links.api("meeting_list", query={"country": country.slug}),
    }


def minister_item(minister: Minister, links: Links) -> dict:
    return {
        **minister_ref(minister),
        "letter_count": minister.letter_count,
        "url": links.page(minister),
        "api_url": links.api("minister_detail", minister.slug),
    }


def minister_detail(minister: Minister, links: Links) -> dict:
    return {
        **minister_item(minister, links),
        "letters_api_url": links.api("letter_list", query={"minister": minister.slug}),
        "meetings_api_url": links.api("meeting_list", query={"minister": minister.slug}),
    }


def topic_item(topic: Topic, links: Links) -> dict:
    return {
        **topic_ref(topic),
        "letter_count": topic.letter_count,
        "session_count": topic.session_count,
        "url": links.page(topic),
        "api_url": links.api("topic_detail", topic.slug),
    }


def topic_detail(topic: Topic, per_year: list[tuple[int, int]], links: Links) -> dict:
    return {
        **topic_item(topic, links),
        "per_year": [{"year": year, "letters": count} for year, count in per_year],
        "letters_api_url": links.api("letter_list", query={"topic": topic.slug}),
        "meetings_api_url": links.api("meeting_list", query={"topic": topic.slug}),
    }


def search_hit(hit, links: Links) -> dict:
    """A found letter (meetings.search.hits.Hit): the letter, its meetings (those the hit
    belongs to), the working session the hit is in, and the passage with the hits marked
    (escaped HTML with <mark>)."""
    letter = hit.letter
    return {
        "id": letter.pk,
        "source_name": letter.source_name,
        "url": links.page(letter),
        "title": letter.subject,
        "date": letter.date,
        "kind": letter.kind,
        "minister": letter.minister.name if letter.minister else None,
        "meetings": [{"title": m.title, "start_date": m.start_date, "url": links.page(m)} for m in hit.meetings],
        "session": hit.session.title if hit.session else None,
        "snippet": str(hit.snippet_html),
    }
