"""Released extracts as a CSV that Uwazi (HURIDOCS) imports, for partners who run Uwazi.

Uwazi's CSV import matches columns to template properties by their *name* (lower case,
words joined by ``_``), needs ``title``, and reads several values in one cell separated
by ``|``. A partner creates a template with these properties once (types in brackets)::

    title [title]                 the extract id, e.g. "X-3f…"
    text [rich text]              the released, anonymised text
    language [select]             en or ko
    sex [select]                  as released (generalised or "*" when withheld)
    age_band [select]             e.g. "30-39"
    origin_region [select]        a coarse region
    exit_period [select]          e.g. "2005-2009"
    violation_types [multiselect] the archive's violation codes in words ("Arbitrary detention")
    route_countries [multiselect]
    event_periods [multiselect]
    event_provinces [multiselect]
    published [date]              YYYY-MM-DD
    extract_id [text]             the same id, kept as a property

Only what the reading room already released is written: nothing here comes from the vault.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from vault.reading_room import Extract

COLUMNS = ("title", "text", "language", "sex", "age_band", "origin_region", "exit_period", "violation_types",
           "route_countries", "event_periods", "event_provinces", "published", "extract_id")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def violation_words(code: str) -> str:
    """``forced_repatriation`` -> ``Forced repatriation`` (a thesaurus value a person can read)."""
    return code.replace("_", " ").capitalize()


def _cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection); Uwazi keeps the leading apostrophe as text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _many(values: Iterable[str]) -> str:
    return "|".join(v.replace("|", "/") for v in values)


def render(items: Iterable[Extract]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in sorted(items, key=lambda e: e.id):
        row = [e.id, e.text, e.language, e.sex, e.age_band, e.origin_region, e.exit_period,
               _many(violation_words(v) for v in e.violation_types), _many(e.route_countries),
               _many(e.event_periods), _many(e.event_provinces), e.published[:10], e.id]
        writer.writerow([_cell(str(v)) for v in row])
    return out.getvalue().encode("utf-8")
