"""The narrative may not say more than the released metadata (pure functions).

k-anonymity (:mod:`vault.anonymity`) is computed over four generalised columns; a
reader also reads the text beside them. :func:`findings` lists every passage of a
released text that states a quasi-identifier more finely than the release shows it:

- ``place``: a gazetteer place below the released origin level (a county or city
  when provinces are shown; a province when only the region or country is);
- ``date``: a date that names a year (or month, season, day) when the release shows
  periods of 5, 10 or 20 years - "a date becomes its year" is not a generalisation
  for the dates that are quasi-identifiers (birth, exit, arrival);
- ``age``: an age more precise than the released age band;
- ``own-year``: the witness's own birth, exit or arrival year written in a form the
  date detector does not see (``'75``, ``75년생``, a bare ``1975``);
- ``origin``: the witness's town of origin as typed at intake, when the gazetteer
  does not know it.

Each finding carries its fix, the same passage generalised to the released level;
:func:`apply` applies them, and the fixed text has no findings left at the same
levels. :func:`describe` words a finding in English or Korean without quoting the
passage (findings may be printed and logged) and without offsets.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from vault.anonymity import Levels
from vault.redaction.detectors.ages import AgeDetector
from vault.redaction.detectors.dates import DateDetector
from vault.redaction.detectors.korean_proper_nouns import has_hangul
from vault.redaction.detectors.places import GazetteerDetector, places_in
from vault.redaction.gazetteer import Place, gazetteer
from vault.redaction.generalise import age_value  # the renderer's reading of an age, not a copy
from vault.redaction.normalise import fold, normalise
from vault.redaction.particles import choose, particle_after

KINDS = ("place", "date", "age", "own-year", "origin")
_WIDTHS = (5, 10, 20)
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DASH = r"\s?[-–~∼〜]\s?"
_YEAR_RANGE = re.compile(rf"(?<!\d)({_YEAR}){_DASH}({_YEAR})(?!\d)")
_AGE_RANGE = re.compile(r"(?<!\d)(\d{1,3})\s?(?:-|–|~|∼|〜|and)\s?(\d{1,3})(?!\d)")
_DECADE = re.compile(rf"(?<!\d)({_YEAR})(?:\s?년대|s)")
_AGE_DECADE = re.compile(r"[1-9]0\s?대(?!\s?(?:초반|중반|후반))|twenties|thirties|forties|fifties|sixties|[2-9]0s",
                         re.IGNORECASE)
_CONTEXT = 24


@dataclass(frozen=True)
class Facts:
    """What the release shows, and the witness's own facts the text may not state finer."""

    levels: Levels
    birth_year: int | None = None
    exit_year: int | None = None
    arrival_year: int | None = None
    origin_text: str | None = None  # the witness's origin as typed at intake (vault only)


@dataclass(frozen=True)
class Finding:
    """One passage stating a quasi-identifier more finely than released, and its fix."""

    kind: str
    start: int
    end: int
    replacement: str
    level: str  # the released level, as a key of _LEVEL_WORDS
    korean: bool


def findings(text: str, facts: Facts) -> list[Finding]:
    """Return every passage of ``text`` finer than the released levels, in text order."""
    found: list[Finding] = []
    found += _places(text, facts.levels)
    found += _dates(text, facts.levels)
    found += _ages(text, facts.levels)
    found += _own_years(text, facts, found)
    found += _origin_text(text, facts, found)
    return _non_overlapping(found)


