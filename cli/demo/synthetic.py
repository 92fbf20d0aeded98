"""Obviously fictional testimonies in English and Korean for demos, tests and benchmarks.

Every text starts with a banner that says it is synthetic. Names are drawn from
generic lists written for this project (Korean names in Hangul, or romanised in
one of several systems: Kim/Gim, Lee/Yi/Ri, Park/Pak/Bak ...) and set against
real North Korean and Chinese border geography, so that search and redaction
have realistic material to work on: places, dates, ages, money, brokers,
relatives and the odd phone number. The people and events are invented.

Generation is deterministic for a seed: ``generate(100, seed=7)`` returns the
same records on every machine. Records are dicts in the ``testimony add`` JSON
shape accepted by :func:`vault.records.parse`.

Templates and word lists live in ``cli/demo/data/synthetic_*.json``.
"""
from __future__ import annotations

import json
import random
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from vault.errors import InvalidInput

LANGUAGES = ("en", "ko")
SYSTEMS = ("rr", "mr", "pp", "nk", "joined", "western")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_SEASONS_EN = ("spring", "summer", "autumn", "winter")
_SEASONS_KO = ("봄", "여름", "가을", "겨울")
_UNITS_KO = ("", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉")
_TENS_KO = ("", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔")
_DURATIONS = (("40 days", "40일"), ("two months", "두 달"), ("six months", "6개월"),
              ("eight months", "여덟 달"), ("a year", "1년"), ("two years", "2년"), ("three years", "3년"))
_TRAVEL = (("three weeks", "3주"), ("a month", "한 달"), ("two months", "두 달"), ("40 days", "40일"))
_FAMINE_VICTIMS = (("my grandmother", "할머니"), ("my grandfather", "할아버지"),
                   ("two children in our street", "동네 아이 두 명"), ("several neighbours", "이웃 여러 명"))
_EXECUTED = (("two men", "남자 두 명"), ("three men", "남자 세 명"), ("a woman and a man", "여자 한 명과 남자 한 명"))
_FIELDS = string.Formatter()

# Korean particles: spec -> (after a final consonant, after a vowel).
_JOSA = {"은": ("은", "는"), "이": ("이", "가"), "가": ("이", "가"), "을": ("을", "를"),
         "과": ("과", "와"), "와": ("과", "와"), "으로": ("으로", "로"), "이라": ("이라", "라"),
         "이었": ("이었", "였")}
# Final consonant of each digit as read in Sino-Korean (영 일 이 삼 사 오 육 칠 팔 구); 8 is ㄹ.
_DIGIT_FINAL = (21, 8, 0, 16, 0, 0, 1, 8, 8, 0)


def generate(count: int, *, seed: int = 0, languages: Sequence[str] = LANGUAGES) -> list[dict[str, Any]]:
    """Return ``count`` fictional testimonies, cycling through ``languages``.

    Raises :class:`InvalidInput` for a language other than "en" and "ko".
    """
    if not languages or any(lang not in LANGUAGES for lang in languages):
        raise InvalidInput(f"languages must be drawn from: {', '.join(LANGUAGES)}")
    rng = random.Random(seed)
    return [generate_one(rng, languages[i % len(languages)]) for i in range(count)]


def generate_one(rng: random.Random, language: str) -> dict[str, Any]:
    """Return one fictional testimony in ``language`` ("en" or "ko"), drawing from ``rng``."""
    return generate_one_with_identifiers(rng, language)[0]


def generate_with_identifiers(count: int, *, seed: int = 0,
                              languages: Sequence[str] = LANGUAGES) -> list[tuple[dict[str, Any], frozenset[str]]]:
    """Like :func:`generate`, each testimony with the identifying strings put into its text.

    The demo decides from this what a careful archivist would: whatever the generator
    did not insert as an identifier is ordinary text and stays readable.
    """
    if not languages or any(lang not in LANGUAGES for lang in languages):
        raise InvalidInput(f"languages must be drawn from: {', '.join(LANGUAGES)}")
    rng = random.Random(seed)
    return [generate_one_with_identifiers(rng, languages[i % len(languages)]) for i in range(count)]


def generate_one_with_identifiers(rng: random.Random, language: str) -> tuple[dict[str, Any], frozenset[str]]:
    if language not in LANGUAGES:
        raise InvalidInput(f"language must be one of: {', '.join(LANGUAGES)}")
    story = _Story(rng, language)
    doc = story.build()
    return doc, frozenset(v for v in story.inserted if v and v in doc["text"])


# Template slots that hold ordinary words, not identifiers: kinship words, pronouns,
# durations, counts, occupations, descriptions of victims.
_NOT_IDENTIFYING = frozenset({"duration", "kin1", "kin2", "kin1_pron", "kin1_pos", "kin2_pos", "kin2_pron",
                              "pron_obj", "pron_pos", "count", "occupation", "victims", "key",
                              "in_date", "from_date"})


def korean_particle(word: str, spec: str) -> str:
    """Return the form of particle ``spec`` (e.g. "은", "을", "으로") that follows ``word``."""
    with_final, without = _JOSA[spec]
    final = _final_consonant(word)
    if spec == "으로" and final == 8:  # ㄹ takes 로
        return without
    return with_final if final else without


def _final_consonant(word: str) -> int:
    word = re.sub(r"\s*\([^)]*\)\s*$", "", word).rstrip()
    if not word:
        return 0
    last = word[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28
    if last.isdigit():
        return _DIGIT_FINAL[int(last)]
    return 0


class _Ko(str):
    """A string that formats ``{value:을}`` as the value followed by the fitting particle."""

    def __format__(self, spec: str) -> str:
        return str(self) + korean_particle(self, spec) if spec else str(self)


@cache
def _fields(template: str) -> frozenset[str]:
    return frozenset(field for _, field, _, _ in _FIELDS.parse(template) if field)


@cache
def _data(name: str) -> dict[str, Any]:
    raw = resources.files("cli.demo").joinpath("data", f"synthetic_{name}.json").read_text("utf-8")
    return dict(json.loads(raw))


@dataclass(frozen=True)
class _Name:
    """A fictional person's name: as written in this testimony, plus other spellings."""

    text: str
    given: str
    ko: str
    ko_nk: str | None
    passport: str
    variants: tuple[str, ...]
    sex: str
    surname: dict[str, str]


class _Story:
    """One testimony being assembled: context values, paragraphs, events and terms."""

    def __init__(self, rng: random.Random, language: str) -> None:
        self.rng, self.lang = rng, language
        self.words, self.tpl = _data("words"), _data(language)
        self.ko = language == "ko"
        self.sex = "female" if rng.random() < 0.7 else "male"
        self.system = rng.choice(SYSTEMS)
        self.ctx: dict[str, str] = {}
        self.paragraphs: list[str] = []
        self.events: list[dict[str, Any]] = []
        self.terms: list[str] = []
        self.used: set[str] = set()  # Hangul names already given to someone in this story
        self.inserted: set[str] = set()  # identifying strings put into the text

    # -- small pickers ------------------------------------------------------------------

    def pick(self, items: Sequence[Any]) -> Any:
        return self.rng.choice(items)

    def tr(self, pair: tuple[str, str]) -> str:
        return pair[1] if self.ko else pair[0]

    def person(self, sex: str, surname: dict[str, str] | None = None) -> _Name:
        """Draw a new person of ``sex`` ("any" for either), optionally with a given surname."""
        surname = surname or self.pick(self.words["surnames"])
        given = self.pick([g for g in self.words["given_names"]
                           if sex in ("any", g["sex"]) and surname["ko"] + g["ko"] not in self.used])
        self.used.add(surname["ko"] + given["ko"])
        variants = {system: _romanise(surname, given, system) for system in SYSTEMS}
        ko = surname["ko"] + given["ko"]
        return _Name(
            text=ko if self.ko else variants[self.system][0],
            given=given["ko"] if self.ko else variants[self.system][1],
            ko=ko,
            ko_nk=surname["ko_nk"] + given["ko"] if "ko_nk" in surname else None,
            passport=f"{surname['pp'].upper()} {given['pp'].replace('-', '').upper()}",
            variants=tuple(v[0] for v in variants.values()),
            sex=given["sex"],
            surname=surname,
        )

    def date(self, year: int, precisions: Sequence[str] = ("month", "month", "month", "day", "year")) -> str:
        """Set ``date``/``in_date``/``from_date`` in the context; return the event date."""
        precision = self.pick(precisions)
        month, day = self.rng.randint(1, 12), self.rng.randint(1, 28)
        if precision == "year":
            season = self.rng.randrange(4)
            text = f"{year}년 {_SEASONS_KO[season]}" if self.ko else f"the {_SEASONS_EN[season]} of {year}"
            prep, iso = "in", str(year)
        elif precision == "month":
            text = f"{year}년 {month}월" if self.ko else f"{_MONTHS[month - 1]} {year}"
            prep, iso = "in", f"{year}-{month:02d}"
        else:
            text = f"{year}년 {month}월 {day}일" if self.ko else self.pick(
                (f"{day} {_MONTHS[month - 1]} {year}", f"{_MONTHS[month - 1]} {day}, {year}"))
            prep, iso = "on", f"{year}-{month:02d}-{day:02d}"
        self.ctx.update(date=text, in_date=f"{prep} {text}", from_date=f"from {text}")
        return iso

    def age(self, years: int, key: str = "age") -> None:
        if self.ko:
            native = "스무" if years == 20 else _TENS_KO[years // 10] + _UNITS_KO[years % 10]
            self.ctx[key] = self.pick((f"{native} 살", f"{years}살"))
        else:
            self.ctx[key] = str(years)
            self.ctx["aged"] = self.pick((f"aged {years}", f"{years} years old"))

    def money(self, low: int, high: int, currency: str = "yuan") -> None:
        amount = self.rng.randint(low // 1000, high // 1000) * 1000
        if self.ko:
            unit = "위안" if currency == "yuan" else "달러"
            self.ctx["money"] = self.pick((f"{amount:,}{unit}", f"{_ko_number(amount)} {unit}"))
        elif currency == "yuan":
            self.ctx["money"] = self.pick((f"{amount:,} yuan", f"{amount:,} RMB", f"{amount:,} yuan"))
        else:
            self.ctx["money"] = self.pick((f"${amount:,}", f"{amount:,} US dollars"))

    def duration(self, choices: Sequence[tuple[str, str]] = _DURATIONS) -> None:
        self.ctx["duration"] = self.tr(self.pick(choices))

    def phone(self) -> None:
        def d(n: int) -> str:
            return "".join(str(self.rng.randrange(10)) for _ in range(n))

        prefix = self.pick(("13", "15", "18")) + d(1)
        self.ctx["phone_cn"] = self.pick((f"+86 {prefix} {d(4)} {d(4)}", f"{prefix}-{d(4)}-{d(4)}"))
        self.ctx["phone_kr"] = self.pick((f"010-{d(4)}-{d(4)}", f"+82 10-{d(4)}-{d(4)}"))
        self.ctx["phone_home"] = f"+86 {self.pick(('13', '15', '18'))}{d(1)} {d(4)} {d(4)}"
        self.terms += [self.ctx["phone_cn"], self.ctx["phone_kr"], self.ctx["phone_home"]]

    def nk_place(self, *, border: bool | None = None, river: str | None = None) -> dict[str, Any]:
        places = [p for p in self.words["nk_places"]
                  if (border is None or p["border"] == border) and (river is None or p.get("river") == river)]
        return dict(self.pick(places))

    def place_names(self, place: dict[str, Any]) -> tuple[str, str, str]:
        """Return (full, short, province) for a North Korean place in this language."""
        prov = self.words["provinces"][place["prov"]]
        if self.ko:
            province = self.pick((prov["ko"], prov.get("ko_nk", prov["ko"])))
            short = self.pick((place["ko"], place["ko"] + place["suffix"]))
            return f"{province} {place['ko']}{place['suffix']}", short, province
        name, province = self.pick(place["en"]), self.pick(prov["en"])
        county = " County" if place["suffix"] == "군" else ""
        return f"{name}{county}, {province}", name, province

    def event(self, kind: str, when: str | None, place: str, perpetrator: str | None, victims: str) -> None:
        perp = self.words["perpetrators"][perpetrator][self.lang] if perpetrator else None
        self.events.append({"violation_type": kind, "date": when, "place": place,
                            "perpetrator": perp, "victims": victims})

    def say(self, kind: str, **values: str) -> None:
        """Render one paragraph of ``kind``: one fitting alternative from each slot."""
        self.ctx.update(values)
        ctx = {k: _Ko(v) for k, v in self.ctx.items()} if self.ko else self.ctx
        pieces = []
        for slot in self.tpl[kind]:
            fitting = [alt for alt in slot if _fields(alt) <= ctx.keys()]
            if not fitting:
                continue
            chosen = self.pick(fitting)
            text = chosen.format_map(ctx)
            used = _fields(chosen)
            self.inserted.update(str(self.ctx[k]) for k in used - _NOT_IDENTIFYING)
            if "in_date" in used or "from_date" in used:
                self.inserted.add(self.ctx["date"])
            if text:
                pieces.append(text[0].upper() + text[1:])
        if pieces:
            self.paragraphs.append(" ".join(pieces))

    # -- the story ----------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        rng, w = self.rng, self.words
        birth = rng.randint(1958, 1998)
        first = rng.randint(max(1994, birth + 15), 2018)
        me = self.person(self.sex)
        self.cast(me)
        origin = self.nk_place()
        full, short, province = self.place_names(origin)
        crossing = origin if origin["border"] else self.nk_place(border=True)
        river = w["rivers"][crossing["river"]]
        occupation = self.pick(w["occupations"])
        cn = self.pick(w["cn_places"])
        self.ctx.update(
            birth_year=str(birth), origin=full, origin_short=short, province=province,
            occupation=occupation[self.lang], river=river[self.lang],
            cross_place=self.place_names(crossing)[1], cn_place=cn[self.lang],
            cn_place_full=self.pick((f"{cn['prov_ko']} {cn['ko']}", f"{cn['ko']}({cn['zh']})")) if self.ko
            else self.pick((f"{cn['en']}, {cn['prov_en']}", f"{cn['en']} ({cn['zh']})")),
        )
        self.phone()
        alias = self.pick([a for a in w["chinese_names"] if a["sex"] == self.sex])
        self.ctx["alias"] = (f"{alias['hangul']}({alias['hanzi']})" if self.ko
                             else f"{alias['pinyin']} ({alias['hanzi']})")
        self.terms += [alias["hangul"] if self.ko else alias["pinyin"], alias["hanzi"]]
        broker, broker2 = self.person("any"), self.person("any")
        self.ctx.update(broker=broker.text, broker2=broker2.text)
        self.terms += [broker.text, broker2.text]
        years = self.interview(birth, first, crossing, short, cn, full)
        return self.record(me, birth, full, occupation, *years)

    def cast(self, me: _Name) -> None:
        """Name the witness and two relatives; every spelling used goes to the sensitive terms."""
        pronouns = {"female": ("her", "her"), "male": ("his", "him")}
        self.ctx.update(name=me.text, given=me.given, hname=me.ko,
                        pron_pos=pronouns[self.sex][0], pron_obj=pronouns[self.sex][1])
        if self.ko:
            if me.ko_nk:
                self.ctx["name_alt"] = me.ko_nk
            self.ctx["name_latin"] = me.passport
        else:
            self.ctx["name_alt"] = self.pick([v for v in (*me.variants, me.passport) if v != me.text])
        self.terms += [me.text, me.ko, me.ko_nk or "", me.passport, self.ctx.get("name_alt", "")]
        options = [k for k in self.words["kin"] if k.get("witness", self.sex) == self.sex]
        for slot, kin in zip(("kin1", "kin2"), self.rng.sample(options, 2)):
            person = self.person(kin["sex"], me.surname if kin["same_surname"] else None)
            korean = kin.get("ko") or kin["ko_f" if self.sex == "female" else "ko_m"]
            self.ctx[slot] = korean if self.ko else kin["en"]
            self.ctx[slot + "_name"] = person.text
            self.ctx[slot + "_pos"], self.ctx[slot + "_pron"] = pronouns[person.sex]
            self.terms.append(person.text)

    def interview(self, birth: int, first: int, crossing: dict[str, Any], short: str,
                  cn: dict[str, Any], origin_full: str) -> tuple[int, int]:
        """Write the paragraphs in story order; return (exit year, arrival year)."""
        rng, ko = self.rng, self.ko
        witness = "증언자" if ko else "the witness"
        self.ctx["count"] = str(rng.randint(3, 15))
        self.say("intro")
        if first >= 1995 and birth <= 1988 and rng.random() < 0.5:
            when = self.date(rng.randint(1995, min(1999, first)), ("month", "year", "year"))
            victims = self.pick(_FAMINE_VICTIMS)
            self.say("famine", victims=self.tr(victims))
            self.event("starvation", when, origin_full, None, self.tr(victims).replace("my ", "the witness's "))
        if rng.random() < 0.35:
            year = rng.randint(max(1994, birth + 12), first)
            when = self.date(year)
            self.age(year - birth)
            victims = self.tr(self.pick(_EXECUTED))
            place = self.place_names(self.nk_place())[1]
            self.say("execution", place=place, victims=victims)
            self.event("public_execution", when, place, "peoples_security", victims)
        when = self.date(first)
        self.age(first - birth)
        self.money(3000, 30000)
        self.say("crossing")
        if rng.random() < 0.3:
            self.event("restriction_of_movement", when, self.ctx["cross_place"], "border_guards", witness)
        if self.sex == "female" and rng.random() < 0.5:
            when = self.date(first + rng.randint(0, 1) if first < 2019 else first)
            self.money(5000, 40000)
            self.say("trafficking")
            self.event("trafficking", when, cn[self.lang], "traffickers", witness)
        elif self.sex == "female" or rng.random() < 0.7:
            self.money(800, 3000)
            self.duration()
            self.say("china_life")
        exit_year = first
        if rng.random() < 0.55:
            exit_year = self.detention(birth, min(first + rng.randint(0, 2), 2019), crossing, witness)
        arrival = min(exit_year + rng.randint(0, 4), 2024)
        route = self.pick(self.words["routes"])
        countries = route[self.lang]
        joined = (countries[0] + korean_particle(countries[0], "과") + " " + countries[1] if len(countries) > 1
                  else countries[0]) if ko else " and ".join(countries)
        self.duration(_TRAVEL)
        self.say("route", via=route["via_" + self.lang], route=joined, arrival_year=str(arrival))
        if rng.random() < 0.2:
            when = self.date(rng.randint(max(1994, birth + 15), exit_year))
            self.say("disappearance")
            self.event("enforced_disappearance", when, short, "state_security",
                       f"증언자의 {self.ctx['kin1']}" if ko else f"the witness's {self.ctx['kin1']}")
        self.say("closing")
        return exit_year, arrival

    def detention(self, birth: int, year: int, crossing: dict[str, Any], witness: str) -> int:
        """Arrest in China, repatriation, detention; return the year of the final exit."""
        rng = self.rng
        back = self.place_names(self.nk_place(border=True, river=crossing["river"]))[1]
        when = self.date(year)
        self.duration()
        self.say("arrest", place=back)
        self.event("forced_repatriation", when, back, "chinese_police", witness)
        self.duration(_DURATIONS[:4])
        self.say("interrogation", place=back)
        self.event("torture", when[:4], back, "state_security", witness)
        self.event("arbitrary_detention", when[:4], back, "state_security", witness)
        if rng.random() < 0.25:
            self.say("religion")
            self.event("religious_persecution", when, back, "state_security", witness)
        if self.sex == "female" and rng.random() < 0.25:
            self.age(rng.randint(19, 35), "age_other")
            self.say("abortion")
            self.event("forced_abortion", when, back, "peoples_security",
                       "송환된 여성" if self.ko else "a repatriated woman")
        labour = rng.random() < 0.6
        if labour:
            when = self.date(year)
            self.duration()
            prison = self.pick(self.words["prisons"])[self.lang]
            camp = self.place_names(self.nk_place())[1]
            self.say("labour", place=camp, prison=prison)
            self.event("forced_labour", when, camp, self.pick(("peoples_security", "prison_guards")), witness)
        if rng.random() < 0.3:
            when = self.date(min(year + 1, 2019))
            place = self.place_names(self.nk_place(border=False))[0]
            self.say("family", place=place)
            self.event("family_punishment", when, place, "state_security",
                       f"증언자의 {self.ctx['kin2']}" if self.ko else f"the witness's {self.ctx['kin2']}")
        exit_year = min(year + (rng.randint(1, 4) if labour else rng.randint(0, 2)), 2019)
        self.date(exit_year)
        self.money(5000, 20000, self.pick(("yuan", "dollar")))
        self.say("second_escape")
        return exit_year

    def record(self, me: _Name, birth: int, origin: str, occupation: dict[str, str],
               exit_year: int, arrival: int) -> dict[str, Any]:
        year = min(self.rng.randint(arrival + 1, arrival + 6), 2025) if arrival < 2025 else 2025
        interviewed = date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        self.ctx["interview_date_text"] = (
            f"{interviewed.year}년 {interviewed.month}월 {interviewed.day}일" if self.ko
            else f"{interviewed.day} {_MONTHS[interviewed.month - 1]} {interviewed.year}")
        body = self.paragraphs
        self.paragraphs = []
        self.say("note")
        text = "\n\n".join([self.tpl["banner"], *self.paragraphs, *body])
        terms = list(dict.fromkeys(t for t in self.terms if t and t in text))
        aliases = [t for t in terms if t != me.text and t in (me.ko, me.ko_nk, me.passport, self.ctx.get("name_alt"))]
        aliases += [a for a in (self.ctx["alias"],) if a in text]
        occupation_text = occupation[self.lang].removeprefix("a ").removeprefix("an ")
        return {
            "language": self.lang,
            "text": text,
            "interview_date": interviewed.isoformat(),
            "consent": self.pick(("archive_only", "research", "research", "public")),
            "witness": {"name": me.text, "aliases": aliases, "sex": self.sex, "birth_year": birth,
                        "origin": origin, "occupation": occupation_text, "exit_year": exit_year,
                        "arrival_year": arrival},
            "sensitive_terms": terms,
            "events": self.events,
        }


def _romanise(surname: dict[str, str], given: dict[str, str], system: str) -> tuple[str, str]:
    """Return (full name, given name) romanised in ``system``."""
    if system == "nk":
        first = " ".join(part.capitalize() for part in given["mr"].split("-"))
        return f"{surname['nk']} {first}", first
    if system == "joined":
        first = given["mr"].replace("-", "").capitalize()
        return f"{surname['pp']} {first}", first
    if system == "western":
        return f"{given['pp']} {surname['pp']}", given["pp"]
    return f"{surname[system]} {given[system]}", given[system]


def _ko_number(amount: int) -> str:
    """Write an amount the way Korean speakers say it: 19000 -> "1만 9천", 10000 -> "만"."""
    man, rest = divmod(amount, 10000)
    thousands = rest // 1000
    parts = []
    if man:
        parts.append("만" if man == 1 and not thousands else f"{man}만")
    if thousands:
        parts.append("천" if thousands == 1 and not man else f"{thousands}천")
    return " ".join(parts) or str(amount)
