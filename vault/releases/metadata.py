"""Generalised metadata of a release, derived from a testimony record.

Nothing here is copied verbatim from the record: places become provinces, regions
and countries through the shipped gazetteer (an unrecognised place becomes
``unknown``, never its text), years become multi-year bands, ages become the age at
exit (a quasi-identifier, see :mod:`vault.anonymity`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vault.anonymity import REGION_OF, Origin, QiBase
from vault.records import TestimonyInput
from vault.redaction.gazetteer import Place, gazetteer

PERIOD_YEARS = 5
_SPLIT = re.compile(r"[,;/()\s]+")


@dataclass(frozen=True)
class Metadata:
    """The non-QI metadata shown with an extract (all generalised)."""

    route_countries: tuple[str, ...] = ()
    violation_types: tuple[str, ...] = ()
    event_periods: tuple[str, ...] = ()
    event_provinces: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, list[str]]:
        return {"route_countries": list(self.route_countries), "violation_types": list(self.violation_types),
                "event_periods": list(self.event_periods), "event_provinces": list(self.event_provinces)}

    @classmethod
    def from_dict(cls, data: dict[str, list[str]]) -> Metadata:
        return cls(*(tuple(str(x) for x in data.get(name, [])) for name in
                     ("route_countries", "violation_types", "event_periods", "event_provinces")))


def find_place(text: str | None) -> Place | None:
    """Return the gazetteer place a free-text place field names, if any."""
    if not text or not text.strip():
        return None
    gaz = gazetteer()
    place = gaz.find(text)
    if place is not None:
        return place
    for part in _SPLIT.split(text):
        if part and (place := gaz.find(part)) is not None:
            return place
    return None


def _chain(place: Place) -> list[Place]:
    return gazetteer().parent_chain(place.id)


def country_of(place: Place) -> Place:
    return _chain(place)[-1]


def province_of(place: Place) -> Place:
    """Return the province (or directly governed city, or prefecture's province) of a place."""
    chain = _chain(place)
    for item in chain:
        if item.kind == "province":
            return item
    for item in chain:
        if item.parent is not None and gazetteer().places.get(item.parent, item).kind == "country":
            return item
    return chain[-1]


def origin_of(text: str | None) -> Origin | None:
    place = find_place(text)
    if place is None:
        return None
    province = province_of(place)
    country = country_of(place)
    if country.kind != "country":
        return None
    return Origin(province.name, REGION_OF.get(province.id, country.name), country.name)


def period(year: int, width: int = PERIOD_YEARS) -> str:
    low = year // width * width
    return f"{low}-{low + width - 1}"


def qi_base(record: TestimonyInput) -> QiBase:
    """Return the witness's quasi-identifiers, ungeneralised (vault only)."""
    w = record.witness
    age = None
    if w.birth_year is not None and w.exit_year is not None and w.exit_year >= w.birth_year:
        age = w.exit_year - w.birth_year
    return QiBase(w.sex or "unknown", age, origin_of(w.origin), w.exit_year)


def metadata(record: TestimonyInput) -> Metadata:
    """Return the generalised event metadata of a record."""
    countries: set[str] = set()
    provinces: set[str] = set()
    periods: set[str] = set()
    for event in record.events:
        place = find_place(event.place)
        if place is not None:
            country = country_of(place)
            if country.kind != "country":
                continue
            if country.id != "kp":
                countries.add(country.name)
            provinces.add(province_of(place).name)
        if event.date:
            periods.add(period(int(event.date[:4])))
    return Metadata(tuple(sorted(countries)), tuple(sorted({e.violation_type for e in record.events})),
                    tuple(sorted(periods)), tuple(sorted(provinces)))
