"""What the parser repaired or ignored in a query, in sentences for the results page and the
API: a query never gives an error page, it is told what was done with it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .language import query as query_language


def notices(search) -> list[str]:
    """The notes of the parsed query (language/query.py), the stop words left out, and why a
    query that finds nothing by its form (only exclusions, no words) does."""
    texts = {
        query_language.TRUNCATED: _("Uw zoekopdracht was erg lang; alleen het begin is gebruikt."),
        query_language.UNCLOSED_QUOTE: _("Een aanhalingsteken was niet gesloten; de woorden erna zijn als woordgroep gezocht."),
        query_language.IGNORED_OPERATOR: _("OR staat tussen twee zoekwoorden; een OR zonder woord ervoor of erna is genegeerd."),
        query_language.TOO_MANY_WORDS: _("Alleen de eerste %(n)d woorden zijn gebruikt.") % {"n": query_language.MAX_WORDS},
    }
    found = [texts[note] for note in search.query.notes if note in texts]
    if search.lexemes.ignored:
        words = ", ".join(search.lexemes.ignored)
        found.append(_("Veelvoorkomende woorden tellen niet mee: %(words)s.") % {"words": words})
    if search.is_empty and search.text.strip():
        if search.query.excluded and not search.query.required:
            found.append(_("Geef ook een woord op dat wel in de brieven moet staan; alleen uitsluiten vindt niets."))
        else:
            found.append(_("Geef een woord op om naar te zoeken."))
    return found
