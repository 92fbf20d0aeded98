"""Life after arrival in the South (made-up sentences): the bodies every arrival passes through, the
jobs of the people who help, where one lives and works, the numbers one is given. What a reader sees."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.label) for s in detect(text)]


@pytest.mark.parametrize("text", [
    # A job Kiwi knows as one word, before 선생님, is no name.
    "[SYNTHETIC] 하나센터 상담사 선생님이 취업을 도와주셨어요.",
    "[SYNTHETIC] 주민센터 사회복지사 선생님이 집에 찾아왔어요.",
    "[SYNTHETIC] 조사관 아저씨가 이것저것 물었어요.",
    # The interrogation centre every arrival passes through is a public body, like Hanawon.
    "[SYNTHETIC] 국정원 합동신문센터에서 석 달 있었어요.",
    "[SYNTHETIC] 대성공사에서 조사를 받을 때 무서웠어요.",
    "[SYNTHETIC] 북한이탈주민보호센터에서 조사를 받았다.",
])
def test_the_bodies_and_jobs_of_resettlement_stay_readable(text: str) -> None:
    assert [label for _, label in _found(text) if label in ("PERSON", "LOCATION")] == []
    assert rendered(text) == text


@pytest.mark.parametrize("name", ["Joint Interrogation Center", "Hana Center"])
def test_the_bodies_of_resettlement_are_public_in_english(name: str) -> None:
    text = f"[SYNTHETIC] I spent three months at the {name}."
    assert (name, "ORG") in _found(text)
    assert rendered(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    # A job made of known nouns is no first part of the surname after it; the officer is named
    # by surname and rank, with the honorific.
    ("[SYNTHETIC] 신변보호관 박 경위님 전화번호를 받았어요.", "[SYNTHETIC] 신변보호관 인물 3228 경위님 전화번호를 받았어요."),
    ("[SYNTHETIC] 담당 보호관 김 경위가 왔다.", "[SYNTHETIC] 담당 보호관 인물 1766 경위가 왔다."),
    # The class one left Hanawon with dates the arrival and narrows it to a few hundred people.
    ("[SYNTHETIC] 하나원 142기로 수료했어요.", "[SYNTHETIC] 하나원 [번호]기로 수료했어요."),
    ("[SYNTHETIC] 하나원 142기생들과 만났어요.", "[SYNTHETIC] 하나원 [번호]기생들과 만났어요."),
    ("[SYNTHETIC] I was in Hanawon class 142.", "[SYNTHETIC] I was in Hanawon class [ID_NUMBER]."),
    # A bank's name ends before the account; the account number is a number of its own.
    ("[SYNTHETIC] 국민은행 계좌 123-45-678901로 정착금이 들어왔어요.",
     "[SYNTHETIC] [기관] 계좌 [번호]로 정착금이 들어왔어요."),
    # A school named with its head word is one organisation.
    ("[SYNTHETIC] 아들은 한겨레중고등학교를 졸업했어요.", "[SYNTHETIC] 아들은 [기관]을 졸업했어요."),
    # One lives, works and moves in a place, never in a person: the name before is a town.
    ("[SYNTHETIC] 지금은 구리에 살아요.", "[SYNTHETIC] 지금은 경기도에 살아요."),
    ("[SYNTHETIC] 임대주택에 당첨돼서 진주로 이사했어요.", "[SYNTHETIC] 임대주택에 당첨돼서 경상남도로 이사했어요."),
    ("[SYNTHETIC] 영등포에 있는 쪽방에서 살았어요.", "[SYNTHETIC] [장소]에 있는 쪽방에서 살았어요."),
    # A name two countries share (a county of the North, a city of the South) is hidden, not placed.
    ("[SYNTHETIC] 남편은 화성에 있는 자동차 부품 공장에서 일해요.",
     "[SYNTHETIC] 남편은 [장소]에 있는 자동차 부품 공장에서 일해요."),
])
def test_what_identifies_is_hidden_and_reads_well(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] 화성에 생명체가 있을까?",  # Mars
    "[SYNTHETIC] 그는 전쟁에서 살아남은 사람이다.",
])
def test_a_common_word_without_a_home_after_it_is_no_place(text: str) -> None:
    assert rendered(text) == text


def test_a_known_word_that_is_no_job_can_be_a_name() -> None:
    """조정기 (a regulator) before 씨 is someone's name; only jobs (상담사, 조사관) are skipped."""
    assert ("조정기", "PERSON") in _found("[SYNTHETIC] 조정기 씨가 서류를 가져왔어요.")
