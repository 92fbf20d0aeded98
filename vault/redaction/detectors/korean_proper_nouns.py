"""Proper nouns in Hangul found by the Kiwi analyser (PERSON, LOCATION, ORG).

Kiwi tags proper nouns NNP. Each one is widened to the noun stem of its word
(경북지역, 파주시에서 -> 파주시), then to the rest of the noun phrase: while a word has no
particle, the noun stem of the next word belongs to the same name (마크 러팔로, 서울
강서구 외발산동 버스차고지에, 캄차카 반도). Hanja runs (SH) and nouns Kiwi does not know
(OOV) are taken too. The label is a guess for the reviewer: gazetteer or place head ->
LOCATION, organisation head -> ORG, otherwise PERSON.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from vault.redaction._kiwi import Eojeol, Morph, analyse, eojeols, known_alone, only_common_nouns
from vault.redaction.detectors._base import make_span
from vault.redaction.detectors.contacts import APP_BEFORE_HANDLE, APP_NAMES_KO
from vault.redaction.detectors.dates import KO_HOLIDAY
from vault.redaction.detectors.korean_phrase_kinds import phrase_label
from vault.redaction.detectors.korean_titles import split_at_office
from vault.redaction.gazetteer import gazetteer, is_country, is_language, is_people, is_warship
from vault.redaction.korean import (
    KO_EVENTS,
    ORG_HEADS,
    PEOPLE_NOUNS,
    PLACE_HEADS,
    ROLE_WORDS,
    SURNAMES_1,
    WHERE_ONE_IS,
    WORK_NOUNS,
    agreeing_particle,
    closed_syllable,
)
from vault.redaction.lexicons import known_organisations
from vault.redaction.normalise import Normalised, normalise
from vault.redaction.spans import LOCATION, ORG, PERSON, Span

_NAME = "korean_proper_nouns"
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_PHRASE_OPENERS = frozenset({"NNG", "NNP", "SL", "SH", "SN", "XR", "XPN"})
_MAX_EXTRA_WORDS = 3
_TITLES_AFTER_SURNAME = frozenset("씨님군양옹모가")  # 가: 최가는, "the Choe fellow"
_JOINERS = frozenset("·∙/-")
_PUNCTUATION = frozenset({"SF", "SP", "SS", "SSO", "SSC", "SC", "SE", "SO", "SW"})


def has_hangul(text: str) -> bool:
    """Return True when ``text`` holds any Hangul syllable or jamo."""
    return _HANGUL.search(text) is not None


# Latin acronyms common in Korean text that name nothing.
_GENERIC_LATIN = frozenset("""TV SNS CCTV PC OK PD CD DVD USB ID PW GPS SMS MMS URL PDF MP3 LED
LCD CEO CF MC DJ VIP IT AI AM PM KG KM CM MM TOP OST PPL NG HD UHD CG OO OOO XX XXX QQ""".split())


def is_seed(m: Morph) -> bool:
    """Return True for a morpheme that may start a name: NNP, Hanja, an unknown noun, or a
    Latin word with capitals or digits (2NE1, NHK) in Korean text."""
    if m.tag == "NNP":
        return True
    if m.tag == "SH":
        return len(m.form) >= 2  # one Hanja is a gender (女) or a country (北, 美), no name
    if m.tag == "SL":
        return len(m.form) >= 2 and m.form.upper() not in _GENERIC_LATIN and \
            (any(c.isdigit() for c in m.form) or sum(c.isupper() for c in m.form) >= 2)
    return m.oov and m.tag.startswith("NN") and m.end - m.start >= 2


def _opens_phrase(m: Morph) -> bool:
    """A following word continues a name if it opens with a noun (Latin only if capitalised)."""
    if m.tag == "SL":
        return m.form[:1].isupper() or any(c.isdigit() for c in m.form)
    return m.tag in _PHRASE_OPENERS


def noun_phrase(subject: str, words: tuple[Eojeol, ...], morphs: tuple[Morph, ...],
                w: int, start: int) -> tuple[int, int, int]:
    """Return (start, end, last word index) of the noun phrase opened at ``start`` in word ``w``."""
    word = words[w]
    end = max(_name_end(subject, morphs, word), start + 1)
    if start >= word.stem_end:  # the seed sits after a particle or a quote: take the rest of the word
        end = start
        for m in morphs[word.first:word.last]:
            if m.start < start:
                continue
            if m.tag in _PUNCTUATION and m.form not in _JOINERS:
                break  # '데일리가상'과: a closing quote ends the name; the particle after it is grammar
            if m.tag.startswith("J") and m.end - m.start >= 2 and end > start:
                break  # "구류장에서: a particle of two syllables ends no name
            end = m.end
        return start, min(max(end, start + 1), word.end), w
    extra = 0
    # A word for a kind of person is no part of a name (북한 여성, 중국 주민, 연대 보위부 사람):
    # a country's institutions go on with it (중국 정부, 북한 보위부). Nor is a word that says
    # where someone is from (회령 출신), or a person named by a surname (최모(41)씨, 김씨).
    while (extra < _MAX_EXTRA_WORDS and words[w].stem_end == words[w].end and w + 1 < len(words)
           and not kind_of_person(subject[words[w + 1].start:words[w + 1].stem_end])
           and not _about_a_person(subject[words[w + 1].start:words[w + 1].end])
           and words[w + 1].start == words[w].end + 1 and words[w + 1].stem_end > words[w + 1].start
           and _opens_phrase(morphs[words[w + 1].first])
           and subject[words[w + 1].start:words[w + 1].stem_end] not in ROLE_WORDS | _ORIGIN_WORDS | _TIME_NOUNS
           and not _common_noun_after_a_name(subject, words[w], morphs[words[w + 1].first:words[w + 1].last])
           and not _person_after_a_town(subject, words, w, w + 1, morphs[words[w + 1].first])
           and not _no_name_word(subject, words[w], words[w + 1])):
        w += 1
        extra += 1
        end = _name_end(subject, morphs, words[w])
    return start, end, w


# Words that end a name before them: what comes under or after a body (국가보위성 산하 수용소),
# and what one holds at a bank or a body (국민은행 계좌, 하나센터 전화번호).
_RELATIONS = frozenset("산하 소속 직속 휘하 계좌 계좌번호 통장 카드 번호 전화번호 전화 휴대폰 핸드폰 연락처 주소".split())
# Hanawon's class (하나원 142기) is a number of its own (ID_NUMBER), no part of the name; the
# class of another body stays in its name, masked with it (사법연수원 16기).
# 서울중앙지방법원 2019고합123, 제주시내 8만 5600명, 로동신문 1면: a year, a count or a page opens no part of a name.
_NUMBER_LED = re.compile(r"(?:19|20)\d{2}[가-힣]|[\d,.]+(?:\s?[만천억])?(?:\s?[\d,.]+)?\s?(?:명|개|곳|채|척|마리|톤|건|개소|면|쪽|페이지)")
_CLASS_NUMBER = re.compile(r"제?\d{1,4}기(?:생)?(?:들)?")


def a_place(word: str) -> bool:
    """Is ``word`` a gazetteer place, with or without its unit (부산, 부산시)?"""
    gaz = gazetteer()
    return gaz.find(word) is not None or len(word) > 2 and word[-1] in "시군구도현" and gaz.find(word[:-1]) is not None


def _person_after_a_town(subject: str, words: tuple[Eojeol, ...], t: int, w: int, first: Morph) -> bool:
    """Is word ``w`` a person from the town ``t`` before it (부산시 박수진이): a full name's shape that the
    analyser reads in this sentence as one proper noun (not 백령도 서남방, an unknown common noun), with
    no place's word after it (훈춘시 경신진 부근: a town)?"""
    town, word = words[t], words[w]
    noun = subject[word.start:word.stem_end]
    after = subject[words[w + 1].start:words[w + 1].stem_end] if w + 1 < len(words) else ""
    return first.tag == "NNP" and first.end == word.stem_end and _full_name_shape(noun) \
        and after not in PLACE_HEADS and a_place(subject[town.start:town.stem_end])