def apply(text: str, items: Sequence[Finding]) -> str:
    """Return ``text`` with every finding replaced by its generalisation.

    It must still read as the witness's sentence: a place generalised to the region named
    just before it is not said twice ("함경북도 회령에서" -> "함경북도에서", "양강도 혜산에서" at
    country level -> "북한에서", not "북한 북한에서"), and a Korean particle after a
    replacement is chosen again for its last sound ("신의주로" -> "북한으로").
    """
    merged: list[Finding] = []
    for item in sorted(_non_overlapping(list(items)), key=lambda f: f.start):
        if merged and merged[-1].replacement == item.replacement and not text[merged[-1].end:item.start].strip(" ,"):
            item = replace(merged.pop(), end=item.end)
        merged.append(item)
    out = text
    for item in reversed(merged):
        start, replacement = item.start, item.replacement
        before = out[:start].rstrip(" ,")
        if item.kind == "place" and before.endswith(replacement) and len(before) < start:
            start, replacement = len(before), ""  # the region is already named: drop the finer place
        shown = out[:start] + replacement
        rest = out[item.end:]
        particle = particle_after(rest, 0) if item.korean else None
        if particle:
            rest = choose(particle, shown) + rest[len(particle):]
        out = shown + rest
    return out


def fix(text: str, facts: Facts) -> str:
    """Apply the suggested generalisations until none is left (at most a few rounds)."""
    for _ in range(4):
        items = findings(text, facts)
        if not items:
            break
        text = apply(text, items)
    return text


# -- wording ------------------------------------------------------------------------------------------

_LEVEL_WORDS = {
    "province": ("province", "도 단위"),
    "country": ("country", "나라 단위"),
    "period-5": ("5-year period", "5년 단위 기간"),
    "period-10": ("10-year period", "10년 단위 기간"),
    "period-20": ("20-year period", "20년 단위 기간"),
    "withheld": ("withheld", "비공개"),
    "band-5": ("5-year age band", "5년 단위 나이대"),
    "band-10": ("10-year age band", "10년 단위 나이대"),
    "band-20": ("20-year age band", "20년 단위 나이대"),
}
_WHAT = {
    "place": ("names a place more precisely than the released level ({level})",
              "공개 수준({level})보다 자세한 지명이 있습니다"),
    "date": ("gives a date more precisely than the released level ({level})",
             "공개 수준({level})보다 자세한 날짜가 있습니다"),
    "age": ("gives an age more precisely than the released level ({level})",
            "공개 수준({level})보다 자세한 나이가 있습니다"),
    "own-year": ("states the witness's own birth, departure or arrival year, finer than the released level ({level})",
                 "증언자의 출생, 탈북 또는 입국 연도가 공개 수준({level})보다 자세히 적혀 있습니다"),
    "origin": ("names the witness's home town, finer than the released level ({level})",
               "증언자의 고향이 공개 수준({level})보다 자세히 적혀 있습니다"),
}
_TEMPLATE = ("Passage {number}: the text {what}. Suggested change: “{replacement}”.",
             "{number}번째 구절: 본문에 {what}. 제안하는 수정: “{replacement}”.")


def describe(item: Finding, number: int, lang: str = "en") -> str:
    """Word one finding in English (``en``) or Korean (``ko``), without quoting the passage."""
    index = 1 if lang == "ko" else 0
    level = _LEVEL_WORDS[item.level][index]
    what = _WHAT[item.kind][index].format(level=level)
    return _TEMPLATE[index].format(number=number, what=what, replacement=item.replacement)


# -- places -------------------------------------------------------------------------------------------


def _place_target(place: Place, origin_level: int) -> Place | None:
    """Return the place the text may name instead of ``place``, or None if it may stay."""
    gaz = gazetteer()
    chain = gaz.parent_chain(place.id)
    country = chain[-1]
    if place.kind == "country" or country.kind != "country":
        return None  # a country, or a feature outside any country (a border river)
    if origin_level >= 1:
        return country
    wider = place if _is_province_level(place) else gaz.generalise(place.id)
    return None if wider.id == place.id else wider


def _is_province_level(place: Place) -> bool:
    gaz = gazetteer()
    parent = gaz.places.get(place.parent) if place.parent else None
    return place.kind == "province" or (place.kind == "city" and parent is not None and parent.kind == "country")


