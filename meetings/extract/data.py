"""Plain dataclasses the extraction produces; the importer maps them onto the ORM."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from .body import Block
from .body import write as write_body


@dataclass
class Footnote:
    number: int
    text: str


@dataclass
class CleanDocument:
    blocks: list[Block]
    footnotes: list[Footnote]


@dataclass
class MinisterData:
    name: str  # "A.B. de Vries", academic titles stripped
    role: str  # "Minister van Defensie"


@dataclass
class ParticipantData:
    code: str  # ISO 3166-1 alpha-2
    name: str  # Dutch name


@dataclass
class SessionData:
    heading: str = ""  # the letter's heading for the session, if any
    subject: str = ""  # what the session is about, as the letter phrases it
    topics: list[str] = field(default_factory=list)  # topic names its title speaks of

    @property
    def title(self) -> str:
        if self.heading and self.subject and self.subject.lower() != self.heading.lower():
            return f"{self.heading}: {self.subject}"
        return self.heading or self.subject


@dataclass
class MeetingData:
    series: str
    title: str
    start_date: dt.date
    end_date: dt.date
    location: str | None = None
    extraordinary: bool = False
    virtual: bool = False
    participants: list[ParticipantData] = field(default_factory=list)
    sessions: list[SessionData] = field(default_factory=list)


@dataclass
class CitationData:
    dossier: str  # "21501-02"
    number: int
    text: str  # as printed

    @property
    def id(self) -> str:
        return f"{self.dossier}-{self.number}"


@dataclass
class LetterData:
    kind: str  # "agenda" | "report" | "other"
    date: dt.date | None
    number: int | None
    reference: str | None
    subject: str
    minister: MinisterData | None
    cosigners: list[MinisterData]
    meetings: list[MeetingData]
    citations: list[CitationData]
    footnotes: list[Footnote]
    topics: list[str]
    blocks: list[Block]
    dossier: str | None = None  # the letter's own Kamerstuk dossier, when printed
    is_sample: bool = False
    on_behalf_of: list[str] = field(default_factory=list)  # roles named with "mede namens"
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The text the archive stores and pages render, in the one format of extract/body.py."""
        return write_body(self.blocks)

    def to_json(self) -> dict:
        """The shape `import_letters --format json` prints (dates as ISO 8601)."""

        def iso(value):
            return value.isoformat() if value else None

        return {
            "kind": self.kind,
            "date": iso(self.date),
            "number": self.number,
            "reference": self.reference,
            "dossier": self.dossier,
            "subject": self.subject,
            "minister": asdict(self.minister) if self.minister else None,
            "cosigners": [asdict(m) for m in self.cosigners],
            "on_behalf_of": list(self.on_behalf_of),
            "meetings": [
                {
                    "series": m.series,
                    "title": m.title,
                    "start_date": iso(m.start_date),
                    "end_date": iso(m.end_date),
                    "location": m.location,
                    "extraordinary": m.extraordinary,
                    "virtual": m.virtual,
                    "participants": [asdict(p) for p in m.participants],
                    "sessions": [
                        {"title": s.title, "heading": s.heading, "subject": s.subject, "topics": list(s.topics)}
                        for s in m.sessions
                    ],
                }
                for m in self.meetings
            ],
            "citations": [{"id": c.id, "text": c.text} for c in self.citations],
            "footnotes": [asdict(f) for f in self.footnotes],
            "topics": list(self.topics),
            "is_sample": self.is_sample,
            "warnings": list(self.warnings),
        }
