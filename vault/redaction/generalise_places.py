"""Generalising a place to its province (or country), with the words a reader needs, in the language of the
sentence it stands in (pure; no I/O).

``generalise_place`` returns ``None`` when it cannot generalise; the renderer masks the span then.
"""
from __future__ import annotations

import re

from vault.redaction._kiwi import analysis, only_common_nouns
from vault.redaction.detectors.misspelt_places import near_place
from vault.redaction.detectors.places import BORDER_LINE, places_in
from vault.redaction.gazetteer import PLACE_SUFFIXES, gazetteer, is_country
from vault.redaction.korean import ORG_HEADS, PEOPLE_NOUNS, PLACE_HEADS
from vault.redaction.lexicons import english_common, english_peoples
from vault.redaction.normalise import fold, normalise

_ENGLISH_HEADS = frozenset("""camp prison mine factory farm county city province district
village town river market station border bureau police security department unit state airport port
harbour harbor hospital school centre center detention bridge crossing customs
kyohwaso kwalliso kyohwadae jipkyulso kuryujang mss ssd mps bowibu anjeonbu boanseo""".split())


# Heads that are kinds of place, not a body's own words (State Security, Police) nor the North's terms
# (Kyohwaso, MSS): after a generalised place they read in lower case ("South Korea airport").
_PLAIN_HEADS = frozenset("""camp prison mine factory farm market station airport port harbour harbor hospital school
centre center bridge crossing customs border""".split())


def _as_head(word: str) -> str:
    return word.lower() if word.lower() in _PLAIN_HEADS else word

_ADMIN_WORDS = frozenset("""province county city town village district prefecture region autonomous
ri dong gun kun si up myon 시 군 구 읍 면 리 동 도 구역 지구 mt mt. mount""".split())  # Mt. Kumgang: in Kangwon


# A number and its counter says how many or how long, never who (정착 3년차, 2명); a year says when
# (북한인권백서 2020).
_COUNTED = re.compile(r"\d{1,4}(?:년차|년째|년|개월|명|번째|차|세|층)|(?:19|20)\d\d")
_THE_NORTH = {"North": "kp", "South": "kr"}
_US_UK = {"US": "us", "U.S.": "us", "U.S.A.": "us", "U.K.": "gb"}
_MISSION = re.compile(r"(?:the\s)?(.+?)\s(?:embassy|consulate(?:[\s-]general)?)", re.IGNORECASE)


def _nations_mission(surface: str) -> bool:
    """Is ``surface`` a country's mission named by its people ("the South Korean embassy")? It names no town."""
    m = _MISSION.fullmatch(surface)
    return m is not None and all(w in english_peoples() or w in ("north", "south") for w in m.group(1).lower().split())


# The last words of workplaces, schools and venues named after their town (a company's name is no
# such word: "China Mobile" stays masked).
_WORKPLACES = frozenset("""mine mines complex mill mills factory plant works enterprise shipyard farm college university
school academy institute hospital clinic troupe stadium arena theatre theater cinema hall hotel park square""".split())


# Korean administrative units written apart from their name (유선 노동자구, 위연 17반).
_KO_UNITS = (frozenset(PLACE_SUFFIXES) - {"도", "성", "현"}) | {"면", "반", "향", "촌"}  # 도, 성, 현 alone are other words


def _without_units(words: list[str]) -> list[str]:
    """Drop each Korean unit word and the name before it: "회령 유선 노동자구" names a workers' district
    inside Hoeryong (유선 is no common word there); the province says it all."""
    out: list[str] = []
    for word in words:
        if word in _KO_UNITS or re.fullmatch(r"\d{1,3}\s?반", word):
            if out:
                out.pop()
            continue
        out.append(word)
    return out


# The last words of Korean addresses and Chinese units: a word that ends in one after a name of its own
# (봉담읍, 동화길, 논현로46번길, 오산덕동, 경신진) names a place inside the one generalised to.
_ADDRESS_UNIT = re.compile(r"[가-힣]+\d*(?:읍|면|동|리|길|번길|로|대로|가|거리|인민반|반|구역|지구|진|향|촌|현|군|시|구)")


def _named_unit(word: str) -> bool:
    """Is ``word`` a named address unit (동화길: 동화 + 길), not a common noun that ends like one (운동)?"""
    if not _ADDRESS_UNIT.fullmatch(word):
        return False
    return len(analysis(word).morphs) >= 2


