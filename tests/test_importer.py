"""meetings/store/: one letter, one transaction; idempotent by SHA-256; a new version of a letter (same
Kamerstuk or reference) replaces it only when asked, and its history keeps the old one."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import (
    Citation,
    Country,
    Footnote,
    Letter,
    LetterMeeting,
    LetterVersion,
    Meeting,
    Minister,
    Participation,
    Session,
)
from meetings.store import DRY_RUN, Options, Status, import_bytes, import_file, writer

pytestmark = pytest.mark.django_db

# An agenda and a report of the same meeting: the agenda announces one day, the report tells
# that it took two (the report's dates are the ones that happened).
AGENDA_15_MARCH = dict(
    date="1 maart 2024",
    opening="Op 15 maart komen de NAVO-ministers van Defensie in Brussel bijeen.",
)
REPORT_14_15_MARCH = dict(
    date="20 maart 2024",
    opening="Op 14 en 15 maart kwamen de NAVO-ministers van Defensie in Brussel bijeen.",
    purpose="Hierbij doe ik u het verslag van deze bijeenkomst toekomen.",
    sections=[("Afschrikking en verdediging", "In de eerste werksessie spraken de ministers over afschrikking en verdediging.")],
)
# A letter printed as Kamerstuk 28 676, nr. 450, and a later letter that cites it.
KAMERSTUK_28676_450 = dict(
    letterhead="Tweede Kamer, vergaderjaar 2023–2024, 28 676, nr. 450\n\nNr. 450 BRIEF VAN DE MINISTER VAN DEFENSIE",
)
CITES_28676_450 = dict(
    date="20 februari 2024",
    opening="Op 13 en 14 februari kwamen de NAVO-ministers van Defensie in Brussel bijeen.",
    purpose="Hierbij doe ik u het verslag van deze bijeenkomst toekomen.",
    sections=[
        (
            "Afschrikking en verdediging",
            "Zoals gemeld in de geannoteerde agenda (Kamerstuk 28 676, nr. 450) spraken de ministers over "
            "afschrikking en verdediging. Zie ook Kamerstuk 21 501-02, nr. 2800.",
        )
    ],
)
PARTNERS = "Oekraïne, Georgië, Moldavië, Australië, Japan, Zuid-Korea, Nieuw-Zeeland en Ierland"
EIGHT_SESSIONS = [
    ("Afschrikking en verdediging", "In de eerste werksessie spreken de ministers over afschrikking en verdediging."),
    ("Lastenverdeling", "In de tweede werksessie spreken de ministers over lastenverdeling."),
    ("Defensie-industrie", "In de derde werksessie spreken de ministers over de defensie-industrie."),
    ("Militaire mobiliteit", "In de vierde werksessie spreken de ministers over militaire mobiliteit."),
    ("Partnerschappen", "In de vijfde werksessie spreken de ministers over partnerschappen."),
    ("Missies en operaties", "In de zesde werksessie spreken de ministers over missies en operaties."),
    ("Nuclear Planning Group", "Tevens komt de Nuclear Planning Group bijeen."),
    ("Werkdiner", "Tijdens het werkdiner spreken de ministers over de Westelijke Balkan."),
]


def row_counts() -> dict[str, int]:
    """Rows and highest id of every table of the app, many-to-many tables included."""
    state = {}
    for model in apps.get_app_config("meetings").get_models(include_auto_created=True):
        rows = model.objects.all()
        state[model._meta.db_table] = (rows.count(), max(rows.values_list("pk", flat=True), default=None))
    return state


def media_files(media_root) -> list[str]:
    """The stored originals (not the journals of batches, which a test's rolled-back
    transaction never closes: see store/originals.py)."""
    return sorted(str(p.relative_to(media_root)) for p in (media_root / "letters").rglob("*") if p.is_file())


def import_text_failing(name: str, text: str):
    """A replacing import whose writing fails (the test patched a step of the writer)."""
    return import_bytes(name, text.encode("utf-8"), options=Options(replace=True))


def fail_on_purpose(*args, **kwargs):
    raise RuntimeError("failing on purpose")


def import_text(name: str, text: str, *, replace: bool = False):
    result = import_bytes(name, text.encode("utf-8"), options=Options(replace=replace))
    assert result.status in (Status.CREATED, Status.UPDATED), result.error
    return result


# The ministry's reference makes versions of one letter recognisable (store/identity.py).
REFERENCE = "Onze referentie BS2024000777"


def versioned(letter_text, **parts) -> str:
    """A letter with an official identity, so that another file of it is a new version."""
    return letter_text(letterhead=REFERENCE, **parts)


@pytest.fixture
def expected_seeds(seeds_dir) -> dict:
    return json.loads((seeds_dir / "expected.json").read_text(encoding="utf-8"))["letters"]


# --- seed letters -------------------------------------------------------------------------


def test_importing_a_seed_letter_creates_one_letter_with_its_particulars(seed_name, seeds_dir, expected_seeds):
    path, expected = seeds_dir / seed_name, expected_seeds[seed_name]

    result = import_file(path)

    assert result.status == Status.CREATED, result.error
    letter = Letter.objects.get()
    assert letter.pk == result.letter.pk
    assert letter.source_name == seed_name
    assert letter.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert letter.kind == expected["kind"]
    assert letter.date == (dt.date.fromisoformat(expected["date"]) if expected["date"] else None)
    assert letter.number == expected["number"]
    assert (letter.minister.name, letter.minister.role) == (expected["minister"], expected["minister_role"])
    assert sorted((m.start_date.isoformat(), m.end_date.isoformat()) for m in letter.meetings.all()) == sorted(
        (m["start_date"], m["end_date"]) for m in expected["meetings"]
    )
    assert letter.footnotes.count() == expected["footnotes"]
    assert {c.kamerstuk_id for c in letter.citations.all()} == set(expected["citations"])


def test_seed_letter_meetings_are_stored_as_extracted(seed_name, seeds_dir, expected_seeds):
    result = import_file(seeds_dir / seed_name)
    expected_letter = expected_seeds[seed_name]
    assert result.data.meetings
    for extracted in result.data.meetings:
        meeting = Meeting.objects.get(start_date=extracted.start_date, series=extracted.series)
        assert (meeting.end_date, meeting.title) == (extracted.end_date, extracted.title)
        assert meeting.location == (extracted.location or "")
        assert set(meeting.countries.values_list("code", flat=True)) == {p.code for p in extracted.participants}
        assert list(meeting.sessions.order_by("order").values_list("title", flat=True)) == [s.title for s in extracted.sessions]
        assert meeting.letter_links.get().role == (
            LetterMeeting.Role.REPORTS if expected_letter["kind"] == "report" else LetterMeeting.Role.ANNOUNCES
        )
    assert Meeting.objects.count() == len(expected_letter["meetings"])


def test_seed_agenda_and_report_of_march_2022_share_their_meetings(seed_files):
    for path in seed_files:
        import_file(path)
    # 002 (agenda) and 000 (report) both name the DMM of 16 March and the JEF of 14-15 March 2022.
    agenda = Letter.objects.get(source_name__startswith="002_")
    report = Letter.objects.get(source_name__startswith="000_")
    assert set(agenda.meetings.values_list("pk", flat=True)) == set(report.meetings.values_list("pk", flat=True))
    jef = Meeting.objects.get(series=Meeting.Series.JEF)
    assert (jef.start_date, jef.end_date) == (dt.date(2022, 3, 14), dt.date(2022, 3, 15))
    assert Meeting.objects.count() == 5


def test_original_file_is_kept_under_media_root(seed_files, media_root):
    result = import_file(seed_files[0])
    stored = result.letter.source_file
    assert Path(stored.path).is_relative_to(media_root)
    assert Path(stored.path).is_file()
    with stored.open("rb") as handle:
        assert handle.read() == seed_files[0].read_bytes()


# --- idempotency and updates --------------------------------------------------------------


def test_reimporting_the_same_bytes_is_unchanged_and_touches_nothing(seed_files, media_root):
    for path in seed_files:
        import_file(path)
    before, stamps, files = row_counts(), dict(Letter.objects.values_list("pk", "updated_at")), media_files(media_root)

    results = [import_file(path) for path in seed_files]

    assert [r.status for r in results] == [Status.UNCHANGED] * len(seed_files)
    assert row_counts() == before
    assert dict(Letter.objects.values_list("pk", "updated_at")) == stamps
    assert media_files(media_root) == files


def test_same_bytes_under_another_name_are_unchanged(letter_text):
    first = import_text("agenda.txt", letter_text())
    again = import_bytes("copy-of-agenda.txt", letter_text().encode("utf-8"))
    assert again.status == Status.UNCHANGED
    assert again.letter.pk == first.letter.pk
    assert Letter.objects.count() == 1


def test_a_new_version_replaces_its_letter_in_place_only_when_asked(letter_text):
    original = import_text("agenda.txt", versioned(letter_text, sections=CITES_28676_450["sections"]))
    edited_text = versioned(letter_text, sections=[("Defensie-industrie", "De ministers spreken over de defensie-industrie.")])

    waiting = import_bytes("agenda-v2.txt", edited_text.encode("utf-8"))
    assert waiting.status == Status.NEW_VERSION and waiting.letter.pk == original.letter.pk
    assert Letter.objects.get().source_sha256 == original.letter.source_sha256

    result = import_bytes("agenda-v2.txt", edited_text.encode("utf-8"), options=Options(replace=True))

    assert result.status == Status.UPDATED
    letter = Letter.objects.get()
    assert letter.pk == original.letter.pk
    assert "defensie-industrie" in letter.body
    assert "Afschrikking" not in letter.body
    assert letter.source_sha256 == hashlib.sha256(edited_text.encode("utf-8")).hexdigest()
    assert letter.citations.count() == 0  # the old letter's citations went with the old text
    assert list(Session.objects.values_list("heading", flat=True)) == ["Defensie-industrie"]
    with letter.source_file.open("rb") as handle:
        assert handle.read() == edited_text.encode("utf-8")


def test_edited_letter_naming_another_meeting_drops_the_meeting_no_letter_names(letter_text):
    import_text("agenda.txt", versioned(letter_text))  # 13-14 February
    import_text(
        "agenda.txt",
        versioned(letter_text, opening="Op 20 en 21 maart komen de NAVO-ministers van Defensie in Brussel bijeen."),
        replace=True,
    )
    meeting = Meeting.objects.get()
    assert (meeting.start_date, meeting.end_date) == (dt.date(2024, 3, 20), dt.date(2024, 3, 21))
    assert LetterMeeting.objects.count() == 1


# --- agenda and report of one meeting -----------------------------------------------------


def assert_one_meeting_announced_and_reported():
    meeting = Meeting.objects.get()
    assert (meeting.series, meeting.location) == (Meeting.Series.DMM, "Brussel")
    assert (meeting.start_date, meeting.end_date) == (dt.date(2024, 3, 14), dt.date(2024, 3, 15))
    roles = dict(meeting.letter_links.values_list("letter__kind", "role"))
    assert roles == {Letter.Kind.AGENDA: LetterMeeting.Role.ANNOUNCES, Letter.Kind.REPORT: LetterMeeting.Role.REPORTS}
    return meeting


def test_agenda_then_report_of_one_meeting_share_one_meeting_with_the_reports_dates(letter_text):
    import_text("agenda.txt", letter_text(**AGENDA_15_MARCH))
    import_text("verslag.txt", letter_text(**REPORT_14_15_MARCH))
    assert_one_meeting_announced_and_reported()


def test_report_then_agenda_of_one_meeting_give_the_same_single_meeting(letter_text):
    import_text("verslag.txt", letter_text(**REPORT_14_15_MARCH))
    import_text("agenda.txt", letter_text(**AGENDA_15_MARCH))
    meeting = assert_one_meeting_announced_and_reported()
    assert meeting.title == "Bijeenkomst NAVO-ministers van Defensie"


def test_named_gatherings_of_no_series_on_adjacent_days_stay_two_meetings():
    from tests.letter_text import letter

    e5 = "Op 27 februari vond in Parijs een bijeenkomst van de E5 plaats, over de steun aan Oekraïne."
    coalition = "Op 28 februari vond in Londen een bijeenkomst van de Coalition of the Willing plaats, over Oekraïne."
    import_text("e5.txt", letter(e5, date_line="Den Haag, 3 maart 2025"))
    import_text("coalitie.txt", letter(coalition, date_line="Den Haag, 4 maart 2025"))
    assert sorted(Meeting.objects.values_list("title", "location")) == [
        ("Bijeenkomst Coalition of the Willing", "Londen"),
        ("Bijeenkomst E5", "Parijs"),
    ]


def test_meetings_of_the_same_series_a_month_apart_stay_apart(letter_text):
    import_text("agenda-februari.txt", letter_text())
    import_text("verslag-maart.txt", letter_text(**REPORT_14_15_MARCH))
    assert Meeting.objects.count() == 2


# --- all or nothing -----------------------------------------------------------------------


@pytest.mark.parametrize("failing_step", ["store_citations", "upsert_countries"])
def test_failure_inside_store_letter_leaves_no_half_letter(seed_files, monkeypatch, failing_step):
    # Seed 004 has footnotes, citations, a meeting and partner countries: every step has work to do.
    path = next(p for p in seed_files if p.name.startswith("004_"))

    def fail(*args, **kwargs):
        raise RuntimeError(f"{failing_step} failed")

    monkeypatch.setattr(writer, failing_step, fail)
    result = import_file(path)

    assert result.status == Status.FAILED
    assert f"RuntimeError: {failing_step} failed" in result.error

    for model in (Letter, Meeting, LetterMeeting, Footnote, Citation, Session, Participation, Minister, Country):
        assert not model.objects.exists(), f"{model.__name__} rows left behind"


def test_failed_update_leaves_the_previous_version_of_the_letter(letter_text, monkeypatch):
    original = import_text("agenda.txt", versioned(letter_text, sections=CITES_28676_450["sections"]))
    monkeypatch.setattr(writer, "store_citations", fail_on_purpose)

    result = import_text_failing("agenda.txt", versioned(letter_text, opening="Op 20 maart komen de ministers bijeen."))

    assert result.status == Status.FAILED and "could not be stored" in result.error

    letter = Letter.objects.get()
    assert letter.source_sha256 == original.letter.source_sha256
    assert letter.body == original.letter.body
    assert letter.citations.count() == 2
    assert Meeting.objects.get().start_date == dt.date(2024, 2, 13)


def test_failed_update_keeps_the_stored_original_file(letter_text, monkeypatch):
    import_text("agenda.txt", versioned(letter_text))
    monkeypatch.setattr(writer, "store_citations", fail_on_purpose)

    assert import_text_failing("agenda.txt", versioned(letter_text, date="2 februari 2024")).status == Status.FAILED
    assert not LetterVersion.objects.exists()  # the history rolled back with the rows

    letter = Letter.objects.get()
    with letter.source_file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == letter.source_sha256


def test_failed_import_leaves_no_file_in_media_root(letter_text, monkeypatch, media_root):
    monkeypatch.setattr(writer, "store_citations", fail_on_purpose)
    assert import_bytes("agenda.txt", letter_text().encode("utf-8")).status == Status.FAILED
    assert media_files(media_root) == []


def test_unreadable_bytes_are_a_failed_result_not_an_exception():
    result = import_bytes("leeg.txt", b"   ")
    assert result.status == Status.FAILED
    assert not result.ok
    assert "empty" in result.error
    assert not Letter.objects.exists()


def test_dry_run_parses_but_writes_nothing(letter_text, media_root):
    result = import_bytes("agenda.txt", letter_text().encode("utf-8"), options=DRY_RUN)
    assert result.status == "parsed"
    assert result.data.meetings[0].start_date == dt.date(2024, 2, 13)
    assert not Letter.objects.exists()
    assert media_files(media_root) == []


# --- citations ----------------------------------------------------------------------------


def test_citation_of_an_archived_letter_is_linked_to_it(letter_text):
    cited = import_text("kamerstuk-28676-450.txt", letter_text(**KAMERSTUK_28676_450))
    assert (cited.letter.dossier, cited.letter.number) == ("28676", 450)

    citing = import_text("verslag.txt", letter_text(**CITES_28676_450))

    links = dict((c.kamerstuk_id, c.cited_letter_id) for c in citing.letter.citations.all())
    assert links == {"28676-450": cited.letter.pk, "21501-02-2800": None}


def test_citation_imported_before_the_cited_letter_is_linked_when_it_arrives(letter_text):
    citing = import_text("verslag.txt", letter_text(**CITES_28676_450))
    assert citing.letter.citations.get(number=450).cited_letter is None

    cited = import_text("kamerstuk-28676-450.txt", letter_text(**KAMERSTUK_28676_450))

    assert citing.letter.citations.get(number=450).cited_letter_id == cited.letter.pk
    assert citing.letter.citations.get(number=2800).cited_letter is None


# --- query counts -------------------------------------------------------------------------


def test_importing_a_short_letter_takes_a_bounded_number_of_queries(letter_text, django_assert_max_num_queries):
    with django_assert_max_num_queries(33):  # measured 23 on SQLite with an empty database
        result = import_bytes("agenda.txt", letter_text().encode("utf-8"))
    assert result.status == Status.CREATED


def test_letter_with_many_sessions_and_partners_extracts_them_all(letter_text):
    """Guards the letter the query-growth test below depends on."""
    result = import_bytes("groot.txt", big_letter(letter_text).encode("utf-8"), options=DRY_RUN)
    (meeting,) = result.data.meetings
    assert len(meeting.sessions) == 8
    assert len(meeting.participants) == 8


def big_letter(letter_text) -> str:
    return letter_text(
        opening="Op 13 en 14 februari komen de NAVO-ministers van Defensie in Brussel bijeen. In de eerste "
        f"sessie nemen de ministers van Defensie van {PARTNERS} deel.",
        sections=EIGHT_SESSIONS,
    )


def count_queries(name: str, text: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert import_bytes(name, text.encode("utf-8")).status == Status.CREATED
    return len(queries)


def test_query_count_barely_grows_with_sessions_and_partners(letter_text):
    warm_up = letter_text(date="2 januari 2024", opening="Op 20 maart komen de NAVO-ministers van Defensie in Brussel bijeen.")
    count_queries("warm-up.txt", warm_up)  # the minister and topic rows exist from here on
    small = count_queries("klein.txt", letter_text())  # 1 session, no partners
    big = count_queries("groot.txt", big_letter(letter_text).replace("1 februari", "3 februari"))  # 8 and 8
    assert big - small <= 10, f"{small} queries for 1 session, {big} for 8 sessions and 8 partner countries"


# --- letter identity and version history (issue 14 item 1) ---------------------------------


def test_two_letters_with_the_same_file_name_are_two_letters(letter_text, media_root):
    first = import_text("brief.pdf", letter_text())
    second = import_text(
        "brief.pdf", letter_text(opening="Op 20 en 21 maart komen de NAVO-ministers van Defensie in Brussel bijeen.")
    )
    assert first.status == second.status == Status.CREATED
    assert Letter.objects.count() == 2
    for letter in Letter.objects.all():
        with letter.source_file.open("rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == letter.source_sha256


def test_a_kamerstuk_is_one_letter_whatever_the_file(letter_text):
    kamerstuk = "Tweede Kamer, vergaderjaar 2023–2024, 28 676, nr. 450\n\nNr. 450 BRIEF VAN DE MINISTER VAN DEFENSIE"
    original = import_text("brief.txt", letter_text(letterhead=kamerstuk))
    other_file = import_bytes("kst-28676-450.txt", letter_text(letterhead=kamerstuk, date="2 februari 2024").encode())
    assert other_file.status == Status.NEW_VERSION and other_file.letter.pk == original.letter.pk
    assert (original.letter.dossier, original.letter.number) == ("28676", 450)


def test_the_replaced_version_stays_in_the_history_with_its_file_and_data(letter_text):
    original = import_text("agenda.txt", versioned(letter_text, sections=CITES_28676_450["sections"]))
    old_file, old_sha, old_body = original.letter.source_file.name, original.letter.source_sha256, original.letter.body
    import_text("agenda-v2.txt", versioned(letter_text, date="2 februari 2024"), replace=True)

    letter = Letter.objects.get()
    version = letter.versions.get()
    assert (version.source_name, version.source_sha256, version.source_file.name) == ("agenda.txt", old_sha, old_file)
    with version.source_file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == old_sha
    assert version.extracted["body"] == old_body and version.extracted["date"] == "2024-02-01"
    assert [c["id"] for c in version.extracted["citations"]] == [c.id for c in original.data.citations]
    assert letter.source_name == "agenda-v2.txt" and letter.date == dt.date(2024, 2, 2)


def test_a_letter_without_official_identity_is_known_by_its_content(letter_text):
    import_text("agenda.txt", letter_text())
    edited = import_bytes("agenda.txt", letter_text(date="2 februari 2024").encode())
    assert edited.status == Status.CREATED and Letter.objects.count() == 2


def test_a_sample_letter_is_never_a_version_of_an_official_one(letter_text):
    official = import_text("echt.txt", versioned(letter_text))
    sample = import_bytes("voorbeeld.txt", ("VOORBEELDBRIEF\n\n" + versioned(letter_text, date="3 februari 2024")).encode())
    assert sample.status == Status.CREATED and sample.letter.is_sample and sample.letter.pk != official.letter.pk


def test_the_next_import_clears_the_files_of_a_batch_whose_writer_died(letter_text, media_root):
    import json

    from meetings.store.originals import journal_folder

    stray = media_root / "letters" / "ab" / "abc" / "brief.txt"
    stray.parent.mkdir(parents=True)
    stray.write_text("stored by a killed import")
    journal_folder().mkdir(parents=True, exist_ok=True)
    (journal_folder() / "dead.json").write_text(json.dumps(["letters/ab/abc/brief.txt"]))
    (journal_folder() / "dead-too.writing").write_text("[")  # killed while writing its journal

    import_text("agenda.txt", letter_text())

    assert not stray.exists()
    assert not list(journal_folder().glob("dead*"))