def _places(text: str, levels: Levels) -> list[Finding]:
    gaz = gazetteer()
    level = "province" if levels.origin_region == 0 else "country"
    out = []
    for span in GazetteerDetector().detect(text):
        surface = text[span.start:span.end]
        ids = [pid for _, _, _, _, pid in places_in(normalise(surface)) if pid]
        if not ids:
            continue
        pid = max(ids, key=lambda p: len(gaz.parent_chain(p)))
        target = _place_target(gaz.places[pid], levels.origin_region)
        if target is None:
            continue
        korean = _korean(text, span.start, span.end)
        name = target.ko_name if korean else target.name
        out.append(Finding("place", span.start, span.end, name, level, korean))
    return out


# -- dates --------------------------------------------------------------------------------------------


def _width(level: int) -> int | None:
    return _WIDTHS[level] if level < len(_WIDTHS) else None


def _period_words(year: int, width: int | None, korean: bool, surface: str = "") -> str:
    if width is None:
        return "[연도 비공개]" if korean else "[year withheld]"
    low = year // width * width
    born = "생" if surface.rstrip().endswith("생") else ""
    return f"{low}~{low + width - 1}년{born}" if korean else f"{low}-{low + width - 1}"


def _range_covering(text: str, start: int, end: int, pattern: re.Pattern[str]) -> re.Match[str] | None:
    lo, hi = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    for m in pattern.finditer(text, lo, hi):
        if m.start() <= start < m.end() or m.start() < end <= m.end() or (start <= m.start() and m.end() <= end):
            return m
    return None


def _period_ok(text: str, start: int, end: int, width: int | None) -> bool:
    """Is the date at start..end part of a period at least ``width`` years wide?"""
    if width is None:
        return False
    m = _range_covering(text, start, end, _YEAR_RANGE)
    if m is not None:
        low, high = int(m.group(1)), int(m.group(2))
        return high - low + 1 >= width
    m = _range_covering(text, start, end, _DECADE)
    if m is not None:
        surface = text[max(0, m.start() - 6):m.end()].lower()
        return width <= 10 and not re.search(r"mid-|early |late ", surface)
    return False


def _year_of(surface: str) -> int | None:
    m = re.search(rf"(?<!\d)({_YEAR})(?!\d)", surface)
    if m:
        return int(m.group(1))
    m = re.search(r"(?:'|‘|’)(\d\d)(?!\d)|(?<!\d)(\d\d)\s?년", surface)
    if m:
        two = int(m.group(1) or m.group(2))
        return (1900 if two > 30 else 2000) + two
    return None


_MONTHS = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
           r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)")
# What makes a year finer still, next to it: a season or month before (English), after (Korean).
_BEFORE = re.compile(rf"(?:(?:the\s)?(?:spring|summer|autumn|fall|winter|early|late|mid-?)\s?(?:of\s)?"
                     rf"|{_MONTHS}\.?\s(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s)?(?:of\s)?"
                     rf"|\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTHS},?\s)$", re.IGNORECASE)
