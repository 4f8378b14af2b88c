"""The signature block: "De Minister van Defensie," over "drs. A.B. de Vries".

A letter can be co-signed (a block for each minister, summit letters often three): the first
signer is the letter's minister, the others are co-signers. A minister for whom the signer
writes "mede namens de Minister van Buitenlandse Zaken" co-signs by role only.
Some letters open the signature with a closing formula ("Hoogachtend,").
"""

from __future__ import annotations

import re
from itertools import pairwise

from .body import Block, BlockKind
from .data import MinisterData

ROLE = re.compile(
    r"^(?:de\s+)?(?:(minister-president)(?:\s*,\s*minister\s+van\s+algemene\s+zaken)?|"
    r"(minister|staatssecretaris)\s+(van|voor)\s+([a-zà-ÿ ,-]+?))\s*,?$",
    re.IGNORECASE,
)
# "mede namens de Minister van Buitenlandse Zaken en de Minister-President"
ON_BEHALF = re.compile(r"\bmede\s+namens\s+((?:de\s+)?(?:minister|staatssecretaris)[^,.;]*)", re.IGNORECASE)
# A portfolio is written capitalised ("Buitenlandse Handel en Ontwikkelingssamenwerking"),
# sometimes in lower case for the common ones.
PORTFOLIO_WORD = re.compile(r"[A-ZÀ-Ý][\w-]*|en|defensie|buitenlandse|zaken|algemene")
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
    premier, office, preposition, domain = match.groups()
    if premier:
        return "Minister-President"
    office = office.capitalize()
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
    """The first signer is the letter's minister; any others are co-signers."""
    if not signers:
        return None, []
    return signers[0], signers[1:]


def on_behalf_of(text: str, signers: list[MinisterData]) -> list[str]:
    """The roles the letter names with "mede namens" that have no signature of their own."""
    signed = {s.role.lower() for s in signers}
    roles: list[str] = []
    for phrase in ON_BEHALF.finditer(text):
        for part in re.split(r"\s+en\s+(?=de\s)", re.sub(r"\s+", " ", phrase.group(1))):
            role = role_at_start(part)
            if role and role.lower() not in signed and role not in roles:
                roles.append(role)
    return roles


def role_at_start(text: str) -> str | None:
    """ "de minister van Buitenlandse Zaken het verslag" -> "Minister van Buitenlandse Zaken"."""
    words = text.split()
    if words and words[0].lower() == "de":
        words = words[1:]
    if words and words[0].lower() == "minister-president":
        return "Minister-President"
    if len(words) < 3 or words[0].lower() not in {"minister", "staatssecretaris"} or words[1] not in {"van", "voor"}:
        return None
    domain = []
    for word in words[2:]:
        if not PORTFOLIO_WORD.fullmatch(word):
            break
        domain.append(word)
    while domain and domain[-1] == "en":
        domain.pop()
    return normalize_role(" ".join(words[:2] + domain)) if domain else None
