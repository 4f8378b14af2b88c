"""The facets of a search, in one place: which there are and their labels, the tags a letter
has, the tag a filter value stands for, and how the tags of the matches are counted.

Each index entry stores its letter's facet tags as one string ("kind:agenda year:2022
minister:3 series:dmm country:FI topic:5"; backends/base.py says why). A search's filters
are those tags too (`filter_tag`), matched inside the index with the words; its facet counts
are the tags of its matches counted here (`count_tags`) and labelled from the rows
(`facet_labels`). The indexer writes what `facet_tags` makes, so a filter finds exactly the
letters its facet option counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import chain

from django.db.models import Case, F, When
from django.utils.translation import gettext_lazy as _

from ..models import Country, Letter, Meeting, Minister, Topic
from ..names import in_english

# Facet name (the URL parameter it sets, the tag's prefix) -> label, in the order shown.
FACETS = {
    "kind": _("Soort"),
    "year": _("Jaar"),
    "minister": _("Bewindspersoon"),
    "series": _("Reeks"),
    "country": _("Land"),
    "topic": _("Onderwerp"),
}
FACET_SIZE = 12  # options shown per facet: the largest values (the newest years)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    active: bool = False
    url: str = ""


@dataclass
class Facet:
    name: str  # the URL parameter it sets
    label: str
    options: list[FacetOption]
    estimated: bool = False  # counts estimated from a sample (more matches than are counted)


def facet_tags(*, kind: str, date, minister_id, series=(), countries=(), topics=()) -> tuple[str, ...]:
    """The facet values of one letter, as stored with its index entry."""
    tags = [f"kind:{kind}"]
    tags += [f"year:{date.year}"] if date else []
    tags += [f"minister:{minister_id}"] if minister_id else []
    tags += [f"series:{s}" for s in sorted(set(series))]
    tags += [f"country:{c}" for c in sorted(set(countries) - {None})]
    tags += [f"topic:{t}" for t in sorted(set(topics))]
    return tuple(tags)


def filter_tag(name: str, value) -> str:
    """The index tag (facet_tags) that a search filter's cleaned value stands for."""
    if name in ("minister", "topic"):
        return f"{name}:{value.pk}"
    if name == "country":
        return f"country:{value.code}"
    if name == "year":
        return f"year:{int(value)}"
    return f"{name}:{value}"  # kind, series


def count_tags(tag_strings: Iterable[str]) -> dict[str, list[tuple[str, int]]]:
    """Per facet, (stored value, letters) for its FACET_SIZE largest values; years newest first."""
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    for tag, n in Counter(chain.from_iterable(map(str.split, tag_strings))).items():
        name, _colon, value = tag.partition(":")
        if name in counts:
            counts[name][value] = n
    return {name: largest(name, c)[:FACET_SIZE] for name, c in counts.items()}


def largest(name: str, counts: Counter) -> list[tuple[str, int]]:
    if name == "year":
        return sorted(counts.items(), reverse=True)
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def facet_labels(values: dict[str, list[str]]) -> dict[str, dict[str, tuple[str, str]]]:
    """For each facet, stored value -> (URL value, label): kinds and series from their
    choices, years as they are, ministers, countries and topics from their rows (a query
    each, only for the values shown)."""
    labels: dict[str, dict[str, tuple[str, str]]] = {
        "kind": {v: (v, str(label)) for v, label in Letter.Kind.choices},
        "series": {v: (v, str(label)) for v, label in Meeting.Series.choices},
        "year": {v: (v, v) for v in values["year"]},
    }
    # The names in the page's language: a topic's English name where it has one (meetings/names.py).
    topic_name = Case(When(name_en="", then=F("name")), default=F("name_en")) if in_english() else F("name")
    rows = {
        "minister": (Minister, "pk", F("name")),
        "country": (Country, "code", F(Country.name_field())),
        "topic": (Topic, "pk", topic_name),
    }
    for name, (model, key, label) in rows.items():
        wanted = values[name]
        found = (
            model.objects.filter(**{f"{key}__in": wanted}).annotate(shown=label).values_list(key, "slug", "shown")
            if wanted
            else []
        )
        labels[name] = {str(k): (slug, text) for k, slug, text in found}
    return labels


def labelled_facets(counts: dict[str, list[tuple[str, int]]], params: Mapping, *, estimated: bool) -> list[Facet]:
    """The facets as the page shows them: counted values with their labels, the one the
    request's parameters select marked active. A value whose row is gone is left out."""
    labels = facet_labels({name: [value for value, _n in pairs] for name, pairs in counts.items()})
    found = []
    for name, title in FACETS.items():
        active = str(params.get(name, ""))
        options = [(*labels[name][value], n) for value, n in counts[name] if value in labels[name]]
        found.append(Facet(name, title, [FacetOption(slug, text, n, slug == active) for slug, text, n in options], estimated))
    return found
