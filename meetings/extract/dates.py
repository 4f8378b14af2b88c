"""Dutch dates as letters print them: "16 maart 2022", "14 en 15 maart", "14–15 maart 2022",
"31 januari en 1 februari 2023", "28-30 juni". Month names come from CLDR (Babel)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import get_day_names, get_month_names


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    names = {name.lower(): number for number, name in get_month_names("wide", locale="nl").items()}
    return names


def _month_pattern() -> str:
    return "|".join(sorted(month_numbers(), key=len, reverse=True))


# "op woensdag 25 en donderdag 26 februari": a weekday may stand before the second day.
WEEKDAYS = r"(?:(?:" + "|".join(get_day_names("wide", locale="nl").values()) + r")\s+)?"
SEP = r"\s*(?:-|–|—|/|t/m|tot en met|tot|en)\s*" + WEEKDAYS
DAY = r"(?<![\d,.])(\d{1,2})"
YEAR = r"(?:\s+(\d{4})(?!\d))?"


@lru_cache(maxsize=1)
def date_patterns() -> list[re.Pattern]:
    month = f"({_month_pattern()})"
    return [
        re.compile(rf"{DAY}\s+{month}{SEP}(\d{{1,2}})\s+{month}{YEAR}", re.IGNORECASE),  # across months
        re.compile(rf"{DAY}{SEP}(\d{{1,2}})\s+{month}{YEAR}", re.IGNORECASE),  # range in one month
        re.compile(rf"{DAY}\s+{month}{YEAR}", re.IGNORECASE),  # one day
    ]


@dataclass
class DateMention:
    """A date or date range found in text; the year may be missing ("op 16 maart")."""

    start: int  # character offsets in the text
    end: int
    first: tuple[int, int]  # (day, month)
    last: tuple[int, int]
    year: int | None

    def resolve(self, year: int, *, printed: bool = False) -> tuple[dt.date, dt.date] | None:
        """The span in the given year (a December-January range rolls over). A `printed` year
        stands after the last day, so it is that day's: "31 december en 1 januari 2025"."""
        rolls_over = self.last[1] < self.first[1]
        year = year - 1 if rolls_over and printed else year
        try:
            last_year = year + 1 if rolls_over else year
            start = dt.date(year, self.first[1], self.first[0])
            end = dt.date(last_year, self.last[1], self.last[0])
        except ValueError:
            return None
        return (start, end) if end >= start and (end - start).days <= 7 else None


def find_dates(text: str) -> list[DateMention]:
    """All date mentions in the text, left to right, the widest reading of each place."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    months = month_numbers()
    for index, pattern in enumerate(date_patterns()):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            g = m.groups()
            if index == 0:
                first, last, year = (int(g[0]), months[g[1].lower()]), (int(g[2]), months[g[3].lower()]), g[4]
            elif index == 1:
                month = months[g[2].lower()]
                first, last, year = (int(g[0]), month), (int(g[1]), month), g[3]
            else:
                month = months[g[1].lower()]
                first = last = (int(g[0]), month)
                year = g[2]
            if first[0] < 1 or last[0] > 31:
                continue
            found.append(DateMention(m.start(), m.end(), first, last, int(year) if year else None))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def full_date(mention: DateMention) -> dt.date | None:
    """A single day with its year, e.g. the letter's own date line."""
    if mention.year is None:
        return None
    resolved = mention.resolve(mention.year, printed=True)
    return resolved[0] if resolved else None


def context_year(text: str) -> int | None:
    """The year the letter speaks of most, for dates printed without one."""
    years = Counter(d.year for d in find_dates(text) if d.year)
    if years:
        return years.most_common(1)[0][0]
    bare = Counter(int(y) for y in re.findall(r"\b(20[0-4]\d|19[89]\d)\b", text))
    return bare.most_common(1)[0][0] if bare else None


def resolve_span(mention: DateMention, reference: dt.date | None, fallback_year: int | None):
    """Give a yearless mention the year that puts it nearest the letter's date."""
    if mention.year:
        return mention.resolve(mention.year, printed=True)
    if reference:
        options = [mention.resolve(y) for y in (reference.year - 1, reference.year, reference.year + 1)]
        options = [o for o in options if o]
        return min(options, key=lambda o: abs((o[0] - reference).days), default=None)
    if fallback_year:
        return mention.resolve(fallback_year)
    return None
