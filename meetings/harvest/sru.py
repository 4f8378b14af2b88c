"""The SRU 2.0 search service of officielebekendmakingen.nl (repository.overheid.nl/sru): the
query for the dossiers' Kamerstukken, and its answers read into records, page by page.

Request (GET, SRU 2.0, OASIS searchRetrieve): operation=searchRetrieve, version=2.0,
query=<CQL>, startRecord (1-based), maximumRecords, recordSchema=gzd. The CQL indexes we use,
as the service and public clients of it name them: c.product-area (officielepublicaties),
w.publicatienaam (Kamerstuk), w.dossiernummer (28676, 21501-28), dt.date (the document's
date) and dt.modified (its last change), combined with AND / OR; e.g.

    c.product-area==officielepublicaties AND w.publicatienaam==Kamerstuk
      AND (w.dossiernummer==28676 OR w.dossiernummer=="21501-28") AND dt.modified>=2025-01-01

Answer (namespace sru = http://docs.oasis-open.org/ns/search-ws/sruResponse):

    <sru:searchRetrieveResponse>
      <sru:version>2.0</sru:version>
      <sru:numberOfRecords>412</sru:numberOfRecords>
      <sru:records><sru:record>
        <sru:recordSchema>...</sru:recordSchema>
        <sru:recordData><gzd:gzd>                       gzd = http://standaarden.overheid.nl/sru
          <gzd:originalData><overheidwetgeving:meta>    overheidwetgeving = http://standaarden.overheid.nl/wetgeving/
            <overheidwetgeving:owmskern>
              <dcterms:identifier>kst-28676-387</dcterms:identifier>     dcterms = http://purl.org/dc/terms/
              <dcterms:title>NAVO; Brief regering; Verslag ...</dcterms:title>
              <dcterms:type>Kamerstuk</dcterms:type>  (scheme OVERHEIDop.KamerstukTypen: "Brief regering")
              <dcterms:modified>2024-06-20</dcterms:modified>
            </overheidwetgeving:owmskern>
            <overheidwetgeving:owmsmantel><dcterms:date>2024-06-19</dcterms:date>...</overheidwetgeving:owmsmantel>
            <overheidwetgeving:tpmeta>
              <overheidwetgeving:dossiernummer>28676</overheidwetgeving:dossiernummer>
              <overheidwetgeving:ondernummer>387</overheidwetgeving:ondernummer>
              <overheidwetgeving:publicatienaam>Kamerstuk</overheidwetgeving:publicatienaam>
              <overheidwetgeving:documenttitel>...</overheidwetgeving:documenttitel>   (not always there)
              <overheidwetgeving:subrubriek>Motie</overheidwetgeving:subrubriek>      (not always there)
            </overheidwetgeving:tpmeta>
          </overheidwetgeving:meta></gzd:originalData>
          <gzd:enrichedData>
            <gzd:preferredUrl>https://zoek.officielebekendmakingen.nl/kst-28676-387.html</gzd:preferredUrl>
            <gzd:itemUrl manifestation="xml">https://repository.overheid.nl/frbr/.../kst-28676-387.xml</gzd:itemUrl>
            <gzd:itemUrl manifestation="pdf">...</gzd:itemUrl>
          </gzd:enrichedData>
        </gzd:gzd></sru:recordData>
        <sru:recordPosition>1</sru:recordPosition>
      </sru:record></sru:records>
      <sru:nextRecordPosition>51</sru:nextRecordPosition>    (absent on the last page)
    </sru:searchRetrieveResponse>

A query the service cannot answer comes back (HTTP 200) as <sru:diagnostics> with
<diag:diagnostic><diag:uri>info:srw/diagnostic/1/10</diag:uri><diag:message>..</diag:message>
<diag:details>..</diag:details></diag:diagnostic> (diag = http://docs.oasis-open.org/ns/search-ws/diagnostic):
that is raised as SruDiagnostic, never read as an empty result. Attachments (blg-...) have no
XML manifestation; their records are kept with xml_url None for selection.py to skip.

Sources, read while writing this: KOOP's "Handleiding SRU 2.0" as public clients cite it
(mastaal/parlhist, WetSuiteLeiden/wetsuite-core), the OASIS searchRetrieve 2.0 response and
diagnostic schemas, and response fixtures of public clients of this service.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SRU = "http://docs.oasis-open.org/ns/search-ws/sruResponse"
DIAG = "http://docs.oasis-open.org/ns/search-ws/diagnostic"
GZD = "http://standaarden.overheid.nl/sru"
OW = "http://standaarden.overheid.nl/wetgeving/"
DCTERMS = "http://purl.org/dc/terms/"
DEFAULT_SOURCE = "https://repository.overheid.nl/sru"
DEFAULT_DOSSIERS = ("28676", "21501-28")  # NAVO; Defensieraad
PAGE_SIZE = 50
PLAIN_TERM = re.compile(r"^[\w.]+$")


class SruError(Exception):
    """An answer that is not an SRU searchRetrieve response."""


class SruDiagnostic(SruError):
    """The service answered with a diagnostic instead of records."""


@dataclass(frozen=True)
class Record:
    identifier: str  # "kst-28676-387"
    title: str  # dcterms:title, "NAVO; Brief regering; Verslag van ..."
    types: tuple[str, ...]  # dcterms:type values: "Kamerstuk", "Brief regering"
    document_title: str  # overheidwetgeving:documenttitel, "" when absent
    subrubriek: str  # overheidwetgeving:subrubriek ("Motie", "Brief"), "" when absent
    publication: str  # overheidwetgeving:publicatienaam, "Kamerstuk"
    dossier: str  # overheidwetgeving:dossiernummer
    number: str  # overheidwetgeving:ondernummer
    date: dt.date | None  # dcterms:date
    modified: dt.date | None  # dcterms:modified
    xml_url: str | None  # gzd:itemUrl manifestation="xml": the link we follow, as given
    page_url: str | None  # gzd:preferredUrl
    position: int  # its place in the result set (1-based)


@dataclass(frozen=True)
class Page:
    total: int  # numberOfRecords
    records: list[Record]
    next_position: int | None  # nextRecordPosition; None on the last page


def build_query(dossiers: Iterable[str], *, since: dt.date | None = None, modified_since: dt.date | None = None) -> str:
    """The CQL query for the dossiers' Kamerstukken, dated on or after `since`, changed on or
    after `modified_since`."""
    wanted = [f"w.dossiernummer=={term(d)}" for d in dossiers]
    parts = ["c.product-area==officielepublicaties", "w.publicatienaam==Kamerstuk"]
    parts.append(wanted[0] if len(wanted) == 1 else "(" + " OR ".join(wanted) + ")")
    if since:
        parts.append(f"dt.date>={since.isoformat()}")
    if modified_since:
        parts.append(f"dt.modified>={modified_since.isoformat()}")
    return " AND ".join(parts)


def term(value: str) -> str:
    """A CQL search term, quoted unless it is plain letters, digits and dots."""
    if PLAIN_TERM.match(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def search_params(query: str, start: int, size: int = PAGE_SIZE) -> dict[str, str | int]:
    return {
        "operation": "searchRetrieve",
        "version": "2.0",
        "query": query,
        "startRecord": start,
        "maximumRecords": size,
        "recordSchema": "gzd",
    }


def parse_page(data: bytes, start: int) -> Page:
    """One answer of the service; SruDiagnostic when it carries diagnostics."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise SruError(f"the answer is not XML ({exc})") from None
    if root.tag == f"{{{SRU}}}diagnostics" or root.find(f"{{{SRU}}}diagnostics") is not None:
        raise SruDiagnostic(diagnostic_text(root))
    if root.tag != f"{{{SRU}}}searchRetrieveResponse":
        raise SruError(f"the answer is not an SRU 2.0 searchRetrieveResponse (its root is {root.tag})")
    total = int_or_none(root.findtext(f"{{{SRU}}}numberOfRecords"))
    if total is None:
        raise SruError("the answer has no numberOfRecords")
    elements = root.findall(f"{{{SRU}}}records/{{{SRU}}}record")
    records = [read_record(element, start + index) for index, element in enumerate(elements)]
    next_position = int_or_none(root.findtext(f"{{{SRU}}}nextRecordPosition"))
    return Page(total=total, records=[r for r in records if r is not None], next_position=next_position)


