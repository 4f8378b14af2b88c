"""`manage.py harvest` against a local stand-in of the official SRU source (tests/official_source.py):
paging, selection with reasons, retries, diagnostics, an unreachable source, incremental and
resumed runs, and dry-run output identical to import_letters'. No test touches the internet."""

from __future__ import annotations

import datetime as dt
import json
import socket
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from meetings.harvest import client as client_module
from meetings.harvest import selection, sru
from meetings.harvest.client import PoliteClient, SourceError, SourceUnreachable
from meetings.harvest.progress import ProgressBar
from meetings.models import HarvestState, Letter
from tests.official_source import OfficialRecord, OfficialSource, fixture

pytestmark = pytest.mark.django_db

KEPT = ["kst-28676-901", "kst-28676-902", "kst-21501-28-951"]


def official_records() -> list[OfficialRecord]:
    """Seven records over three pages of three: three meeting letters and four distractors."""
    return [
        OfficialRecord(
            "kst-28676-901",
            "NAVO; Brief regering; Geannoteerde agenda voor de bijeenkomst van NAVO-ministers van Defensie van 12 en 13 februari 2025",
            xml=fixture("kst-28676-901.xml"),
        ),
        OfficialRecord(
            "kst-28676-904",
            "NAVO; Motie; Motie van het lid Jansen over de luchtverdediging",
            kind="Motie",
            date="2025-02-12",
            modified="2025-02-13",
            xml=b"<never-fetched/>",
        ),
        OfficialRecord(
            "kst-28676-902",
            "NAVO; Brief regering; Verslag van de bijeenkomst van NAVO-ministers van Defensie van 12 en 13 februari 2025",
            date="2025-02-21",
            modified="2025-02-21",
            xml=fixture("kst-28676-902.xml"),
        ),
        OfficialRecord(
            "kst-28676-903",
            "NAVO; Brief regering; Nederlandse bijdrage aan de luchtverdediging van het verdragsgebied",
            date="2025-03-10",
            modified="2025-03-11",
            xml=fixture("kst-28676-903.xml"),
        ),
        OfficialRecord(
            "blg-1184123",
            "NAVO; Bijlage; Overzicht van de Nederlandse bijdragen",
            kind="Bijlage",
            xml=None,
            dossier="28676",
            number="903",
        ),
        OfficialRecord(
            "kst-21501-28-950",
            "Defensieraad; Brief regering; Verslag van de Raad Buitenlandse Zaken (Defensie) van 20 mei 2025",
            date="2025-05-22",
            modified="2025-05-22",
            xml=b"<never-fetched/>",
        ),
        OfficialRecord(
            "kst-21501-28-951",
            "Defensieraad; Brief regering; Geannoteerde agenda NAVO-Defensieministersbijeenkomst van 5 juni 2025",
            date="2025-05-26",
            modified="2025-05-27",
            xml=fixture("kst-21501-28-951.xml"),
        ),
    ]


@pytest.fixture
def source():
    served = OfficialSource(official_records())
    yield served
    served.close()


