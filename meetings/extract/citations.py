"""Citations of parliamentary papers: "Kamerstuk 28 676, nr. 386" -> 28676-386.

Forms seen in the letters: "Kamerstuk 36 045, nr. 3", "Kamerstukken 21 501-02, nr. 2433",
"Kamerstukken II 2021/22, 28 676, nr. 386", "Kamerstuk 28 676, nrs. 386 en 387".
"Handelingen" (debate records) are not Kamerstukken and are left out.
"""

from __future__ import annotations

import re

from .data import CitationData
from .text import collapse_spaces

CITATION = re.compile(
    r"Kamerstuk(?:ken)?(?:\s+(?:I{1,2}|TK|EK))?(?:\s+\d{4}[/–-]\d{2,4},?)?\s+"
    r"(?P<dossier>\d{2}\s?\d{3}(?:-[A-Z0-9]{1,4})?)(?:\s*\([^)]{0,40}\))?\s*,\s*"
    r"nrs?\.\s*(?P<numbers>\d+(?:\s*(?:,|en|&)\s*\d+)*)",
    re.IGNORECASE,
)


def find_citations(text: str) -> list[CitationData]:
    citations: list[CitationData] = []
    seen: set[str] = set()
    for match in CITATION.finditer(collapse_spaces(text)):
        dossier = re.sub(r"\s", "", match.group("dossier")).upper()
        for number in re.findall(r"\d+", match.group("numbers")):
            citation = CitationData(dossier=dossier, number=int(number), text=match.group(0))
            if citation.id not in seen:
                seen.add(citation.id)
                citations.append(citation)
    return citations
