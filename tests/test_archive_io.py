"""export_archive writes the whole archive to one file; import_archive restores it losslessly,
or fails loudly and leaves nothing behind."""

import hashlib
import json
import zipfile
from io import StringIO

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.core import serializers
from django.core.management import CommandError, call_command

from meetings.models import Letter, LetterVersion
from meetings.store import Options, import_bytes
from meetings.store.backup import FORMAT_1, admin_history, app_models

pytestmark = pytest.mark.django_db
REFERENCE = "Onze referentie BS2024000777"


def snapshot():
    """Every table the archive keeps, serialised to the microsecond, and every original's SHA-256."""
    rows = {m._meta.model_name: serialized(m.objects.order_by("pk")) for m in app_models()}
    rows["logentry"] = [
        (
            e.pk,
            e.action_time.isoformat(),
            e.user.username,
            e.content_type.model,
            e.object_id,
            e.object_repr,
            e.action_flag,
            e.change_message,
        )
        for e in admin_history()
    ]
    files = {
        (row.__class__.__name__, row.pk): digest(row.source_file) for row in [*Letter.objects.all(), *LetterVersion.objects.all()]
    }
    return rows, files


def serialized(queryset):
    from meetings.store.backup import ExactJSONEncoder

    return json.loads(serializers.serialize("json", queryset, cls=ExactJSONEncoder))


def digest(field_file) -> str:
    with field_file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


@pytest.fixture
def full_archive(archive, letter_text):
    """The sample and seed letters, a letter replaced by a new version (an odd file name
    among them), an admin correction and its history."""
    import_bytes("map\\brief:1 (kopie).txt", letter_text(date="5 februari 2024").encode())
    import_bytes("brief.txt", letter_text(letterhead=REFERENCE).encode())
    replaced = import_bytes(
        "brief-v2.txt", letter_text(letterhead=REFERENCE, date="2 februari 2024").encode(), options=Options(replace=True)
    )
    admin = User.objects.create_superuser("redactie", password="geheim-wachtwoord-123")
    letter = Letter.objects.exclude(pk=replaced.letter.pk).first()
    letter.locked_fields = ["subject"]
    letter.save()
    LogEntry.objects.log_actions(
        admin.pk, Letter.objects.filter(pk=letter.pk), CHANGE, change_message="Betreft gecorrigeerd", single_object=True
    )
    return archive


def empty_the_archive(settings, tmp_path):
    for model in reversed(app_models()):
        model.objects.all().delete()
    LogEntry.objects.all().delete()
    User.objects.all().delete()
    settings.MEDIA_ROOT = tmp_path / "fresh-media"


def test_round_trip_restores_every_table_and_every_original(full_archive, tmp_path, media_root, settings, client):
    before = snapshot()
    assert before[0]["letterversion"] and before[0]["logentry"], "the archive holds no history to restore"
    target = tmp_path / "archief.zip"
    call_command("export_archive", str(target), stdout=StringIO())

    empty_the_archive(settings, tmp_path)
    call_command("import_archive", str(target), stdout=StringIO())

    assert snapshot() == before
    restored = User.objects.get(username="redactie")
    assert not restored.is_active and not restored.has_usable_password()  # a backup carries no passwords
    assert "air policing" in client.get("/zoeken/?q=%22air+policing%22").content.decode().lower()


def test_an_odd_file_name_is_stored_where_it_is_recorded(full_archive):
    letter = Letter.objects.get(source_name="map\\brief:1 (kopie).txt")
    assert "\\" not in letter.source_file.name and ":" not in letter.source_file.name
    assert digest(letter.source_file) == letter.source_sha256


def test_export_fails_naming_the_letter_whose_original_is_missing(full_archive, tmp_path):
    letter = Letter.objects.order_by("pk").last()
    letter.source_file.storage.delete(letter.source_file.name)
    target = tmp_path / "archief.zip"
    with pytest.raises(Exception, match=f"original of letter {letter.pk} is missing"):
        call_command("export_archive", str(target), stdout=StringIO())
    assert not target.exists()


def test_a_failed_restore_leaves_no_rows_and_no_files(full_archive, tmp_path, settings):
    target = tmp_path / "archief.zip"
    call_command("export_archive", str(target), stdout=StringIO())
    broken = tmp_path / "kapot.zip"
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(broken, "w") as copy:
        payload = json.loads(source.read("archive.json"))
        payload["rows"].append(
            {"model": "meetings.footnote", "pk": 999999, "fields": {"letter": 424242, "number": 1, "text": "x"}}
        )
        copy.writestr("archive.json", json.dumps(payload))
        for member in source.namelist():
            if member != "archive.json":
                copy.writestr(member, source.read(member))

    empty_the_archive(settings, tmp_path)
    with pytest.raises(Exception):  # noqa: B017 - the database's own error for the dangling footnote
        call_command("import_archive", str(broken), stdout=StringIO())
    assert not Letter.objects.exists() and not LetterVersion.objects.exists()
    fresh = tmp_path / "fresh-media"
    assert not fresh.exists() or not [p for p in fresh.rglob("*") if p.is_file()]


def test_restore_refuses_an_original_that_does_not_match_before_writing(full_archive, tmp_path, settings):
    target = tmp_path / "archief.zip"
    call_command("export_archive", str(target), stdout=StringIO())
    tampered = tmp_path / "gewijzigd.zip"
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(tampered, "w") as copy:
        originals = [m for m in source.namelist() if m.startswith("originals/")]
        for member in source.namelist():
            copy.writestr(member, b"anders" if member == originals[-1] else source.read(member))
    empty_the_archive(settings, tmp_path)
    with pytest.raises(CommandError, match="does not match its SHA-256"):
        call_command("import_archive", str(tampered), stdout=StringIO())
    assert not Letter.objects.exists()


def test_a_format_1_file_is_restored_in_todays_body_format(archive, tmp_path, settings):
    from meetings.extract.body import read

    target = tmp_path / "archief.zip"
    call_command("export_archive", str(target), stdout=StringIO())
    old = tmp_path / "oud.zip"
    migration = __import__("importlib").import_module("meetings.migrations.0009_body_format")
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(old, "w") as copy:
        payload = json.loads(source.read("archive.json"))
        payload["format"] = FORMAT_1
        for row in payload["rows"]:
            if row["model"] == "meetings.letter":
                row["fields"]["body"] = migration.old_format(row["fields"]["body"])
        copy.writestr("archive.json", json.dumps(payload))
        for member in source.namelist():
            if member != "archive.json":
                copy.writestr(member, source.read(member))
    bodies = dict(Letter.objects.values_list("pk", "body"))
    empty_the_archive(settings, tmp_path)
    call_command("import_archive", str(old), stdout=StringIO())
    assert dict(Letter.objects.values_list("pk", "body")) == bodies
    assert any(block.kind == "signature" for body in bodies.values() for block in read(body))


def test_restore_refuses_a_database_that_is_not_empty(archive, tmp_path):
    target = tmp_path / "archief.zip"
    call_command("export_archive", str(target), stdout=StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("import_archive", str(target), stdout=StringIO())


def test_restore_refuses_a_file_that_is_no_archive(tmp_path):
    bogus = tmp_path / "niets.zip"
    bogus.write_bytes(b"geen zip")
    with pytest.raises(CommandError, match="not an archive file"):
        call_command("import_archive", str(bogus), stdout=StringIO())