# Heads of places one goes to or works at, named by a word glued before them (수남시장, 유선광산, 전거리교화소,
# 김책제철련합기업소); not streets or areas (려명거리, 역전근처), which read as no place without their name.
_FACILITIES = frozenset("""시장 장마당 광산 탄광 농장 협동농장 병원 극장 공원 공항 호텔 세관 항구 아파트 교화소 관리소 구류장 구류소
집결소 수용소 교도소 구치소 노동단련대 공장 기업소 제철소 제강소 발전소 학교 중학교 고등중학교 소학교 인민학교
초소""".split()) & (PLACE_HEADS | ORG_HEADS) \
    | frozenset("빌딩 빌라 맨션 오피스텔 타워 연립".split())  # 가상빌딩: a building by its own name, where one may live


_GLUED_FACILITY = re.compile(r"시장(?![가-힣])")
# 주 + a place: a mission stationed there (주선양 총영사관, 주태국 대한민국 대사관).
_KO_MISSION = re.compile(r"주([가-힣]{1,5})\s(.*(?:대사관|영사관|대표부))")
_ONE_POINT = re.compile(r"panmunjom|joint security|jsa|판문점|공동경비")
_CAMPS = re.compile(r"(?:camps|kwallisos|prisons)\s(\d{1,3}(?:,\s\d{1,3})*,?\s(?:and|&|or)\s\d{1,3})")


def _glued_head(word: str) -> str:
    """Return the head of a place written as one word with its name ("수남시장", "연봉시장": the market), or the word.

    A word before the head may be a common noun (연봉, a salary) and still the place's name: only the head says
    what it is without saying which."""
    if word in PLACE_HEADS or word in _FACILITIES:
        return word
    return next((h for h in (word[-5:], word[-4:], word[-3:], word[-2:]) if len(word) > len(h) and h in _FACILITIES), word)


def generalise_place(surface: str, korean: bool, *, after_the: bool = False, within: str | None = None) -> str | None:
    """Return ``surface`` generalised (see ``_generalise``); a river named in a Korean phrase with a town stays
    (혜산시 위연동 뒤편 압록강 -> 양강도 압록강: where one crossed is the river, the town's province says where on it)."""
    general = _generalise(surface, korean, after_the=after_the, within=within)
    if general is None or not korean:
        return general
    gaz = gazetteer()
    norm = normalise(surface)
    rivers = [(a, norm.text[a:b]) for a, b, _, _, pid in places_in(norm)
              if pid and gaz.parent_chain(pid)[-1].kind != "country" and norm.text[a:b] not in general]
    if not rivers:
        return general
    if rivers[0][0] == 0:
        return general  # 두만강 건너 투먼: the phrase opens with the river; the town's province says the rest
    province, _, rest = general.partition(" ")
    return " ".join(w for w in (province, *(r for _, r in rivers), rest) if w)


