"""What became of one file: the decision the store made for it, and the letter it concerns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..extract.data import LetterData
from ..models import Letter


class Status(StrEnum):
    """One decision per file; the values are what `import_letters` prints."""

    CREATED = "created"  # a new letter
    UPDATED = "updated"  # new bytes for an archived letter: replaced in place
    UNCHANGED = "unchanged"  # these exact bytes are archived already: nothing written
    FAILED = "failed"  # unreadable, not a letter, or not storable: `error` says why
    PARSED = "parsed"  # extracted and not written (a dry run, an upload preview)
    NEW_VERSION = "new version"  # another file of an archived letter: kept out until someone chooses to replace


@dataclass
class ImportResult:
    source: str  # the file's name
    status: Status
    letter: Letter | None = None  # the archived letter (CREATED, UPDATED, UNCHANGED, NEW_VERSION)
    data: LetterData | None = None  # what extraction found, when it ran
    error: str | None = None  # the reason, for FAILED

    @property
    def ok(self) -> bool:
        return self.status != Status.FAILED

    @property
    def written(self) -> bool:
        return self.status in (Status.CREATED, Status.UPDATED)
