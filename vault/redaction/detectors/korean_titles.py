"""An office between a body and a person's name in Korean: 회령시 보위부 반탐처장 김철.

Testimony names an official by body, office and name, in that order (청진시당 책임비서 한동수,
온성군 안전부 수사과장 박영남). The analyser reads the three as one noun phrase, and the phrase was
masked, or generalised, whole: "함경북도가 왔다" for "the counter-intelligence chief of Hoeryong's
security department came". Split, the body is a body (generalised with its place), the office stays
readable, and the name is a person's. An office glued to a place goes with the place
(혜산시장 김철: the mayor, or the market, of Hyesan; generalised as 양강도 시장). Pure: no I/O.
"""
from __future__ import annotations

from vault.redaction._kiwi import Eojeol, Morph, known_alone
from vault.redaction.gazetteer import gazetteer
from vault.redaction.korean import (
    ADDRESS_FORMS,
    OFFICES,
    PEOPLE_NOUNS,
    PERSON_CUES_AFTER,
    ROLE_WORDS,
    SURNAMES_1,
    SURNAMES_2,
)

# Forms of address, kinship and sign-offs follow a name; they never stand before one as its office.
_NOT_OFFICES = ADDRESS_FORMS | frozenset("큰형님 큰형 큰언니 큰오빠 형사님 올림 드림".split())
# Offices and jobs that stand before a name, longest first (부장 before 장 is no office of its own).
_OFFICES = tuple(sorted(
    (OFFICES | frozenset(PERSON_CUES_AFTER) | frozenset("""대변인 세관장 편집국장 책임자 예심원 수사원 계호원 담당자 담당관
사령관 참모장 정치위원 보좌관 비서관 수석 차관 부부장 부국장 부소장 부원장 부처장 부과장 과장대리 지도원 보위지도원""".split()))
    - _NOT_OFFICES, key=len, reverse=True))


def office_at_end(word: str) -> int:
    """Return how many characters at the end of ``word`` are an office (반탐처장 -> 2, 지배인 -> 3), else 0."""
    return next((len(o) for o in _OFFICES if word.endswith(o)), 0)


def _opens_with_place(prefix: str) -> bool:
    """Does ``prefix`` open with a place the gazetteer holds without doubt (혜산, 청진시당)?"""
    gaz = gazetteer()
    for size in range(min(len(prefix), gaz.max_hangul), 1, -1):
        hit = gaz.hangul.get(prefix[:size])
        if hit is not None and not hit[1]:
            return True
    return False


def _a_name(subject: str, words: tuple[Eojeol, ...], morphs: tuple[Morph, ...], end: int) -> bool:
    """Are ``words`` (one or two, up to ``end``) a person's name: a surname and a given name no word
    Kiwi knows, or proper nouns, and no kind of person (대변인 정하늘, 지배인 리종남)?"""
    text = subject[words[0].start:end]
    if len(words) > 2 or not text or any(w in PEOPLE_NOUNS or w in ROLE_WORDS for w in text.split()):
        return False
    if len(words) == 1 and 2 <= len(text) <= 4 and (text[0] in SURNAMES_1 or text[:2] in SURNAMES_2):
        return not known_alone(text) and gazetteer().find(text) is None
    return all(m.tag == "NNP" or m.oov for w in words for m in morphs[w.first:w.last] if m.end <= end)


def split_at_office(subject: str, words: tuple[Eojeol, ...], morphs: tuple[Morph, ...],
                    first: int, last: int, start: int, end: int) -> tuple[int, int] | None:
    """For the phrase [start, end) over words ``first``..``last``, return (body_end, name_start) when
    it reads body, office, name: the body is [start, body_end) (empty when the phrase opens with the
    office), the office stays readable, the name is [name_start, end). None for any other phrase."""
    for k in range(last - 1, first - 1, -1):
        word = words[k]
        stem = subject[word.start:word.stem_end]
        size = office_at_end(stem) if word.stem_end == word.end else 0
        if not size:
            continue
        if not _a_name(subject, words[k + 1:last + 1], morphs, end):
            return None
        prefix = stem[:-size]
        # 혜산시장 김철: the mayor or the market of a town; the word goes with the place, generalised with it.
        body_end = word.end if prefix and _opens_with_place(prefix) else \
            words[k - 1].end if k > first and words[k - 1].end > start else start
        return body_end, words[k + 1].start
    return None
