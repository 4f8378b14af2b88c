"""A Kamerstuk's official XML in, its structure out: the letter as the publisher encoded it,
so nothing has to be guessed from page layout (letter.parse_kamerstuk makes the LetterData).

The format is that of officielebekendmakingen.nl (schema "op-xsd", the XML manifestation a
record of the SRU service links to as <gzd:itemUrl manifestation="xml">). What we read, by
element name (no namespace; the files carry none of their own):

    <officiele-publicatie>
      <metadata><meta name="DC.identifier" content="kst-28676-387"/> ...</metadata>
      <kamerstuk>
        <kamerstukkop><tekstregel inhoud="vergaderjaar">...</tekstregel></kamerstukkop>
        <dossier><dossiernummer><dossiernr>28 676</dossiernr></dossiernummer><titel>NAVO</titel></dossier>
        <stuk>
          <stuknr>Nr. <ondernummer>387</ondernummer></stuknr>
          <titel>BRIEF VAN DE MINISTER VAN DEFENSIE</titel>
          <algemeen><vrije-tekst><tekst>
            <al>paragraph<noot id="..." type="voet"><noot.nr>1</noot.nr><noot.al>footnote</noot.al></noot> text</al>
            <tussenkop>heading</tussenkop>
            <divisie><kop><nr>1.</nr><titel>heading</titel></kop><al>...</al></divisie>
            <lijst><li><li.nr>–</li.nr><al>item</al></li></lijst>
          </tekst></vrije-tekst></algemeen>
          <tekst-sluiting><ondertekening><functie>De Minister van Defensie,</functie>
            <naam><voornaam>A.B.</voornaam><achternaam>de Vries</achternaam></naam></ondertekening></tekst-sluiting>
        </stuk>
      </kamerstuk>
    </officiele-publicatie>

Sources, read while writing this: the element names of Kamerstukken as public converters of
these files read them (mastaal/parlhist; converters of kst-34851-4 and kst-36180-133 with their
tests), the SRU record format of repository.overheid.nl (see meetings/harvest/sru.py), and the
metadata names (DC.identifier, OVERHEIDop.dossiernummer, OVERHEIDop.ondernummer,
OVERHEIDop.documenttitel, OVERHEIDop.datumBrief) of the publications' metadata.xml.

Details the schema leaves open are handled the lenient way: a footnote (<noot>) becomes "[^N]"
where it stands, its number as printed (<noot.nr>); <nootref refid> repeats an earlier note's
marker; a <divisie>'s number (<kop><nr>) is left out of its heading, as the text reader leaves
"1." out; a processing instruction (<?xpp ...?>) is dropped without a space; the letter date is
the metadata's OVERHEIDop.datumBrief, else a <dagtekening> (its <datum isodatum>, else its
text), else the "Den Haag, 9 maart 2022" line the shared extraction finds in the first lines.
Unknown elements with text are read as their text, so nothing of the letter is lost.

Parsing is hardened: defusedxml refuses entity declarations and external references (no
billion laughs, no file or network fetches), and read.py runs it within the reading limits.
Pure: no Django import.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .body import Block, BlockKind
from .bounded import ReadLimits
from .data import Footnote, MinisterData
from .errors import UnreadableFileError
from .letterhead import is_furniture
from .signature import clean_name, is_signature_name, is_signature_role, normalize_role
from .text import collapse_spaces

ROOTS = {"officiele-publicatie", "kamerstuk"}
XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:\?xml\b|officiele-publicatie\b|kamerstuk\b)")
# The head of the printed Kamerstuk: its number, title and dossier are read apart, not as text.
HEAD = {"kamerstukkop", "dossier", "stuknr", "titel", "datumtekst", "metadata"}
ADDRESS = {"ontvanger", "aanhef"}  # "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"
IGNORED = {"noot", "nootref", "li.nr", "kop", "nr"}  # read where they belong, never as blocks
LIST_ITEM_MARK = "–"
OFFICIAL_ID = re.compile(r"^kst-\d[0-9A-Za-z]*(?:-[0-9A-Za-z]+)*$")


@dataclass
class Kamerstuk:
    """What the official XML says of the letter itself; the body as blocks and footnotes."""

    identifier: str | None  # "kst-28676-387", as the file names itself or from dossier and number
    dossier: str | None  # "28676", "21501-28"
    number: int | None
    date: dt.date | None
    subject: str  # the metadata's document title; "" when the file has none
    head_lines: list[str]  # addressee and dating lines: what the text reader finds in the letterhead
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    signers: list[MinisterData] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join([*self.head_lines, *(b.text for b in self.blocks), *(f.text for f in self.footnotes)])


def looks_like_xml(data: bytes) -> bool:
    """An XML document (by its first bytes): an XML declaration or a Kamerstuk root element."""
    return bool(XML_START.match(data[:200]))


def read_kamerstuk(data: bytes, limits: ReadLimits | None = None) -> Kamerstuk:
    """The Kamerstuk in an official XML file; UnreadableFileError when it is not one."""
    root = parse_xml(data)
    if local(root.tag) not in ROOTS:
        raise UnreadableFileError(f"the XML file is not a Kamerstuk (its root element is <{local(root.tag)}>)")
    stuk_root = root if local(root.tag) == "kamerstuk" else first(root, "kamerstuk")
    if stuk_root is None:
        raise UnreadableFileError("the XML file is an official publication but not a Kamerstuk (no <kamerstuk>)")
    meta = metadata_of(root)
    reader = BodyReader()
    stuk = first(stuk_root, "stuk")
    reader.read(stuk if stuk is not None else stuk_root)
    dossier = dossier_of(stuk_root) or normal_dossier(meta.get("OVERHEIDop.dossiernummer", ""))
    number = number_of(stuk) or as_int(meta.get("OVERHEIDop.ondernummer", ""))
    identifier = meta.get("DC.identifier", "")
    if not OFFICIAL_ID.match(identifier):
        identifier = f"kst-{dossier}-{number}" if dossier and number else None
    kamerstuk = Kamerstuk(
        identifier=identifier,
        dossier=dossier,
        number=number,
        date=iso_date(meta.get("OVERHEIDop.datumBrief", "")) or reader.date,
        subject=document_title(meta),
        head_lines=reader.head_lines,
        blocks=drop_leading_furniture(reader.blocks, reader.head_lines),
        footnotes=reader.footnotes,
        signers=reader.signers,
    )
    if len(kamerstuk.text.split()) < 20:
        raise UnreadableFileError("the Kamerstuk XML holds almost no text")
    return kamerstuk


def parse_xml(data: bytes) -> ET.Element:
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnreadableFileError(f"the XML file declares entities or external references, which are refused ({exc})") from exc
    except ET.ParseError as exc:
        raise UnreadableFileError(f"the XML file is not well-formed ({exc})") from exc


def local(tag) -> str:
    """An element's name without its namespace ("" for comments and processing instructions)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def first(element: ET.Element, name: str) -> ET.Element | None:
    return next((child for child in element if local(child.tag) == name), None)


