"""Pure rendering: text + decisions -> released text.

- MASK: ``[PERSON]`` (``[인물]`` in a Korean sentence);
- PSEUDONYMISE: ``Person 7`` (``인물 7`` in Korean text), the number taken from
  HMAC-SHA256(pseudonym_key, label + phonetic form of the string), so the same person
  gets the same label in every extract and every spelling (김철수, Kim Chol-su) while
  nobody without the key can recompute the mapping by hashing candidate names;
- GENERALISE: a gazetteer place -> its province (or country), a date -> its year
  (season kept if named), an age -> a ten-year band, money -> an order-of-magnitude
  range; anything that cannot be generalised is masked instead;
- KEEP leaves the text; DROP removes it (shown as "…").

Each replacement speaks the language of the sentence it stands in (an English sentence
keeps English words even when the testimony quotes a Korean name), a Korean particle after
it is re-chosen for its last sound (``인물 7은``), and a generalised place swallows the head
word that followed the original (``Kilju county`` -> ``North Hamgyong``, not ``... county``).

Overlapping decisions never leak: they are merged over their union and the most
protective action wins (DROP > MASK > PSEUDONYMISE > GENERALISE > KEEP).
"""
from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable

from vault.errors import RedactionError
from vault.redaction._kiwi import analysis
from vault.redaction.detectors.korean_proper_nouns import has_hangul
from vault.redaction.detectors.places import places_in
from vault.redaction.gazetteer import gazetteer
from vault.redaction.korean import ORG_HEADS, PLACE_HEADS
from vault.redaction.lexicons import english_common, english_peoples
from vault.redaction.normalise import fold, normalise
from vault.redaction.particles import choose, particle_after
from vault.redaction.review import ACTION_STRENGTH, Action, Decision
from vault.redaction.romanise import is_hangul_syllable, phonetic_key, revised
from vault.redaction.spans import Span

PSEUDONYM_WORDS = {
    "en": {"PERSON": "Person", "LOCATION": "Place", "ORG": "Organisation", "DATE": "Date",
           "AGE": "Age", "MONEY": "Amount", "CONTACT": "Contact", "ID_NUMBER": "ID"},
    "ko": {"PERSON": "인물", "LOCATION": "장소", "ORG": "기관", "DATE": "날짜",
           "AGE": "나이", "MONEY": "금액", "CONTACT": "연락처", "ID_NUMBER": "번호"},
}
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


def _pseudonym_source(surface: str) -> str:
    """Return a spelling-independent form of a name for the pseudonym HMAC."""
    folded = fold(surface).strip()
    if folded and all(is_hangul_syllable(c) or c.isspace() for c in folded):
        return phonetic_key(revised(folded.replace(" ", "")))
    if folded.isascii() and any(c.isalpha() for c in folded):
        return phonetic_key(folded)
    return folded


def pseudonym_number(surface: str, label: str, key: bytes) -> int:
    """Return the pseudonym number (1..9999) of a string under ``key``."""
    message = f"{label}\x00{_pseudonym_source(surface)}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") % 9999 + 1


_DECADE = re.compile(r"(?<!\d)(1[89]\d0|20\d0|\d0)s\b|(?<!\d)(\d{2}|\d{4})\s?년대")


def _year(surface: str) -> str | None:
    m = re.search(r"(1[89]\d\d|20\d\d)", surface)
    return m.group(1) if m else None


def _generalise_date(surface: str, korean: bool) -> str | None:
    decade = _DECADE.search(surface)
    if decade is not None:  # a decade is as general as a year gets: "the 1990s" never becomes "the 1990"
        digits = decade.group(1) or decade.group(2)
        full = digits if len(digits) == 4 else ("19" if int(digits) > 30 else "20") + digits
        return f"{full}년대" if korean else f"{full}s"
    year = _year(surface)
    folded = fold(surface)
    season = next((v for k, v in _SEASONS.items() if k in folded), None)
    if year is None:
        m = re.search(r"(?:^|\D)(\d\d)\s?년", surface)
        if m and not re.search(r"\d{3,}\s?년", surface):
            year = ("19" if int(m.group(1)) > 30 else "20") + m.group(1)
    if year is None:
        # A duration (1년 6개월, two years) is not a date: it stays as it is.
        if re.search(r"개월|년간|년 동안|동안|주일|months?|years?|weeks?|days?", folded):
            return surface
        return None
    if korean:
        return f"{year}년 {season}" if season else f"{year}년"
    return f"{season} {year}" if season else year


