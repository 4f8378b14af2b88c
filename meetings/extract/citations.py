"""Citations of parliamentary papers: "Kamerstuk 28 676, nr. 386" -> 28676-386.

Forms seen in the letters: "Kamerstuk 36 045, nr. 3", "Kamerstukken 21 501-02, nr. 2433",
"Kamerstukken II 2021/22, 28 676, nr. 386", "Kamerstuk 28 676, nrs. 386 en 387", a bare
"(28 676, nr. 389)" in brackets, and one number in two dossiers, "Kamerstukken 21 501-28 en
28 676, nr. 233" (21501-28-233 and 28676-233). A dossier or number split over a line end
("21 501-\n28") is read whole. "Handelingen" (debate records) are not Kamerstukken and are
left out; a letter's own number (in its running header) is no citation (letter.py).
"""

from __future__ import annotations

import re

from .data import CitationData
from .text import collapse_spaces

DOSSIER = r"\d{2}\s?\d{3}(?:-\s?[A-Z0-9]{1,4}\b)?"
CITATION = re.compile(
    r"(?:Kamerstuk(?:ken)?(?:\s+(?:I{1,2}|TK|EK))?(?:\s+\d{4}[/–-]\d{2,4},?)?\s+|(?<=\())"
    rf"(?P<dossier>{DOSSIER}(?:\s*(?:,|en|&)\s*{DOSSIER})*)(?:\s*\([^)]{{0,40}}\))?\s*,\s*"
    r"nrs?\.\s*(?P<numbers>\d+(?:\s*(?:,|en|&)\s*\d+)*)",
    re.IGNORECASE,
)


def dossiers_in(text: str) -> list[str]:
    """The dossier numbers a citation's dossier part names, as the archive writes them: "28676"."""
    return [re.sub(r"\s", "", found).upper() for found in re.findall(DOSSIER, text, re.IGNORECASE)]


def find_citations(text: str) -> list[CitationData]:
    citations: list[CitationData] = []
    seen: set[str] = set()
    for match in CITATION.finditer(collapse_spaces(text)):
        for dossier in dossiers_in(match.group("dossier")):
            for number in re.findall(r"\d+", match.group("numbers")):
                citation = CitationData(dossier=dossier, number=int(number), text=match.group(0))
                if citation.id not in seen:
                    seen.add(citation.id)
                    citations.append(citation)
    return citations
