"""Dates as people type them into spreadsheets, read into ``YYYY[-MM[-DD]]``.

Accepted (each also with a day where it makes sense)::

    2009            2009년          2009-03         2009.3          2009/03
    2009년 3월      2009년 3월 15일  March 2009      Mar 2009        15 March 2009
    March 15, 2009  03/2009         3-2009          2009-03-15      2009.03.15
    15/03/2009 and 03/15/2009 when the day is above 12 (otherwise ambiguous: refused)

A spreadsheet cell that holds a real date (XLSX) arrives as a ``date`` and keeps its day.
Nothing here echoes the input back: errors say what is wrong in words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from vault.errors import InvalidInput

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_WORD = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), order)
    for pattern, order in (
        (r"(\d{4})", "y"),
        (r"(\d{4})\s*년", "y"),
        (r"(\d{4})[-./](\d{1,2})", "ym"),
        (r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})", "ymd"),
        (r"(\d{4})\s*년\s*(\d{1,2})\s*월", "ym"),
        (r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일", "ymd"),
        (r"(\d{1,2})[-./](\d{4})", "my"),
        (_MONTH_WORD + r",?\s+(\d{4})", "My"),
        (r"(\d{1,2})\s+" + _MONTH_WORD + r",?\s+(\d{4})", "dMy"),
        (_MONTH_WORD + r"\s+(\d{1,2}),?\s+(\d{4})", "Mdy"),
        (r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})", "??y"),
        (r"(\d{4})(\d{2})(\d{2})", "ymd"),  # 20090315, as Martus writes dates
    )
)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse(value: object) -> PartialDate:
    """Read a typed date; raise InvalidInput saying in words why it cannot be read."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _checked(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, float) and value.is_integer():
        value = str(int(value))
    if not isinstance(value, str):
        raise InvalidInput("is not a date")
    text = " ".join(value.strip().split())
    if text.endswith(("경", "쯤")):  # "2009년경": about 2009, kept at the precision written
        text = text[:-1].rstrip()
    for pattern, order in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _from_groups(match.groups(), order)
    raise InvalidInput("is not a date this import can read (write it like 2009, 2009-03, 2009-03-15, "
                       "2009년 3월 or March 2009)")


def _from_groups(groups: tuple[str | None, ...], order: str) -> PartialDate:
    parts = [g or "" for g in groups]
    if order == "??y":
        first, second, written_year = int(parts[0]), int(parts[1]), int(parts[2])
        if first > 12 >= second:
            return _checked(written_year, second, first)
        if second > 12 >= first:
            return _checked(written_year, first, second)
        if first == second:
            return _checked(written_year, first, first)
        raise InvalidInput("is ambiguous: day and month could be either way round (write it as YYYY-MM-DD)")
    year: int | None = None
    month: int | None = None
    day: int | None = None
    for kind, part in zip(order, parts, strict=True):
        if kind == "y":
            year = int(part)
        elif kind == "m":
            month = int(part)
        elif kind == "M":
            month = _MONTHS[part.lower().rstrip(".")]
        elif kind == "d":
            day = int(part)
    assert year is not None
    return _checked(year, month, day)


def _checked(year: int, month: int | None, day: int | None) -> PartialDate:
    if not 1900 <= year <= 2100:
        raise InvalidInput("has a year outside 1900-2100")
    if month is not None and not 1 <= month <= 12:
        raise InvalidInput("has a month that does not exist")
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise InvalidInput("is a day that does not exist in the calendar") from None
    return PartialDate(year, month, day)