def _full_name_shape(noun: str) -> bool:
    """Is ``noun`` shaped like a full Korean name: a surname and two syllables, no word Kiwi knows, no
    place's or body's head at its end (박수진, not 김책공대 nor 박천군)?"""
    return len(noun) == 3 and noun[0] in SURNAMES_1 and noun[-1] not in "시군구도동리읍면현" \
        and not any(noun.endswith(h) for h in ORG_HEADS) and not known_alone(noun)


def _no_name_word(subject: str, name: Eojeol, word: Eojeol) -> bool:
    """Is ``word`` no part of the name before it: a relation (산하, 소속), a thing held there
    (계좌), a year or a count (2019고합123, 8만 5600명), Hanawon's class number (142기), or a work after a
    country (남조선 드라마, 중국 영화: the country says where it comes from)?"""
    noun = subject[word.start:word.stem_end]
    if noun in _RELATIONS or _NUMBER_LED.match(subject, word.start) or _CLASS_NUMBER.fullmatch(noun) and subject[name.start:name.stem_end] == "하나원":
        return True
    return noun in WORK_NOUNS and is_country(subject[name.start:name.stem_end])


def _common_noun_after_a_name(subject: str, word: Eojeol, nxt: tuple[Morph, ...]) -> bool:
    """Is the next word a common noun Kiwi knows after a given name with its familiar -이 (영철이 소식;
    -이 follows a closed syllable: 장쯔이 is a name of its own)?
    A person's name takes no common noun into itself; a place's does (서울 강서구 외발산동
    버스차고지), and so does a name before a head word (가상 재단)."""
    stem = subject[word.start:word.stem_end]
    if not nxt or nxt[0].tag != "NNG" or nxt[0].oov or gazetteer().find(stem) is not None:
        return False
    head = subject[nxt[0].start:nxt[-1].end]
    familiar = len(stem) == 3 and stem.endswith("이") and closed_syllable(stem[1])
    return familiar and not any(head.startswith(h) for h in PLACE_HEADS | ORG_HEADS)


