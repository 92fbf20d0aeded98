"""Whole Korean-written names: the last syllable Kiwi split off belongs to the name.

Foreign names in Hangul are often unknown to the analyser, which reads their last syllable
as something else (로건 레|먼의, 노라 미아|오, 우디엘|런의). A person span that stops one
syllable before the end of its word, where that syllable is not a particle or ending and is
followed by nothing or by a particle only, is widened over it: a lost particle costs the
reader little, a readable syllable of a name may identify.

A given name's familiar -이 before a family word is the name's (혜영이 아버지: Hyeyoung's father,
not a subject), and a household's -네 is not (영남이네 집, 박 반장네 아들: the name and title
are masked, the household stays). Pure: no I/O.
"""
from __future__ import annotations

import re

from vault.redaction.korean import FAMILY_WORDS, WRITTEN_ON_ADDRESS, closed_syllable
from vault.redaction.spans import LOCATION, PERSON, Span

# Syllables that are grammar on their own after a noun: never taken into the name.
_GRAMMAR = frozenset("은 는 이 가 을 를 의 에 와 과 도 만 로 야 아 나 랑 께 들 씨 님 요 인 다 고 며 면 서 로 적 쯤 뿐 째 분 측 군 양 옹".split())
_PARTICLES = ("에게서 한테서 으로는 에서는 이라고 까지는 에게 한테 에서 처럼 까지 부터 이랑 하고 으로 와의 과의 "
              "보다 마저 조차 은 는 이 가 을 를 의 에 와 과 도 만 로 랑").split()
_ALTERNATIVES = "|".join(sorted(_PARTICLES, key=len, reverse=True))
_REST = re.compile(r"([가-힣])(" + _ALTERNATIVES + r")?(?![가-힣])")
_WHOLE_PARTICLE = re.compile(r"(?:" + _ALTERNATIVES + r")(?![가-힣])")  # 김순옥|으로: nothing was split off


_CALLED_AFTER = re.compile(r"(?:이)?라(?:는|고)\s")
_FAMILIAR_BEFORE_KIN = re.compile(r"이(?=\s(?:" + "|".join(sorted(FAMILY_WORDS, key=len, reverse=True)) + r")(?![가-힣]{3}))")
# 옥순이, 복실이, 춘자가: before a comma in a list, -이 after a closed syllable is the familiar suffix
# (a particle comes once, after the last name).
_FAMILIAR_IN_LIST = re.compile(r"이(?=,\s?[가-힣])")
# A household's -네 after a given name's familiar -이 or after a title (영남이네, 박 반장네, 김씨네).
_HOUSEHOLD = re.compile(r"(?<=이|씨|님|장|생)네(?=\s(?:집|식구|가족|" + "|".join(sorted(FAMILY_WORDS, key=len, reverse=True))
                        + r")|(?:[은는이가을를의에도]|에서|랑|하고|로)?(?![가-힣\w]))")


# A form of address written onto a full name (박영호씨, 김철동무, 리영호동지): the name is masked, the
# form stays, as it does when written apart; masked with it, one person would have two pseudonyms.
_GLUED_ADDRESS = re.compile(r"(?<=[가-힣]{2})(?:" + "|".join(WRITTEN_ON_ADDRESS) + ")$")


def whole_korean_names(text: str, spans: list[Span]) -> list[Span]:
    """Return the spans with person names widened over a split-off last syllable, over a familiar -이
    before a family word or a comma, cut before a household's -네 (a name's house, 철이네 집, is the name's), and
    cut before a form of address written onto them."""
    out = []
    for span in spans:
        if span.label == LOCATION and span.detector == "korean_proper_nouns":
            household = _HOUSEHOLD.search(text, span.start + 1, span.end)
            if household is not None and household.start() < text.find(" ", span.start, span.end):
                out.append(Span(span.start, household.start(), PERSON, span.score, span.detector, span.reason))
                continue
        if span.label == PERSON and (glued := _GLUED_ADDRESS.search(text, span.start, span.end)) is not None \
                and " " not in text[span.start:glued.start()]:
            span = Span(span.start, glued.start(), span.label, span.score, span.detector, span.reason)
        if span.label == PERSON:
            household = _HOUSEHOLD.search(text, span.start + 1, span.end)
            if household is not None:
                out.append(Span(span.start, household.start(), span.label, span.score, span.detector, span.reason))
                continue
            if (_FAMILIAR_BEFORE_KIN.match(text, span.end) or _FAMILIAR_IN_LIST.match(text, span.end)) \
                    and closed_syllable(text[span.end - 1]):
                span = Span(span.start, span.end + 1, span.label, span.score, span.detector, span.reason)
                out.append(span)
                continue
        end = span.end
        if _CALLED_AFTER.match(text, end):
            out.append(span)  # 향미|라는 애, 경철|이라고 하는: the copula of "called", not a syllable of the name
            continue
        if span.label == PERSON and 0 < end < len(text) and "가" <= text[end - 1] <= "힣":
            rest = _REST.match(text, end)
            if rest is not None and rest.group(1) not in _GRAMMAR and not _WHOLE_PARTICLE.match(text, end):
                span = Span(span.start, rest.end(1), span.label, span.score, span.detector, span.reason)
        out.append(span)
    return out
