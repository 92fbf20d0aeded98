"""A split-off last syllable of a Korean-written name is masked with it; particles are not."""
from __future__ import annotations

import pytest

from vault.redaction import detect
from vault.redaction.name_extent import whole_korean_names
from vault.redaction.spans import DATE, PERSON, Span


def _widen(text: str, word: str, label: str = PERSON) -> str:
    start = text.index(word)
    (span,) = whole_korean_names(text, [Span(start, start + len(word), label, 0.8, "korean_proper_nouns")])
    return text[span.start:span.end]


@pytest.mark.parametrize(("text", "found", "whole"), [
    ("로건 레먼의 연기도 좋았음", "로건 레", "로건 레먼"),
    ("짝사랑했던 노라 미아오, 둘도 없는", "노라 미아", "노라 미아오"),
    ("우디엘런의 브런치", "우디엘", "우디엘런"),
])
def test_the_last_syllable_joins_the_name(text: str, found: str, whole: str) -> None:
    assert _widen(text, found) == whole


@pytest.mark.parametrize(("text", "found"), [
    ("김철수가 왔다", "김철수"),  # a particle stays readable
    ("김철수의 집", "김철수"),
    ("박영희는 떠났다", "박영희"),
    ("김철수 씨가 왔다", "김철수"),  # a space ends the name
])
def test_particles_and_words_after_a_space_stay_outside(text: str, found: str) -> None:
    assert _widen(text, found) == found


def test_only_person_spans_are_widened() -> None:
    assert _widen("2008년에 왔다", "2008년", DATE) == "2008년"


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] I met Kim Chol and Pak Sun-hee in the market.",
     ["Kim Chol", "Pak Sun-hee"]),
    ("[SYNTHETIC] We went via Kunming and Vientiane.", ["Kunming", "Vientiane"]),
    ("[SYNTHETIC] He worked for Rimjin Trade and Shipping Company.", ["Rimjin Trade and Shipping Company"]),
])
def test_and_joins_the_words_of_one_organisation_not_two_people(text: str, expected: list[str]) -> None:
    """One span over "Kim Chol and Pak Sun-hee" gave two people one pseudonym."""
    assert [text[s.start:s.end] for s in detect(text) if s.label in ("PERSON", "LOCATION", "ORG")] == expected


def test_a_works_named_after_a_person_and_a_city_is_one_organisation() -> None:
    text = "[SYNTHETIC] He worked at the Kim Chaek Iron and Steel Complex."
    assert [(text[s.start:s.end], s.label) for s in detect(text)] == [("Kim Chaek Iron and Steel Complex", "ORG")]


def test_the_number_of_a_school_is_part_of_its_name() -> None:
    """"[ORG] No. 2" said which school of the town it was."""
    text = "[SYNTHETIC] My father taught at Kyongsong Senior Middle School No. 2 for years."
    assert [text[s.start:s.end] for s in detect(text) if s.label == "ORG"] == ["Kyongsong Senior Middle School No. 2"]


def test_an_adverb_opening_the_sentence_is_no_part_of_a_name() -> None:
    """"Later Yong-chol joined us" read "Person 5584 joined us": the adverb went under the pseudonym."""
    text = "[SYNTHETIC] Later Yong-chol joined us. Park Sun-hee stayed."
    assert [text[s.start:s.end] for s in detect(text) if s.label == "PERSON"] == ["Yong-chol", "Park Sun-hee"]