def _counter(morphs: tuple[Morph, ...], words: tuple[Eojeol, ...], w: int) -> bool:
    """Is word ``w`` a counter after a numeral (두 번, 세 명): no first part of a name."""
    inside = morphs[words[w].first:words[w].last]
    if len(inside) != 1 or inside[0].tag != "NNB" or w == 0:
        return False
    before = words[w - 1]
    return before.last > before.first and morphs[before.last - 1].tag in ("MM", "NR", "SN")


_NAMING_WORDS = frozenset("이름 가명 본명 별명 암호명 코드명 실명 예명 필명 호칭".split())
_ADDRESSED = re.compile(r"\s?(?:씨|님)(?![가-힣]{2})")
_ORIGIN_WORDS = frozenset("출신 태생 거주 거주자 출생".split())
# Words for when: 2011년 겨울 양강도 혜산에서, 사건 당시 김모씨는.
_TIME_NOUNS = frozenset("봄 여름 가을 겨울 초 말 중순 초순 하순 당시 이후 이전 직후 직전 무렵 새벽 아침 낮 저녁 밤 오전 오후 "
                        "후 뒤 전 때 동안 처음 마지막 이듬해 그해 올해 작년 내년 지난해 그때 이때 그날 이날 그동안 요즘 "
                        "지금 현재 최근 어제 오늘 내일 매일 하루 시대 시절 시기 집권기 초기 말기".split())