@pytest.fixture
def waits(monkeypatch):
    """The client's waits (pauses, backoff), recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(client_module, "wait", recorded.append)
    return recorded


def harvest(source, *args, command="harvest", **options):
    out, err = StringIO(), StringIO()
    argv = ["--source", source.sru_url, *args] if command == "harvest" else list(args)
    try:
        call_command(command, *argv, stdout=out, stderr=err, **options)
        ended = None
    except (CommandError, SystemExit) as exc:
        ended = exc
    return out.getvalue(), err.getvalue(), ended


def small_pages(monkeypatch, size=3):
    monkeypatch.setattr(sru, "PAGE_SIZE", size)


# --- a first run ----------------------------------------------------------------------------


def test_harvest_pages_through_the_records_and_imports_only_the_meeting_letters(source, waits, monkeypatch):
    small_pages(monkeypatch)
    out, err, ended = harvest(source)
    assert ended is None, err
    letters = {letter.source_name: letter for letter in Letter.objects.all()}
    assert sorted(letters) == sorted(KEPT)
    assert [p["startRecord"] for p in source.search_requests()] == ["1", "4", "7"]
    assert all(p["maximumRecords"] == "3" and p["recordSchema"] == "gzd" for p in source.search_requests())
    report = letters["kst-28676-902"]
    assert (report.kind, report.dossier, report.number, report.date) == ("report", "28676", 902, dt.date(2025, 2, 21))
    assert report.meetings.get(series="dmm").location == "Brussel"
    assert letters["kst-21501-28-951"].official_identifier == "kst-21501-28-951"
    assert "7 records of 7: 3 letters (3 created, 0 updated, 0 unchanged, 0 failed), 4 skipped" in out


def test_skipped_records_are_listed_with_their_reasons_and_not_fetched_when_the_record_decides(source, waits, monkeypatch):
    small_pages(monkeypatch)
    out, _err, _ended = harvest(source)
    skipped = dict(line.split(": ", 1) for line in out.splitlines() if line.startswith("skipped"))
    assert skipped["skipped   kst-28676-904"] == "a motie, not a letter"
    assert skipped["skipped   blg-1184123"].startswith("no official XML")
    assert skipped["skipped   kst-21501-28-950"].startswith("an EU council, not a NATO meeting")
    assert skipped["skipped   kst-28676-903"] == "its text names no NATO ministerial meeting, summit or meeting beside them"
    fetched = " ".join(source.document_requests())
    assert "kst-28676-903.xml" in fetched  # unclear from its title: its text decided
    assert "kst-28676-904" not in fetched and "kst-21501-28-950" not in fetched


def test_the_xml_link_is_followed_as_the_record_gives_it(source, waits):
    moved = official_records()[:1]
    source.records[:] = moved
    original = source.xml_path
    source.xml_path = lambda record: "/elsewhere/" + original(record).rsplit("/", 1)[-1]
    _out, err, ended = harvest(source)
    assert ended is None, err
    assert source.document_requests() == ["/elsewhere/kst-28676-901.xml"]


def test_query_asks_for_kamerstukken_of_the_default_dossiers(source, waits):
    harvest(source)
    query = source.search_requests()[0]["query"]
    assert query == (
        'c.product-area==officielepublicaties AND w.publicatienaam==Kamerstuk AND (w.dossiernummer==28676 OR w.dossiernummer=="21501-28")'
    )
    harvest(source, "--dossier", "28676", "--since", "2025-03-01")
    assert source.search_requests()[-1]["query"].endswith("AND w.dossiernummer==28676 AND dt.date>=2025-03-01")


def test_a_pause_is_kept_between_requests(source, waits):
    harvest(source, "--pause", "5")
    assert waits and all(0 < w <= 5 for w in waits)


# --- same items as import_letters -----------------------------------------------------------


def test_dry_run_json_prints_the_same_items_as_import_letters_on_the_same_files(source, waits, tmp_path):
    out, err, ended = harvest(source, "--dry-run", "--format", "json")
    assert ended is None, err
    harvested = json.loads(out)
    for record in official_records():
        if record.identifier in KEPT:
            (tmp_path / record.identifier).write_bytes(record.xml)
    files = [str(tmp_path / identifier) for identifier in KEPT]
    imported, _err, _ended = harvest(source, "--dry-run", "--format", "json", *files, command="import_letters")
    assert sorted(harvested, key=lambda i: i["source"]) == sorted(json.loads(imported), key=lambda i: i["source"])
    assert {item["source"] for item in harvested} == set(KEPT)
    assert "skipped   kst-28676-904: a motie, not a letter" in err  # JSON stdout holds the items only
    assert Letter.objects.count() == 0 and HarvestState.objects.count() == 0


# --- polite and robust ----------------------------------------------------------------------


def test_a_503_is_retried_with_backoff_and_then_succeeds(source, waits):
    source.fail(lambda path, params: path.endswith("kst-28676-902.xml"), 503)
    out, err, ended = harvest(source, "--pause", "0")
    assert ended is None, err
    assert Letter.objects.filter(source_name="kst-28676-902").exists()
    assert source.document_requests().count(source.xml_path(official_records()[2])) == 2
    assert waits == [2.0]  # the first backoff; no pause was asked for


def test_a_dropped_connection_is_retried(source, waits):
    source.fail(lambda path, params: path == "/sru", 0)
    _out, err, ended = harvest(source, "--pause", "0")
    assert ended is None, err
    assert Letter.objects.count() == len(KEPT)


def test_an_sru_diagnostic_is_reported_not_read_as_no_records(source, waits):
    source.diagnostic = True
    _out, _err, ended = harvest(source)
    assert isinstance(ended, CommandError)
    assert str(ended) == (
        "The source answered with an SRU diagnostic: Query syntax error: unknown index (dt.modifed) [info:srw/diagnostic/1/10]"
    )
    assert Letter.objects.count() == 0


def test_an_unreachable_source_ends_with_one_clear_line(waits):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # nothing listens here once the socket is closed
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as ended:
        call_command(
            "harvest", "--source", f"http://127.0.0.1:{port}/sru", "--retries", "2", "--pause", "0", stdout=out, stderr=err
        )
    message = str(ended.value)
    assert message.startswith(f"The source http://127.0.0.1:{port}/sru cannot be reached: cannot connect")
    assert "tried 3 times" in message and "\n" not in message
    assert waits == [2.0, 4.0]


def test_a_failed_letter_makes_the_exit_status_non_zero(source, waits):
    source.fail(lambda path, params: path.endswith("kst-28676-901.xml"), 404)
    _out, err, ended = harvest(source, "--pause", "0")
    assert isinstance(ended, CommandError) and "1 of 3 letters could not be harvested" in str(ended)
    assert "FAILED  kst-28676-901: its XML could not be fetched: the server answered 404" in err
    assert Letter.objects.count() == 2


# --- incremental and resumable --------------------------------------------------------------


def test_a_second_run_asks_only_for_what_changed_and_fetches_nothing_new(source, waits):
    harvest(source)
    assert HarvestState.objects.get().last_success == timezone.localdate()
    fetched_before = len(source.document_requests())

    out, err, ended = harvest(source)
    assert ended is None, err
    assert source.search_requests()[-1]["query"].endswith(f"AND dt.modified>={timezone.localdate().isoformat()}")
    assert len(source.document_requests()) == fetched_before
    assert out.strip().endswith("0 records of 0: 0 letters (0 created, 0 updated, 0 unchanged, 0 failed), 0 skipped; 1 requests")


def test_a_corrected_publication_is_fetched_again_and_replaces_the_harvested_letter(source, waits):
    harvest(source)
    letter = Letter.objects.get(source_name="kst-28676-901")
    corrected = source.records[0]
    corrected.xml = corrected.xml.replace(b"gezamenlijke aanschaf van munitie", b"gezamenlijke inkoop van munitie")
    corrected.modified = (timezone.localdate() + dt.timedelta(days=1)).isoformat()

    out, err, ended = harvest(source)
    assert ended is None, err
    assert "updated   kst-28676-901" in out
    letter.refresh_from_db()
    assert "gezamenlijke inkoop van munitie" in letter.body and letter.versions.count() == 1
    assert sum(1 for path in source.document_requests() if path.endswith("kst-28676-901.xml")) == 2


def test_an_interrupted_run_goes_on_from_where_it_stopped(source, waits, monkeypatch):
    small_pages(monkeypatch)
    source.fail(lambda path, params: path == "/sru" and params.get("startRecord") == "4", 503, 503)
    _out, _err, ended = harvest(source, "--retries", "1")
    assert isinstance(ended, CommandError)
    assert "stopped after 3 records (2 letters stored, each whole)" in str(ended) and "Run the same command again" in str(ended)
    state = HarvestState.objects.get()
    assert state.resume_position == 4 and state.last_success is None
    assert sorted(Letter.objects.values_list("source_name", flat=True)) == ["kst-28676-901", "kst-28676-902"]

    asked = len(source.search_requests())
    out, err, ended = harvest(source)
    assert ended is None, err
    assert [p["startRecord"] for p in source.search_requests()[asked:]] == ["4", "7"]
    assert "going on from record 4" in out
    assert sorted(Letter.objects.values_list("source_name", flat=True)) == sorted(KEPT)
    state.refresh_from_db()
    assert state.resume_position is None and state.last_success == timezone.localdate()


# --- the parts ------------------------------------------------------------------------------


def test_sru_page_reads_records_total_and_next_position(source):
    page = sru.parse_page(
        source.search({"operation": "searchRetrieve", "version": "2.0", "recordSchema": "gzd", "maximumRecords": "2"}), 1
    )
    assert (page.total, page.next_position, [r.position for r in page.records]) == (7, 3, [1, 2])
    record = page.records[0]
    assert (record.identifier, record.dossier, record.number, record.types) == (
        "kst-28676-901",
        "28676",
        "901",
        ("Kamerstuk", "Brief regering"),
    )
    assert record.xml_url.endswith("/kst-28676-901.xml") and record.modified == dt.date(2025, 2, 4)
    assert record.page_url == "https://zoek.officielebekendmakingen.nl/kst-28676-901.html"


def test_sru_answer_that_is_no_sru_response_is_an_error():
    with pytest.raises(sru.SruError, match="not an SRU 2.0 searchRetrieveResponse"):
        sru.parse_page(b"<html><body>Onderhoud</body></html>", 1)


def test_selection_keeps_summit_and_side_meeting_letters_by_their_title():
    def record(title, kind="Brief regering"):
        return sru.Record(
            "kst-28676-1", title, ("Kamerstuk", kind), "", "", "Kamerstuk", "28676", "1", None, None, "http://x/a.xml", None, 1
        )

    assert selection.by_record(record("NAVO; Brief regering; Verslag van de NAVO-top in Washington")).keep
    assert selection.by_record(record("NAVO; Brief regering; Geannoteerde agenda bijeenkomst Joint Expeditionary Force")).keep
    assert selection.by_record(record("NAVO; Brief regering; Stand van zaken NAVO-missies")) is None
    assert (
        selection.by_record(record("NAVO; Amendement; Amendement van het lid X", kind="Amendement")).reason
        == "an amendement, not a letter"
    )


def test_client_refuses_addresses_that_are_not_http(waits):
    with pytest.raises(SourceError, match="not an http"):
        PoliteClient().get("file:///etc/passwd")


def test_client_honours_retry_after_on_429(source, waits):
    source.fail(lambda path, params: path == "/sru", 429)
    PoliteClient(pause=0, backoff=0.5).get(
        source.sru_url, {"operation": "searchRetrieve", "version": "2.0", "recordSchema": "gzd"}
    )
    assert waits == [0.5]  # Retry-After: 0 from the server; the backoff is the floor


def test_client_gives_up_after_its_retries(source, waits):
    source.fail(lambda path, params: True, 503, 503, 503)
    with pytest.raises(SourceUnreachable, match="503"):
        PoliteClient(pause=0, retries=2).get(source.sru_url)
    assert len(source.requests) == 3


def test_progress_bar_redraws_in_place_on_a_terminal():
    class Terminal(StringIO):
        def write(self, text, ending="\n"):
            super().write(text + ending)

    stream = Terminal()
    bar = ProgressBar(stream, enabled=True)
    bar.update(3, 7)
    bar.clear()
    assert stream.getvalue() == "\r[############..................] 3/7 records\r\x1b[K"
    quiet = Terminal()
    ProgressBar(quiet, enabled=False).update(3, 7)
    assert quiet.getvalue() == ""
