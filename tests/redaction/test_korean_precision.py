"""Korean words that are only grammar are never proposed as names (kinds, not sentences)."""
from __future__ import annotations

import pytest

from vault.redaction import detect


@pytest.mark.parametrize("text", [
    "제 본명입니다.",                      # copula ending after a name cue
    "브로커가 연락해 주었고 돈을 받았다.",   # a particle after a cue word
    "그곳에서 이름과 주소를 적었다.",        # pronoun, noun + particle
    "저는 거기 있는 사람을 절대 잊지 못합니다.",  # adjective, adverb
])
def test_grammar_is_never_a_person_or_place(text: str) -> None:
    names = [text[s.start:s.end] for s in detect(text) if s.label in ("PERSON", "LOCATION", "ORG")]
    assert names == []


@pytest.mark.parametrize(("text", "name"), [
    ("이 씨는 그날 떠났다.", "이 씨"),   # 이 read as a determiner, but the title says a person
    ("한 씨가 도와주었다.", "한 씨"),
    ("김모 씨를 만났다.", "김모"),
])
def test_a_surname_with_its_title_stays_a_person(text: str, name: str) -> None:
    assert any(name in text[s.start:s.end] and s.label == "PERSON" for s in detect(text))


def test_a_phone_number_is_a_contact_never_a_person() -> None:
    text = "연락처는 010-2345-6789 입니다."
    spans = [s for s in detect(text) if "2345" in text[s.start:s.end]]
    assert spans and all(s.label == "CONTACT" for s in spans)


@pytest.mark.parametrize("text", [
    "남동생이 아팠다.",      # a kinship word that opens with a surname syllable (남 + 동생)
    "여동생과 같이 왔다.",
    "혈액형은 A형이다.",      # a blood type, not a person called A
])
def test_common_words_shaped_like_a_surname_and_title_are_not_persons(text: str) -> None:
    assert [text[s.start:s.end] for s in detect(text) if s.label == "PERSON"] == []


@pytest.mark.parametrize(("text", "name"), [("A 기자가 말했다.", "A 기자"), ("김 실장이 왔다.", "김 실장")])
def test_a_letter_or_surname_with_a_title_is_still_a_person(text: str, name: str) -> None:
    assert any(text[s.start:s.end] == name and s.label == "PERSON" for s in detect(text))


@pytest.mark.parametrize("text,word", [
    ("[SYNTHETIC] 우리집에 왔다.", "우리집"),  # a pronoun before a noun
    ("[SYNTHETIC] 복귀작이 나왔다.", "복귀작"),  # a known noun and a compound-making noun
    ("[SYNTHETIC] 소속팀에서 뛰었다.", "소속팀"),
    ("[SYNTHETIC] 그안에 있었다.", "그안"),  # a demonstrative before a noun
    ("[SYNTHETIC] 극중 인물이 좋다.", "극중"),  # a bound noun after a noun
    ("[SYNTHETIC] 진정한 감독이다.", "진정한"),  # an inflected word before a title
])
def test_compounds_and_phrases_are_not_persons(text: str, word: str) -> None:
    """Kinds of Korean words that open with a surname syllable but are compounds or phrases."""
    assert not [s for s in detect(text) if s.label == "PERSON" and word in text[s.start:s.end]]


@pytest.mark.parametrize("text,name", [("[SYNTHETIC] 조성진이 연주했다.", "조성진"),
                                       ("[SYNTHETIC] 김철수 감독이 왔다.", "김철수"),
                                       ("[SYNTHETIC] 남씨가 왔다.", "남씨")])
def test_names_of_the_same_shape_are_still_persons(text: str, name: str) -> None:
    assert any(s.label == "PERSON" and name in text[s.start:s.end] for s in detect(text))


@pytest.mark.parametrize("text,kept", [("[SYNTHETIC] 그 시절 우리는 어렸다.", []),
                                       ("[SYNTHETIC] 어린 시절에 떠났다.", []),
                                       ("[SYNTHETIC] 물을 마시기 바란다.", []),
                                       ("[SYNTHETIC] 조선시대에 지었다.", ["조선시대"]),
                                       ("[SYNTHETIC] 학창시절 친구", ["학창시절"]),
                                       ("[SYNTHETIC] 영화 재밌게 봄", []),
                                       ("[SYNTHETIC] 봄이 왔다.", ["봄"]),
                                       ("[SYNTHETIC] 전설이었다. 설에 갔다.", ["설"]),
                                       ("[SYNTHETIC] 그 이유로 떠났다.", []),
                                       ("[SYNTHETIC] 천원을 냈다.", ["천원"])])
def test_korean_dates_and_amounts_by_kind(text: str, kept: list[str]) -> None:
    """A period needs a name or number, a verb is no season, 설 must stand alone, 이유로 is no money."""
    found = [text[s.start:s.end] for s in detect(text) if "SYNTHETIC" not in text[s.start:s.end]]
    assert [k for k in kept if not any(k in f for f in found)] == []
    assert len(found) == len(kept), found


@pytest.mark.parametrize("text", ["[SYNTHETIC] 최근 SNS에서 화제가 됐다.", "[SYNTHETIC] CCTV에 찍혔다.",
                                  "[SYNTHETIC] 영화 OST가 좋다.", "[SYNTHETIC] CG가 어색하다."])
def test_abbreviations_of_common_nouns_are_not_names(text: str) -> None:
    """SNS, CCTV, OST, CG name kinds of things, in Korean and English text alike."""
    assert not [s for s in detect(text) if "SYNTHETIC" not in text[s.start:s.end]]