def is_job(word: str) -> bool:
    """Is ``word`` a job made of known nouns (신변보호관, 상담사, 상담원): no name, nor the first part of
    the name after it? (A known word that is no job, 조정기, may be a name: 조정기 씨.)"""
    return len(word) >= 3 and word.endswith(("관", "사", "원")) and only_common_nouns(word)


# A short bare noun before a name that is no part of it.
_NOT_A_FIRST_PART = ROLE_WORDS | _ORIGIN_WORDS | PEOPLE_NOUNS | _TIME_NOUNS | _RELATIONS | {"대부분", "대다수", "상당수"} \
    | {"건너", "너머", "건너편", "맞은편", "강건너"}  # 강 건너 장백: across the river, no part of the town's name
# 김씨는, 최모(41)씨: 군, 양 and a bare 모 open too many words (장군, 반군, 이모, 부모).
_LETTER_TITLED = re.compile(r"[A-Z]{1,2}\s?(?:씨|모\s?씨|군|양)")  # 북한이탈주민 A씨: a letter standing for a name
SURNAME_TITLED = re.compile(rf"[{''.join(sorted(SURNAMES_1))}](?:씨|모\s?[(씨])")


def _about_a_person(word: str) -> bool:
    """Does a word say where someone is from (출신, a country: 김정은 북한 국무위원장), or name a person
    by a surname or a letter (최모(41)씨, 김씨는, A씨)?"""
    stem = word.rstrip(".,")
    if stem in _ORIGIN_WORDS or SURNAME_TITLED.match(word) is not None or _LETTER_TITLED.match(word) is not None:
        return True
    place = gazetteer().find(stem) if 2 <= len(stem) <= 4 else None
    return place is not None and place.kind == "country" and stem in place.ko


def _ship_or_holiday(stem: str) -> bool:
    """Is a word's noun stem a warship named after a place (천안함), a holiday (태양절, 광명성절) or an event
    everyone knows (서울올림픽, 평창동계올림픽)?"""
    return is_warship(stem) or stem.endswith("절") and KO_HOLIDAY.fullmatch(stem) is not None \
        or stem.endswith(KO_EVENTS) and len(stem) > 3


def _currency(stem: str, after: str = "") -> bool:
    """Is a word a country's money (중국돈, 조선돈, 한국돈), or a country before the word 돈 (중국 돈)?"""
    return stem.endswith("돈") and is_country(stem[:-1]) or after.startswith(" 돈") and is_country(stem)


def kind_of_person(word: str) -> bool:
    """A word for a kind of person, a role or a title, with 들 or 님 (주민들, 목사님)."""
    plain = word.removesuffix("들").removesuffix("님")
    return plain in PEOPLE_NOUNS or plain in ROLE_WORDS


def _name_end(subject: str, morphs: tuple[Morph, ...], word: Eojeol) -> int:
    """Return where the name part of a word ends.

    Usually the end of its noun stem. But when the word holds a proper or unknown noun
    and what follows the stem is not a particle, Kiwi has most likely cut a foreign name
    in two (앳킨+슨, 프리+먼): take the rest of the word too, up to two syllables.
    """
    end = word.stem_end
    if end >= word.end or end == word.start:
        return end
    inside = morphs[word.first:word.last]
    if not any(is_seed(m) for m in inside if m.end <= end):
        return end
    after = next((m for m in inside if m.start >= end), None)
    if after is None or after.tag.startswith("J") or after.tag == "VCP":
        return end
    if after.form == "이" and after.end < word.end and subject[after.end] in _PARTICLE_STARTS:
        return after.end  # 명철이가: the familiar -이 is the name's, the particle after it is grammar
    rest = subject[end:word.end].rstrip(".,!?;:'\"”’)…~")
    return end + len(rest) if 0 < len(rest) <= 2 and rest.isalpha() else end


