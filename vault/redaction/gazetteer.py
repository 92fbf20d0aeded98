"""The curated gazetteer of places that identify North Korean witnesses.

``vault/data/gazetteer_places.json`` holds North Korean provinces, cities, counties,
camps and prisons, Chinese border prefectures, cities and counties, and transit places,
each with Hangul (North and South spellings), Hanja or Hanzi, Latin spellings, and its
parent, so a county can be generalised to its province or country. Latin spellings are
matched through ``romanise.phonetic_key`` so unlisted romanisations still match; the
South Korean spelling of a North Korean name (initial-sound rule: 량강 -> 양강,
룡천 -> 용천) is derived automatically.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from vault.redaction.normalise import fold
from vault.redaction.romanise import hangul_keys, is_hangul_syllable, phonetic_key

# Kinds generalised away first; a camp is generalised to its county's province.
_SUFFIX_FOR_KIND = {"city": "시", "county": "군", "district": "구역", "town": "읍",
                    "workers-district": "노동자구", "province": "도"}
# Generic suffixes that make an ambiguous base name a place name.
PLACE_SUFFIXES = ("시", "군", "구역", "읍", "노동자구", "리", "동", "도", "성", "현", "구", "지구", "진")  # 진: a Chinese town (镇)


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer."""

    id: str
    kind: str
    parent: str | None
    ko: tuple[str, ...]
    hanja: tuple[str, ...]
    latin: tuple[str, ...]
    ambiguous: bool
    zh: tuple[str, ...] = ()  # as Chinese writes it today (simplified), where it differs from the Hanja

    @property
    def zh_name(self) -> str:
        """Return the name in Chinese characters (中国, 吉林省), or the English one when there is none."""
        return (self.zh or self.hanja or (self.name,))[0]

    @property
    def name(self) -> str:
        """Return the English display name (first Latin spelling)."""
        return self.latin[0] if self.latin else (self.ko[0] if self.ko else self.id)

    @property
    def ko_name(self) -> str:
        """Return the Korean display name in the South's spelling, which readers of released text use
        (량강도 -> 양강도, 료녕성 -> 요녕성); the gazetteer keeps the North's. Only names read in
        Sino-Korean (of the two Koreas and China) change: 러시아, 라오스 and 뉴욕 are written as heard."""
        if not self.ko:
            return self.name
        if self.id.split("-")[0] not in _SINO_KOREAN_COUNTRIES:
            return self.ko[0]
        return _dueum(self.ko[0]) or self.ko[0]


# The countries whose place names Korean reads in Sino-Korean, where the two Koreas spell the first
# syllable differently (량강도/양강도, 료녕성/요녕성).
_SINO_KOREAN_COUNTRIES = frozenset({"kp", "kr", "cn"})


def _dueum(word: str) -> str | None:
    """Return the South Korean spelling of a North Korean word (initial ㄹ/ㄴ rule)."""
    if not word or not is_hangul_syllable(word[0]):
        return None
    code = ord(word[0]) - 0xAC00
    lead, vowel, tail = code // 588, (code % 588) // 28, code % 28
    iotised = vowel in (2, 3, 6, 7, 12, 17, 20)  # ya yae yeo ye yo yu i
    if lead == 5:  # ㄹ
        new_lead = 11 if iotised else 2  # ㅇ or ㄴ
    elif lead == 2 and iotised:  # ㄴ
        new_lead = 11
    else:
        return None
    return chr(0xAC00 + new_lead * 588 + vowel * 28 + tail) + word[1:]