def diagnostic_text(root: ET.Element) -> str:
    found = []
    for diagnostic in root.iter(f"{{{DIAG}}}diagnostic"):
        message = (diagnostic.findtext(f"{{{DIAG}}}message") or "").strip()
        details = (diagnostic.findtext(f"{{{DIAG}}}details") or "").strip()
        uri = (diagnostic.findtext(f"{{{DIAG}}}uri") or "").strip()
        found.append(
            " ".join(p for p in (message or "diagnostic", f"({details})" if details else "", f"[{uri}]" if uri else "") if p)
        )
    return "; ".join(found) or "the answer holds a diagnostic without a message"


def read_record(element: ET.Element, position: int) -> Record | None:
    """One record; None for a record without an identifier (nothing to import it as)."""
    data = element.find(f"{{{SRU}}}recordData")
    if data is None:
        return None
    identifier = text_of(data, DCTERMS, "identifier")
    if not identifier:
        return None
    urls = {item.get("manifestation"): (item.text or "").strip() for item in data.iter(f"{{{GZD}}}itemUrl")}
    return Record(
        identifier=identifier,
        title=text_of(data, DCTERMS, "title"),
        types=tuple((t.text or "").strip() for t in data.iter(f"{{{DCTERMS}}}type") if (t.text or "").strip()),
        document_title=text_of(data, OW, "documenttitel"),
        subrubriek=text_of(data, OW, "subrubriek"),
        publication=text_of(data, OW, "publicatienaam"),
        dossier=text_of(data, OW, "dossiernummer"),
        number=text_of(data, OW, "ondernummer"),
        date=iso_date(text_of(data, DCTERMS, "date")),
        modified=iso_date(text_of(data, DCTERMS, "modified")),
        xml_url=urls.get("xml") or None,
        page_url=text_of(data, GZD, "preferredUrl") or None,
        position=int_or_none(element.findtext(f"{{{SRU}}}recordPosition")) or position,
    )


def text_of(element: ET.Element, namespace: str, name: str) -> str:
    found = next(element.iter(f"{{{namespace}}}{name}"), None)
    return " ".join((found.text or "").split()) if found is not None else ""


def iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def int_or_none(text: str | None) -> int | None:
    try:
        return int((text or "").strip())
    except ValueError:
        return None
