"""The signature block: "De Minister van Defensie," over "drs. A.B. de Vries".

A letter can be co-signed (a second block for, say, the Minister van Buitenlandse Zaken);
the Defence minister or state secretary counts as the signer, the others as co-signers.
Some letters open the signature with a closing formula ("Hoogachtend,").
"""

from __future__ import annotations

import re
from itertools import pairwise

from .body import Block, BlockKind
from .data import MinisterData

ROLE = re.compile(
    r"^(?:de\s+)?(minister(?:-president)?|staatssecretaris)\s+(van|voor)\s+([a-zà-ÿ ,-]+?)\s*,?$",
    re.IGNORECASE,
)
TITLES = r"(?:(?:drs|dr|mr|ir|ing|prof|ds)\.?\s+)*"
INITIALS = r"(?:[A-Z][a-z]{0,2}\.\s?)+"
SURNAME = r"(?:(?:van|de|der|den|ter|ten|te|la|le|von|d'|in ')\s+)*[A-Z][\w'’-]+(?:[- ][A-Z][\w'’-]+)*"
NAME = re.compile(rf"^{TITLES}({INITIALS}\s?{SURNAME})$")
# The closings of Dutch official letters, on a line of their own above the signature.
CLOSING = re.compile(
    r"^(?:hoogachtend|met (?:vriendelijke|hartelijke) groet(?:en)?|met de meeste hoogachting)\s*,?$", re.IGNORECASE
)


def is_signature_role(text: str) -> bool:
    return bool(ROLE.match(text.strip())) and len(text) < 80


def is_signature_name(text: str) -> bool:
    return bool(NAME.match(text.strip()))


def is_closing_formula(text: str) -> bool:
    return bool(CLOSING.match(text.strip()))


def mark_closing_formula(blocks: list[Block]) -> list[Block]:
    """A closing formula right above the signature is part of it (the letter page sets the
    whole signature apart); anywhere else it stays a paragraph."""
    for block, following in pairwise(blocks):
        if block.kind == BlockKind.PARAGRAPH and following.kind == BlockKind.SIGNATURE and is_closing_formula(block.text):
            block.kind = BlockKind.SIGNATURE
    return blocks


def normalize_role(text: str) -> str:
    match = ROLE.match(text.strip())
    office, preposition, domain = match.groups()
    office = "Minister-President" if office.lower() == "minister-president" else office.capitalize()
    domain = " ".join(w if w in {"en", "voor", "van"} else w[:1].upper() + w[1:] for w in domain.lower().split())
    return f"{office} {preposition.lower()} {domain}"


def clean_name(text: str) -> str:
    match = NAME.match(text.strip())
    name = match.group(1)
    return re.sub(r"\.\s+(?=[A-Z][a-z]{0,2}\.)", ".", name).strip()


def find_signers(lines: list[str]) -> list[MinisterData]:
    """Every role line followed (within two lines) by a name line, in order of appearance."""
    signers: list[MinisterData] = []
    for index, line in enumerate(lines):
        role, _, name = line.partition(",")
        if name.strip() and is_signature_role(role) and is_signature_name(name):  # on one line
            add_signer(signers, MinisterData(name=clean_name(name), role=normalize_role(role)))
            continue
        if not is_signature_role(line):
            continue
        following = [l for l in lines[index + 1 : index + 12] if l.strip()][:3]
        for candidate in following:
            if is_signature_name(candidate):
                add_signer(signers, MinisterData(name=clean_name(candidate), role=normalize_role(line)))
                break
    return signers


def add_signer(signers: list[MinisterData], signer: MinisterData) -> None:
    if signer not in signers:
        signers.append(signer)


def primary_signer(signers: list[MinisterData]) -> tuple[MinisterData | None, list[MinisterData]]:
    """The Defence signer leads; any others are co-signers."""
    if not signers:
        return None, []
    lead = next((s for s in signers if s.role.endswith("Defensie")), signers[0])
    return lead, [s for s in signers if s is not lead]
