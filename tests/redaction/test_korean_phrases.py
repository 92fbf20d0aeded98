"""Korean phrases by kind: a country before a word for people, peoples, and the parts of a date.

Made-up sentences. Each kind broke an extract: "탈북한 북한 여성이" became "탈북한 북한이" (the
woman generalised away with the country), "조선족 통역" became "북한을 통해", and "2009년 중국으로"
lost its year inside a place.
"""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect, propose
from vault.redaction.render import render


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.label) for s in detect(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 탈북한 북한 여성이 증언했다.", ("북한", "LOCATION")),
    ("[SYNTHETIC] 중국 브로커에게 돈을 줬다.", ("중국", "LOCATION")),
    ("[SYNTHETIC] 2009년 중국으로 건너갔다.", ("중국", "LOCATION")),
])
def test_a_country_before_a_word_for_people_is_the_country_alone(text: str, expected: tuple[str, str]) -> None:
    assert expected in _found(text)
    assert not any("여성" in s or "브로커" in s or "2009" in s for s, label in _found(text) if label == "LOCATION")


def test_a_country_and_its_institution_stay_one_name() -> None:
    assert ("중국 정부", "LOCATION") in _found("[SYNTHETIC] 중국 정부는 부인했다.")


def test_the_korean_chinese_are_a_people_not_a_place_or_part_of_a_name() -> None:
    assert not any("조선족" in s for s, _ in _found("[SYNTHETIC] 그는 조선족 통역을 통해 말했다."))
    assert ("김영철", "PERSON") in _found("[SYNTHETIC] 조선족 김영철 씨가 도왔다.")
    assert not any("조선족" in s for s, _ in _found("[SYNTHETIC] 조선족 김영철 씨가 도왔다."))


def test_an_extract_keeps_the_woman_and_the_interpreter() -> None:
    text = "[SYNTHETIC] 탈북한 북한 여성이 조선족 통역을 통해 말했다."
    out = rendered(text)
    assert "북한 여성이" in out and "조선족 통역을 통해" in out


@pytest.mark.parametrize(("text", "date"), [
    ("[SYNTHETIC] 2009년 중국으로 건너갔다.", "2009년"),
    ("[SYNTHETIC] 2009년 중에 떠났다.", "2009년 중"),
    ("[SYNTHETIC] 2010년말과 비교했다.", "2010년말"),
    ("[SYNTHETIC] 80년대 중국에서 살았다.", "80년대"),
])
def test_a_one_syllable_part_of_a_period_is_a_word_of_its_own(text: str, date: str) -> None:
    assert [s for s, label in _found(text) if label == "DATE"] == [date]


def test_the_han_of_a_country_is_no_numeral() -> None:
    """북한 주민 is not "one week" (한 주), and 열한 달 is eleven months."""
    assert [s for s, label in _found("[SYNTHETIC] 북한 주민들은 굶었다.") if label == "DATE"] == []
    assert ("열한 달 만에", "DATE") in _found("[SYNTHETIC] 열한 달 만에 나왔다.")


def test_an_island_is_a_place() -> None:
    assert ("카마르섬", "LOCATION") in _found("[SYNTHETIC] 그들은 카마르섬에 닿았다.")


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 유엔 북한인권조사위원회는 기록해 왔다.", ("유엔 북한인권조사위원회", "ORG")),
    ("[SYNTHETIC] He reported to the Hyesan City Party Committee.", ("Hyesan City Party Committee", "ORG")),
    ("[SYNTHETIC] 회령탄광에서 일했다.", ("회령탄광", "LOCATION")),  # a workplace: generalised with its head
])
def test_a_body_named_after_a_place_is_an_organisation(text: str, expected: tuple[str, str]) -> None:
    """Generalised as a place, the UN's commission read "북한은" (North Korea) in the extract."""
    assert expected in _found(text)


def test_the_particle_after_a_name_stays_outside_it() -> None:
    """김씨는 is the surname and its title, then 는; a closing quote ends a name ('데일리가상'과)."""
    text = "[SYNTHETIC] 김씨는 현재 인천에서 딸과 함께 살며, 매체 '데일리가상'과 인터뷰했다고 말했다."
    spans = detect(text)
    assert [text[s.start:s.end] for s in spans if s.label == "PERSON"] == ["김씨", "데일리가상"]
    out = render(text, propose(spans), pseudonym_key=bytes(32))
    assert "인물 " in out and ("은 현재" in out or "는 현재" in out)
    assert "'와 인터뷰" in out  # 인물 N' + 과/와 chosen for the number's last sound, past the quote