def metadata_of(root: ET.Element) -> dict[str, str]:
    """<metadata><meta name=".." content=".."/></metadata>: the first value of each name."""
    found: dict[str, str] = {}
    block = first(root, "metadata")
    for item in block if block is not None else []:
        name, content = item.get("name"), collapse_spaces(item.get("content") or "")
        if name and content:
            found.setdefault(name, content)
    return found


def document_title(meta: dict[str, str]) -> str:
    """OVERHEIDop.documenttitel, else the last part of DC.title ("NAVO; Brief regering; Verslag ...")."""
    if title := meta.get("OVERHEIDop.documenttitel"):
        return title
    parts = [p.strip() for p in meta.get("DC.title", "").split(";")]
    return parts[-1] if len(parts) >= 3 else ""


def dossier_of(kamerstuk: ET.Element) -> str | None:
    dossier = first(kamerstuk, "dossier")
    number = first(dossier, "dossiernummer") if dossier is not None else None
    if number is None:
        return None
    printed = first(number, "dossiernr")
    return normal_dossier(inline_text(printed if printed is not None else number)) or None


def normal_dossier(printed: str) -> str:
    """ "28 676" -> "28676", "21 501-28" -> "21501-28" (as citations name dossiers)."""
    return re.sub(r"\s+", "", printed)


def number_of(stuk: ET.Element | None) -> int | None:
    stuknr = first(stuk, "stuknr") if stuk is not None else None
    if stuknr is None:
        return None
    ondernummer = first(stuknr, "ondernummer")
    return as_int(inline_text(ondernummer if ondernummer is not None else stuknr))


def as_int(text: str) -> int | None:
    match = re.search(r"\d+", text)
    return int(match.group(0)) if match else None


def iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def inline_text(element: ET.Element) -> str:
    """All text of an element, spaces collapsed (names, numbers, short fields)."""
    return collapse_spaces(" ".join(element.itertext()))


def drop_leading_furniture(blocks: list[Block], head_lines: list[str]) -> list[Block]:
    """Addressee, place and date, salutation before the first paragraph of text: the letterhead,
    which the text reader leaves out of the body too. They stay available as head lines."""
    index = 0
    while index < len(blocks) and blocks[index].kind == BlockKind.PARAGRAPH and is_furniture(blocks[index].text):
        head_lines.append(blocks[index].text)
        index += 1
    return blocks[index:]


