"""What a search may cost: the one place the search reads its bounds from the settings.

archive/settings.py declares them and says what each bounds and why. A Search reads them
once, when it is made, so a test's `settings` override reaches the next search.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Limits:
    count: int  # SEARCH_COUNT_LIMIT: matches counted; more are estimated
    rank_candidates: int  # SEARCH_RANK_CANDIDATES: the newest matches relevance ranks
    prefix_stems: int  # SEARCH_PREFIX_STEMS: stems a query's prefixes are matched as

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(settings.SEARCH_COUNT_LIMIT, settings.SEARCH_RANK_CANDIDATES, settings.SEARCH_PREFIX_STEMS)