def test_a_short_korean_sentence_with_an_editorial_marker_gets_korean_replacements() -> None:
    """[SYNTHETIC] has more Latin letters than a short Korean sentence has Hangul."""
    text = "[SYNTHETIC] 김씨는 인천에 산다."
    out = rendered(text)
    assert out.startswith("[SYNTHETIC] 인물 ") and "대한민국에 산다" in out


def test_the_agency_of_a_byline_is_an_organisation_not_a_person_guess() -> None:
    assert ("가상통신", "ORG") in _found("[SYNTHETIC] (서울=가상통신) 탈북한 여성이 14일 밝혔다.")


def test_a_counter_and_a_verbal_noun_are_no_name() -> None:
    """두 번 북송됐다: Kiwi tags 북송 (repatriation) a proper noun; made a verb by 되다 it is an act,
    and the counter 번 before it was taken as the name's first part."""
    assert not any(label == "PERSON" for _, label in _found("[SYNTHETIC] 중국 공안에 두 번 북송됐다고 밝혔다."))
    assert ("오밀리 브라우닝", "PERSON") in _found("[SYNTHETIC] 오밀리 브라우닝을 얼굴만으로 평가한다면 곤란하다.")


@pytest.mark.parametrize(("text", "expected"), [
    # a people before a kinship word is not her name
    ("[SYNTHETIC] 거기서 조선족 아주머니 집에 숨어 살았어요.", "거기서 조선족 아주머니 집에"),
    # one digit and 년 is a duration, kept for review, not a year
    ("[SYNTHETIC] 그 후 교화소에서 2년을 살았습니다.", "교화소에서 2년을 살았습니다"),
    # a camp generalised keeps no second head ("구금시설 교화소")
    ("[SYNTHETIC] 그 후 전거리 교화소로 갔습니다.", "함경북도 구금시설로 갔습니다"),
    # a town the gazetteer calls ambiguous is the town before its border post
    ("[SYNTHETIC] 석 달 뒤에 도문 변방대에 넘겨졌습니다.", "길림성 변방대에 넘겨졌습니다"),
    # a word for a kind of person ends a name's phrase (and the organ named alone stays readable)
    ("[SYNTHETIC] 연대 보위부 사람이 왔습니다.", "연대 보위부 사람이 왔습니다"),
])
def test_a_testimony_reads_as_it_should(text: str, expected: str) -> None:
    assert expected in rendered(text)


@pytest.mark.parametrize(("amount", "shown"), [
    ("오천 위안", "수천 위안"), ("이십만 원", "수십만 원"), ("삼만 오천 원", "수만 원"), ("5천 위안", "수천 위안"),
])
def test_an_amount_in_korean_numerals_reads_as_korean(amount: str, shown: str) -> None:
    """The numeral is the amount: "오천 위안" read "수천 오 위안", and 이십만 was taken for 수만."""
    text = f"[SYNTHETIC] 사촌이 브로커에게 {amount}을 주었다고 들었습니다."
    out = rendered(text)
    assert f"{shown}을" in out or f"{shown}를" in out


def test_a_nickname_a_church_and_a_messenger_in_a_korean_interview() -> None:
    text = ("[SYNTHETIC] 사람들은 저를 순이라고 불렀어요. 서울꿈교회 목사님이 장백에서 저를 태웠습니다. "
            "위챗 아이디는 kimcs_88이었어요.")
    found = _found(text)
    assert ("순이", "PERSON") in found  # the name one was called by
    assert ("서울꿈교회", "ORG") in found  # the church, not Seoul; the pastor's title stays readable
    assert not any(label == "PERSON" and "위챗" in s for s, label in found)
    out = rendered(text)
    assert "목사님이" in out and "위챗 아이디는" in out and "대한민국" not in out.split("목사님")[0]



def test_where_someone_is_from_ends_the_place_and_the_person_keeps_the_age() -> None:
    """"함경북도 회령 출신 최모(41)씨는" was one place: the person, the age and 출신 read "함경북도는"."""
    text = "[SYNTHETIC] 함경북도 회령 출신 최모(41)씨는 말했다."
    found = _found(text)
    assert ("함경북도 회령", "LOCATION") in found
    assert ("41", "AGE") in found
    shown = rendered(text)
    assert "함경북도 출신 인물 " in shown and "(40대)씨는 말했다." in shown


