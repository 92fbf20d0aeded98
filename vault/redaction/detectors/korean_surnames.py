"""Korean names by surname rules (PERSON).

- surname + 씨/군/양/옹 or + 모/아무개 (박씨, 김모 씨, 최 아무개), and letters used as
  names (A씨, K군);
- a word that opens with a surname Kiwi tags as a name or determiner (김, 이, 전) and
  goes on with one or two syllables Kiwi cannot read as one word (김순정, 이동욱): the
  usual shape of a full name that is not in the analyser's dictionary.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from vault.redaction._kiwi import Analysis, Morph, analysis, eojeols, known_alone
from vault.redaction.detectors._base import make_span
from vault.redaction.detectors.korean_proper_nouns import a_place, has_hangul, kind_of_person
from vault.redaction.gazetteer import gazetteer
from vault.redaction.korean import (
    ORG_HEADS,
    PEOPLE_NOUNS,
    PERSON_CUES_AFTER,
    PLACE_HEADS,
    ROLE_WORDS,
    SURNAMES_1,
    SURNAMES_2,
    agreeing_particle,
)
from vault.redaction.normalise import Normalised, normalise
from vault.redaction.spans import LOCATION, PERSON, Span

_SURN = "(?:" + "|".join(sorted(SURNAMES_2)) + "|[" + "".join(sorted(SURNAMES_1)) + "])"
# Nouns that make a capital letter an anonymised person: A 여성, B 학생, K모 기자.
_LETTER_NOUNS = ("여성", "남성", "여자", "남자", "학생", "아동", "어린이", "교사", "원사", "군인",
                 "주민", "환자", "업체", "모", "씨")
_SURNAME_RULES = (
    (re.compile(rf"(?<![가-힣]){_SURN}(?:\s?(?:모|아무개|某))?\s?(?:씨|군|양|옹)(?![가-힣]{{2}})"),
     "surname with 씨/군/양"),
    (re.compile(rf"(?<![가-힣]){_SURN}\s?(?:아무개|모(?=\s|[은는이가을를의에와과도,.]|$))"),
     "surname with 모/아무개"),
    # 김OO, 박○○, 이XX: the given name already left out, the surname still there.
    (re.compile(rf"(?<![가-힣]){_SURN}(?:[Oo○◯〇ㅇ]{{1,3}}|[Xx×＊*]{{1,3}})(?![A-Za-z])"), "surname with a placeholder"),
    (re.compile(r"(?<![A-Za-z])[A-Z]{1,2}(?=\([^()]{1,12}\))"), "letter used as a name"),
    # ㄱ씨, ㄴ모 씨: an initial consonant stands for a name as a Latin letter does (A씨).
    (re.compile(r"(?<![가-힣ㄱ-ㅎ\u1100-\u1112])[ㄱ-ㅎ\u1100-\u1112](?=\s?(?:씨|군|양|모\s?씨))"),
     "Korean letter used as a name"),
    # A 기자, B 일병: the letter and the title together name the person.
    # (A형, AB형 without a space are blood types, not a person called A.)
    (re.compile(r"(?<![A-Za-z])(?!(?:A|B|O|AB)형)[A-Z]{1,2}\s?(?:모\s?)?(?:" + "|".join(
        sorted(PERSON_CUES_AFTER + _LETTER_NOUNS, key=len, reverse=True)) + r")"), "letter with a title"),
    # News and testimony write a person's age after the name: 주진모(33), 김모(47·회사원).
    (re.compile(r"(?<![가-힣])[가-힣]{2,4}(?=\s?\(\d{1,3}(?:세|살)?[)·,])"), "name followed by an age"),
)
# One-syllable Sino-Korean nouns that make compounds after a known noun (복귀작, 소속팀,
# 연속골, 인증샷, 전투씬, 어둠속, 노동법, 위반죄, 하락폭, 경력직, 부검실, 연락관, 유류비,
# 시작후, 기획안) and do not end given names (수, 선, 지, 진, 미 do: 이상수, 이상진 stay guesses).
_COMPOUND_TAILS = frozenset("작팀골샷씬속폭법죄키극톤차직견탄품평물텔핵급딸실관비률율량권표층통후길덕령값력론촌장안애음행도")
_PLACE_TAILS = frozenset("촌길장안도")
_PIECE_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "MAG", "MM", "XR"})
_GIVEN_TAGS = frozenset({"NNG", "NNB", "NR", "MM", "MAG", "NP", "XR", "NNP", "VV", "VA", "XSN"})


def _whole_short_word(subject: str, start: int, end: int) -> int:
    """Take the last syllable of a three-syllable word too (배두+나, 송혜+고).

    Kiwi often reads the last syllable of an unknown name as a particle or ending; a
    particle lost to the mask costs nothing, a readable syllable of a name may. Not after a
    surname and its title (김씨는, 박군이): what follows them is the particle. Nor a syllable that is a
    particle re-chosen after the mask (김철이 왔다: 인물 7이 왔다, not 인물 7 왔다); left out of a name it
    reads as grammar and says nothing.
    """
    if end - start == 2 and subject[start + 1] not in "씨님군양옹모가" and end < len(subject) and "가" <= subject[end] <= "힣" \
            and not agreeing_particle(subject[end - 1], subject[end]) and \
            (end + 1 == len(subject) or not "가" <= subject[end + 1] <= "힣"):
        return end + 1
    return end


def _known_place(word: str) -> bool:
    """Is ``word`` a place the gazetteer knows without a suffix (농포+로 is a place and its particle),
    or the head noun of one (구류소, a lock-up)?"""
    known = gazetteer().hangul.get(word)
    return known is not None and not known[1] or word in PLACE_HEADS or word in ORG_HEADS


def _guess(norm: Normalised, start: int, end: int, score: float, reason: str) -> Span | None:
    """A surname-shaped guess; a village or neighbourhood right after its town or before its numbered unit is a
    place (회령시 오봉리에서, 무산 창렬리, 위연동 3인민반): no full name ends in an address unit there. A native numeral
    (열한 명, 스물두 개) is no guess."""
    subject = norm.text
    word = subject[start:end]
    if _NATIVE_NUMBER.fullmatch(word):
        return None
    town = [w.lstrip("\"“‘'(「『[") for w in subject[:start].rstrip().rsplit(maxsplit=1)]  # "혜산시 연봉동에: quoted
    if len(word) == 3 and word[-1] in "리동읍면" and subject[start - 1:start] == " " and town and a_place(town[-1]):
        return make_span(norm, start - 1 - len(town[-1]), end, LOCATION, 0.8, "korean_surnames", "a village after its town")
    if len(word) == 3 and word[-1] in "리동" and _UNIT_AFTER.match(subject, end):
        return make_span(norm, start, end, LOCATION, 0.8, "korean_surnames", "a neighbourhood before its numbered unit")
    if score < 0.6 and gazetteer().hangul.get(word) is not None:
        # 삼장 쪽에서: a guess that is also a town's name (one the gazetteer calls ambiguous) reads as a place.
        return make_span(norm, start, end, LOCATION, score, "korean_surnames", reason + "; also a town's name")
    return make_span(norm, start, end, PERSON, score, "korean_surnames", reason)


# 위연동 3인민반, 화전리 5반: a neighbourhood or a village, then its numbered unit.
_UNIT_AFTER = re.compile(r"\s\d{1,3}\s?(?:인민반|반|작업반|분조)(?![가-힣])")
_WHERE_AROUND = re.compile(r"\s?(?:근처|부근|인근|일대|지역|쪽|방향|맞은편|건너편|세관|역|에서|에\s|으로|로\s)")


def _a_town_here(subject: str, start: int, end: int) -> bool:
    """Is ``subject[start:end]`` a town the gazetteer knows, by a name no other word shares (심양) or by one it
    shares (남양: also the South Seas) with a word of place after it (남양 근처)?"""
    known = gazetteer().hangul.get(subject[start:end])
    return known is not None and (not known[1] or _WHERE_AROUND.match(subject, end) is not None)


_NATIVE_NUMBER = re.compile("(?:열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?")
_WORD_RULES = frozenset({"surname with 씨/군/양", "name followed by an age"})


def _known_word(subject: str, found: Analysis, start: int, end: int) -> bool:
    """Does one known common noun cover ``[start, end)`` (the title or age cue inside a word)?"""
    if " " in subject[start:end] or re.match(rf"{_SURN}모", subject[start:end]):
        return False  # 이모(16)군: surname and 모 before an age are a person
    return any(m.start == start and m.end >= end and m.tag == "NNG" and not m.oov
               for m in found.between(start, end))


def _word_of_a_kind_of_person(subject: str, start: int) -> bool:
    """Is the word at ``start``, a particle aside, a word of three syllables or more for a kind of person?"""
    word = re.match("[가-힣]+", subject[start:])
    return word is not None and any(len(stem) >= 3 and kind_of_person(stem)
                                    for stem in (word.group(), word.group()[:-1], word.group()[:-2]))


class KoreanSurnameDetector:
    """Surname-shaped Korean names."""

    name = "korean_surnames"
    label = PERSON
    languages = frozenset({"ko"})

    def detect(self, text: str) -> Iterator[Span]:
        """Yield PERSON spans found by surname rules."""
        norm = normalise(text)
        subject = norm.text
        if not has_hangul(subject):
            return
        found = analysis(subject)
        for regex, reason in _SURNAME_RULES:
            for m in regex.finditer(subject):
                if reason in _WORD_RULES and _known_word(subject, found, m.start(), m.end()):
                    continue  # 모양, 태양, 환자(63·여), 출생자(23세): a word Kiwi knows, not a name
                if reason == "surname with 씨/군/양" and _a_town_here(subject, m.start(), m.end()):
                    continue  # 심양, 남양 근처: a town's name that opens with a surname's syllable
                if reason == "surname with 모/아무개" and " " not in m.group() and any(
                        x.start == m.start() and x.end >= m.end() and x.tag == "NNG" and not x.oov
                        for x in found.between(m.start(), m.end())):
                    continue  # 부모, 공모, 이모 (aunt): one word Kiwi knows; 김모 씨, 이모(16)군 are found above
                yield make_span(norm, m.start(), m.end(), PERSON, 0.8, self.name, reason)
        morphs = found.morphs
        yield from self._fragmented(norm, subject, morphs)
        yield from self._vocatives(norm, morphs)
        yield from self._name_suffix(norm, morphs)
        n = len(morphs)
        for i, sur in enumerate(morphs):
            if sur.form not in SURNAMES_1 or sur.tag not in ("NNP", "MM", "NNG", "XPN", "NR") \
                    or (sur.start > 0 and ("\uac00" <= subject[sur.start - 1] <= "\ud7a3" or subject[sur.start - 1].isdigit())):
                continue  # inside a word, or a counter after a number (142기생, 3차 회의)
            # Following morphemes inside the same word, up to two syllables in all.
            j, end, pieces = i + 1, sur.end, 0
            while j < n and morphs[j].start == end and morphs[j].tag in _GIVEN_TAGS \
                    and end - sur.end + (morphs[j].end - morphs[j].start) <= 2:
                end = morphs[j].end
                pieces += 1
                j += 1
            if pieces == 0 or end - sur.end < 1:
                continue
            if sur.tag == "NNG" and pieces < 2 and not (
                    end - sur.start == 2 and j < n and morphs[j].start == end and morphs[j].tag.startswith("J")
                    and morphs[j - 1].tag.startswith("NN")):
                continue  # a common noun plus one syllable is usually a compound (but 김탄+한테서)
            if _known_place(subject[sur.start:end]) or known_alone(subject[sur.start:end]):
                continue  # 농포 (a place), 제일 (most), 현주소 (the present state): known words
            end = _whole_short_word(subject, sur.start, end)
            if _word_of_a_kind_of_person(subject, sur.start):
                continue  # 피면담자가: the word is a kind of person, no surname opens it
            guess = _guess(norm, sur.start, end, 0.5, "surname followed by syllables that are not a known word")
            if guess is not None:
                yield guess

    def _vocatives(self, norm: Normalised, morphs: tuple[Morph, ...]) -> Iterator[Span]:
        """A noun followed by the vocative particle (순희야, 샛별아) is someone addressed."""
        for i, m in enumerate(morphs):
            if m.tag != "JKV" or i == 0:
                continue
            first = i - 1
            if not morphs[first].tag.startswith("NN") or morphs[first].end != m.start:
                continue
            while first > 0 and morphs[first - 1].end == morphs[first].start \
                    and morphs[first - 1].tag.startswith(("NN", "XR")):
                first -= 1
            if norm.text[morphs[first].start:morphs[i - 1].end] in ROLE_WORDS:
                continue  # 아이야, 엄마야: a child or a mother called, no name
            yield make_span(norm, morphs[first].start, morphs[i - 1].end, PERSON, 0.6, self.name,
                            "addressed with the vocative particle (-아/-야)")

    def _name_suffix(self, norm: Normalised, morphs: tuple[Morph, ...]) -> Iterator[Span]:
        """Noun + 이 + particle (샛별이가, 초원이는): after a consonant, a given name takes -이
        before its particle; a common noun cannot take two particles in a row."""
        for i in range(1, len(morphs) - 1):
            m = morphs[i]
            if m.form != "이" or m.tag not in ("JKS", "XSN", "JKC", "XSM"):
                continue
            prev, nxt = morphs[i - 1], morphs[i + 1]
            if not prev.tag.startswith(("NN", "XR")) or prev.end != m.start or nxt.start != m.end \
                    or not nxt.tag.startswith("J") or prev.end - prev.start > 3:
                continue
            # Kiwi may cut the name into one-syllable nouns (미+향+이가): the name is all of them.
            first = i - 1
            while first > 0 and morphs[first - 1].end == morphs[first].start \
                    and morphs[first - 1].tag.startswith(("NN", "XR")) \
                    and prev.end - morphs[first - 1].start <= 3 and morphs[first].end - morphs[first].start == 1:
                first -= 1
            yield make_span(norm, morphs[first].start, m.end, PERSON, 0.6, self.name,
                            "given name with the suffix -이 before a particle")

    def _fragmented(self, norm: Normalised, subject: str, morphs: tuple[Morph, ...]) -> Iterator[Span]:
        """A 3-syllable noun stem opening with a surname that Kiwi splits into pieces
        (조성+진, 이상+윤): the shape of a full name missing from the dictionary."""
        for word in eojeols(subject):
            stem = subject[word.start:word.stem_end]
            inside = morphs[word.first:word.last]
            lead: list[Morph] = []
            for m in inside:
                if m.tag not in _PIECE_TAGS or m.end - m.start != 1 or (lead and m.start != lead[-1].end):
                    break
                lead.append(m)
            if len(lead) == 2 and (lead[0].tag == "MM" and lead[0].form in "그저" or
                                   lead[0].tag == "NNG" and lead[1].tag == "NNB" and lead[1].form not in PERSON_CUES_AFTER):
                lead = []  # a demonstrative before a noun (그안, 그밖), a bound noun after one (극중, 혈중)
            if len(lead) == 2 and lead[0].tag == "NNG" and lead[0].form not in SURNAMES_1 and lead[0].form != lead[1].form \
                    and lead[1].form in _COMPOUND_TAILS - _PLACE_TAILS:
                lead = []  # 쌀값, 옷값: a common noun and a noun that makes compounds (not 키키, nor 북촌, a place)
            if len(lead) == 2 and lead[0].start == word.start and subject[word.start:lead[1].end].isalpha():
                after = inside[2] if len(inside) > 2 else None
                if (after is None or after.tag.startswith(("J", "V", "E", "S"))) and \
                        not _known_place(subject[word.start:lead[1].end]):
                    end = _whole_short_word(subject, word.start, lead[1].end)
                    guess = _guess(norm, word.start, end, 0.4, "two syllables that are not one known word")
                    if guess is not None:
                        yield guess
                    continue
            if len(stem) != 3 or stem[0] not in SURNAMES_1 or not stem.isalpha() or known_alone(stem) \
                    or stem in ROLE_WORDS or stem in PEOPLE_NOUNS:
                continue  # 예심원, 계호원: a role, no name
            pieces = [m for m in morphs[word.first:word.last] if m.end <= word.stem_end]
            if len(pieces) < 2 or any(m.tag in ("XSN", "NNB", "SN", "SL") for m in pieces):
                continue
            if not any(m.end - m.start == 1 for m in pieces):
                continue
            if pieces[0].tag in ("XPN", "NP"):
                continue  # a prefix or a pronoun before a noun (반정부, 고기압, 우리집)
            if len(pieces) == 2 and pieces[0].tag == "NNG" and not pieces[0].oov \
                    and pieces[0].end - pieces[0].start == 2 and stem[2] in _COMPOUND_TAILS:
                continue  # a known noun and a noun that makes compounds (복귀작, 소속팀, 간첩법)
            guess = _guess(norm, word.start, word.stem_end, 0.45, "three syllables opening with a surname, not one known word")
            if guess is not None:
                yield guess
