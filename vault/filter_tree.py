"""The researcher's period and place filters as one hierarchy each.

Two choices never half-overlap: one contains the other or they are apart, and choosing the
broader one finds everything under it. Periods are spans of years ("2000-2009", or one year
"2009"); the release generalises to aligned bands (5, 10 and 20 years), so any two are
nested or apart, and "2000-2019" finds "2000-2009", "2010-2019" and "2013". Places go
country > region (the regions of :mod:`vault.anonymity`) > province, so "North Korea" finds
"Northern border (DPRK)" and "Ryanggang".
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from vault import anonymity
from vault.redaction.gazetteer import gazetteer

_SPAN = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
#: The kinds of gazetteer place a released fact names (provinces, cities under a country, countries).
_RELEASED_KINDS = ("province", "city", "country")


@dataclass(frozen=True)
class Option:
    """One choice of a filter; ``depth`` is how many shown choices contain it (for indenting)."""

    value: str
    depth: int


def span(value: str) -> tuple[int, int] | None:
    """The years a period covers, or None for a withheld or unknown one."""
    found = _SPAN.match(value)
    if not found:
        return None
    start = int(found.group(1))
    return start, int(found.group(2) or start)


def period_options(values: Iterable[str]) -> list[Option]:
    """The periods in the room, broader ones first, each followed by those inside it."""
    spans = {v: s for v in set(values) if (s := span(v)) is not None}
    ordered = sorted(spans, key=lambda v: (spans[v][0], spans[v][0] - spans[v][1]))
    return [Option(v, sum(1 for o in spans if o != v and spans[o][0] <= spans[v][0] and spans[v][1] <= spans[o][1]))
            for v in ordered]


def place_path(value: str) -> tuple[str, ...]:
    """The place's ancestors and itself, broadest first: ("North Korea", "Northern border (DPRK)",
    "Ryanggang"). A name the gazetteer does not know stands alone."""
    regions = _regions()
    if value in regions:
        return regions[value], value
    place = gazetteer().find(value)
    if place is None or place.name != value:
        return (value,)
    chain = gazetteer().parent_chain(place.id)
    country = chain[-1].name if chain[-1].kind == "country" and chain[-1] is not place else None
    region = anonymity.REGION_OF.get(place.id)
    return tuple(name for name in (country, region, value) if name)


def place_options(values: Iterable[str]) -> list[Option]:
    """The places in the room and every broader place holding them, as one tree."""
    paths = {place_path(v) for v in values}
    nodes = {path[:depth] for path in paths for depth in range(1, len(path) + 1)}
    return [Option(path[-1], len(path) - 1) for path in sorted(nodes)]


def places_under(chosen: str) -> list[str]:
    """Every place name a released fact can hold that lies under ``chosen`` (itself included)."""
    names = set(_regions()) | {p.name for p in gazetteer().places.values() if p.kind in _RELEASED_KINDS}
    return sorted({chosen} | {n for n in names if chosen in place_path(n)[:-1]})


def _regions() -> dict[str, str]:
    """Region name -> the name of its country."""
    places = gazetteer().places
    return {region: places[pid.split("-")[0]].name for pid, region in anonymity.REGION_OF.items()
            if pid.split("-")[0] in places}
