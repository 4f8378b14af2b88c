"""The whole archive in one portable file, and back.

The file is a zip: `archive.json` holds every row of the app (Django's JSON serialisation,
so ids and relations survive) and `originals/` holds each letter's original file under its
SHA-256. Restoring requires an empty archive, runs in one transaction, and rebuilds the
search index from the restored rows.
"""
from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from .models import Letter

FORMAT = "nato-letters-archive/1"
# Parents before children, so a restore can insert rows in this order.
MODELS = ["minister", "country", "topic", "letter", "meeting", "lettermeeting", "session", "participation", "citation", "footnote"]


class ArchiveFileError(Exception):
    """The archive file cannot be restored; the message says why."""


def app_models():
    return [apps.get_model("meetings", name) for name in MODELS]


def export_archive(path: Path) -> dict[str, int]:
    """Write every row and every original file to a zip; returns counts per model."""
    counts = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        rows = []
        for model in app_models():
            queryset = model.objects.order_by("pk")
            counts[model._meta.model_name] = queryset.count()
            rows.extend(json.loads(serializers.serialize("json", queryset)))
        archive.writestr("archive.json", json.dumps({"format": FORMAT, "counts": counts, "rows": rows}, ensure_ascii=False))
        for letter in Letter.objects.exclude(source_file="").only("source_file", "source_sha256").iterator():
            if default_storage.exists(letter.source_file.name):
                with default_storage.open(letter.source_file.name, "rb") as original:
                    archive.writestr(f"originals/{letter.source_file.name}", original.read())
    return counts


def import_archive(path: Path) -> dict[str, int]:
    """Restore an exported archive into an empty database; returns counts per model."""
    if any(model.objects.exists() for model in app_models() if model._meta.model_name not in ("topic", "country")):
        raise ArchiveFileError("the archive is not empty: restore into an empty database")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveFileError(f"{path} is not an archive file ({exc})") from exc
    with archive:
        payload = json.loads(archive.read("archive.json"))
        if payload.get("format") != FORMAT:
            raise ArchiveFileError(f"unknown archive format {payload.get('format')!r}")
        with transaction.atomic():
            apps.get_model("meetings", "topic").objects.all().delete()  # the seeded vocabulary is in the file
            for obj in serializers.deserialize("json", json.dumps(payload["rows"])):
                obj.save()
            restore_originals(archive)
            from .search.indexer import rebuild_index

            rebuild_index()
    return payload["counts"]


def restore_originals(archive: zipfile.ZipFile) -> None:
    for letter in Letter.objects.exclude(source_file="").only("source_file", "source_sha256"):
        member = f"originals/{letter.source_file.name}"
        try:
            content = archive.read(member)
        except KeyError:
            raise ArchiveFileError(f"the original of letter {letter.pk} is missing from the file") from None
        if hashlib.sha256(content).hexdigest() != letter.source_sha256:
            raise ArchiveFileError(f"the original of letter {letter.pk} does not match its SHA-256")
        if not default_storage.exists(letter.source_file.name):
            default_storage.save(letter.source_file.name, ContentFile(content))