def _age_value(surface: str) -> int | None:
    folded = fold(surface)
    m = re.search(r"\d{1,3}", folded)
    if m:
        return int(m.group())
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


def _generalise_age(surface: str, korean: bool) -> str | None:
    if re.search(r"[1-9]0\s?대", surface) or re.search(r"(?:teens|twenties|thirties|forties|fifties|[2-9]0s)", fold(surface)):
        return surface  # already a band
    value = _age_value(surface)
    if value is None or value > 120:
        return None
    low = value // 10 * 10
    if korean:
        return f"{low}대"
    numbers = [int(n) for n in re.findall(r"\d{1,3}", surface)]
    high = max([value, *numbers]) // 10 * 10 + 9
    cue = _AGE_CUE.match(surface)
    # The cue stays: "girls aged 15 and 17" -> "girls aged 10-19", not "girls 10-19"; and so does
    # the adjective: "a 52-year-old woman" -> "a 50-59-year-old woman", not "a 50-59 woman".
    said = "aged " if cue and cue.group(1).lower().startswith("between") else cue.group() if cue else ""
    adjective = "-year-old" if re.search(r"\d[- ]years?-old$", surface) else ""
    return f"{said}{low}-{high}{adjective}"


_AGE_CUE = re.compile(r"(aged?:?|at the age of|at age|turn(?:ed|s|ing)?|between the ages of)\s", re.IGNORECASE)


_KO_MAGNITUDES = {1: "수", 10: "수십", 100: "수백", 1000: "수천", 10**4: "수만", 10**5: "수십만",
                  10**6: "수백만", 10**7: "수천만", 10**8: "수억", 10**9: "수십억", 10**10: "수백억"}


_SINO_DIGITS = {c: i for i, c in enumerate("일이삼사오육칠팔구", start=1)}
_SINO_SMALL = {"십": 10, "백": 100, "천": 1000}
_SINO_LARGE = {"만": 10**4, "억": 10**8, "조": 10**12}
_SINO_NUMBER = re.compile("[일이삼사오육칠팔구십백천만억조]+")


def _sino_value(text: str) -> int | None:
    """The value of a number written in Sino-Korean syllables (이십만 200,000, 삼만 오천 35,000)."""
    runs = _SINO_NUMBER.findall(text.replace(" ", ""))
    if not runs:
        return None
    total = section = digit = 0
    for c in max(runs, key=len):
        if c in _SINO_DIGITS:
            digit = _SINO_DIGITS[c]
        elif c in _SINO_SMALL:
            section += (digit or 1) * _SINO_SMALL[c]
            digit = 0
        else:
            total += (section + digit or 1) * _SINO_LARGE[c]
            section = digit = 0
    return total + section + digit or None


def _generalise_money(surface: str, korean: bool = False) -> str | None:
    folded = fold(surface).replace(",", "")
    m = re.search(r"\d+(?:\.\d+)?", folded)
    sino = None if m else _sino_value(folded)
    value = float(m.group()) if m else float(sino or 1)
    if not m and not any(s in folded for s in _SCALES if not s.isascii()):
        return None
    for word, scale in _SCALES.items():
        if sino is None and re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", folded):
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


_ENGLISH_HEADS = frozenset("""camp prison mine factory farm county city province district
village town river market station border bureau police security department unit state airport port
harbour harbor hospital school centre center detention bridge crossing customs""".split())


_ADMIN_WORDS = frozenset("""province county city town village district prefecture region autonomous
ri dong gun kun si up myon 시 군 구 읍 면 리 동 도 구역 지구""".split())


def _common_korean_nouns(word: str) -> bool:
    """Is ``word`` made only of common nouns Kiwi knows (인권단체, 정부): no part of a name?"""
    if not all(is_hangul_syllable(c) for c in word):
        return False
    morphs = analysis(word).morphs
    return bool(morphs) and all(m.tag in ("NNG", "XSN") and not m.oov for m in morphs)


