"""NATO membership over time: allies are members, not invited partners, at a NATO meeting.

Source: NATO, "NATO member countries" (nato.int/cps/en/natohq/topics_52044.htm), dates of
accession as deposited with the US State Department.
"""

from __future__ import annotations

import datetime as dt

FOUNDING = dt.date(1949, 8, 24)
ACCESSION = {
    **{code: FOUNDING for code in ("BE", "CA", "DK", "FR", "IS", "IT", "LU", "NL", "NO", "PT", "GB", "US")},
    "GR": dt.date(1952, 2, 18),
    "TR": dt.date(1952, 2, 18),
    "DE": dt.date(1955, 5, 6),
    "ES": dt.date(1982, 5, 30),
    "CZ": dt.date(1999, 3, 12),
    "HU": dt.date(1999, 3, 12),
    "PL": dt.date(1999, 3, 12),
    "BG": dt.date(2004, 3, 29),
    "EE": dt.date(2004, 3, 29),
    "LV": dt.date(2004, 3, 29),
    "LT": dt.date(2004, 3, 29),
    "RO": dt.date(2004, 3, 29),
    "SK": dt.date(2004, 3, 29),
    "SI": dt.date(2004, 3, 29),
    "AL": dt.date(2009, 4, 1),
    "HR": dt.date(2009, 4, 1),
    "ME": dt.date(2017, 6, 5),
    "MK": dt.date(2020, 3, 27),
    "FI": dt.date(2023, 4, 4),
    "SE": dt.date(2024, 3, 7),
}


def is_member(code: str, on: dt.date) -> bool:
    joined = ACCESSION.get(code)
    return joined is not None and joined <= on


# NATO ended all practical cooperation with Russia in April 2014 and counts Belarus among its
# aggressors since 2022: their ministers are spoken of in these letters, never at the table.
NEVER_INVITED = {"RU", "BY"}
