"""Generalising a span: a date to its year, an age to a band, an amount to its order of magnitude, in the
language of the sentence it stands in (pure; no I/O). Places are generalised in ``generalise_places``.

Each function returns ``None`` when it cannot generalise; the renderer masks the span then.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from vault.redaction.korean import AGE_FEASTS
from vault.redaction.normalise import fold

_SEASONS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
            "winter": "winter", "봄": "봄", "여름": "여름", "가을": "가을", "겨울": "겨울"}
_EN_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_KO_TENS = {"스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70,
            "여든": 80, "아흔": 90, "열": 10}
_KO_ONES = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_SCALES = {"hundred": 100, "thousand": 1000, "k": 1000, "million": 10**6, "m": 10**6,
           "billion": 10**9, "bn": 10**9, "백": 100, "천": 1000, "만": 10**4, "억": 10**8, "조": 10**12}


_DECADE = re.compile(r"(?<!\d)(1[89]\d0|20\d0|\d0)s\b|(?<!\d)(\d{2}|\d{4})\s?년대")


def _year(surface: str) -> str | None:
    m = re.search(r"(1[89]\d\d|20\d\d)", surface)
    return m.group(1) if m else None


_ONLY_YEARS = re.compile(r"\b(?:1[89]\d\d|20\d\d|\d\d|and|or|to|from|between|until|till)\b|[\s\-–—/,'’]")


_JUCHE_YEAR = re.compile(r"(?:juche\s|주체\s?)(\d{1,3})")


def _full_decade(m: re.Match[str]) -> str:
    digits = m.group(1) or m.group(2)
    return digits if len(digits) == 4 else ("19" if int(digits) > 30 else "20") + digits


_ACROSS_YEARS = re.compile(r"(?<!\d)((?:1[89]|20)\d\d)\s?[-–/]\s?(\d\d)(?![\d-])")


def generalise_date(surface: str, korean: bool) -> str | None:
    """A date -> its year (with its season), a decade -> itself; a duration stays as it is."""
    decades = [_full_decade(m) for m in _DECADE.finditer(surface)]
    if decades:  # a decade is as general as a year gets: "the 1990s" never becomes "the 1990"
        joined = [f"{d}년대" if korean else f"{d}s" for d in dict.fromkeys(decades)]
        word = re.search(r"\b(to|until|through|and|or)\b", surface) if len(joined) > 1 else None
        return f" {word.group(1)} ".join(joined) if word else "~".join(joined) if korean else "-".join(joined)
    across = _ACROSS_YEARS.search(fold(surface))
    across = across if across is not None and int(across.group(2)) > int(across.group(1)[2:]) else None
    if across is not None and across.group() == surface.strip():
        return surface  # 1994-98: years alone, as general as a date gets (2010-03 is a month: 2010)
    folded = fold(surface)
    years = re.findall(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)", folded)
    if len(set(years)) > 1:
        if not _ONLY_YEARS.sub("", folded):
            return surface  # years alone are as general as a date gets: "between 2004 and 2007" stays whole
        # A range with a month or a day: its years ("January 2020 to March 2023" -> "2020 to 2023").
        between = folded[folded.index(years[0]) + 4:folded.rindex(years[-1])]
        word = re.search(r"\b(to|until|till|through|and|or)\b", between)
        if korean:
            return f"{years[0]}~{years[-1]}년"
        return f"{years[0]} {word.group(1)} {years[-1]}" if word else f"{years[0]}-{years[-1]}"
    year = _year(surface)
    if across is not None:
        year = across.group()  # the winter of 1996-97: a season across two years keeps both
    juche = _JUCHE_YEAR.search(folded) if year is None else None
    if juche is not None:
        year = str(1911 + int(juche.group(1)))  # Juche 98 -> 2009
    short = re.search(r"['’](\d\d)\b", surface) if year is None and juche is None else None
    if short is not None:  # in '97 -> in 1997
        year = ("19" if int(short.group(1)) > 30 else "20") + short.group(1)
    season = next((v for k, v in _SEASONS.items() if k in folded), None)
    if year is None:
        m = re.search(r"(?:^|\D)(\d\d)\s?년", surface)
        if m and not re.search(r"\d{3,}\s?년", surface):
            year = ("19" if int(m.group(1)) > 30 else "20") + m.group(1)
    if year is None:
        # A duration (1년 6개월, two years) is not a date: it stays as it is.
        if re.search(r"개월|년간|년 동안|동안|주일|\b(?:months?|years?|weeks?|days?)\b", folded):  # not Tuesday
            return surface
        return None
    if korean and surface.strip() == year:
        return year  # a year written bare stays bare (『백서 2020』, (2018), 33쪽)
    if korean:
        born = "생" if re.search(r"년\s?생", surface) else ""  # 1990년생: a year of birth says so
        return f"{year}년 {season}" if season else f"{year}년{born}"
    return f"{season} {year}" if season else year


def age_value(surface: str) -> int | None:
    """Return the number of years an age says (digits, English or Korean words), if any."""
    folded = fold(surface)
    m = re.search(r"\d{1,3}", folded)
    if m:
        return int(m.group())
    feast = AGE_FEASTS.get(folded.strip())
    if feast is not None:
        return feast  # 칠순이 넘은 아버지 -> 70대
    total = 0
    for word, value in _KO_TENS.items():
        if word in folded:
            total += value
            break
    for word, value in _KO_ONES.items():
        if re.search(rf"(?<![가-힣]){word}\s?살|{word}\s?살", folded) and (total or word in folded):
            total += value
            break
    if total:
        return total
    for word, value in _EN_TENS.items():
        if word in folded:
            total = value
            for ones, v in _EN_NUMBERS.items():
                if 0 < v < 10 and re.search(rf"{word}[- ]{ones}\b", folded):
                    total += v
            return total
    for word, value in _EN_NUMBERS.items():
        if re.search(rf"\b{word}\b", folded):
            return value
    return None


def generalise_age(surface: str, korean: bool) -> str | None:
    """An age -> its ten-year band (the cue and an age adjective kept); a band stays as it is."""
    if korean and _SINO_BAND.search(surface):
        return _SINO_BAND.sub(lambda m: f"{_SINO_DIGITS.get(m.group(1), 1)}0", surface)  # 이십대 초반 -> 20대 초반
    if re.search(r"[1-9]0\s?대", surface) or re.search(
            r"(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[2-9]0s)", fold(surface)):
        return surface  # already a band
    value = age_value(surface)
    if value is None or value > 120:
        return None
    if korean:
        return f"{value // 10 * 10}대" if value >= 10 else "10세 미만"  # not "0대"
    # Every age of a range or a list counts: "aged nine and eleven" -> "aged 0-19".
    parts = [age_value(part) for part in re.split(r"\s(?:to|and|or|&)\s|,\s|\s?[-–]\s?(?=\d)", surface)]
    values = [v for v in parts if v is not None and v <= 120] or [value]
    low, high = min(values) // 10 * 10, max(values) // 10 * 10 + 9
    cue = _AGE_CUE.match(surface)
    # The cue stays: "girls aged 15 and 17" -> "girls aged 10-19", not "girls 10-19"; and so does
    # the adjective: "a 52-year-old woman" -> "a 50-59-year-old woman", not "a 50-59 woman".
    said = "aged " if cue and cue.group(1).lower().startswith("between") else cue.group() if cue else ""
    adjective = "-year-old" if re.search(r"[\da-z][- ](?:years?|months?|weeks?)-old$", surface) else \
        " years of age" if surface.endswith("of age") else ""  # a 3-month-old too
    return f"{said}{low}-{high}{adjective}"


_SINO_BAND = re.compile(r"(?<![가-힣])([이삼사오육칠팔구])?십(?=\s?대)")
_AGE_CUE = re.compile(r"(aged?:?|at the age of|at age|turn(?:ed|s|ing)?|between the ages of)\s", re.IGNORECASE)


_KO_MAGNITUDES = {1: "수", 10: "수십", 100: "수백", 1000: "수천", 10**4: "수만", 10**5: "수십만",
                  10**6: "수백만", 10**7: "수천만", 10**8: "수억", 10**9: "수십억", 10**10: "수백억"}


_SINO_DIGITS = {c: i for i, c in enumerate("일이삼사오육칠팔구", start=1)}
_SINO_SMALL = {"십": 10, "백": 100, "천": 1000}
_SINO_LARGE = {"만": 10**4, "억": 10**8, "조": 10**12}
_SINO_NUMBER = re.compile("[일이삼사오육칠팔구십백천만억조]+")


def _units_value(tokens: Iterable[str]) -> float:
    """The value of a number read group by group: digits or Sino-Korean digit syllables, each before
    its unit (삼만 오천, 3만 5천 -> 35,000; 108만1920 -> 1,081,920)."""
    total = section = 0.0
    number: float | None = None
    for token in tokens:
        if token in _SINO_DIGITS:
            number = float(_SINO_DIGITS[token])
        elif token[0].isdigit():
            number = float(token)
        elif token in _SINO_SMALL:
            section += (number or 1) * _SINO_SMALL[token]
            number = None
        else:
            total += (section + (number or 0) or 1) * _SINO_LARGE[token]
            section, number = 0.0, None
    return total + section + (number or 0)


def _sino_value(text: str) -> int | None:
    """The value of a number written in Sino-Korean syllables (이십만 200,000, 삼만 오천 35,000)."""
    runs: list[str] = _SINO_NUMBER.findall(text.replace(" ", ""))
    if not runs:
        return None
    longest = max(runs, key=len)
    return int(_units_value(longest)) or None


def generalise_money(surface: str, korean: bool = False) -> str | None:
    """An amount -> its order of magnitude in its currency (수만 위안, 10,000-99,999 yuan)."""
    folded = fold(surface).replace(",", "")
    m = re.search(r"\d+(?:\.\d+)?", folded)
    sino = None if m else _sino_value(folded)
    value = float(m.group()) if m else float(sino or 1)
    counted = sino is not None  # the units are counted in the number: no scale word multiplies it again
    if m and re.search("[십백천만억조]", folded):
        value, counted = _units_value(re.findall(r"\d+(?:\.\d+)?|[십백천만억조]", folded)), True
    if not m and not any(s in folded for s in _SCALES if not s.isascii()):
        return None
    for word, scale in _SCALES.items():
        if not counted and re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", folded):
            value *= scale
    if value < 1:
        return None
    magnitude = 10 ** (len(str(int(value))) - 1)
    currency = re.sub(r"[\d,.\s$€£¥₩]+", " ", surface)
    for word in _SCALES:
        currency = re.sub(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", " ", currency, flags=re.I)
    # Sino-Korean numerals written in Hangul (오천 위안, 삼만 원) are the amount, not the currency.
    currency = " ".join(w for w in currency.split() if not re.fullmatch("[일이삼사오육칠팔구십백천만억조몇수]+", w))
    symbol = next((c for c in surface if c in "$€£¥₩"), "")
    if korean and magnitude in _KO_MAGNITUDES:
        unit = currency or {"$": "달러", "€": "유로", "£": "파운드", "¥": "위안", "₩": "원"}.get(symbol, "")
        return f"{_KO_MAGNITUDES[magnitude]} {unit}".strip() if magnitude > 1 else f"몇 {unit}".strip()
    return f"{symbol}{magnitude:,}-{symbol}{magnitude * 10 - 1:,} {currency}".strip()
