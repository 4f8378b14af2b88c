"""The whole archive in one portable file, and back: a backup restores, or fails loudly.

The file is a zip: `archive.json` holds every row the archive keeps (Django's JSON
serialisation, so ids and relations survive, timestamps to the microsecond): the letters and
everything extracted from them, their version history, and the admin history of uploads and
corrections (with the user names, not the accounts); `originals/` holds every letter's and
every earlier version's original file under its stored name.

Writing fails, naming the letter, when an original is missing, and leaves no file behind.
Restoring requires an empty archive, checks every original against its SHA-256 before it
writes anything, runs in one transaction, removes the files it stored when it fails, and
rebuilds the search index from the restored rows. Files of format 1 (before the body format
of migration 0009 and the version history) are converted as that migration converted bodies.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import zipfile
from pathlib import Path

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from ..search.indexer import rebuild_index

FORMAT = "nato-letters-archive/2"
FORMAT_1 = "nato-letters-archive/1"
# Parents before children, so a restore can insert rows in this order.
MODELS = [
    "minister",
    "country",
    "topic",
    "letter",
    "letterversion",
    "meeting",
    "lettermeeting",
    "session",
    "participation",
    "citation",
    "footnote",
]
WITH_ORIGINALS = ("letter", "letterversion")


class ArchiveFileError(Exception):
    """The archive cannot be written or restored; the message says why."""


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond (DjangoJSONEncoder keeps milliseconds: a restore would differ)."""

    def default(self, o):
        if hasattr(o, "isoformat") and hasattr(o, "microsecond"):
            return o.isoformat()
        return super().default(o)


def app_models():
    return [apps.get_model("meetings", name) for name in MODELS]


def admin_history():
    """The admin's record of uploads and corrections of archive rows."""
    return LogEntry.objects.filter(content_type__app_label="meetings").order_by("pk")


def export_archive(path: Path) -> dict[str, int]:
    """Write every row and every original file to a zip; returns counts per model."""
    try:
        return write_archive(path)
    except BaseException:
        path.unlink(missing_ok=True)  # no half-written backup that a restore would refuse
        raise


def write_archive(path: Path) -> dict[str, int]:
    counts, rows = {}, []
    for name, queryset in [
        *((m._meta.model_name, m.objects.order_by("pk")) for m in app_models()),
        ("logentry", admin_history()),
    ]:
        counts[name] = queryset.count()
        rows.extend(json.loads(serializers.serialize("json", queryset, cls=ExactJSONEncoder, use_natural_foreign_keys=True)))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("archive.json", json.dumps({"format": FORMAT, "counts": counts, "rows": rows}, ensure_ascii=False))
        for label, name, sha256 in originals():
            if not default_storage.exists(name):
                raise ArchiveFileError(f"the original of {label} is missing from the archive's files ({name})")
            with default_storage.open(name, "rb") as original:
                content = original.read()
            if hashlib.sha256(content).hexdigest() != sha256:
                raise ArchiveFileError(f"the original of {label} does not match its SHA-256 ({name})")
            archive.writestr(f"originals/{name}", content)
    return counts


def originals():
    """(what it is the original of, stored name, SHA-256) of every letter and earlier version."""
    for model_name in WITH_ORIGINALS:
        model = apps.get_model("meetings", model_name)
        for row in model.objects.exclude(source_file="").order_by("pk").only("source_file", "source_sha256").iterator():
            label = f"letter {row.pk}" if model_name == "letter" else f"version {row.pk} of letter {row.letter_id}"
            yield label, row.source_file.name, row.source_sha256


def import_archive(path: Path) -> dict[str, int]:
    """Restore an exported archive into an empty database, all or nothing; counts per model."""
    if any(model.objects.exists() for model in app_models() if model._meta.model_name not in ("topic", "country")):
        raise ArchiveFileError("the archive is not empty: restore into an empty database")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveFileError(f"{path} is not an archive file ({exc})") from exc
    with archive:
        payload = read_payload(archive)
        files = checked_originals(archive, payload["rows"])
        stored: list[str] = []
        try:
            with transaction.atomic():
                restore_rows(payload["rows"])
                connection.check_constraints()  # a dangling reference fails here, not at some later commit
                for name, content in files.items():
                    if not default_storage.exists(name):
                        stored.append(default_storage.save(name, ContentFile(content)))
                rebuild_index()
        except BaseException:
            for name in stored:
                default_storage.delete(name)
            raise
    return payload["counts"]


def read_payload(archive: zipfile.ZipFile) -> dict:
    try:
        payload = json.loads(archive.read("archive.json"))
    except (KeyError, ValueError) as exc:
        raise ArchiveFileError(f"the file holds no readable archive.json ({exc})") from exc
    if payload.get("format") == FORMAT_1:
        return upgraded_from_format_1(payload)
    if payload.get("format") != FORMAT:
        raise ArchiveFileError(f"unknown archive format {payload.get('format')!r}")
    return payload


def checked_originals(archive: zipfile.ZipFile, rows: list[dict]) -> dict[str, bytes]:
    """Every original the rows name, read and checked against its SHA-256 before anything is written."""
    files = {}
    for row in rows:
        if row["model"] not in {f"meetings.{name}" for name in WITH_ORIGINALS} or not row["fields"]["source_file"]:
            continue
        name = row["fields"]["source_file"]
        try:
            content = archive.read(f"originals/{name}")
        except KeyError:
            raise ArchiveFileError(f"the original of {row['model']} {row['pk']} is missing from the file") from None
        if hashlib.sha256(content).hexdigest() != row["fields"]["source_sha256"]:
            raise ArchiveFileError(f"the original of {row['model']} {row['pk']} does not match its SHA-256")
        files[name] = content
    return files


def restore_rows(rows: list[dict]) -> None:
    apps.get_model("meetings", "topic").objects.all().delete()  # the seeded vocabulary is in the file
    ensure_users({row["fields"]["user"][0] for row in rows if row["model"] == "admin.logentry"})
    ContentType.objects.get_for_models(*app_models())  # the natural keys the history refers to
    for obj in serializers.deserialize("json", json.dumps(rows), handle_forward_references=True):
        obj.save()


def ensure_users(usernames: set[str]) -> None:
    """The history names who did what; a name without an account here gets an inactive one
    that cannot log in (a backup carries no passwords)."""
    user_model = get_user_model()
    known = set(user_model.objects.filter(username__in=usernames).values_list("username", flat=True))
    for username in sorted(usernames - known):
        user = user_model(username=username, is_active=False)
        user.set_unusable_password()
        user.save()


def upgraded_from_format_1(payload: dict) -> dict:
    """Format 1 bodies in today's body format (as migration 0009 rewrote stored ones)."""
    migration = importlib.import_module("meetings.migrations.0009_body_format")
    for row in payload["rows"]:
        if row["model"] == "meetings.letter":
            row["fields"]["body"] = migration.new_format(row["fields"]["body"])
    return {**payload, "format": FORMAT}
