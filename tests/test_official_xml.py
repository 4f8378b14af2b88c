"""A Kamerstuk's official XML (op-xsd): its structure is read, not guessed, the shared extraction
runs on its text, import_letters and the admin upload take it, the letter links to its official
page, and a later PDF of the same letter is the same letter."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from fpdf import FPDF

from meetings.extract import UnreadableFileError
from meetings.extract.body import BlockKind
from meetings.extract.letter import parse_document
from meetings.extract.read import file_kind, read_letter_bytes
from meetings.models import Letter
from meetings.store import Status, import_bytes
from meetings.store.staging import check_type
from tests.official_source import FIXTURES, fixture

AGENDA = fixture("kst-28676-901.xml")
REPORT = fixture("kst-28676-902.xml")


def letter_of(content: bytes):
    return parse_document(read_letter_bytes(content))


# --- structure from the XML -------------------------------------------------------------------


def test_number_dossier_date_and_identifier_come_from_the_xml():
    kamerstuk = read_letter_bytes(REPORT)
    assert (kamerstuk.identifier, kamerstuk.dossier, kamerstuk.number) == ("kst-28676-902", "28676", 902)
    assert kamerstuk.date == dt.date(2025, 2, 21)  # <dagtekening><datum isodatum=..>
    other = read_letter_bytes(fixture("kst-21501-28-951.xml"))
    assert (other.identifier, other.dossier, other.number) == ("kst-21501-28-951", "21501-28", 951)


def test_footnotes_stand_at_their_point_of_reference():
    data = letter_of(REPORT)
    assert [f.number for f in data.footnotes] == [1, 2]
    assert data.footnotes[1].text.startswith("Over de Nederlandse investeringen is uw Kamer geïnformeerd")
    body = data.body
    assert "met de Oekraïense minister van Defensie over de militaire steun aan Oekraïne.[^1]" in body
    assert "verdedigingsplannen vordert.[^1] Nederland" in body  # <nootref> repeats note 1's marker
    assert "munitie dringend zijn.[^2]" in body


def test_headings_paragraphs_lists_and_signature_are_blocks():
    data = letter_of(AGENDA)
    headings = [b.text for b in data.blocks if b.kind == BlockKind.HEADING]
    assert headings == ["Afschrikking en verdediging", "Defensie-industriële basis", "Ukraine Defence Contact Group"]
    assert "– gezamenlijke aanschaf van munitie;" in [b.text for b in data.blocks]
    assert [b.text for b in data.blocks if b.kind == BlockKind.SIGNATURE] == ["De Minister van Defensie,", "R.P. Brekelmans"]
    assert not any("Den Haag, 3 februari 2025" in b.text or "Aan de Voorzitter" in b.text for b in data.blocks)


def test_signer_role_is_read_around_the_name_as_the_xml_mixes_it():
    data = letter_of(REPORT)  # <functie>De Minister</functie> van Defensie, <naam>..</naam>
    assert (data.minister.name, data.minister.role) == ("R.P. Brekelmans", "Minister van Defensie")
    assert data.blocks[-3].text == "Hoogachtend," and data.blocks[-3].kind == BlockKind.SIGNATURE


def test_subject_is_the_metadata_document_title_else_made_from_the_meeting():
    assert letter_of(AGENDA).subject.startswith("Geannoteerde agenda voor de bijeenkomst van NAVO-ministers van Defensie")
    assert letter_of(REPORT).subject == "Verslag bijeenkomst NAVO-ministers van Defensie in Brussel, 12 februari 2025"


def test_shared_extraction_finds_meetings_sessions_countries_citations_and_topics():
    data = letter_of(AGENDA)
    assert data.kind == "agenda" and data.date == dt.date(2025, 2, 3)
    dmm, udcg = data.meetings
    assert (dmm.series, dmm.start_date, dmm.end_date, dmm.location) == (
        "dmm",
        dt.date(2025, 2, 12),
        dt.date(2025, 2, 13),
        "Brussel",
    )
    assert udcg.series == "udcg"
    assert [s.heading for s in dmm.sessions] == ["Afschrikking en verdediging", "Defensie-industriële basis", "Werkdiner"]
    assert [p.code for p in dmm.participants] == ["UA"]
    assert [c.id for c in data.citations] == ["28676-475"]  # cited in its footnote
    assert "Afschrikking en verdediging" in data.topics
    report = letter_of(REPORT)
    assert report.kind == "report" and [c.id for c in report.citations] == ["28676-901"]


# --- hardened, and told apart by content --------------------------------------------------------


def test_entity_declarations_are_refused():
    laughs = b'<?xml version="1.0"?><!DOCTYPE k [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]><kamerstuk>&b;</kamerstuk>'
    with pytest.raises(UnreadableFileError, match="entities or external references"):
        read_letter_bytes(laughs)
    external = b'<?xml version="1.0"?><!DOCTYPE k [<!ENTITY s SYSTEM "file:///etc/passwd">]><kamerstuk>&s;</kamerstuk>'
    with pytest.raises(UnreadableFileError, match="entities or external references"):
        read_letter_bytes(external)


def test_xml_that_is_no_kamerstuk_is_refused_with_the_reason():
    with pytest.raises(UnreadableFileError, match=r"not a Kamerstuk \(its root element is <rss>\)"):
        read_letter_bytes(b'<?xml version="1.0"?><rss><channel><title>Nieuws</title></channel></rss>')
    with pytest.raises(UnreadableFileError, match="not well-formed"):
        read_letter_bytes(b'<?xml version="1.0"?><officiele-publicatie><kamerstuk>')


def test_file_kind_and_upload_check_know_xml():
    assert file_kind(AGENDA) == "xml"
    assert check_type("kst-28676-901.xml", AGENDA) is None
    assert check_type("brief.txt", AGENDA) == "the file is named .txt but its content is xml"


# --- into the archive -------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_letters_takes_xml_files_from_a_folder(tmp_path):
    (tmp_path / "kst-28676-901.xml").write_bytes(AGENDA)
    (tmp_path / "kst-28676-902.xml").write_bytes(REPORT)
    out = StringIO()
    call_command("import_letters", str(tmp_path), stdout=out, stderr=StringIO())
    assert "2 files: 2 created" in out.getvalue()
    agenda = Letter.objects.get(number=901)
    assert agenda.source_name == "kst-28676-901.xml" and agenda.dossier == "28676"
    assert Letter.objects.get(number=902).citations.get().cited_letter == agenda


@pytest.mark.django_db
def test_letter_page_links_to_its_official_publication(client):
    letter = import_bytes("kst-21501-28-951", fixture("kst-21501-28-951.xml")).letter
    assert letter.official_identifier == "kst-21501-28-951"
    html = client.get(letter.get_absolute_url()).content.decode()
    assert '<a href="https://zoek.officielebekendmakingen.nl/kst-21501-28-951.html">kst-21501-28-951</a>' in html


@pytest.mark.django_db
def test_official_identifier_is_made_from_the_kamerstuk_and_sample_letters_have_none():
    letter = Letter(source_name="verslag.pdf", dossier="28676", number=387)
    assert letter.official_url == "https://zoek.officielebekendmakingen.nl/kst-28676-387.html"
    assert Letter(source_name="brief.txt").official_identifier is None
    assert Letter(source_name="kst-28676-387.xml", dossier="28676", number=387, is_sample=True).official_identifier is None


@pytest.mark.django_db
def test_admin_upload_accepts_the_official_xml(client, django_user_model):
    admin = django_user_model.objects.create_superuser("beheer", password="geheim-wachtwoord-123")
    client.force_login(admin)
    response = client.post(reverse("admin:meetings_letter_upload"), {"files": [SimpleUploadedFile("kst-28676-902.xml", REPORT)]})
    preview = client.get(response["Location"]).content.decode()
    assert "kst-28676-902.xml" in preview and "R.P. Brekelmans" in preview and "is not accepted" not in preview


def pdf_of(paragraphs: list[str]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for paragraph in paragraphs:
        text = paragraph.replace("–", "-").replace("ï", "i").replace("ë", "e")
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


@pytest.mark.django_db
def test_a_later_pdf_of_the_same_kamerstuk_is_a_new_version_of_the_letter():
    harvested = import_bytes("kst-28676-901", AGENDA).letter
    data = letter_of(AGENDA)
    printed = [
        "Tweede Kamer, vergaderjaar 2024-2025, 28 676, nr. 901",
        "Nr. 901 BRIEF VAN DE MINISTER VAN DEFENSIE",
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        "Den Haag, 3 februari 2025",
        *(b.text.replace("[^1]", "1") for b in data.blocks if b.kind != BlockKind.SIGNATURE),
        "De Minister van Defensie,",
        "R.P. Brekelmans",
    ]
    result = import_bytes("brief-navo.pdf", pdf_of(printed))
    assert result.status == Status.NEW_VERSION, result.error
    assert result.letter == harvested and Letter.objects.count() == 1


def test_fixtures_are_all_kamerstukken():
    for path in FIXTURES.glob("kst-*.xml"):
        assert read_letter_bytes(path.read_bytes()).identifier == path.stem