def _generalise_place(surface: str, korean: bool) -> str | None:
    """Return the province (or country) of the most specific gazetteer place in ``surface``.

    Generic words left over (탄광, 보위부, camp) are kept, so "회령탄광" becomes "함경북도
    탄광"; anything else left over is dropped, never shown. A capitalised Latin word left over
    means another place that shares a word with the gazetteer's ("Suan Phlu" in Bangkok is not
    Suan county): no generalisation then (None), rather than a wrong province.
    """
    gaz = gazetteer()
    norm = normalise(surface)
    found = [(a, b, pid) for a, b, _, _, pid in places_in(norm) if pid]
    if not found:
        alone = gaz.find(surface)  # a name the gazetteer calls ambiguous, found by its context (도문 변방대)
        if alone is None:
            return None
        found = [(0, len(norm.text), alone.id)]
    _, _, pid = max(found, key=lambda f: len(gaz.parent_chain(f[2])))
    place = gaz.places[pid]
    wider = gaz.generalise(pid)
    name = wider.ko[0] if korean and wider.ko else wider.name
    rest = norm.text
    for a, b, _ in sorted(found, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    # Administrative words named the original's level; the province has its own.
    # A people names an autonomous area (Yanbian Korean Autonomous Prefecture), not another place.
    words = [w for w in rest.split() if w.lower() not in _ADMIN_WORDS and w.lower() not in english_peoples()
             and w.lower() != "the"]
    heads = PLACE_HEADS | ORG_HEADS | _ENGLISH_HEADS
    last = norm.text.split()[-1] if norm.text.split() else ""
    if place.kind != "camp" and not words and last.isascii() and last.lower() in _ENGLISH_HEADS - _ADMIN_WORDS \
            and not name.lower().endswith(last.lower()):
        return f"{name} {last}"  # "Musan mine": the gazetteer's head stays ("North Hamgyong mine")
    if place.kind != "camp" and not words:
        return name
    if words and all(w.lower() in heads or _common_korean_nouns(w) for w in words):
        first = min(a for a, _, _ in found)
        if first > 0 and len(found) == 1:  # words before the place keep their place too
            return norm.text[:first] + name + norm.text[found[0][1]:]
        return f"{name} {' '.join(words)}"  # 중국 정부, 북한 인권단체: the words a reader needs
    if place.kind == "camp":
        return f"{name} 구금시설" if korean else f"a detention facility in {name}"
    if any(w[:1].isupper() and w.isascii() and w.lower() not in english_common() for w in words):
        return None  # "Suan Phlu" (Bangkok) is not Suan (North Hwanghae): a place that shares a word
    return name


def _merge(decisions: Iterable[Decision]) -> list[Decision]:
    ordered = sorted(decisions, key=lambda d: (d.span.start, -d.span.end))
    out: list[Decision] = []
    for decision in ordered:
        if out and decision.span.start < out[-1].span.end:
            prev = out[-1]
            if decision.action is Action.KEEP and prev.action is not Action.KEEP:
                if decision.span.end <= prev.span.end:
                    continue
            strongest = min((prev, decision), key=lambda d: ACTION_STRENGTH.index(d.action))
            span = Span(prev.span.start, max(prev.span.end, decision.span.end), strongest.span.label,
                        max(prev.span.score, decision.span.score), strongest.span.detector, strongest.span.reason)
            out[-1] = Decision(span, strongest.action, strongest.decided_by, strongest.note)
        else:
            out.append(decision)
    return out


def replacement(text: str, decision: Decision, *, korean: bool,
                pseudonym_key: bytes | None = None) -> str:
    """Return what the released text shows in place of one decision's span."""
    span = decision.span
    surface = text[span.start:span.end]
    label = span.label
    words = PSEUDONYM_WORDS["ko" if korean else "en"]
    if decision.action is Action.KEEP:
        return surface
    if decision.action is Action.DROP:
        return "…"
    if decision.action is Action.PSEUDONYMISE:
        if pseudonym_key is None:
            raise RedactionError("pseudonymising needs the archive's pseudonym key")
        return f"{words[label]} {pseudonym_number(surface, label, pseudonym_key)}"
    if decision.action is Action.GENERALISE:
        general: str | None = None
        if label == "LOCATION":
            general = _generalise_place(surface, korean)
        elif label == "DATE":
            general = _generalise_date(surface, korean)
        elif label == "AGE":
            general = _generalise_age(surface, korean)
        elif label == "MONEY":
            general = _generalise_money(surface, korean)
        elif label == "ORG":
            # A unit named after its town (온성군 보위부) reads with its province (함경북도 보위부);
            # unless the unit's own word stays, it is masked.
            general = _generalise_place(surface, korean)
            if general is not None and not general.endswith(surface.split()[-1]):
                general = None
        if general:
            return general
    return f"[{words[label]}]" if korean else f"[{label}]"


_SENTENCE_END = re.compile(r"[.!?。\n]")
# Between two places (or dates) generalised alike: "and", "or", a comma, 와/과, 및, (이)나.
_SAME_JOINED = re.compile(r"\s*(?:,|and|or|&|와|과|및|이나|나)?\s*")
_YEAR_ONLY = re.compile(r"(?:(?:spring|summer|autumn|winter) )?\d{4}")
_DAY_PREPOSITION = re.compile(r"\b(on|at|On|At)\s$")
_LATIN = re.compile(r"[A-Za-z]")
_HANGUL = re.compile(r"[가-힣ㄱ-ㅣ]")
# Bracketed editorial markers ([SYNTHETIC], [인물]) say nothing of the sentence's language.
_MARKER = re.compile(r"\[[^\]\n]{0,40}\]")
# A quote or bracket that closes right after a replacement: the particle after it follows the replacement.
_CLOSING = re.compile(r"['\"’”)\]」』]")
# Head words that belong to the original place, not to its province: swallowed after a
# generalised place. Korean ones only where they cannot be a particle (도 = "too").
_SWALLOWED_HEAD = re.compile(
    r"\s*(?:province|county|city|town|village|district|prefecture|region|ri|dong|gun|si|up)\b"
    r"|(?:시|군|읍|면|리|구역|지구)(?=[\s가-힣]|$)", re.IGNORECASE)
# A camp's own head after a camp generalised to "province 구금시설" (전거리 교화소 would read
# "함경북도 구금시설 교화소").
_CAMP_HEAD = re.compile(r"\s?(?:교화소|관리소|수용소|구류장|집결소|노동단련대)(?=[\s가-힣]|$)"
                        r"|\s(?:kyohwaso|kwalliso|kyo-hwa-so|kwan-li-so|(?:political\s)?prison camp|camp|prison)\b",
                        re.IGNORECASE)


def _sentence_is_korean(text: str, start: int, end: int) -> bool:
    """Return whether the sentence around ``text[start:end]`` (the span left out) is Korean."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    rest = _MARKER.sub(" ", text[left:start] + " " + text[end:right])
    hangul, latin = len(_HANGUL.findall(rest)), len(_LATIN.findall(rest))
    if hangul == latin == 0:
        return has_hangul(text[start:end])
    return hangul >= latin


def render(text: str, decisions: Iterable[Decision], *, pseudonym_key: bytes | None = None) -> str:
    """Return ``text`` with every decision applied (pure; no I/O)."""
    merged = _merge(decisions)
    out: list[str] = []
    pos = 0
    last: tuple[int, str] | None = None  # the last generalised replacement: its index in ``out``, its text
    for decision in merged:
        span = decision.span
        if span.end > len(text):
            raise RedactionError(f"decision {span.start}..{span.end} is outside the text")
        if span.start < pos:  # the previous replacement swallowed a head word reaching here
            continue
        before = text[pos:span.start]
        korean = _sentence_is_korean(text, span.start, span.end)
        shown = replacement(text, decision, korean=korean, pseudonym_key=pseudonym_key)
        if span.label == "DATE" and not korean and _YEAR_ONLY.fullmatch(shown):
            # A day generalised to its year takes "in": "on 3 March 2009" -> "in 2009", not "on 2009".
            before = _DAY_PREPOSITION.sub(lambda m: "In " if m.group(1)[0].isupper() else "in ", before)
        if last is not None and decision.action is Action.GENERALISE and shown == last[1] \
                and _SAME_JOINED.fullmatch("".join(out[last[0] + 1:]) + before):
            # "Gyeonggi and Incheon" -> "South Korea", not "South Korea and South Korea" (경기도와 인천에 -> 대한민국에).
            del out[last[0]:]
            before = ""
        out.append(before)
        if shown.startswith("a ") and text[max(0, span.start - 4):span.start].lower() == "the ":
            shown = shown[2:]  # "the Jongo-ri camp" -> "the detention facility in ...", not "the a ..."
        pos = span.end
        if (decision.action is Action.GENERALISE and span.label == "LOCATION"
                and shown != text[span.start:span.end]):
            camp = shown.endswith("구금시설") or shown.startswith("a detention facility in")
            head = (_CAMP_HEAD if camp else _SWALLOWED_HEAD).match(text, pos)
            if head and not any(pos <= d.span.start < head.end() for d in merged):
                pos = head.end()
        last = (len(out), shown) if decision.action is Action.GENERALISE else None
        out.append(shown)
        if decision.action is not Action.KEEP:
            closing = _CLOSING.match(text, pos)
            after = closing.end() if closing else pos
            particle = particle_after(text, after)
            if particle:
                out.append(text[pos:after] + choose(particle, shown))
                pos = after + len(particle)
    out.append(text[pos:])
    return "".join(out)