def _generalise(surface: str, korean: bool, *, after_the: bool = False, within: str | None = None) -> str | None:
    """Return the province (or country) of the most specific gazetteer place in ``surface``.

    Generic words left over (탄광, 보위부, camp) are kept, so "회령탄광" becomes "함경북도
    탄광"; anything else left over is dropped, never shown. A capitalised Latin word left over
    means another place that shares a word with the gazetteer's ("Suan Phlu" in Bangkok is not
    Suan county): no generalisation then (None), rather than a wrong province.
    ``after_the``: the text before the span ends in "the" and at most two words. ``within``: the place the
    text says this one is in ("Sinchon station in Seoul"); a gazetteer place in another country is another
    place of the same name (Sinchon county is in the North): no generalisation then.
    """
    gaz = gazetteer()
    mission = _KO_MISSION.fullmatch(surface.strip()) if korean else None
    if mission is not None and (host := gaz.find(mission.group(1))) is not None:
        # 주태국 대한민국 대사관 (stationed in Thailand): a country names no town and the mission stays as
        # written; 주선양 총영사관 -> 요녕성 총영사관, as any city.
        if host.kind == "country":
            return surface
        return f"{gaz.generalise(host.id).ko_name} {mission.group(2)}"
    norm = normalise(surface)
    found = [(a, b, pid) for a, b, _, _, pid in places_in(norm) if pid]
    river = gaz.exact.get(f"the {fold(surface).strip()}") if after_the else None
    if river is not None:  # "the frozen Tumen" (after_the: "the" and at most two words before) is the river
        found = [(0, len(norm.text), river)]
    if BORDER_LINE.fullmatch(fold(surface).strip()) and not _ONE_POINT.search(fold(surface)):
        # The DMZ, 휴전선: some 250 km long, where on it is not said (Panmunjom and the JSA are one place).
        return "남북 경계" if korean else "inter-Korean border"
    several = _CAMPS.fullmatch(fold(surface).strip())
    if several is not None:
        ids = [gaz.exact.get(f"camp {n}") for n in re.findall(r"\d{1,3}", several.group(1))]
        provinces = {gaz.generalise(pid).ko_name if korean else gaz.generalise(pid).name for pid in ids if pid}
        if None in ids or len(provinces) != 1:
            return None
        # camps 22 and 25: each in its province, said once when they share it.
        return f"{provinces.pop()} 구금시설" if korean else f"detention facilities in {provinces.pop()}"
    if not found:
        alone = gaz.find(surface)  # a name the gazetteer calls ambiguous, found by its context (도문 변방대)
        opening, *after_opening = norm.text.split() or [""]
        if alone is None and korean and after_opening \
                and all(w in PLACE_HEADS or w in ORG_HEADS or only_common_nouns(w) for w in after_opening) \
                and (town := gaz.find(opening)) is not None:
            # 남양 근처, 도문 변방 구류소: the town, which the words of place after it said was one; they stay
            found = [(0, len(opening), town.id)]
        if alone is None and surface.strip() in _US_UK:
            alone = gaz.places[_US_UK[surface.strip()]]  # "US" is no gazetteer form: it would find the pronoun "us"
        if alone is None and after_the and surface.strip() in _THE_NORTH:
            alone = gaz.places[_THE_NORTH[surface.strip()]]  # "in the North": North Korea, in this archive
        if alone is None and surface.strip().isalpha() and (near := near_place(surface.strip())) is not None:
            # Heilongjang: one letter from Heilongjiang. Only a province or country: an unknown town one letter
            # from a county (Sangdong, Kangdong) may be anywhere.
            alone = gaz.places.get(gaz.exact.get(near, ""))
            alone = alone if alone is not None and alone.kind in ("province", "country") else None
        if alone is None and not found:
            return surface if _nations_mission(surface) else None
        if alone is not None:
            found = [(0, len(norm.text), alone.id)]
    if len(found) == 2 and norm.text[found[0][1]:found[1][0]] in ("-", "–", "~", "∼", "〜"):
        # Two places joined by a connector (Sinuiju-Dandong bridge, 김포∼제주): each is generalised.
        (a, b, _), (c, d, _) = found
        one, two = generalise_place(norm.text[a:b], korean), generalise_place(norm.text[c:d], korean)
        if one is not None and two is not None:
            joined = one if one == two else one + norm.text[b:c] + two
            return norm.text[:a] + joined + norm.text[d:]
    if korean:
        # 혜산시장: the market of Hyesan, not the city of Hyesan and 장; the unit's syllable opens the head.
        found = [(a, b - 1 if b - a > 2 and _GLUED_FACILITY.match(norm.text, b - 1) else b, p) for a, b, p in found]
        # 포항구역: 구역 is the North's district; a town of another country by that name is not it.
        ours = [(a, b, p) for a, b, p in found if not ((norm.text[a:b].endswith("구역") or norm.text.startswith("구역", b))
                                                       and gaz.parent_chain(p)[-1].id not in ("kp", p))]
        if not ours:
            return gaz.places["kp"].ko_name
        found = ours
    _, _, pid = max(found, key=lambda f: len(gaz.parent_chain(f[2])))
    place = gaz.places[pid]
    host = gaz.find(within) if within else None
    # A river or a border belongs to no one country (the Tumen near Namyang): it is in none of them.
    if host is not None and gaz.parent_chain(pid)[-1].kind == "country" \
            and gaz.parent_chain(host.id)[-1].id != gaz.parent_chain(pid)[-1].id:
        return None
    wider = gaz.generalise(pid)
    if place.kind == "province" and "capital" in fold(surface):
        wider = place  # the Ryanggang provincial capital is a city: its province says where, as for any city
    name = wider.ko_name if korean else wider.name
    if korean and wider.id == place.id and place.kind == "country" and len(found) == 1:
        name = norm.text[found[0][0]:found[0][1]]  # 남조선, 한국돈: a country names no town; the word stays
    rest = norm.text
    for a, b, other in sorted(found, reverse=True):
        word = rest[a:].split()[0] if rest[a:].split() else ""
        if korean and other != pid and gaz.places[other].kind == "country" and len(word) > b - a \
                and only_common_nouns(word, also=is_country):
            continue  # 심양 한국영사관: the country says whose mission it is, and names no town
        rest = rest[:a] + " " + rest[b:]
    # Administrative words named the original's level; the province has its own.
    # A people names an autonomous area (Yanbian Korean Autonomous Prefecture), not another place.
    words = [w for w in _without_units(rest.split()) if not _named_unit(w)] if korean else rest.split()
    # An autonomous area is named by its people (Guangxi Zhuang Autonomous Region): the people's word goes with it.
    words = [w for w, nxt in zip(words, [*words[1:], ""]) if nxt.lower() != "autonomous"]
    words = [w for w in words if w.lower() not in _ADMIN_WORDS and w.lower() not in english_peoples()
             and w.lower() not in ("the", "'s", "’s")]  # Hyesan's market: the market
    as_written = words
    if korean:
        words = [_glued_head(w) for w in words]
        # A word before a facility is its name, even a common noun (혜산 연봉 시장: the Yonbong market).
        words = [w for w, nxt in zip(words, [*words[1:], ""]) if nxt not in _FACILITIES or w in PLACE_HEADS or w in ORG_HEADS]
    heads = PLACE_HEADS | ORG_HEADS | _ENGLISH_HEADS
    last = norm.text.split()[-1] if norm.text.split() else ""
    if place.kind != "camp" and not words and last.isascii() and last.lower() in _ENGLISH_HEADS - _ADMIN_WORDS \
            and not name.lower().endswith(last.lower()):
        article = norm.text[:4] if norm.text[:4].lower() == "the " and not name.lower().startswith("the ") else ""
        # "Musan mine": the gazetteer's head stays ("North Hamgyong mine"); "the Tumen bridge" keeps its article.
        return f"{article}{name} {_as_head(last)}"
    if place.kind != "camp" and not words:
        if wider.id == place.id and norm.text[:4].lower() == "the ":
            return norm.text[:4] + name  # "crossed the Tumen River": a river stays itself, with its article
        return name
    if korean and place.kind == "country" and len(found) == 1 and " " not in norm.text.strip() \
            and only_common_nouns(norm.text.strip(), also=is_country):
        return surface  # 북한종교자유백서: a country and common words glued, read in one piece, name no town
    if place.kind != "camp" and words and all(w.lower() in heads or w in PEOPLE_NOUNS or _COUNTED.fullmatch(w) or only_common_nouns(w, also=is_country)
                     for w in words):
        first = min(a for a, _, _ in found)
        if len(found) == 1 and words == as_written and (first > 0 or wider.id == place.id and len(words) == len(rest.split())):
            # Words before the place keep their place too; a country, which stays itself, keeps its spacing (북한이탈주민).
            return norm.text[:first] + name + norm.text[found[0][1]:]
        # 중국 정부, 북한 인권단체: the words a reader needs; a plain English head in lower case (South Korea airport)
        return f"{name} {' '.join(_as_head(w) for w in words)}"
    if place.kind == "camp":
        return f"{name} 구금시설" if korean else f"a detention facility in {name}"
    if any(w[:1].isupper() and w.isascii() and w.lower().rstrip("'’") not in english_common() for w in words):
        return None  # "Suan Phlu" (Bangkok) is not Suan (North Hwanghae): a place that shares a word
    if korean and words and len(words[-1]) >= 2 and words[-1] in PLACE_HEADS | ORG_HEADS:
        # An unknown name before a head is dropped, the head stays: "평양 려명거리 아파트" -> "북한 아파트".
        return f"{name} {words[-1]}"
    if not korean and words and words[-1].lower() in _WORKPLACES and norm.text[:found[0][0]].strip() == "" and all(
            w.isascii() and w.lower().rstrip("'’") in english_common() for w in words):
        # A workplace or school named after its town keeps what it is: "Musan Mining Complex" ->
        # "North Hamgyong mining complex", "Hyesan Youth Copper Mine" -> "Ryanggang youth copper mine".
        return f"{name} {' '.join(w.lower() for w in words)}"
    return name
