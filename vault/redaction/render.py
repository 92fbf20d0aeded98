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
from functools import lru_cache

from vault.errors import RedactionError
from vault.redaction.detectors.dates import COUNTED_FROM, KO_HOLIDAY
from vault.redaction.gazetteer import gazetteer
from vault.redaction.generalise import generalise_age, generalise_date, generalise_money
from vault.redaction.generalise_places import generalise_place
from vault.redaction.korean import ORG_HEADS, PLACE_HEADS, WRITTEN_ON_ADDRESS, closed_syllable
from vault.redaction.name_links import full_names
from vault.redaction.normalise import fold
from vault.redaction.particles import choose, copula_after_a_name, particle_after
from vault.redaction.review import ACTION_STRENGTH, Action, Decision
from vault.redaction.romanise import is_hangul_syllable, phonetic_key, revised
from vault.redaction.sentence_language import has_ideographs, in_chinese, sentence_is_chinese, sentence_is_korean
from vault.redaction.spans import SURNAME_TITLE, Span

PSEUDONYM_WORDS = {
    "en": {"PERSON": "Person", "LOCATION": "Place", "ORG": "Organisation", "DATE": "Date",
           "AGE": "Age", "MONEY": "Amount", "CONTACT": "Contact", "ID_NUMBER": "ID"},
    "ko": {"PERSON": "인물", "LOCATION": "장소", "ORG": "기관", "DATE": "날짜",
           "AGE": "나이", "MONEY": "금액", "CONTACT": "연락처", "ID_NUMBER": "번호"},
}


def _pseudonym_source(surface: str) -> str:
    """Return a spelling-independent form of a name for the pseudonym HMAC."""
    folded = fold(surface).strip()
    if folded and all(is_hangul_syllable(c) or c.isspace() for c in folded):
        bare = folded.replace(" ", "")
        if 2 <= len(bare) <= 3 and bare.endswith("이") and closed_syllable(bare[-2]):
            bare = bare[:-1]  # 순옥이, 옥이: the familiar -이 after a closed syllable; the same person as 순옥 (Sun-ok)
        return phonetic_key(revised(bare))
    if folded.isascii() and any(c.isalpha() for c in folded):
        return phonetic_key(folded)
    return folded


def pseudonym_number(surface: str, label: str, key: bytes) -> int:
    """Return the pseudonym number (1..9999) of a string under ``key``."""
    message = f"{label}\x00{_pseudonym_source(surface)}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") % 9999 + 1


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


_AFTER_THE = re.compile(r"\bthe\s(?:[a-z]+\s){0,2}$", re.IGNORECASE)


