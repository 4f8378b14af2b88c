"""A file as the store takes it in: its name, its bytes and their SHA-256, read and hashed once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    name: str  # the file's own name, without its folder
    content: bytes
    sha256: str

    @classmethod
    def from_bytes(cls, name: str, content: bytes) -> Source:
        return cls(Path(name).name, content, hashlib.sha256(content).hexdigest())


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read at all."""

    name: str
    reason: str


def read_source(path: Path) -> Source | Unreadable:
    try:
        content = path.read_bytes()
    except OSError as exc:
        return Unreadable(path.name, f"cannot read the file ({exc.strerror or exc})")
    return Source.from_bytes(path.name, content)
