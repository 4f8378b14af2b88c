"""meetings/store/pipeline.py and writer.py: many letters per transaction, with the outcome of one by one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Citation, Country, Letter, Meeting, Minister
from meetings.search.backends import get_backend
from meetings.store import Status, import_file, pipeline, writer
from meetings.store.topic_vocabulary import topic_rules

pytestmark = pytest.mark.django_db
TESTS_DIR = Path(__file__).resolve().parent
SETS = [TESTS_DIR / "letters", TESTS_DIR / "letters_more", TESTS_DIR / "letters_blind", TESTS_DIR.parent / "sample_letters"]


def letter_files(seed_files) -> list[Path]:
    """Every letter the project has: dozens of layouts, agenda and report of shared meetings."""
    files = [
        p for folder in SETS for p in sorted(folder.iterdir()) if p.suffix in {".txt", ".md"} and not p.name.startswith("README")
    ]
    return files + list(seed_files)


def import_all(paths: list[Path]) -> list:
    return list(pipeline.import_files(paths, topics=topic_rules()))


def archive_snapshot() -> dict:
    """Everything the import wrote, keyed by what it means rather than by primary key."""
    name = {l.pk: l.source_name for l in Letter.objects.all()}
    letters = {
        l.source_name: (
            l.kind,
            l.date,
            l.number,
            l.dossier,
            l.reference,
            l.subject,
            l.minister.name if l.minister else None,
            sorted(m.name for m in l.cosigners.all()),
            sorted(t.name for t in l.topics.all()),
            sorted((f.number, f.text) for f in l.footnotes.all()),
            sorted((c.dossier, c.number, c.text, name.get(c.cited_letter_id)) for c in l.citations.all()),
        )
        for l in Letter.objects.select_related("minister").prefetch_related("cosigners", "topics", "footnotes", "citations")
    }
    meetings = {
        (m.series, m.start_date, m.end_date): (
            m.title,
            m.location,
            m.extraordinary,
            m.virtual,
            m.slug,
            sorted((name[link.letter_id], link.role) for link in m.letter_links.all()),
            sorted(p.country_id for p in m.participations.all()),
            sorted(
                (name[s.letter_id], s.order, s.title, tuple(sorted(t.name for t in s.topics.all()))) for s in m.sessions.all()
            ),
        )
        for m in Meeting.objects.prefetch_related("letter_links", "participations", "sessions__topics")
    }
    signer = {f"minister:{m.pk}": f"minister:{m.name}" for m in Minister.objects.all()}  # pks differ between runs
    tags = get_backend().stored_tags(list(name))
    return {
        "letters": letters,
        "meetings": meetings,
        "index": {name[pk]: sorted(signer.get(t, t) for t in tags) for pk, tags in tags.items()},
    }


def empty_archive() -> None:
    Letter.objects.all().delete()
    Meeting.objects.all().delete()
    Minister.objects.all().delete()


def test_a_batch_writes_the_same_archive_as_letter_by_letter(seed_files, media_root, monkeypatch):
    files = letter_files(seed_files)
    monkeypatch.setattr(pipeline, "BATCH", len(files))  # all of them in one transaction
    results = import_all(files)
    assert [r.status for r in results] == [Status.CREATED] * len(files)
    in_one_batch = archive_snapshot()

    empty_archive()
    for path in files:
        assert import_file(path).status == Status.CREATED
    one_by_one = archive_snapshot()

    assert in_one_batch["letters"] == one_by_one["letters"]
    assert in_one_batch["meetings"] == one_by_one["meetings"]
    assert in_one_batch["index"] == one_by_one["index"]
    assert any(len(links) > 1 for *_, links, _, _ in in_one_batch["meetings"].values()), "no meeting shared by letters"
    assert Citation.objects.exclude(cited_letter=None).exists(), "no citation linked to an archived letter"


def test_results_come_in_file_order_with_failures_in_place(seed_files, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH", 3)
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    files = [seed_files[0], empty, *seed_files[1:]]
    results = import_all(files)
    assert [r.source for r in results] == [p.name for p in files]
    assert [r.status for r in results] == [
        Status.CREATED,
        Status.FAILED,
        Status.CREATED,
        Status.CREATED,
        Status.CREATED,
        Status.CREATED,
    ]


def test_a_letter_that_cannot_be_stored_fails_alone_and_the_rest_of_its_batch_is_imported(seed_files, media_root, monkeypatch):
    broken = seed_files[2].name
    real_store_citations = writer.store_citations

    def store_citations(written):
        if any(w.letter.source_name == broken for w in written):
            raise ValueError("citation table unavailable")
        real_store_citations(written)

    monkeypatch.setattr(writer, "store_citations", store_citations)
    results = {r.source: r for r in import_all(list(seed_files))}

    assert results[broken].status == Status.FAILED
    assert broken in [r.source for r in results.values() if not r.ok]
    assert "ValueError: citation table unavailable" in results[broken].error
    assert sorted(Letter.objects.values_list("source_name", flat=True)) == sorted(p.name for p in seed_files if p.name != broken)
    stored = {p.name for p in (media_root / "letters").rglob("*") if p.is_file()}
    assert broken not in stored and len(stored) == len(seed_files) - 1


def test_the_same_file_twice_in_one_run_is_imported_once(seed_files, tmp_path):
    copy = tmp_path / "kopie.txt"
    shutil.copy(seed_files[0], copy)
    results = import_all([seed_files[0], copy])
    assert [r.status for r in results] == [Status.CREATED, Status.UNCHANGED]
    assert results[1].letter == results[0].letter
    assert Letter.objects.count() == 1


def test_a_file_name_twice_in_one_run_is_two_letters(seed_files, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    shutil.copy(seed_files[0], first / "brief.txt")
    shutil.copy(seed_files[1], second / "brief.txt")
    results = import_all([first / "brief.txt", second / "brief.txt"])
    assert [r.status for r in results] == [Status.CREATED, Status.CREATED]
    assert Letter.objects.filter(source_name="brief.txt").count() == 2


def test_the_same_letter_twice_in_one_run_is_one_letter_and_a_new_version(letter_text, tmp_path):
    reference = "Onze referentie BS2024000777"
    for name, date in (("brief.txt", "1 februari 2024"), ("brief-gecorrigeerd.txt", "2 februari 2024")):
        (tmp_path / name).write_text(letter_text(letterhead=reference, date=date), encoding="utf-8")
    results = import_all([tmp_path / "brief.txt", tmp_path / "brief-gecorrigeerd.txt"])
    assert [r.status for r in results] == [Status.CREATED, Status.NEW_VERSION]
    assert results[1].letter == results[0].letter and Letter.objects.count() == 1


def test_a_batch_runs_about_as_many_queries_as_a_single_letter(seed_files, monkeypatch):
    files = letter_files(seed_files)
    monkeypatch.setattr(pipeline, "BATCH", len(files))
    with CaptureQueriesContext(connection) as whole_batch:
        import_all(files)
    signers = Minister.objects.count()
    empty_archive()
    Country.objects.all().delete()
    with CaptureQueriesContext(connection) as one_letter:
        import_all(files[:1])
    # One INSERT per new signer (there are few); every other statement is one per batch.
    assert len(whole_batch) <= len(one_letter) + signers + 5