def _short_name_end(subject: str, word: Eojeol, start: int, end: int) -> int:
    """Take a three-syllable word whole when it opens with a surname (배두+나, 김+은+형).

    Kiwi often reads the end of an unknown name as a particle; a particle lost under a
    mask costs nothing, a readable syllable of a name may. Places are left alone.
    """
    surface = subject[start:end]
    whole = subject[word.start:word.end]
    if start != word.start or not 1 <= len(surface) <= 2 or len(whole) != 3 or end >= word.end:
        return end
    if surface[0] not in SURNAMES_1 or not all("\uac00" <= c <= "\ud7a3" for c in whole):
        return end
    if whole[1] in _TITLES_AFTER_SURNAME or len(surface) == 2 and agreeing_particle(whole[1], whole[2]):
        return end  # 김씨는: the surname and its title; 김철이: the particle after them is grammar
    if whole[1] == "이" and whole[2] in _PARTICLE_STARTS:
        return word.start + 2  # 옥이가: a one-syllable name, its familiar -이, then the particle
    if surface in gazetteer().hangul or surface.casefold() in known_organisations():
        return end
    return word.end


_PARTICLE_STARTS = frozenset("가는를도랑와의에한만")
_GLOSS = re.compile(r"\((?!\d|[여남]\s?[·,]\s?\d)[^()\s]{1,12}\)")  # not an age: 최모(41)씨, 김모(41·여)씨


def _gloss(subject: str, morphs: tuple[Morph, ...], end: int) -> int:
    """Extend over a parenthesised gloss and the suffix after it: 지린(吉林)성."""
    m = _GLOSS.match(subject, end)
    if m is None:
        return end
    end = m.end()
    starts = [x.start for x in morphs]
    i = bisect.bisect_left(starts, end)
    while i < len(morphs) and morphs[i].start == end and morphs[i].tag in ("NNG", "NNP", "XSN", "NNB"):
        end = morphs[i].end
        i += 1
    return end


def _body_and_name(norm: Normalised, morphs: tuple[Morph, ...], start: int, end: int,
                   body_end: int, name_start: int) -> Iterator[Span]:
    """Yield the body before an office (if any) and the name after it."""
    body = norm.text[start:body_end].rstrip()
    if body and body not in PLACE_HEADS | ORG_HEADS:
        tail = tuple(m for m in morphs if start <= m.start and m.end <= start + len(body))
        yield make_span(norm, start, start + len(body), phrase_label(body, tail), 0.8, _NAME, "a body before an office")
    yield make_span(norm, name_start, end, PERSON, 0.8, _NAME, "a name after an office")