def _takes_the(name: str) -> bool:
    """Does a country's English name take "the" (the United Kingdom, the Czech Republic)?"""
    return name.startswith(("United ", "Netherlands", "Philippines")) or name.endswith(" Republic")


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Countries whose names in English take no article (North Korea, China), for "the DPRK", "the PRC"."""
    return frozenset(p.name for p in gazetteer().places.values() if p.kind == "country" and not _takes_the(p.name))


def replacement(text: str, decision: Decision, *, korean: bool, pseudonym_key: bytes | None = None,
                same_as: str | None = None, within: str | None = None) -> str:
    """Return what the released text shows in place of one decision's span (``same_as``: the full
    name a pseudonymised part of a name belongs to; ``within``: the place the text says it is in)."""
    span = decision.span
    surface = text[span.start:span.end]
    label = span.label
    words = PSEUDONYM_WORDS["ko" if korean else "en"]
    if decision.action is Action.KEEP:
        return surface
    if decision.action is Action.DROP:
        return "…"
    # 이 형사님, 박 목사님: the title after a surname stays readable, as it does after a full name.
    titled = _SURNAME_TITLE.fullmatch(surface) if korean and label == "PERSON" and SURNAME_TITLE in span.reason else None
    title = f" {titled.group(1)}" if titled is not None and decision.action in (Action.PSEUDONYMISE, Action.MASK) else ""
    if decision.action is Action.PSEUDONYMISE:
        if pseudonym_key is None:
            raise RedactionError("pseudonymising needs the archive's pseudonym key")
        return f"{words[label]} {pseudonym_number(same_as or surface, label, pseudonym_key)}{title}"
    if decision.action is Action.GENERALISE:
        general: str | None = None
        if label == "LOCATION":
            general = generalise_place(surface, korean, within=within,
                                       after_the=_AFTER_THE.search(text, max(0, span.start - 40), span.start) is not None)
        elif label == "DATE":
            general = generalise_date(surface, korean)
        elif label == "AGE":
            general = generalise_age(surface, korean)
        elif label == "MONEY":
            general = generalise_money(surface, korean)
        elif label == "ORG":
            # A unit named after its town (온성군 보위부) reads with its province (함경북도 보위부);
            # unless the unit's own word stays, it is masked.
            general = generalise_place(surface, korean)
            last = surface.split()[-1].lower()
            if general is not None and not general.lower().endswith(last) \
                    and not (korean and " " in general and general.split()[-1] in ORG_HEADS | PLACE_HEADS
                             and last.endswith(general.split()[-1])):
                general = None  # 혜산방직공장 -> 양강도 공장: the unit's own word, glued to its name
        if general:
            return general
    return f"[{words[label]}]{title}" if korean else f"[{label}]"


_ADDRESS_AFTER = re.compile("(?:" + "|".join((*WRITTEN_ON_ADDRESS, "님")) + ")(?=[^가-힣]|$|[은는이가을를의에도께와과랑])")
_SURNAME_TITLE = re.compile(r"[가-힣]{1,2}\s([가-힣]{1,6})")
# Between two places (or dates) generalised alike: "and", "or", a comma, 와/과, 및, (이)나.
_SAME_JOINED = re.compile(r"\s*(?:,|and|or|&|['’]s|와|과|및|이나|나)?\s*")
# "Camp 15 at Yodok" -> "a detention facility in South Hamgyong", not "... in South Hamgyong at South Hamgyong".
_WITHIN_JOINED = re.compile(r"\s*(?:,|at|in|near)?\s*")
# "X in Y", "X of Y": a place inside the next one; "X, Y" only when X could not be generalised.
_INSIDE = re.compile(r"\s(?:in|of|at|near)\s")
_COMMA = re.compile(r",\s")
_YEAR_ONLY = re.compile(r"(?:(?:spring|summer|autumn|winter) )?\d{4}")
_DAY_PREPOSITION = re.compile(r"\b(on|at|On|At)\s(?:the\s)?$")  # on the Lunar New Year of 1979 -> in 1979
_RANGE_PREPOSITION = re.compile(r"\b(from|between|From|Between)\s$")
_DAY_RANGE = re.compile(r"\d\s?(?:-|–|to|and|until)\s?\d{1,2}\b(?!\d)|[a-z.]\s(?:to|and|until|till|through)\s[A-Z0-9]")
# "the border city of Dandong" -> "the border city in Liaoning"; "the DPRK" -> "North Korea".
_KIND_OF = re.compile(r"\b(city|town|village|county|district|port)\sof\s$")
_THE_BEFORE = re.compile(r"\bthe\s$", re.IGNORECASE)
_ON_BEFORE = re.compile(r"\b(on|On|at|At)\s$")
_DATED = re.compile(r"자(?![가-힣])")
_KEPT_FEAST = re.compile(r"(?:을|를)?\s?(?:쇠|지내|지냈|맞)")
# A masked name before a kind of place that the next place says where it is: "the [LOCATION] market in Jilin".
_NAMED_BY_NEXT = re.compile(r"\s(?:market|mine|coal mine|farm|station|hospital|school|factory|village|district|bridge)"
                            r"\s(?:in|of|near|outside)\s")
_SENTENCE_OPENS = re.compile(r"(?:[.!?][\"”’)]?\s+|\n\s*)$")
_ATTRIBUTIVE = re.compile(r"-|\s(?:border|government|authorities|regime|side|embassy|consulate|army|military|leader|"
                          r"leadership|people|economy|state|media|police|officials?|market|currency|passport|"
                          r"citizens?|nationals?|delegation|authority|soldiers?|guards?|mission|representatives?|ambassador)\b")
# A quote or bracket that closes right after a replacement: the particle after it follows the replacement.
_CLOSING = re.compile(r"['\"’”)\]」』]")
# Head words that belong to the original place, not to its province: swallowed after a
# generalised place. Korean ones only where they cannot be a particle (도 = "too").
_SWALLOWED_HEAD = re.compile(
    r"\s*(?:provinces?|count(?:y|ies)|city|cities|towns?|villages?|districts?|prefectures?|regions?|ri|dong|gun|si|up)\b"
    r"|(?:시|군|읍|면|리|구역|지구)(?=[\s가-힣]|$)", re.IGNORECASE)
# A camp's own head after a camp generalised to "province 구금시설" (전거리 교화소 would read
# "함경북도 구금시설 교화소").
_CAMP_HEAD = re.compile(r"\s?(?:교화소|관리소|수용소|구류장|집결소|노동단련대)(?=[\s가-힣]|$)"
                        r"|\s(?:kyohwaso|kwalliso|kyo-hwa-so|kwan-li-so|(?:political\s)?prison camp|camp|prison)\b",
                        re.IGNORECASE)


def _a_river(shown: str) -> bool:
    """Is ``shown`` a place that belongs to no one country (the Tumen River): never inside the place after it."""
    place = gazetteer().find(shown)
    return place is not None and gazetteer().parent_chain(place.id)[-1].kind != "country"


def render(text: str, decisions: Iterable[Decision], *, pseudonym_key: bytes | None = None) -> str:
    """Return ``text`` with every decision applied (pure; no I/O)."""
    merged = _merge(decisions)
    starts = {decision.span.start for decision in merged}
    places = {d.span.start: text[d.span.start:d.span.end] for d in merged if d.span.label == "LOCATION"}
    place_starts = set(places)
    chinese = has_ideographs(text)  # most texts hold none: no sentence needs asking
    links = full_names(text, merged)
    out: list[str] = []
    pos = 0
    last: tuple[int, str] | None = None  # the last generalised replacement: its index in ``out``, its text
    prev: tuple[int, str] | None = None  # where the last replaced span ended, and what it shows
    pending: tuple[int, str, str] | None = None  # a particle after brackets: where, which, what it follows
    place: tuple[int, bool] | None = None  # the last place shown bare: its index in ``out``, masked or not
    for decision in merged:
        span = decision.span
        if span.end > len(text):
            raise RedactionError(f"decision {span.start}..{span.end} is outside the text")
        if span.start < pos:  # the previous replacement swallowed a head word reaching here
            continue
        bracket_closed = False
        before = _with_particle(text, pos, span.start, pending)
        korean = sentence_is_korean(text, span.start, span.end)
        inside = _INSIDE.match(text, span.end) if span.label == "LOCATION" else None
        within = places.get(inside.end()) if inside is not None else None  # Sinchon station in Seoul
        shown = replacement(text, decision, korean=korean, pseudonym_key=pseudonym_key,
                            same_as=links.get(text[span.start:span.end]), within=within)
        if korean and span.label == "PERSON" and decision.action in (Action.PSEUDONYMISE, Action.MASK) \
                and _ADDRESS_AFTER.match(text, span.end):
            shown += " "  # 박영호씨가 -> 인물 4558 씨가: the form of address after a name written onto it
        if not korean and chinese and sentence_is_chinese(text, span.start, span.end):
            shown = in_chinese(shown, span.label, decision.action)
        if span.label == "DATE" and not korean and _YEAR_ONLY.fullmatch(shown):
            # A day generalised to its year takes "in": "on 3 March 2009" -> "in 2009", not "on 2009".
            before = _DAY_PREPOSITION.sub(lambda m: "In " if m.group(1)[0].isupper() else "in ", before)
            if _DAY_RANGE.search(text, span.start, span.end):  # "from 17 to 21 August 2015" -> "in 2015"
                before = _RANGE_PREPOSITION.sub(lambda m: "In " if m.group(1)[0].isupper() else "in ", before)
            if "年" in text[span.start:span.end] and shown.isdigit():
                shown += "年"  # 2015年3月被抓 -> 2015年被抓: a year in Chinese keeps its unit
            if COUNTED_FROM.match(text, span.start):
                shown = ("In " if text[span.start].isupper() else "in ") + shown  # the count said a day: "in 2011"
        if span.label == "LOCATION" and not korean and decision.action is Action.GENERALISE \
                and shown != text[span.start:span.end] and _KIND_OF.search(before):
            before = _KIND_OF.sub(r"\1 in ", before)  # "the border city of Dandong" -> "the border city in Liaoning"
        if span.label == "LOCATION" and not korean and _THE_BEFORE.search(before) and not _ATTRIBUTIVE.match(text, span.end) \
                and (shown in _country_names() or text[span.start:span.end].endswith("capital") and not shown.startswith("[")):
            # "in the DPRK" -> "in North Korea", not "in the North Korea"; but the article of a phrase the place
            # opens stays: "the Seoul-based NGO", "the Laos border". "The Ryanggang provincial capital" -> "Ryanggang".
            before = _THE_BEFORE.sub("", before)
        if prev is not None and span.label == "PERSON" and shown == prev[1] and text.startswith(")", span.end) \
                and decision.action in (Action.PSEUDONYMISE, Action.MASK) and text[prev[0]:span.start].strip() == "(":
            pos = span.end + 1  # 김철수(Kim Chol-su): a name and its spelling, one pseudonym, said once
            continue
        if last is not None and decision.action is Action.GENERALISE and (
                shown == last[1] and _SAME_JOINED.fullmatch("".join(out[last[0] + 1:]) + before)
                or shown.startswith(last[1] + " ") and not ("".join(out[last[0] + 1:]) + before).strip()):
            # "Gyeonggi and Incheon" -> "South Korea", not "South Korea and South Korea" (경기도와 인천에 -> 대한민국에);
            # 베트남 하노이 한국대사관 -> 베트남 한국대사관, not 베트남 베트남 한국대사관.
            del out[last[0]:]
            before = ""
        elif last is not None and not korean and decision.action is Action.GENERALISE and span.label == "LOCATION" \
                and last[1] != shown and last[1].endswith(" " + shown) \
                and _WITHIN_JOINED.fullmatch("".join(out[last[0] + 1:]) + before):
            # The second place is where the first one is, already said: "Camp 15 at Yodok".
            pos = span.end
            prev = (span.end, last[1])
            continue
        elif last is not None and not korean and decision.action is Action.GENERALISE and span.label == "LOCATION" \
                and last[1] in _country_names() and shown not in _country_names() and not shown.startswith("[") \
                and "".join(out[last[0] + 1:]) + before in ("'s ", "’s "):
            # "South Pyongan Province's Sunchon": the province lifted to its country, then the town in it
            # generalised to the province; the province alone says it ("North Korea's South Pyongan").
            del out[last[0]:]
            before = ""
        elif last is not None and decision.action is Action.GENERALISE and span.label == "LOCATION" \
                and (last[1].endswith(shown) or text[:span.start].rstrip(" (").endswith(shown)) \
                and "".join(out[last[0] + 1:]) + before in (" (", "(") and text.startswith(")", span.end):
            # "Kwalliso No. 15 (Yodok)": the bracket would say the province again; "Seoul (Gangseo-gu)": it would
            # say the place the text named before it, which was just generalised.
            del out[last[0] + 1:]
            pos = span.end + 1
            prev = (pos, last[1])
            continue
        elif last is not None and decision.action is Action.GENERALISE and span.label == "LOCATION" \
                and shown.endswith(" " + last[1]) and "".join(out[last[0] + 1:]) + before in (" (", "(") \
                and text.startswith(")", span.end):
            # "Kaechon (Kyohwaso No. 1)": the town, then its camp in brackets, is the camp in its province.
            del out[last[0]:]
            before = ""
            bracket_closed = True
        elif place is not None and korean and span.label == "LOCATION" and not place[1] and shown.startswith("[") \
                and "".join(out[place[0] + 1:]) + before == " ":
            # 길림성 [장소]에서: a village the province before it already places adds a mask and nothing else.
            del out[place[0] + 1:]
            pos = span.end
            particle = particle_after(text, pos)
            if particle:
                out.append(choose(particle, out[place[0]]))
                pos += len(particle)
            prev = (span.end, out[place[0]])
            continue
        elif place is not None and not korean and span.label == "LOCATION" and not place[1] \
                and decision.action in (Action.GENERALISE, Action.MASK) \
                and "".join(out[place[0] + 1:]) + before in ("'s ", "’s ") \
                and (shown.startswith("[") or shown == out[place[0]]) and out[place[0]] not in _country_names():
            # "Hyesan's Yonbong-dong": a part of the town, said by the town's province ("in Ryanggang").
            del out[place[0] + 1:]
            pos = span.end
            prev = (span.end, out[place[0]])
            continue
        elif place is not None and not korean and span.label == "LOCATION" \
                and decision.action in (Action.GENERALISE, Action.MASK) \
                and not (shown.startswith("[") and out[place[0]] in _country_names()) \
                and (_INSIDE.fullmatch("".join(out[place[0] + 1:]) + before)
                     or place[1] and _COMMA.fullmatch("".join(out[place[0] + 1:]) + before)):
            # A place inside the next one says no more than it, generalised: "Yuseon workers' district in
            # Hoeryong", "Wiyon-dong, Hyesan", "the Pohang district of Chongjin" -> the second's province.
            # (A country before a masked place stays: "Laos near [LOCATION]", not "[LOCATION]".)
            # When the first already reads as the second, named ("Wuchang in Heilongjiang"), it says it:
            # "Heilongjiang", not the second lifted further ("China").
            if out[place[0]] == text[span.start:span.end]:
                shown = out[place[0]]
            del out[place[0]:]
            if out and not shown.startswith(("the ", "The ")):
                out[-1] = _THE_BEFORE.sub("", out[-1])
            if out:  # "on Renmin Road in Yanji" -> "in Jilin": one is on a street, in a province
                out[-1] = _ON_BEFORE.sub(lambda m: "In " if m.group(1)[0] in "OA" else "in ", out[-1])
            before = ""
        out.append(before)
        camp = shown.endswith("구금시설") or shown.startswith("a detention facility in")
        if shown.startswith("a ") and text[max(0, span.start - 4):span.start].lower() == "the ":
            shown = shown[2:]  # "the Jongo-ri camp" -> "the detention facility in ...", not "the a ..."
        if shown[:1].islower() and not korean and (
                span.start == 0 or _SENTENCE_OPENS.search(text, max(0, span.start - 5), span.start)):
            shown = shown[0].upper() + shown[1:]  # "Camp 15 (Yodok) was closed." -> "A detention facility ..."
        if not korean and decision.action is Action.GENERALISE and _takes_the(shown) \
                and not before.lower().endswith("the "):
            shown = "the " + shown  # London -> the United Kingdom
        goes_on = _SENTENCE_GOES_ON.match(text, span.end) if text[span.end - 1] == "." and not shown.endswith(".") else None
        if goes_on is not None and goes_on.end() - 1 not in starts:
            # "at 2 p.m. Location:", "Park J. He": the abbreviation's period also ended the sentence;
            # not before a name that goes on ("the U.S. State Department").
            shown += "."
        pos = span.end + 1 if bracket_closed else span.end
        if span.label == "DATE" and korean and shown.endswith("년") and _DATED.match(text, pos):
            pos += 1  # 6월 12일자 서한 -> 2020년 서한: a year dates no letter, "2020년자" is no Korean
        if span.label == "DATE" and korean and shown.endswith("년") and _KEPT_FEAST.match(text, pos) \
                and KO_HOLIDAY.search(text, span.start, span.end):
            shown += " 명절"  # 2008년 설 쇠고 -> 2008년 명절 쇠고: one keeps a feast, not a year
        if (decision.action is Action.GENERALISE and span.label == "LOCATION"
                and shown != text[span.start:span.end]):
            head = (_CAMP_HEAD if camp else _SWALLOWED_HEAD).match(text, pos)
            if head and not any(pos <= d.span.start < head.end() for d in merged):
                pos = head.end()
        if span.label == "LOCATION" and shown.startswith("[") and not korean:
            named = _NAMED_BY_NEXT.match(text, pos)
            if named is not None and named.end() in place_starts:
                shown, pos = "", pos + 1  # "the Sunam market in Chongjin": the market's province says where it is
        last = (len(out), shown) if decision.action is Action.GENERALISE else None
        bare = span.label == "LOCATION" and decision.action in (Action.GENERALISE, Action.MASK) \
            and not any(w[:1].islower() for w in shown.split()) and not _a_river(shown)
        place = (len(out), shown.startswith("[")) if bare else None
        out.append(shown)
        if decision.action is not Action.KEEP:
            closing = _CLOSING.match(text, pos)
            after = closing.end() if closing else pos
            particle = particle_after(text, after) or (copula_after_a_name(text, after) if span.label == "PERSON" else None)
            follows = shown
            if particle and closing is not None and closing.group() == ")" and span.start >= 2 \
                    and text[span.start - 1] == "(" and "가" <= text[span.start - 2] <= "힣":
                # 아들(6)은, 김철호(42)는: the particle after the brackets follows the word before them.
                follows = prev[1] if prev is not None and prev[0] == span.start - 1 else ""
            if particle and closing is not None and closing.group() == ")" and text[span.start - 1:span.start] != "(":
                follows = ""  # 리순옥(당시 23세)은: the particle follows the word before the brackets, not the age
            if particle and follows:
                out.append(text[pos:after] + choose(particle, follows))
                pos = after + len(particle)
            bracketed = _BRACKETS_AFTER.match(text, pos)
            particle = particle_after(text, bracketed.end()) if bracketed else None
            if bracketed and particle:
                # C씨(여, 40대)는 -> 인물 5417(여, 40대)은: the particle after the brackets follows the name.
                pending = (bracketed.end(), particle, shown)
        prev = (span.end, shown)
    out.append(_with_particle(text, pos, len(text), pending))
    return "".join(out)


# After a span that ends with a period: the end of the text or a new sentence.
_SENTENCE_GOES_ON = re.compile(r"\s*$|\s+[A-Z\"“(\[]")
_BRACKETS_AFTER = re.compile(r"\s?\([^()\n]{1,40}\)")


def _with_particle(text: str, start: int, end: int, pending: tuple[int, str, str] | None) -> str:
    """Return ``text[start:end]`` with a pending particle in it re-chosen for the word it follows."""
    if pending is None or not start <= pending[0] < end:
        return text[start:end]
    at, particle, follows = pending
    return text[start:at] + choose(particle, follows) + text[at + len(particle):end]
