"""Builders of small letters in the genre, for extraction tests."""


def letter(
    body: str,
    *,
    date_line: str = "Den Haag, 1 februari 2022",
    signer: str = "De Minister van Defensie,\nK.H. Ollongren",
    head: str = "",
) -> str:
    parts = [head, "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", date_line, body, signer]
    return "\n\n".join(p for p in parts if p) + "\n"