@dataclass(frozen=True)
class Gazetteer:
    """Lookup tables over the places."""

    places: dict[str, Place]
    hangul: dict[str, tuple[str, bool]]  # folded Hangul form -> (place id, needs suffix)
    exact: dict[str, str]  # folded Latin/Hanja form -> place id
    keys: dict[str, str]  # phonetic key of a Latin spelling -> place id
    max_hangul: int
    max_words: int
    # Hangul names of places in two countries (화성: a county of the North, a city of the South):
    # found in text, but no one place; generalised, such a name could point the reader at the wrong one.
    shared: frozenset[str] = frozenset()

    def parent_chain(self, place_id: str) -> list[Place]:
        """Return the place and its ancestors, nearest first."""
        chain: list[Place] = []
        current: str | None = place_id
        while current is not None and current in self.places and len(chain) < 8:
            place = self.places[current]
            chain.append(place)
            current = place.parent
        return chain

    def generalise(self, place_id: str) -> Place:
        """Return the province, directly governed city (Pyongyang) or country that holds the place.

        A Chinese county goes to its province, not its prefecture: a prefecture such as
        Yanbian is too small a crowd to hide in.
        """
        chain = self.parent_chain(place_id)
        for place in chain[1:]:
            directly_governed = place.kind == "city" and place.parent is not None and \
                self.places[place.parent].kind == "country"
            if place.kind in ("province", "country") or directly_governed or place.parent is None:
                return place
        return chain[-1]

    def find(self, surface: str) -> Place | None:
        """Return the place named by ``surface`` in any script or spelling, if any."""
        folded = fold(surface).strip()
        if folded in self.shared:
            return None
        pid = self.exact.get(folded)
        if pid is None and folded in self.hangul:
            pid = self.hangul[folded][0]
        if pid is None:
            pid = self.keys.get(phonetic_key(folded))
        return self.places.get(pid) if pid else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load the shipped gazetteer (once)."""
    raw = resources.files("vault").joinpath("data", "gazetteer_places.json").read_text("utf-8")
    places: dict[str, Place] = {}
    hangul: dict[str, tuple[str, bool]] = {}
    exact: dict[str, str] = {}
    keys: dict[str, str] = {}
    max_words = 1
    countries: dict[str, set[str]] = {}
    for row in json.loads(raw)["places"]:
        place = Place(row["id"], row["kind"], row["parent"], tuple(row["ko"]),
                      tuple(row["hanja"]) + tuple(row.get("zh", ())), tuple(row["latin"]),
                      bool(row["ambiguous"]), tuple(row.get("zh", ())))
        places[place.id] = place
        forms = list(place.ko)
        if place.id.split("-")[0] in _SINO_KOREAN_COUNTRIES:
            forms += [alt for alt in (_dueum(f) for f in place.ko) if alt]
        # A short form that is also a common word (경기: a match, the economy) needs a suffix or a
        # reading as a proper noun, whatever the place's other names.
        short = row.get("ko_ambiguous", [])
        for form in forms + short:
            folded = fold(form)
            bare = folded.replace(" ", "")
            needs_suffix = (place.ambiguous or form in short) and not folded.endswith(
                tuple(s for s in PLACE_SUFFIXES if len(folded) > len(s) + 1))
            if not place.ambiguous and form not in short and all(is_hangul_syllable(c) for c in bare):
                for key in hangul_keys(bare):
                    if len(key) >= 4:
                        keys.setdefault(key, place.id)
            for variant in {folded, bare}:
                countries.setdefault(variant, set()).add(place.id.split("-")[0])
                if len(variant) >= 2 and (variant not in hangul or not needs_suffix):
                    hangul[variant] = (place.id, needs_suffix)
        for form in place.hanja:
            if len(form) >= 2:
                exact.setdefault(fold(form), place.id)
        for form in place.latin:
            folded = fold(form)
            exact.setdefault(folded, place.id)
            max_words = max(max_words, folded.count(" ") + 1)
            key = phonetic_key(folded)
            if len(key) >= 4 and " " not in folded:
                keys.setdefault(key, place.id)
    max_hangul = max(len(k) for k in hangul)
    shared = frozenset(form for form, where in countries.items() if len(where) > 1)
    return Gazetteer(places, hangul, exact, keys, max_hangul, max_words, shared)


# A country's name and 족 name a people, not a place: 조선족 (the Korean-Chinese of China).
# Generalised as a place, 조선족 would read "북한족". (중국인 keeps its country: generalised, a
# country stays itself.) The peoples of the region whose names hold no country are listed.
_PEOPLES_KO = frozenset({"한족", "만주족", "위구르족", "회족", "몽골족", "고려인", "화교"})


def is_country(word: str) -> bool:
    """Is ``word`` a country's name in any script (북한, 한국, China)?"""
    place = gazetteer().find(word)
    return place is not None and place.kind == "country"


def is_language(word: str) -> bool:
    """Is ``word`` (Hangul, without particles) a language named after its country (중국어, 조선말), or English (영어)?"""
    return word == "영어" or len(word) >= 3 and word[-1] in "어말" and is_country(word[:-1])


def is_warship(word: str) -> bool:
    """Is ``word`` (Hangul, without particles) a warship named after a place (천안함), not the place?"""
    return len(word) >= 3 and word[-1] == "함" and gazetteer().find(word[:-1]) is not None


def is_people(word: str) -> bool:
    """Is ``word`` (Hangul, without particles) a people or nationality rather than a place?"""
    if word in _PEOPLES_KO:
        return True
    if len(word) < 3 or word[-1] != "족":
        return False
    gaz = gazetteer()
    hit = gaz.hangul.get(word[:-1])
    return hit is not None and gaz.places[hit[0]].kind == "country"