def test_a_particle_of_two_syllables_after_a_quote_is_grammar_and_a_bare_head_is_no_place() -> None:
    """'"구류장에서' was one place: the particle went with it, and a holding cell alone names nothing."""
    text = '[SYNTHETIC] 그는 "구류장에서 하루 한 끼만 먹었다"고 했다. 온성군 보위부 구류장에서 조사를 받았다.'
    assert rendered(text) == ('[SYNTHETIC] 그는 "구류장에서 하루 한 끼만 먹었다"고 했다. '
                               "함경북도 보위부 구류장에서 조사를 받았다.")


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 북한인권단체 회원들이 모였다.", "[SYNTHETIC] 북한인권단체 회원들이 모였다."),
    ("[SYNTHETIC] 중국 정부에 촉구했다.", "[SYNTHETIC] 중국 정부에 촉구했다."),
])
def test_common_nouns_after_a_generalised_place_stay(text: str, expected: str) -> None:
    """"북한인권단체" read "북한", "중국 정부에" read "중국에"."""
    assert rendered(text) == expected


def test_an_international_body_is_an_organisation() -> None:
    text = "[SYNTHETIC] 유엔 인권이사회와 유엔은 밝혔다."
    assert [label for s, label in _found(text) if "유엔" in s] == ["ORG", "ORG"]
    assert rendered(text) == text  # a public body names no witness: proposed to stay readable


def test_an_unknown_noun_made_plural_is_no_name() -> None:
    """Kiwi does not know 계호원 (a prison guard); with 들 it is a kind of people, not a name."""
    assert _found("[SYNTHETIC] 옥수수죽만 먹었고, 계호원들이 여성들을 발로 찼다.") == []


def test_a_plural_word_ends_a_name_phrase() -> None:
    """"꿈나라쇼 멤버들과" was one guess: the members went under the pseudonym with the show."""
    assert [s for s, _ in _found("[SYNTHETIC] 그는 꿈나라쇼 멤버들과 함께 갔다.")] == ["꿈나라쇼"]


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 도문 구류소에 일주일 있다가 남양 다리에서 넘겨졌어요.",
     "[SYNTHETIC] 길림성 구류소에 일주일 있다가 함경북도 다리에서 넘겨졌어요."),
    ("[SYNTHETIC] 지금은 수원에서 간호사로 일해요.", "[SYNTHETIC] 지금은 경기도에서 간호사로 일해요."),
])
def test_towns_before_their_lock_up_or_bridge_and_a_city_that_looks_like_money(text: str, expected: str) -> None:
    """"도문 구류소에" read "[장소]에", "남양 다리에서" read "인물 3130에서", and 수원 (Suwon) was
    "several won": "[금액]에서"."""
    assert rendered(text) == expected


def test_former_and_the_partys_before_an_office_are_no_surnames() -> None:
    """전 and 현 before an office mostly mean former and present: a guess, still masked; 당 대표 is the
    party's leader; 전 씨 is Mr Jeon."""
    text = "[SYNTHETIC] 전 대통령이 왔다."
    (guess,) = detect(text)
    assert text[guess.start:guess.end] == "전 대통령" and guess.label == "PERSON" and guess.score < 0.35
    assert _found("[SYNTHETIC] 당 대표가 말했다.") == []
    assert [(s.label, s.score >= 0.35) for s in detect("[SYNTHETIC] 전 씨가 왔다.")] == [("PERSON", True)]


def test_a_given_name_after_a_family_word_is_found_everywhere() -> None:
    """Kiwi reads 철호 as 철 + 호 (iron, number): found only as part of a list item "남동생 철호", the name
    was left readable where it stood alone ("철호는 지금 스물아홉")."""
    text = "[SYNTHETIC] 어머니는 남동생 철호, 영호와 함께 남았어요. 철호는 지금 스물아홉 살이에요."
    shown = rendered(text)
    assert "철호" not in shown and "남동생 인물 " in shown


@pytest.mark.parametrize("text", ["[SYNTHETIC] 언니 결혼식에 갔다.", "[SYNTHETIC] 아버지 직장에서 일했다."])
def test_a_known_word_after_a_family_word_is_no_name(text: str) -> None:
    assert rendered(text) == text


@pytest.mark.parametrize(("text", "name"), [
    ("[SYNTHETIC] 그때 미향이가 말했다.", "미향"),  # Kiwi: 미 + 향 + 이 + 가
    ("[SYNTHETIC] 그때 명철이가 말했다.", "명철"),  # Kiwi: 명철 (a root) + 이 + 가
    ("[SYNTHETIC] 친구 철호한테 들었다.", "철호"),
])
def test_given_names_kiwi_cuts_are_found(text: str, name: str) -> None:
    assert name not in rendered(text)
