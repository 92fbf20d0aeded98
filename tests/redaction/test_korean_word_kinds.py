"""Korean words that are not names, by kind (made-up sentences, none from an eval set)."""
from __future__ import annotations

import pytest

from vault.redaction import detect
from vault.redaction.chinese_places import hangul_place_shape, pinyin_place_shape


def _persons(text: str) -> list[str]:
    return [text[s.start:s.end] for s in detect(text) if s.label == "PERSON"]


@pytest.mark.parametrize(("text", "word"), [
    ("[SYNTHETIC] 그 공장은 신기술로 지었다.", "신기술"),      # prefix + known noun
    ("[SYNTHETIC] 고기압 때문에 날씨가 맑았다.", "고기압"),
    ("[SYNTHETIC] 소규모 장사를 시작했다.", "소규모"),
    ("[SYNTHETIC] 그 말은 부적절한 표현이었다.", "부적절한"),
    ("[SYNTHETIC] 이때 나는 열두 살이었다.", "이때"),          # determiner + noun of time/place/degree
    ("[SYNTHETIC] 우리는 이곳에 숨었다.", "이곳"),
    ("[SYNTHETIC] 한순간도 잊은 적이 없다.", "한순간"),
    ("[SYNTHETIC] 이정도면 충분하다고 생각했다.", "이정도"),
    ("[SYNTHETIC] 그 노래의 배경음이 슬펐다.", "배경음"),        # known noun + compound tail
    ("[SYNTHETIC] 부검실에서 기다렸다.", "부검실"),
        ("[SYNTHETIC] 유류비가 많이 들었다.", "유류비"),
    ("[SYNTHETIC] 기획안을 다시 썼다.", "기획안"),
    ("[SYNTHETIC] 부모가 반대했다.", "부모"),                  # a known word, not surname + 모
    ("[SYNTHETIC] 공모를 거쳐 뽑혔다.", "공모"),
])
def test_compounds_of_common_words_are_not_persons(text: str, word: str) -> None:
    assert not [p for p in _persons(text) if word in p]


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] 나는 장마당에서 장사를 했다.",      # a place head word used alone
    "[SYNTHETIC] 장마당에 나가 물건을 팔았다.",
    "[SYNTHETIC] 어머니는 장마당 장사로 우리를 먹였다.",
])
def test_the_market_is_not_a_person(text: str) -> None:
    assert not [p for p in _persons(text) if "장마당" in p]


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] 나는 그해 겨울 강을 건넜다.",
    "[SYNTHETIC] 김철수는 회령에서 왔다.",
    "[REDACTED] 어머니는 [인물]과 함께 떠났다.",
])
def test_editorial_markers_are_not_names(text: str) -> None:
    names = [text[s.start:s.end] for s in detect(text) if s.label in ("PERSON", "LOCATION", "ORG")]
    assert not [n for n in names if any(w in n for w in ("SYNTHETIC", "REDACTED", "인물"))]


def test_a_name_in_brackets_is_still_a_name() -> None:
    text = "[SYNTHETIC] 그날 [김영호 씨]를 만났다."
    assert any("김영호" in p for p in _persons(text))


@pytest.mark.parametrize(("text", "name"), [
    ("[SYNTHETIC] 김철수는 신기술을 배웠다.", "김철수"),     # the kinds above leave names alone
    ("[SYNTHETIC] 영희 언니가 이곳에 왔다.", "영희"),
    ("[SYNTHETIC] 그는 이민정 씨를 만났다.", "이민정"),
    ("[SYNTHETIC] 이모(16)군이 다쳤다.", "이모"),
    ("[SYNTHETIC] 김모 씨가 증언했다.", "김모"),
    ("[SYNTHETIC] 가수 선미 씨로 알려졌다.", "선미"),        # a title before the particle 로
])
def test_names_next_to_these_kinds_are_still_found(text: str, name: str) -> None:
    assert any(name in p for p in _persons(text))


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] 회사 이름을 공개하고 떠났다.",        # a verb after a name cue
    "[SYNTHETIC] 기업 이름이나 상표를 적었다.",        # a particle after a name cue
    "[SYNTHETIC] 초대형 창고가 있었다.",               # a title inside a longer word (대형)
    "[SYNTHETIC] 남녀간의사랑 이야기다.",              # 의사 across two words
    "[SYNTHETIC] 감독님의 전작을 보았다.",             # a role before an honorific
    "[SYNTHETIC] 부모님께 편지를 썼다.",
    "[SYNTHETIC] 식량 부족과 군 동원이 겹쳤다.",       # a particle, a space, then the cue
    "[SYNTHETIC] 우산 하나없이 오빠를 보냈다.",        # a noun and an adverb before a kinship word
])
def test_words_around_cues_that_are_not_names(text: str) -> None:
    assert _persons(text) == []


