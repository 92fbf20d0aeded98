"""Korean person guesses are proposed with confidence only with a name's evidence."""
from __future__ import annotations

import pytest

from vault.redaction import Action, detect, propose
from vault.redaction.evidence import GUESS_SCORE, weigh
from vault.redaction.review import LOW_SCORE
from vault.redaction.spans import GUESS_NOTE, PERSON, Span


def _persons(text: str) -> dict[str, float]:
    return {text[s.start:s.end]: s.score for s in detect(text) if s.label == PERSON}


def _guess(text: str, word: str, detector: str = "korean_proper_nouns", score: float = 0.8,
           reason: str = "proper noun (NNP) per Kiwi") -> Span:
    start = text.index(word)
    return Span(start, start + len(word), PERSON, score, detector, reason)


@pytest.mark.parametrize(("text", "word"), [
    ("킥스타터에서 히프노스 후드를 샀다.", "히프노스"),  # a product: no surname, no cue
    ("조선중앙방송과 노동신문 등 관영매체", "노동신문"),  # four syllables: not a Korean name's shape
])
def test_a_proper_noun_without_evidence_is_a_guess(text: str, word: str) -> None:
    (span,) = weigh(text, [_guess(text, word)])
    assert span.score == GUESS_SCORE < LOW_SCORE and GUESS_NOTE in span.reason


@pytest.mark.parametrize(("text", "word"), [
    ("어제 조성진을 만났다.", "조성진"),  # surname shape and Kiwi's proper-noun tag
    ("그때 보람 씨가 전화했다.", "보람"),  # a cue after it
    ("그때 보람(34)이 전화했다.", "보람"),  # an age in brackets
    ("브로커 한결이 우리를 데려갔다.", "한결"),  # a cue before it
])
def test_evidence_keeps_the_guess_score(text: str, word: str) -> None:
    (span,) = weigh(text, [_guess(text, word)])
    assert span.score == 0.8


def test_a_guess_in_a_pair_with_an_evidenced_name_keeps_its_score() -> None:
    text = "김철수와 히프노스가 왔다."
    sure, guess = _guess(text, "김철수"), _guess(text, "히프노스")
    assert [s.score for s in weigh(text, [sure, guess])] == [0.8, 0.8]


def test_the_surname_rule_needs_more_than_its_surname() -> None:
    text = "지속적이면서도 전방위 도발"
    span = _guess(text, "전방위", "korean_surnames", 0.5, "surname followed by syllables that are not a known word")
    assert weigh(text, [span])[0].score == GUESS_SCORE


def test_an_acronym_in_a_korean_sentence_is_a_guess_but_a_letter_with_a_title_is_not() -> None:
    assert _persons("UXO가 화제가 됐다.")["UXO"] < LOW_SCORE
    assert _persons("A씨는 그날 국경을 넘었다.")["A씨"] >= LOW_SCORE


def test_a_guess_is_still_masked_by_default_and_says_why() -> None:
    text = "킥스타터에서 히프노스 후드를 샀다."
    (decision,) = propose(weigh(text, [_guess(text, "히프노스")]))
    assert decision.action is not Action.KEEP and decision.note == GUESS_NOTE


def test_a_guess_is_found_again_everywhere_in_the_text() -> None:
    text = "히프노스 후드를 샀다. 히프노스는 좋았다."
    found = [s for s in detect(text) if text[s.start:s.end].startswith("히프노스")]
    assert len(found) == 2 and all(s.score < LOW_SCORE for s in found)


@pytest.mark.parametrize("text", [
    "삼각형 모양의 수색지대를 정했다.",  # 모 + 양 inside a known word
    "태양의 후예가 방송됐다.",
    "입건된 국회의원 당선자 104명",  # a common noun before an office
    "시작하기 전 방송 기자에게 다가왔다.",  # a common noun before a job title
    "2번 환자(63·여)와 1번 환자",  # a common noun before an age
    "재미있음 ᄏᄏᄏ 다시봐도 ㅋㅋ",  # laughter in letters
])
def test_words_that_only_look_like_cued_names_are_not_persons(text: str) -> None:
    assert _persons(text) == {}


@pytest.mark.parametrize(("text", "name"), [
    ("김양이 왔다.", "김양"), ("은하 씨가 왔다.", "은하"), ("이모(16)군을 때렸다.", "이모"),
    ("박철수 기자는 말했다.", "박철수"), ("김 기자가 말했다.", "김 기자"),
])
def test_names_with_their_cues_are_still_persons(text: str, name: str) -> None:
    assert any(found.startswith(name) and score >= LOW_SCORE for found, score in _persons(text).items())
