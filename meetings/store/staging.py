"""Admin upload: check files, keep them aside while an admin reviews what was found, then
publish them or cancel and keep nothing. Both steps take the store's one path (pipeline.py):
the preview as a run that writes nothing, the publish as an import.

Files wait in a staging folder (MEDIA_ROOT/staging/<token>/), not in the archive: cancelling
removes the folder, publishing imports the files and removes it.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from django.conf import settings

from ..extract.read import file_kind
from .identity import near_duplicate_of
from .outcome import ImportResult, Status
from .pipeline import PREVIEW, Options, import_sources
from .sources import Source
from .versions import changes

ALLOWED_SUFFIXES = {
    ".txt": "text",
    ".md": "text",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xml": "xml",
}  # .xml: a Kamerstuk's official XML
STAGING_MAX_AGE = 24 * 3600  # abandoned previews are removed after a day


@dataclass
class StagedFile:
    """One uploaded file as the preview shows it."""

    name: str
    sha256: str
    error: str | None = None
    letter: dict | None = None  # LetterData.to_json()
    duplicate_of: int | None = None  # pk of the archived letter with the same bytes
    replaces: int | None = None  # pk of the archived letter this is a new version of (same Kamerstuk or reference)
    changes: list[list[str]] | None = None  # [field, archived, this file] where replacing would change it
    similar_to: int | None = None  # pk of an archived letter of the same kind, date and number

    @property
    def publishable(self) -> bool:
        """Publishable as a new letter; a new version only when the admin chooses to replace."""
        return self.error is None and self.duplicate_of is None and self.replaces is None

    @property
    def replaceable(self) -> bool:
        return self.error is None and self.duplicate_of is None and self.replaces is not None


def staging_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "staging"


def check_type(name: str, data: bytes) -> str | None:
    """The file type by name and by content; a reason when they disagree or are not allowed."""
    suffix = Path(name).suffix.lower()
    expected = ALLOWED_SUFFIXES.get(suffix)
    if expected is None:
        return f"{suffix or 'no extension'} is not accepted: upload .txt, .md, .pdf, .docx or a Kamerstuk's official .xml"
    actual = file_kind(data)
    if actual != expected:
        return f"the file is named {suffix} but its content is {actual}"
    return None


def stage(files) -> tuple[str, list[StagedFile]]:
    """Check and extract every file, keep the readable ones aside; returns the staging token.

    `files` are Django UploadedFiles (or anything with .name, .size and .read()); a file over
    the size limit is refused before it is read into memory.
    """
    purge_stale()
    token = secrets.token_urlsafe(16)
    folder = staging_root() / token
    folder.mkdir(parents=True)
    staged: list[StagedFile] = []
    sources: dict[int, Source] = {}  # by index in `staged`
    for upload in files:
        name = Path(upload.name).name
        if (error := size_error(upload.size)) is not None:
            staged.append(StagedFile(name=name, sha256="", error=error))
            continue
        source = Source.from_bytes(name, upload.read())
        staged.append(StagedFile(name=name, sha256=source.sha256, error=check_type(name, source.content)))
        if staged[-1].error is None:
            sources[len(staged) - 1] = source
    options = replace(PREVIEW, deadline=time.monotonic() + settings.UPLOAD_READ_SECONDS)
    for (index, source), result in zip(sources.items(), import_sources(sources.values(), options=options)):
        describe(staged[index], result)
        if staged[index].error is None:
            (folder / f"{index}.bin").write_bytes(source.content)
    (folder / "manifest.json").write_text(json.dumps([asdict(s) for s in staged], ensure_ascii=False, default=str))
    return token, staged


def describe(item: StagedFile, result: ImportResult) -> None:
    """What the preview shows of a file: its extraction, or why it has none; whether it is in
    the archive already, a new version of an archived letter (and what would change), or like one."""
    item.error = result.error
    item.letter = result.data.to_json() if result.data else None
    if result.status == Status.UNCHANGED:
        item.duplicate_of = result.letter.pk
    elif result.status == Status.NEW_VERSION:
        item.replaces = result.letter.pk
        item.changes = [[c.field, c.old, c.new] for c in changes(result.letter, result.data)]
    if result.data is not None and item.duplicate_of is None:
        similar = near_duplicate_of(result.data, other_than=result.letter)
        item.similar_to = similar.pk if similar else None


def size_error(size: int) -> str | None:
    limit = settings.LETTER_MAX_BYTES
    if size > limit:
        return f"the file is {size / 1_048_576:.1f} MB, over the limit of {limit / 1_048_576:.1f} MB"
    return None


def load(token: str) -> list[StagedFile] | None:
    folder = staged_folder(token)
    if folder is None or not (folder / "manifest.json").exists():
        return None
    return read_manifest(folder)


def publish(token: str, *, replace: frozenset[int] = frozenset()) -> list[ImportResult] | None:
    """Import every publishable staged file and the new versions at the indexes in `replace`
    (each replacing only the letter the preview named), then remove the staging folder; None
    when the upload is gone (published or cancelled already, perhaps by a simultaneous request)."""
    claimed = claim(token)
    if claimed is None:
        return None
    try:
        items = read_manifest(claimed)
        chosen = [i for i, item in enumerate(items) if item.publishable or (item.replaceable and i in replace)]
        sources = [Source.from_bytes(items[i].name, (claimed / f"{i}.bin").read_bytes()) for i in chosen]
        replaced = frozenset(items[i].replaces for i in chosen if items[i].replaces is not None)
        return list(import_sources(sources, options=Options(replace_ids=replaced)))
    finally:
        shutil.rmtree(claimed, ignore_errors=True)


def claim(token: str) -> Path | None:
    """Take the upload's folder for this request alone: of simultaneous publishes (a double
    click, three tabs) exactly one renames it, the others find it gone."""
    folder = staged_folder(token)
    if folder is None:
        return None
    claimed = folder.with_name(f"{folder.name}.publishing-{secrets.token_hex(4)}")
    try:
        folder.rename(claimed)
    except OSError:
        return None
    return claimed


def read_manifest(folder: Path) -> list[StagedFile]:
    return [StagedFile(**item) for item in json.loads((folder / "manifest.json").read_text())]


def cancel(token: str) -> None:
    folder = staged_folder(token)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what secrets.token_urlsafe makes (22 characters)


def staged_folder(token: str) -> Path | None:
    """The folder for a token, refusing anything that is not a plain token (no path tricks,
    no names too long for the file system)."""
    if not TOKEN.fullmatch(token or ""):
        return None
    folder = staging_root() / token
    return folder if folder.is_dir() else None


def purge_stale() -> None:
    root = staging_root()
    if not root.is_dir():
        return
    cutoff = time.time() - STAGING_MAX_AGE
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