class BodyReader:
    """Walks the <stuk>: blocks in order, footnotes at their markers, signers, the dating line."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.footnotes: list[Footnote] = []
        self.signers: list[MinisterData] = []
        self.head_lines: list[str] = []
        self.date: dt.date | None = None
        self.note_markers: dict[str, int] = {}  # a note's id -> its number, for <nootref>

    def read(self, element: ET.Element) -> None:
        for child in element:
            self.read_element(child)

    def read_element(self, child: ET.Element) -> None:
        name = local(child.tag)
        if not name or name in HEAD or name in IGNORED:
            return
        if name == "al":
            self.add(BlockKind.PARAGRAPH, self.inline(child))
        elif name == "tussenkop":
            self.add(BlockKind.HEADING, self.inline(child).rstrip(":"))
        elif name in ("divisie", "bijlage"):
            self.division(child)
        elif name == "lijst":
            self.list_items(child)
        elif name == "ondertekening":
            self.signature(child)
        elif name in ADDRESS:
            self.head_lines.append(self.inline(child))
        elif name == "dagtekening":
            self.dating(child)
        elif name in ("table", "tabel"):
            self.table(child)
        elif len(child):
            self.read(child)  # a container: algemeen, vrije-tekst, tekst, tekst-sluiting, brief, ...
        else:
            self.add(BlockKind.PARAGRAPH, self.inline(child))

    def add(self, kind: BlockKind, text: str) -> None:
        if text:
            self.blocks.append(Block(kind, text))

    def division(self, element: ET.Element) -> None:
        kop = first(element, "kop")
        title = first(kop, "titel") if kop is not None else None
        if title is not None:
            self.add(BlockKind.HEADING, self.inline(title).rstrip(":"))
        self.read(element)

    def list_items(self, element: ET.Element) -> None:
        for item in element:
            if local(item.tag) != "li":
                self.read_element(item)
                continue
            mark = first(item, "li.nr")
            prefix = (inline_text(mark) if mark is not None else "") or LIST_ITEM_MARK
            before = len(self.blocks)
            self.read(item)
            if len(self.blocks) > before and self.blocks[before].kind == BlockKind.PARAGRAPH:
                self.blocks[before].text = f"{prefix} {self.blocks[before].text}"

    def signature(self, element: ET.Element) -> None:
        """<ondertekening>: the role is its text around <naam> ("<functie>De Minister</functie>
        van Defensie,"), the name is <naam> (<voornaam> and <achternaam>)."""
        naam = first(element, "naam")
        name = inline_text(naam) if naam is not None else ""
        role = collapse_spaces(" ".join(self.text_outside(element, naam)))
        for text in (role, name):
            self.add(BlockKind.SIGNATURE, text)
        if role and name:
            self.signers.append(signer(role, name))

    def text_outside(self, element: ET.Element, skip: ET.Element | None) -> list[str]:
        parts = [element.text or ""]
        for child in element:
            if child is not skip:
                parts.extend(self.text_outside(child, skip))
            parts.append(child.tail or "")
        return parts

    def dating(self, element: ET.Element) -> None:
        self.head_lines.append(inline_text(element))
        stamp = next((d.get("isodatum") for d in element.iter() if local(d.tag) == "datum" and d.get("isodatum")), None)
        self.date = self.date or iso_date(stamp or "")

    def table(self, element: ET.Element) -> None:
        for row in element.iter():
            if local(row.tag) == "row":
                cells = [self.inline(entry) for entry in row if local(entry.tag) == "entry"]
                self.add(BlockKind.PARAGRAPH, " | ".join(c for c in cells if c))

    def inline(self, element: ET.Element) -> str:
        """The text of a paragraph-like element, with "[^N]" where a footnote is referred to."""
        return collapse_spaces("".join(self.inline_parts(element)))

    def inline_parts(self, element: ET.Element) -> list[str]:
        parts = [element.text or ""]
        for child in element:
            name = local(child.tag)
            if name == "noot":
                parts.append(self.footnote(child))
            elif name == "nootref":
                number = self.note_markers.get(child.get("refid") or "")
                parts.append(f"[^{number}]" if number else "")
            elif name == "br":
                parts.append(" ")
            elif name:
                parts.extend(self.inline_parts(child))
            parts.append(child.tail or "")
        return parts

    def footnote(self, element: ET.Element) -> str:
        printed = first(element, "noot.nr")
        number = as_int(inline_text(printed)) if printed is not None else None
        taken = {f.number for f in self.footnotes}
        if number is None or number in taken:
            number = max(taken, default=0) + 1
        paragraphs = [self.inline(p) for p in element if local(p.tag) != "noot.nr"]
        self.footnotes.append(Footnote(number, " ".join(p for p in paragraphs if p)))
        if element.get("id"):
            self.note_markers[element.get("id")] = number
        return f"[^{number}]"


def signer(role: str, name: str) -> MinisterData:
    """The signer as the text reader names one: "Minister van Defensie", "A.B. de Vries"."""
    role = role.strip().rstrip(",").strip()
    return MinisterData(
        name=clean_name(name) if is_signature_name(name) else name,
        role=normalize_role(role) if is_signature_role(role) else role,
    )
