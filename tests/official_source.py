"""A local stand-in for the official source: an SRU 2.0 service over a list of records, and
the Kamerstuk XML files they link to (tests/fixtures/official/), on 127.0.0.1. No test touches
the internet.

It answers as the documented service does: searchRetrieve with version 2.0 and recordSchema
gzd, the CQL conditions the harvest sends (w.dossiernummer, dt.date, dt.modified) applied to
the records, startRecord/maximumRecords paging with nextRecordPosition, and a diagnostic for a
query it cannot run. Faults can be scripted: a status (503, 429) or a dropped connection (0)
for the next requests that match.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "official"
RESPONSE = Template((FIXTURES / "sru_response.xml").read_text(encoding="utf-8"))
RECORD = Template((FIXTURES / "sru_record.xml").read_text(encoding="utf-8"))
DIAGNOSTIC = (FIXTURES / "sru_diagnostic.xml").read_bytes()
CONDITION = re.compile(r'(w\.dossiernummer|dt\.date|dt\.modified)\s*(==|>=)\s*"?([\w-]+)"?')


@dataclass
class OfficialRecord:
    identifier: str
    title: str  # "NAVO; Brief regering; Geannoteerde agenda ..."
    kind: str = "Brief regering"  # dcterms:type, scheme OVERHEIDop.KamerstukTypen
    date: str = "2025-02-03"
    modified: str = "2025-02-04"
    xml: bytes | None = None  # the XML manifestation; None: a PDF-only publication
    dossier: str = ""  # default: from a kst- identifier ("kst-21501-28-951": "21501-28")
    number: str = ""

    def __post_init__(self):
        self.dossier = self.dossier or "-".join(self.identifier.split("-")[1:-1])
        self.number = self.number or self.identifier.rsplit("-", 1)[-1]


@dataclass
class Fault:
    matches: object  # (path, params) -> bool
    statuses: list[int]  # answered in turn; 0 drops the connection without an answer


@dataclass
class OfficialSource:
    records: list[OfficialRecord]
    requests: list[tuple[str, dict]] = field(default_factory=list)  # (path, params) in order
    faults: list[Fault] = field(default_factory=list)
    diagnostic: bool = False

    def __post_init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def sru_url(self) -> str:
        return f"{self.base}/sru"

    def xml_path(self, record: OfficialRecord) -> str:
        return f"/frbr/officielepublicaties/kst/{record.dossier}/{record.identifier}/1/xml/{record.identifier}.xml"

    def fail(self, matches, *statuses: int) -> None:
        self.faults.append(Fault(matches, list(statuses)))

    def document_requests(self) -> list[str]:
        return [path for path, _params in self.requests if path != "/sru"]

    def search_requests(self) -> list[dict]:
        return [params for path, params in self.requests if path == "/sru"]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- answers --------------------------------------------------------------------------

    def answer(self, path: str, params: dict) -> tuple[int, bytes]:
        if path == "/sru":
            return 200, self.search(params)
        found = next((r for r in self.records if r.xml is not None and self.xml_path(r) == path), None)
        return (200, found.xml) if found else (404, b"not found")

    def search(self, params: dict) -> bytes:
        valid = (
            params.get("operation") == "searchRetrieve" and params.get("version") == "2.0" and params.get("recordSchema") == "gzd"
        )
        if self.diagnostic or not valid:
            return DIAGNOSTIC
        matching = [r for r in self.records if matches(r, params.get("query", ""))]
        start, size = int(params.get("startRecord", 1)), int(params.get("maximumRecords", 10))
        page = matching[start - 1 : start - 1 + size]
        following = start + size
        return RESPONSE.substitute(
            total=len(matching),
            records="".join(self.record_xml(r, start + i) for i, r in enumerate(page)),
            next=f"<sru:nextRecordPosition>{following}</sru:nextRecordPosition>" if following <= len(matching) else "",
        ).encode()

    def record_xml(self, record: OfficialRecord, position: int) -> str:
        items = f'<gzd:itemUrl manifestation="pdf">{self.base}/frbr/{record.identifier}.pdf</gzd:itemUrl>'
        if record.xml is not None:
            items += f'<gzd:itemUrl manifestation="xml">{self.base}{self.xml_path(record)}</gzd:itemUrl>'
        return RECORD.substitute(
            identifier=record.identifier,
            title=escape(record.title),
            kind=record.kind,
            date=record.date,
            modified=record.modified,
            dossier=record.dossier,
            number=record.number,
            items=items,
            position=position,
        )


def matches(record: OfficialRecord, query: str) -> bool:
    """The record meets the query's conditions (dossiers OR-ed, dates from a day on)."""
    dossiers = [value for index, op, value in CONDITION.findall(query) if index == "w.dossiernummer"]
    if dossiers and record.dossier.replace(" ", "") not in dossiers:
        return False
    for index, _op, value in CONDITION.findall(query):
        if index in ("dt.date", "dt.modified"):
            field_value = record.date if index == "dt.date" else record.modified
            if dt.date.fromisoformat(field_value) < dt.date.fromisoformat(value):
                return False
    return True


def handler_for(source: OfficialSource):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            url = urlsplit(self.path)
            params = {k: v[0] for k, v in parse_qs(url.query).items()}
            source.requests.append((url.path, params))
            fault = next((f for f in source.faults if f.statuses and f.matches(url.path, params)), None)
            if fault is not None:
                status = fault.statuses.pop(0)
                if status == 0:
                    self.close_connection = True
                    self.connection.shutdown(2)  # dropped: no status line at all
                    return
                return self.send(status, b"busy", {"Retry-After": "0"})
            status, body = source.answer(url.path, params)
            self.send(status, body, {"Content-Type": "application/xml; charset=utf-8"})

        def send(self, status: int, body: bytes, headers: dict) -> None:
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # quiet
            pass

    return Handler


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