_AFTER = re.compile(r"^(?:\s?년(?:도)?)?(?:\s?(?:\d{1,2}\s?월(?:\s?\d{1,2}\s?일)?|봄|여름|가을|겨울|초순|중순|하순|초|말))?")


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the season, month or day written next to a year (they are finer than a period)."""
    before = _BEFORE.search(text[max(0, start - 24):start])
    if before is not None and before.group():
        start -= len(before.group())
    after = _AFTER.match(text[end:end + 16])
    if after is not None:
        end += len(after.group())
    return start, end


def _dates(text: str, levels: Levels) -> list[Finding]:
    width = _width(levels.exit_period)
    level = f"period-{width}" if width else "withheld"
    out = []
    for span in DateDetector().detect(text):
        surface = text[span.start:span.end]
        year = _year_of(surface)
        if year is None or _period_ok(text, span.start, span.end, width):
            continue
        start, end = _widen(text, span.start, span.end)
        korean = _korean(text, start, end)
        out.append(Finding("date", start, end, _period_words(year, width, korean, text[start:end]), level, korean))
    return out


# -- ages ---------------------------------------------------------------------------------------------


def _age_number(surface: str) -> int | None:
    return age_value(surface)


def _band_words(age: int, width: int | None, korean: bool) -> str:
    if width is None:
        return "[나이 비공개]" if korean else "[age withheld]"
    low = age // width * width
    return f"{low}~{low + width - 1}세 사이" if korean else f"aged between {low} and {low + width - 1}"


# The bands this module writes (the age detector does not read them as ages).
_OWN_BANDS = re.compile(r"aged between (\d{1,3}) and (\d{1,3})|(\d{1,3})~(\d{1,3})세 사이")


def _ages(text: str, levels: Levels) -> list[Finding]:
    width = _width(levels.age_band)
    level = f"band-{width}" if width else "withheld"
    out = []
    for m in _OWN_BANDS.finditer(text):
        low, high = int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))
        if width is None or high - low + 1 < width:
            korean = m.group(3) is not None
            out.append(Finding("age", m.start(), m.end(), _band_words(low, width, korean), level, korean))
    for span in AgeDetector().detect(text):
        surface = text[span.start:span.end]
        if _covered(span.start, span.end, out):
            continue
        if width is not None:
            band = _range_covering(text, span.start, span.end, _AGE_RANGE)
            if band is not None and int(band.group(2)) - int(band.group(1)) + 1 >= width:
                continue
            if _AGE_DECADE.search(surface) and width <= 10:
                continue
        age = _age_number(surface)
        if age is None or age > 120:
            continue
        korean = _korean(text, span.start, span.end)
        out.append(Finding("age", span.start, span.end, _band_words(age, width, korean), level, korean))
    return out


# -- the witness's own facts ----------------------------------------------------------------------------


def _covered(start: int, end: int, found: Sequence[Finding]) -> bool:
    return any(f.start < end and start < f.end for f in found)


def _own_years(text: str, facts: Facts, found: Sequence[Finding]) -> list[Finding]:
    width = _width(facts.levels.exit_period)
    level = f"period-{width}" if width else "withheld"
    out = []
    for year in {y for y in (facts.birth_year, facts.exit_year, facts.arrival_year) if y is not None}:
        two = f"{year % 100:02d}"
        pattern = re.compile(rf"(?<![\d~∼〜-])(?:{year}|['‘’]{two}|{two}\s?년생?)(?![\d~∼〜-])")
        for m in pattern.finditer(text):
            if _covered(m.start(), m.end(), found) or _period_ok(text, m.start(), m.end(), width):
                continue
            start, end = _widen(text, m.start(), m.end())
            korean = _korean(text, start, end)
            out.append(Finding("own-year", start, end, _period_words(year, width, korean, text[start:end]), level,
                               korean))
    return out


def _origin_text(text: str, facts: Facts, found: Sequence[Finding]) -> list[Finding]:
    origin = (facts.origin_text or "").strip()
    if len(origin) < 2:
        return []
    out = []
    folded_text, folded_origin = fold(text), fold(origin)
    if len(folded_text) != len(text):
        return []  # folding changed lengths: positions would not line up; the place rule still applies
    level = "province" if facts.levels.origin_region == 0 else "country"
    start = folded_text.find(folded_origin)
    while start != -1:
        end = start + len(folded_origin)
        if not _covered(start, end, found):
            korean = _korean(text, start, end)
            out.append(Finding("origin", start, end, "[지명 비공개]" if korean else "[place withheld]", level, korean))
        start = folded_text.find(folded_origin, end)
    return out


# -- internals ----------------------------------------------------------------------------------------


def _korean(text: str, start: int, end: int) -> bool:
    return has_hangul(text[max(0, start - _CONTEXT):end + _CONTEXT])


def _non_overlapping(items: list[Finding]) -> list[Finding]:
    """Keep the first-found of overlapping findings (places, then dates, ages, own facts), in text order."""
    kept: list[Finding] = []
    for item in items:
        if not _covered(item.start, item.end, kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)