def test_a_list_of_things_with_a_guess_in_it_is_not_a_list_of_people() -> None:
    text = "[SYNTHETIC] 장터에는 쿠로미나, 생선, 채소, 옷감이 있었다."  # 쿠로미나: an unknown word, a guess
    persons = _persons(text)
    assert not [p for p in persons if p in ("생선", "채소", "옷감")]


def test_a_list_of_people_is_still_a_list_of_people() -> None:
    text = "[SYNTHETIC] 함께 떠난 사람은 김철수, 보람, 한결 등이었다."
    persons = _persons(text)
    assert any("보람" in p for p in persons) and any("한결" in p for p in persons)


@pytest.mark.parametrize("word", ["싼허진", "바이허촌", "라오허구", "다싱거우", "쑹장향", "훙치현"])
def test_chinese_place_shape_in_hangul(word: str) -> None:
    assert hangul_place_shape(word)


@pytest.mark.parametrize("word", ["김철진", "학습진", "결석촌", "박영구", "진", "허구"])
def test_korean_words_do_not_have_the_chinese_place_shape(word: str) -> None:
    assert not hangul_place_shape(word)


@pytest.mark.parametrize("word", ["Shidaozhen", "Laotougou", "Sanhecun", "Baimiaozi" + "xiang"])
def test_chinese_place_shape_in_pinyin(word: str) -> None:
    assert pinyin_place_shape(word)


@pytest.mark.parametrize("word", ["Zhang", "Washington", "Wangqing", "Changchun", "Kingston"])
def test_other_words_do_not_have_the_pinyin_place_shape(word: str) -> None:
    assert not pinyin_place_shape(word)


@pytest.mark.parametrize(("text", "place"), [
    ("[SYNTHETIC] 싼허진에 있는 친척 집에 숨었다.", "싼허진"),
    ("[SYNTHETIC] 바이허촌에서 한 달을 지냈다.", "바이허촌"),
    ("[SYNTHETIC] 라오허구에 살았다.", "라오허구"),
    ("[SYNTHETIC] We stayed in Shidaozhen, then in Laotougou.", "Shidaozhen"),
    ("[SYNTHETIC] We stayed in Shidaozhen, then in Laotougou.", "Laotougou"),
])
def test_unknown_chinese_places_are_places_not_persons(text: str, place: str) -> None:
    spans = [s for s in detect(text) if place in text[s.start:s.end]]
    assert spans and all(s.label == "LOCATION" for s in spans)


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] 어릴 때 본 공포영화 ᅲᅲᄏ",       # laughter after known words
    "[SYNTHETIC] 밤새 웃었다ᄏᄏ웃음줘서 고마워",   # laughter before known words
])
def test_laughter_inside_a_guess_leaves_no_person(text: str) -> None:
    assert _persons(text) == []


def test_a_name_next_to_laughter_is_still_a_name_without_it() -> None:
    text = "[SYNTHETIC] 배우 로완 앳킨슨ᄏᄏ 최고"
    persons = [s for s in detect(text) if s.label == "PERSON"]
    assert any(text[s.start:s.end] == "로완 앳킨슨" for s in persons)
    assert not any("ᄏ" in text[s.start:s.end] for s in persons)


@pytest.mark.parametrize(("text", "letter"), [("[SYNTHETIC] 직장인 ㄱ씨가 말했다.", "ㄱ"),
                                              ("[SYNTHETIC] 그때 ㄴ모 씨를 만났다.", "ㄴ")])
def test_a_korean_letter_with_a_title_is_a_person_with_evidence(text: str, letter: str) -> None:
    spans = [s for s in detect(text) if letter in text[s.start:s.end]]
    assert spans and spans[0].label == "PERSON" and spans[0].score >= 0.35


def test_a_list_of_compound_names_is_not_a_list_of_things() -> None:
    """Organisations and brands are named by compounds of known nouns (도미노피자): still proposed."""
    text = "[SYNTHETIC] 그 카드는 쿠로미나, 도미노피자, 코카콜라에서 쓸 수 있다."
    covered = [text[s.start:s.end] for s in detect(text)]
    assert any("도미노피자" in c for c in covered)


@pytest.mark.parametrize(("text", "span"), [("[SYNTHETIC] 두시간을 기다렸다.", "두시간"),
                                            ("[SYNTHETIC] 한시간반 동안 걸었다.", "한시간반")])
def test_a_duration_written_as_one_word_is_a_duration_not_a_person(text: str, span: str) -> None:
    spans = [s for s in detect(text) if span in text[s.start:s.end]]
    assert spans and all(s.label == "DATE" for s in spans)
