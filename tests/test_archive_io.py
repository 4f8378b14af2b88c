"""export_archive writes the whole archive to one file; import_archive restores it losslessly."""
import json
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from meetings.store.backup import app_models
from meetings.models import Letter

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row of the app, serialised, plus the bytes of every original file."""
    rows = {m._meta.model_name: json.loads(serializers.serialize("json", m.objects.order_by("pk"))) for m in app_models()}
    files = {l.pk: l.source_file.open("rb").read() for l in Letter.objects.all()}
    return rows, files


def test_round_trip_restores_every_row_and_file(archive, tmp_path, media_root, settings, client):
    from meetings.models import Letter as L

    letter = L.objects.first()
    letter.locked_fields = ["subject"]
    letter.save()
    before = snapshot()
    target = tmp_path / "archief.zip"
    call_command("export_archive", str(target), stdout=StringIO())

    for model in reversed(app_models()):
        model.objects.all().delete()
    settings.MEDIA_ROOT = tmp_path / "fresh-media"
    call_command("import_archive", str(target), stdout=StringIO())

    assert snapshot() == before
    assert "air policing" in client.get("/zoeken/?q=%22air+policing%22").content.decode().lower()


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
