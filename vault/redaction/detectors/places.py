"""Places of the curated gazetteer in Hangul, Hanja/Hanzi and any romanisation (LOCATION),
and numbered camps and prisons."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from vault.redaction._kiwi import known_alone
from vault.redaction.detectors._base import make_span
from vault.redaction.detectors._regex import anchored, start_keys
from vault.redaction.detectors.dates import KO_HOLIDAY
from vault.redaction.detectors.english_words import PLACE_PREPOSITIONS, ROMANISED_UNITS
from vault.redaction.detectors.romanised_names import KOREAN_SURNAMES_LATIN
from vault.redaction.gazetteer import PLACE_SUFFIXES, gazetteer, is_language, is_people, is_warship
from vault.redaction.korean import KO_EVENTS, WHERE_ONE_IS
from vault.redaction.lexicons import english_common, english_proper
from vault.redaction.normalise import Normalised, normalise
from vault.redaction.romanise import phonetic_key
from vault.redaction.spans import EVENT_TOWN, LOCATION, Span

_HANGUL = re.compile(r"[가-힣]")
_HANGUL_RUN = re.compile(r"[가-힣]{2,}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff\uf900-\ufaff]{2,}")
_LATIN_WORD = re.compile(r"[a-z\u00e0-\u024f][a-z\u00e0-\u024f'’]*(?:-[a-z\u00e0-\u024f]+)*")
_CAMP_WORD = (r"(?:camp|kwal-?li-?so|kwan-?li-?so|kyo-?hwa-?so|gyo-?hwa-?so|prison|re-education camp|"
              r"political prison camp|correctional labou?r camp|correctional camp|(?:labou?r\s)?reform camp)")
# An English name for the North's prisons (kyohwaso): "Correctional Labour Camp No. 12".
_PRISON_WORDS = ("correctional", "reform")
# The part of a camp before it (Section 8 of Camp 14), as 14호 관리소 8구역 after it.
_CAMP_PART = r"(?:(?:section|zone|sector|district|ward|block|village|unit)\s\d{1,3}\s(?:of|in|at)\s)?"
_CAMP_PART_ALONE = re.compile(_CAMP_PART)
_CAMP = re.compile(
    rf"{_CAMP_PART}(?:{_CAMP_WORD}|관리소|교화소|수용소|정치범수용소|집결소|단련대)\s?(?:no\.?\s?|number\s|#)?\d{{1,3}}\b"
    r"|(?<!\d)\d{1,3}\s?호\s?(?:관리소|교화소|수용소|집결소|정치범수용소)"
    rf"|\b(?:no\.?\s?|number\s|#)\d{{1,3}}\s{_CAMP_WORD}\b"
    r"|\b(?:camps|kwallisos|prisons)\s\d{1,3}(?:,\s\d{1,3})*,?\s(?:and|&|or)\s\d{1,3}\b"
)
# The villages, zones and work teams inside a camp, written after it (15호 관리소 구읍리 혁명화구역,
# 14호 관리소 8구역 4작업반): they narrow the camp down to the few hundred people held there.
_INSIDE_CAMP = re.compile(r"(?:\s?(?:[가-힣]{2,6}(?:리|동)|[가-힣0-9]{1,6}(?:구역|지구|작업반|분소|분조)))+"
                          r"(?=[^가-힣]|[에은는이가을를의와과도로서]|$)")
# The border posts, customs, lock-ups, bridges and stations named after their town ("도문 변방대",
# "도문 세관", "도문 변방구류소", "남양 다리"): after
# one of them a name the gazetteer calls ambiguous is the town. (Not 보위부: 연대 보위부 is a
# regiment's.)
_LOCAL_BODY = re.compile(r"\s(?:변방|국경)?(?:변방대|변방부대|세관|공안국|구류장|구류소|구치소|간수소|집결소|다리|대교|철교|역)"
                         r"(?=[^가-힣]|[에은는이가을를의와과도로서]|$)")
_LATIN_PLACE_PREPOSITION = re.compile(r"\b(?:" + "|".join(sorted(PLACE_PREPOSITIONS | {"at"})) + r")\s$")
# A river named with "the" (the Tumen) that a town shares: before one of these it is the town.
_TOWN_BODY = re.compile(r"\s(?:detention|holding|border|customs|police|public security|railway|station|city|market)\b")
# The demilitarised zone and the demarcation line: where a soldier crossed is an identifier.
BORDER_LINE = re.compile(
    r"\b(?:dmz|demilitari[sz]ed zone|military demarcation line|mdl|joint security area|jsa|panmunjom)\b"
    r"|비무장지대|군사분계선|휴전선|판문점|공동경비구역"
)
# "Bay of Plenty", "Gulf of Tonkin", "Sea of Japan": the capitals say a named place follows.
_OF_HEADS = ("Bay", "Gulf", "Sea", "Strait", "Straits", "Cape", "Isle", "Isles")
_OF_PLACE = re.compile(rf"\b(?:{'|'.join(_OF_HEADS)})\sof\s(?:the\s)?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?")
_OF_PLACE_STARTS = start_keys(*_OF_HEADS)
# Every camp or border-line match holds one of these: a text without any is not searched.
_CAMP_NEEDS = ("camp", "kwal", "kwan", "kyo", "gyo", "prison", "관리소", "교화소", "수용소", "집결소", "단련대")
_BORDER_NEEDS = ("dmz", "demilitari", "demarcation", "mdl", "joint security", "jsa", "panmunjom",
                 "비무장지대", "군사분계선", "휴전선", "판문점", "공동경비구역")
# The generic word after a place name belongs to it ("Kilju county", "Hunchun city"): left
# readable it says what kind of place was hidden, and a generalisation would double it.
_EN_HEAD = re.compile(
    r"[\s-](?:province|county|city|town|village|district|prefecture|region|autonomous (?:prefecture|region)|"
    r"ri|dong|gun|kun|si|up|myon|workers'? district|embassy|consulate(?: general)?|camp|mine|station|"
    r"market|port|bridge|river)\b"
)
_EN_DIRECTION = re.compile(r"(?:(?:north|south)-?)?(?:north|south|east|west|northern|southern|eastern|western|central)[\s-]$")
_PARTICLES = frozenset(
    "은 는 이 가 을 를 에 의 로 으로 와 과 도 만 에서 에는 에도 에서는 에서도 까지 부터 으로는 로는 "
    "이나 나 이며 이고 이다 인 이었다 였다 출신 사람 쪽 내 안 밖".split()
)
# Lot and street numbers of Korean addresses: 1628-1번지, 산 109-7번지, 대명 5동, 국도 14호선, and a flat's
# building and door (101동 1203호).
# Not inside a longer number (the end of a phone number: "010-1234-5678로"), and not "로" after a
# number, which is the particle far more often than a road ("1234로 전화했다").
_ADDRESS_NUMBER = re.compile(
    r"(?<![\d-])(?=[산제\d])(?:산\s?)?제?\d{1,5}(?:-\d{1,5})?\s?(?:번지|번길|길|호선|동(?:\s?\d{1,5}\s?호)?|가|리|단지|지구|구역)"
    r"(?=[^가-힣]|[에은는이가을를의와과도로서]|$)"
)
# A road's name and the building's number, as the South writes addresses (동화길 45-3, 목동로 123,
# 논현로46번길 12): the number ends the address or takes 에/호; a number of people, things or minutes
# after the particle 로 (서울로 3명이, 돈으로 10만 원, 학교로 10분) does neither.
_ROAD_ADDRESS = re.compile(r"(?<![가-힣])[가-힣]{1,10}?\d{0,3}(?<!으)(?:번길|대로|길|로)\s\d{1,5}(?:-\d{1,5})?"
                           r"(?=\s*(?:$|[,;)]|\.(?!\d)|에서|에|번지|호(?!실))|\s(?:\S{1,12}\s)?\d{1,4}동\s?\d{1,5}호)")
# A road address names its neighbourhood in brackets after the number (목동서로 123, 456동 789호 (목동)).
_DONG_IN_BRACKETS = re.compile(r"(?:\d|호|번지)\s?\(([가-힣]{1,6}(?:동|가|리|읍|면))\)")
# The block of flats a door number is in (가상아파트 101동 1502호): its name is the address.
_BLOCK_NAME = re.compile(r"(?<![가-힣])[가-힣A-Za-z0-9]{1,12}(?:아파트|빌라|맨션|오피스텔|타워|빌딩|주공|하이츠)(?=\s\d{1,4}동)")
# A postcode names a neighbourhood: 우편번호 07912, postcode 07912, zip code 62701, ZIP: 394 13, B0J 2H0.
_POSTCODE = re.compile(r"(?:우편번호|postcode|post code|postal code|zip code|zip)\s*(?:is\s|was\s|[:：])?\s*"
                       r"([a-z]\d[a-z]\s?\d[a-z]\d|\d{3,5}(?:[- ]\d{2,4})?(?:\s[a-z]{2}\b)?)(?!\d)")
# Events named after their town (the Seoul Olympics): what everyone saw, no place of a witness (and KO_EVENTS).
_EVENT_AFTER = re.compile(r"\s(?:(?:summer|winter|asian|special)\s)?(?:olympics|olympic games|paralympics|games|expo|world cup)\b")
# Not a place named after the event (서울월드컵경기장, 올림픽선수촌 아파트): one may live or work there.
_KO_EVENT = re.compile(r"(?<![가-힣])([가-힣]{2,10}?)(?:동계|하계)?(?:" + "|".join(KO_EVENTS) + ")"
                       r"(?!\s?(?:경기장|선수촌|공원|역|아파트|대로|로|길))")
# A British postcode, in capitals (KT3 4AB, SW1A 1AA): its shape is its cue.
_UK_POSTCODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}(?![A-Za-z0-9])")
# Street addresses in Latin script: "3901 Conshocken Ave", "15 Rue de la Paix", "No. 12, Renmin Road", "Apt. 236".
_STREET = re.compile(
    r"(?:\bno\.?\s?|#)?\b\d{1,5}[a-z]?,?\s(?:[a-z\u00e0-\u024f'’.-]+\s){1,4}(?:(?:st|ave|rd|blvd|ln|dr|ct|pl|sq|pkwy|hwy)\b\.?|"
    r"(?:street|avenue|road|boulevard|lane|drive|court|way|place|square|terrace|parkway|highway|"
    r"rue|via|strasse|straße|gasse|weg|plaza)\b)"
    r"|\b(?:apt|apartment|suite|ste|unit|flat|room|rm|building|bldg|block|blk)\.?\s?#?\d{1,5}[a-z]?\b"
    r"|\b(?:p\.?\s?o\.?\s?box)\s\d{1,6}\b"
)
# Street words that are common words too: in lower case after lower-case words they name no street.
_COMMON_STREET_WORDS = frozenset("place way court drive square lane terrace via plaza".split())
_STREET_NO_NAME = frozenset("by at on in of to from for with and or the a an".split())
_STREET_STARTS = start_keys("0", "no", "#", "apt", "apartment", "suite", "ste", "unit", "flat", "room", "rm", "building", "bldg", "block", "blk",
                            "p.o.", "po", "pobox")
# A South Korean address romanised: the road (Mokdong-ro, Nonhyeon-ro 46beon-gil) with its numbers, and
# the block and flat (101-dong 1204-ho).
# Only a text with a romanised road or a numbered block or flat is searched (Chol-ho is a given name).
_ROMANISED_ADDRESS_NEEDS = re.compile(r"[a-z]-(?:ro|gil|daero)\b|\d-(?:dong|ho)\b|\d\s[a-z]{3,}-(?:dong|ri)\b")
_ROMANISED_ROAD = re.compile(
    r"(?:\b\d{1,5}(?:-\d{1,5})?\s)?\b[a-z]{3,}-(?:ro|gil|daero)(?:\s\d{1,3}(?:beon-?gil|-gil))?(?:\s\d{1,5}(?:-\d{1,5})?)?\b"
    r"|\b\d{1,5}-(?:dong|ho)\b(?:\s\d{1,5}-ho\b)?"
    r"|\b\d{1,5}(?:-\d{1,5})?\s[a-z]{3,}-(?:dong|ri)\b"  # 15-3 Songbong-dong: the house's number goes with its quarter
)
_SUFFIX = re.compile(r"(?:" + "|".join(sorted((*PLACE_SUFFIXES, "산"), key=len, reverse=True)) + r")")  # 산: 금강산, a mountain


class GazetteerDetector:
    """Gazetteer places and numbered camps."""

    name = "gazetteer"
    label = LOCATION

    def detect(self, text: str) -> Iterator[Span]:
        """Yield LOCATION spans for every gazetteer place and camp number."""
        norm = normalise(text)
        for start, end, score, reason, _ in places_in(norm):
            yield make_span(norm, start, end, LOCATION, score, self.name, reason)
        for m in anchored(_OF_PLACE, norm.text, norm.folded, _OF_PLACE_STARTS):
            yield make_span(norm, m.start(), m.end(), LOCATION, 0.7, self.name,
                            "a bay, gulf, sea, strait or cape of a named place")


def _camp_id(surface: str) -> str | None:
    """Return the gazetteer id of a numbered camp ("kwalliso no. 15", "15호관리소"), if known."""
    gaz = gazetteer()
    plain = re.sub(r"\s?(?:no\.?|number|#)\s?", " ", surface).strip().replace("-", "")  # kyo-hwa-so
    number_first = re.fullmatch(r"(\d{1,3})\s([a-z ]+)", plain)
    if number_first is not None:
        plain = f"{number_first.group(2)} {number_first.group(1)}"  # no. 16 camp: camp 16
    forms = [surface, plain, plain.replace(" ", "")]
    if any(word in surface for word in _PRISON_WORDS):
        forms.append("kyohwaso " + plain.rsplit(" ", 1)[-1])
    for form in forms:
        if form in gaz.exact:
            return gaz.exact[form]
        if form in gaz.hangul:
            return gaz.hangul[form][0]
    return None


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """Return the first Latin word of every gazetteer name of more than one word."""
    out = set()
    for key in gazetteer().exact:
        m = _LATIN_WORD.match(key)
        if m is not None and m.end() < len(key):
            out.add(m.group())
    return frozenset(out)


# Two romanised syllables joined by a hyphen, the second no unit (Yong-il, Chol-su): a given name's
# shape; unlisted romanisations of places are not looked up for it (Yong-il sounds like Yanji).
_GIVEN_NAME_SHAPE = re.compile(rf"[a-z]{{1,6}}-(?!(?:{ROMANISED_UNITS})$)[a-z]{{1,6}}")


def _after_the(words: list[tuple[int, int, str]], i: int, folded: str) -> bool:
    """Is word ``i`` after "the" and at most two other words (the frozen Tumen, the wide Yalu)?"""
    for k in range(i - 1, max(i - 4, -1), -1):
        if folded[words[k][1]:words[k + 1][0]] != " ":
            return False
        if words[k][2] == "the":
            return True
    return False


_CJK_UNITS = frozenset("市县縣区區镇鎮乡鄉村屯省州")


# The units of a town below its county (河南街道, 新兴村): the name before one is the unit's own, whatever
# other place shares it (河南 is also Henan, and Hanam).
_CJK_LOCAL = re.compile("街道|大街|社区|小区|胡同|[路街村屯镇鎮乡鄉]")
_CJK_LOCAL_NAMED = re.compile(f"[\u4e00-\u9fff]{{2,4}}?(?:{_CJK_LOCAL.pattern})")  # 新兴村 (not 的路 in 延吉市的路上)


def _cjk_places(run: str, base: int) -> Iterator[tuple[int, int, float, str, str | None]]:
    """Places written in Chinese characters, a chain of them as one (吉林省延吉市河南街道), its most
    specific known place last."""
    gaz = gazetteer()
    chain: list[int] = []  # start and end of the chain so far
    chain_pid: str | None = None
    pos = 0
    while pos < len(run) - 1:
        step, hit, end, pid = 1, False, pos, None
        for size in range(min(len(run) - pos, 8), 1, -1):
            pid = gaz.exact.get(run[pos:pos + size])
            if pid is not None:
                end = pos + size + (run[pos + size:pos + size + 1] in _CJK_UNITS)  # 延吉市: the unit is the place's
                local = _CJK_LOCAL.match(run, pos + size)
                if local is not None:
                    end, pid = local.end(), None  # 河南街道: a subdistrict's own name
                hit = True
                break
        if not hit and chain and chain[1] == pos and (local := _CJK_LOCAL_NAMED.match(run, pos)) is not None:
            hit, end = True, local.end()  # 延吉市新兴村: an unknown village inside the town before it
        if hit:
            if chain and chain[1] == pos:
                chain[1] = end
            else:
                if chain:
                    yield base + chain[0], base + chain[1], 0.9, _cjk_reason(chain_pid), chain_pid
                chain, chain_pid = [pos, end], None
            chain_pid = pid or chain_pid
            step = end - pos
        pos += step
    if chain:
        yield base + chain[0], base + chain[1], 0.9, _cjk_reason(chain_pid), chain_pid


def _cjk_reason(pid: str | None) -> str:
    return f"gazetteer: {gazetteer().places[pid].name}" if pid else "a local unit's name in Chinese characters"


def places_in(norm: Normalised) -> Iterator[tuple[int, int, float, str, str | None]]:
    """Yield (start, end, score, reason, place id or None) in normalised offsets."""
    folded = norm.folded
    gaz = gazetteer()
    if any(word in folded for word in _CAMP_NEEDS):
        for m in _CAMP.finditer(folded):
            inside = _INSIDE_CAMP.match(folded, m.end())
            end = inside.end() if inside is not None else m.end()
            camp = _CAMP_PART_ALONE.sub("", m.group(), count=1)  # Camp 14, not Section 8 of Camp 14
            yield m.start(), end, 0.9, "numbered camp or prison", _camp_id(camp)
    if any(word in folded for word in _BORDER_NEEDS):
        for m in BORDER_LINE.finditer(folded):
            yield m.start(), m.end(), 0.9, "demilitarised zone or demarcation line", None
    if _HANGUL.search(folded) is not None:  # every Korean address number ends in Hangul
        for m in _ADDRESS_NUMBER.finditer(folded):
            yield m.start(), m.end(), 0.6, "address number", None
        for m in _BLOCK_NAME.finditer(folded):
            yield m.start(), m.end(), 0.6, "address number", None
        for m in _DONG_IN_BRACKETS.finditer(folded):
            yield m.start(1), m.end(1), 0.85, "neighbourhood in brackets after an address", None
        for m in _ROAD_ADDRESS.finditer(folded):
            if not known_alone(folded[m.start():m.end()].split()[0]):  # 경로 2, 도로 3: a route, no road's name
                yield m.start(), m.end(), 0.7, "road and building number", None
    if any(event in folded for event in KO_EVENTS):
        for m in _KO_EVENT.finditer(folded):  # 소치동계올림픽, 한일월드컵: the town of an event, known or not
            yield m.start(1), m.end(1), 0.9, f"{EVENT_TOWN}: {m.group(1)}", None
    for m in _UK_POSTCODE.finditer(norm.text):
        yield m.start(), m.end(), 0.8, "postcode", None
    if any(word in folded for word in ("우편번호", "post", "zip")):
        for m in _POSTCODE.finditer(folded):
            yield m.start(1), m.end(1), 0.8, "postcode", None
    for m in anchored(_STREET, folded, folded, _STREET_STARTS):
        street = norm.text[m.start():m.end()].split()
        if street[-1].rstrip(".") in _COMMON_STREET_WORDS and not any(w[:1].isupper() for w in street[1:]):
            continue  # "the 2002 raid took place", "3 ways to drive": common words, no street
        if len(street) > 2 and all(w.lower() in _STREET_NO_NAME for w in street[1:-1]):
            continue  # "on 2019-03-05 by Dr. Oh": a preposition names no street, and Dr. is the doctor
        yield m.start(), m.end(), 0.7, "street address", None
    if ("-ro" in folded or "-gil" in folded or "-daero" in folded or "-dong" in folded or "-ho" in folded) \
            and _ROMANISED_ADDRESS_NEEDS.search(folded):
        for m in _ROMANISED_ROAD.finditer(folded):
            yield m.start(), m.end(), 0.8, "street address", None
    province: tuple[int, str] | None = None  # where the last province named ended, and which it is
    for m in _HANGUL_RUN.finditer(folded):
        run, base = m.group(), m.start()
        if run.endswith(("절", "절인")) and KO_HOLIDAY.match(run):
            continue  # 광명성절 is a holiday, not 광명 in Gyeonggi
        within = province[1] if province is not None and folded[province[0]:base] == " " else None
        pos = 0
        while pos < len(run) - 1:
            found = 0
            for size in range(min(len(run) - pos, gaz.max_hangul), 1, -1):
                hit = gaz.hangul.get(run[pos:pos + size])
                if hit is None:
                    continue
                end = pos + size
                if (is_people(run[pos:end + 1]) or is_language(run[pos:end + 1])) \
                        and (end + 1 == len(run) or run[end + 1:] in _PARTICLES):
                    continue  # 조선족, 중국인: a people
                if pos == 0 and is_warship(run[:end + 1]) and (end + 1 == len(run) or run[end + 1:] in _PARTICLES):
                    continue  # 천안함: a warship named after a town
                event = _KO_EVENT.match(run, pos) if pos == 0 else None
                if event is not None and event.end(1) == end:
                    found = len(run) - pos
                    break  # 서울올림픽: the event's town is found above (_KO_EVENT), proposed to stay
                suffix = _SUFFIX.match(run, end)
                if suffix is not None and suffix.group() == "도" and gaz.places[hit[0]].kind not in ("province", "region"):
                    suffix = None  # 구성도, 혜산도: "also" after a town (a province alone ends in 도)
                if hit[1] and suffix is None and not (end == len(run) and _LOCAL_BODY.match(folded, base + end)) \
                        and not (pos == 0 and within is not None and any(p.id == within for p in gaz.parent_chain(hit[0]))) \
                        and not (pos == 0 and WHERE_ONE_IS.match(folded, base + end)) \
                        and not (pos == 0 and _LATIN_PLACE_PREPOSITION.search(folded, max(0, base - 8), base)):
                    # An ambiguous base name without 시/군/..., a local body or a home after it, or an English
                    # preposition of place before it (crossed at 남양): a common word.
                    continue
                if suffix is not None and (suffix.end() == len(run) or run[suffix.end():] in _PARTICLES):
                    end = suffix.end()  # 혜산시에서, not 한국시간
                place = gaz.places[hit[0]]
                if place.kind == "province":
                    province = (base + end, place.id)  # 평남 순천: a town the province says is its own
                yield base + pos, base + end, 0.9, f"gazetteer: {place.name} ({place.kind})", place.id
                found = end - pos
                break
            if not found:
                break  # places are matched at the start of a word or right after another
            pos += found
    for m in _CJK_RUN.finditer(folded):
        yield from _cjk_places(m.group(), m.start())
    common, proper = english_common(), english_proper()
    cased = norm.text
    prefixes = _first_words()
    # A possessive is grammar: "Nampo's Waudo district" names Nampo (but "people's" opens a name).
    words = [(w.start(), w.end() - 2, w.group()[:-2])
             if w.group().endswith(("'s", "’s")) and w.end() - w.start() > 3 and w.group() not in prefixes
             else (w.start(), w.end(), w.group()) for w in _LATIN_WORD.finditer(folded)]
    exact = gaz.exact
    i = 0
    while i < len(words):
        word = words[i][2]
        if word not in prefixes and word not in exact and (
                word in common or word in proper or not cased[words[i][0]].isupper()):
            i += 1  # the common case: a word that is no place and no unlisted romanisation
            continue
        matched = 0
        # A name of several words can only start with the first word of one.
        longest = min(gaz.max_words, len(words) - i) if word in prefixes else 1
        for size in range(longest, 0, -1):
            start, end = words[i][0], words[i + size - 1][1]
            surface = folded[start:end]
            pid = gaz.exact.get(surface)
            if size == 1 and i > 0 and words[i - 1][2] in KOREAN_SURNAMES_LATIN and \
                    folded[words[i - 1][1]:start] == " " and cased[words[i - 1][0]].isupper() and \
                    (pid is None or "-" in surface and _EN_HEAD.search(surface) is None
                     or words[i - 1][2] not in common):
                break  # Ri Song-ho, Kim Sungho: a given name after a Korean surname, not Sungho in Pyongyang
            if pid is None and size == 1 and "-" in surface and all(part in gaz.exact for part in surface.split("-")):
                cut = start + surface.index("-")  # Sinuiju-Dandong (bridge), Seoul-Beijing (flight): two places
                for a, b in ((start, cut), (cut + 1, end)):
                    yield a, b, 0.9, f"gazetteer: {gaz.places[gaz.exact[folded[a:b]]].name}", gaz.exact[folded[a:b]]
                matched = 1
                break
            if pid is None and size == 1 and "-" in surface:
                pid = gaz.exact.get(surface.replace("-", ""))  # Hye-san is Hyesan, written with a hyphen
            if pid is None and size == 1 and cased[start].isupper() and surface not in common \
                    and surface not in proper and not _GIVEN_NAME_SHAPE.fullmatch(surface):
                # Unlisted romanisations, but never a known English word (Chilean ~ Jilin).
                key = phonetic_key(surface)
                pid = gaz.keys.get(key) if len(key) >= 4 else None
            if size == 1 and gaz.exact.get(f"the {surface}") is not None and _after_the(words, i, folded):
                pid = gaz.exact[f"the {surface}"]  # "the frozen Tumen" is the river, not the town of Tumen
            if pid is not None and surface.startswith("the ") and _TOWN_BODY.match(folded, end):
                continue  # "the Tumen detention centre" is in the town, not the river: the town is found next
            if pid is not None and _EVENT_AFTER.match(folded, end):
                # The Seoul Olympics, the Pyeongchang Winter Games: an event everyone knows, proposed to stay.
                yield start, end, 0.9, f"{EVENT_TOWN}: {gaz.places[pid].name}", pid
                matched = size
                break
            if pid is not None:
                head = _EN_HEAD.match(folded, end)
                if head is not None and not folded[start:end].endswith(head.group().strip(" -")):
                    end = head.end()
                score = 0.9 if size > 1 or cased[start].isupper() else 0.6  # the name's own capital, not "southern"'s
                direction = _EN_DIRECTION.search(folded, max(0, start - 16), start)  # south-west London
                if direction is not None and (direction.start() == 0 or not folded[direction.start() - 1].isalpha()):
                    start = direction.start()
                yield (start, end, score,
                       f"gazetteer: {gaz.places[pid].name}", pid)
                matched = size
                break
        i += matched or 1