class KoreanProperNounDetector:
    """Hangul proper nouns and the noun phrases they open."""

    name = _NAME
    label = PERSON
    languages = frozenset({"ko"})

    def detect(self, text: str) -> Iterator[Span]:
        """Yield spans for proper-noun phrases of Korean text."""
        norm = normalise(text)
        subject = norm.text
        if not has_hangul(subject):
            return
        morphs = analyse(subject)
        words = eojeols(subject)
        word_starts = [wd.start for wd in words]
        covered = 0
        for i, m in enumerate(morphs):
            if m.start < covered or not is_seed(m):
                continue
            if m.end - m.start == 2 and i + 1 < len(morphs) and morphs[i + 1].start == m.end \
                    and morphs[i + 1].tag in ("XSV", "XSA"):
                continue  # 북송되었다, 탈북하다: a two-syllable noun made a verb is an act
            if m.tag != "NNP" and i + 1 < len(morphs) and morphs[i + 1].start == m.end \
                    and morphs[i + 1].form == "들" and morphs[i + 1].tag == "XSN":
                continue  # 계호원들: an unknown noun made plural is a kind of people, not a name
            w = bisect.bisect_right(word_starts, m.start) - 1
            word = words[w]
            if is_people(subject[word.start:word.stem_end]) or is_language(subject[word.start:word.stem_end]):
                continue  # 조선족 통역: a people, and the noun after it, name no one
            if subject[word.start:word.stem_end] in APP_NAMES_KO or m.form in APP_NAMES_KO \
                    or APP_BEFORE_HANDLE.match(subject, word.start):
                continue  # 위챗 아이디, [카톡]: an app names no one (the handle after it is a contact)
            if _currency(subject[word.start:word.stem_end], subject[word.end:word.end + 3]):
                covered = word.stem_end
                continue  # 중국돈 3천 위안: a country's money, then an amount
            opens = m.start == word.start
            if kind_of_person(subject[m.start:m.end]) or opens and kind_of_person(subject[word.start:word.stem_end]):
                covered = max(m.end, word.stem_end) if opens else m.end  # 로동자로: the whole word is a kind
                continue  # 꽃제비, 탈북민: a kind of person names no one
            if subject[word.start:word.stem_end] in _NAMING_WORDS:
                covered = word.stem_end
                continue  # 암호명은 독수리: the word for a name is none (the name after it is cue_names')
            if _ship_or_holiday(subject[word.start:word.stem_end]):
                covered = word.stem_end
                continue  # 천안함 사건, 태양절: a warship named after a town, a holiday (a date) name no one
            first = i
            while first > word.first and morphs[first - 1].end == morphs[first].start \
                    and morphs[first - 1].start >= covered \
                    and morphs[first - 1].tag in _PHRASE_OPENERS | {"NNB", "XPN", "NR"}:
                first -= 1
            start = morphs[first].start
            prev = words[w - 1] if w > 0 else None
            if first == word.first and prev is not None and prev.end + 1 == word.start \
                    and prev.stem_end == prev.end and prev.start >= covered \
                    and 1 <= prev.end - prev.start <= 5 \
                    and all("\uac00" <= c <= "\ud7a3" for c in subject[prev.start:prev.end]) \
                    and subject[prev.start:prev.end] not in _NOT_A_FIRST_PART and morphs[prev.first].tag != "NP" \
                    and not is_job(subject[prev.start:prev.end]) \
                    and not _person_after_a_town(subject, words, w - 1, w, morphs[word.first]) \
                    and not is_people(subject[prev.start:prev.end]) \
                    and not _counter(morphs, words, w - 1):
                # A short bare noun before a name is usually its first part (오밀리 브라우닝: made up);
                # not a job made of known nouns (신변보호관 박 경위).
                start = prev.start
            start, end, last = noun_phrase(subject, words, morphs, w, start)
            end = _gloss(subject, morphs, end)
            end = _short_name_end(subject, words[last], start, end)
            if end - start > 1 and (subject[start:end] in PLACE_HEADS or subject[start:end] in ORG_HEADS):
                covered = end
                continue  # "구류장에서: a head noun alone (a holding cell, a mine) names no place
            split = split_at_office(subject, words, morphs, bisect.bisect_right(word_starts, start) - 1, last, start, end)
            if split is not None:  # 회령시 보위부 반탐처장 김철: a body, its office, a person
                yield from _body_and_name(norm, morphs, start, end, *split)
                covered = end
                continue
            label = phrase_label(subject[start:end], morphs[words[last].first:words[last].last])
            if label == ORG and _ADDRESSED.match(subject, end):
                label = PERSON  # 선우은행 씨: a name that ends like a bank, then 씨
            if label == PERSON and WHERE_ONE_IS.match(subject, end):
                label = LOCATION  # 영등포에 있는 쪽방, 마포에서 살았다: one lives in a place, never in a person
            if label == PERSON and subject[start:end].endswith("들") and " " in subject[start:end]:
                end = subject.rindex(" ", start, end)  # 가상방송 멤버들: a plural word is a kind of people
            score = 0.8 if m.tag == "NNP" else 0.6
            yield make_span(norm, start, end, label, score, self.name, f"proper noun ({m.tag}) per Kiwi")
            covered = end
