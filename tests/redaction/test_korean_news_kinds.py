"""Korean kinds of expression from news and testimony (made-up sentences): what a reader sees."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect


def _found(text: str) -> dict[str, str]:
    return {text[s.start:s.end]: s.label for s in detect(text)}


@pytest.mark.parametrize(("text", "expected"), [
    # A season or a word for a kind of person before a name is no part of it.
    ("[SYNTHETIC] 탈북민 김모(38)씨는 2011년 겨울 양강도 혜산에서 왔다.",
     "[SYNTHETIC] 탈북민 인물 6023(30대)씨는 2011년 겨울 양강도에서 왔다."),
    # Where someone is from (출신인) ends a place; the particle after it is grammar.
    ("[SYNTHETIC] 함경북도 청진시 수남구역 출신인 박씨는 떠났다.", "[SYNTHETIC] 함경북도 출신인 인물 4472는 떠났다."),
    # 당시 (at the time) is no city before an organ.
    ("[SYNTHETIC] 당시 보위부 지도원이 심문했다.", "[SYNTHETIC] 당시 보위부 지도원이 심문했다."),
    # A woman before 이모(29)씨: Ms Lee, not an aunt; 여성 is no name.
    ("[SYNTHETIC] 탈북 여성 이모(29)씨가 들어갔다.", "[SYNTHETIC] 탈북 여성 인물 637(20대)씨가 들어갔다."),
])
def test_words_around_a_name_stay_readable(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 그의 아들(6)은 남았다.", "[SYNTHETIC] 그의 아들(10세 미만)은 남았다."),
    ("[SYNTHETIC] 오빠 김철호(42)는 일했다.", "[SYNTHETIC] 오빠 인물 8031(40대)은 일했다."),
    ("[SYNTHETIC] 딸(32)이 왔다.", "[SYNTHETIC] 딸(30대)이 왔다."),
])
def test_the_particle_after_brackets_follows_the_word_before_them(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 이 단체는 천안함 사건 이후 전단을 날렸다.", "[SYNTHETIC] 이 단체는 천안함 사건 이후 전단을 날렸다."),
    ("[SYNTHETIC] 2009년 추석에 강을 건넜다.", "[SYNTHETIC] 2009년에 강을 건넜다."),
    ("[SYNTHETIC] 구류장에 40일간 갇혀 있었다.", "[SYNTHETIC] 구류장에 40일간 갇혀 있었다."),
    ("[SYNTHETIC] 북한인권정보센터(NKDB)는 보고서를 냈다.", "[SYNTHETIC] 북한인권정보센터(NKDB)는 보고서를 냈다."),
    ("[SYNTHETIC] 연평도에 배가 닿았다.", "[SYNTHETIC] 인천에 배가 닿았다."),
])
def test_ships_holidays_durations_and_public_bodies_read_as_they_are(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "holiday"), [
    ("[SYNTHETIC] 태양절을 앞두고 단속이 심해졌다.", "태양절"),
    ("[SYNTHETIC] 광명성절인 그날 배급이 나왔다.", "광명성절"),
    ("[SYNTHETIC] 삼일절인 그날 개봉했다.", "삼일절"),
])
def test_a_holiday_is_a_date_not_a_person_or_a_place(text: str, holiday: str) -> None:
    found = _found(text)
    assert found.get(holiday) == "DATE"
    assert "PERSON" not in found.values() and "LOCATION" not in found.values()


def test_an_anniversary_is_proposed_to_stay() -> None:
    text = "[SYNTHETIC] 사건 3주기를 하루 앞두고 모였다."
    assert _found(text).get("3주기") == "DATE"
    assert "3주기를" in rendered(text)


@pytest.mark.parametrize(("text", "expected"), [
    # A given name with its familiar -이 takes no common noun after it into itself.
    ("[SYNTHETIC] 동생 영철이 소식은 아직 모릅니다.", "[SYNTHETIC] 동생 인물 7135 소식은 아직 모릅니다."),
    # 후 (after) is no first part of a place; Incheon's districts generalise to Incheon.
    ("[SYNTHETIC] 하나원 수료 후 인천 남동구에 배정받았다.", "[SYNTHETIC] 하나원 수료 후 인천에 배정받았다."),
])
def test_a_name_or_a_place_takes_no_common_word_next_to_it(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_a_role_glued_to_its_gender_is_no_name() -> None:
    text = "[SYNTHETIC] 그 여감독은 여교사 출신이고 남배우와 일했다."
    assert not [s for s in detect(text) if s.label == "PERSON"]
    spaced = "[SYNTHETIC] 여 감독은 왔다."  # Director Yeo, perhaps: still a name to review
    assert [spaced[s.start:s.end] for s in detect(spaced) if s.label == "PERSON"] == ["여 감독"]


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 그는 10년을 복무했다.", "[SYNTHETIC] 그는 10년을 복무했다."),
    ("[SYNTHETIC] 15년이 지났다.", "[SYNTHETIC] 15년이 지났다."),
    ("[SYNTHETIC] 98년에 중국에 갔다.", "[SYNTHETIC] 1998년에 중국에 갔다."),
    ("[SYNTHETIC] 언니는 지금 마흔여섯입니다.", "[SYNTHETIC] 언니는 지금 40대입니다."),
    ("[SYNTHETIC] 여덟 살짜리 동생을 업었다.", "[SYNTHETIC] 10세 미만 동생을 업었다."),
])
def test_korean_years_spent_and_ages_said_in_words(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 제 이름은 보람이에요.", "[SYNTHETIC] 제 이름은 인물 6193이에요."),
    ("[SYNTHETIC] 가명은 순이였다.", "[SYNTHETIC] 가명은 인물 7011이었다."),
    ("[SYNTHETIC] 브로커 비용은 해마다 오른다.", "[SYNTHETIC] 브로커 비용은 해마다 오른다."),
    ("[SYNTHETIC] 정부는 북한이탈주민 지원 예산을 늘렸다.", "[SYNTHETIC] 정부는 북한이탈주민 지원 예산을 늘렸다."),
    ("[SYNTHETIC] 한국 정착 3년차인 그는 대학에 간다.", "[SYNTHETIC] 한국 정착 3년차인 그는 대학에 간다."),
])
def test_names_said_with_a_copula_and_common_words_after_a_cue_or_a_country(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 우리 딸 이름은 별이에요.", "[SYNTHETIC] 우리 딸 이름은 인물 9782예요."),
    ("[SYNTHETIC] 제 동생은 올해 스무 살이에요.", "[SYNTHETIC] 제 동생은 올해 20대예요."),
])
def test_a_one_syllable_name_after_a_naming_cue_and_my_family(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 답: 2006년 음력 8월쯤이었습니다.", "[SYNTHETIC] 답: 2006년쯤이었습니다."),
    ("[SYNTHETIC] 당시 신의주 역전 꽃제비였던 저는 열두 살이었습니다.", "[SYNTHETIC] 당시 평안북도 역전 꽃제비였던 저는 10대였습니다."),
    ("[SYNTHETIC] 증인은 1990년생으로 양강도 삼지연군 출신이다.", "[SYNTHETIC] 증인은 1990년생으로 양강도 출신이다."),
])
def test_lunar_months_kinds_of_people_and_years_of_birth(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 그 사람을 다들 '털보'라고 불렀어요.", "[SYNTHETIC] 그 사람을 다들 '인물 3856'이라고 불렀어요."),
    ("[SYNTHETIC] 여자는 자기를 화자라고 했어요.", "[SYNTHETIC] 여자는 자기를 인물 2528이라고 했어요."),
    ("[SYNTHETIC] 그는 자기를 학생이라고 소개했다.", "[SYNTHETIC] 그는 자기를 학생이라고 소개했다."),
    ("[SYNTHETIC] 사람들은 그곳을 지옥이라고 불렀다.", "[SYNTHETIC] 사람들은 그곳을 지옥이라고 불렀다."),
    ("[SYNTHETIC] 남편 성은 강씨고 이름은 영수예요.", "[SYNTHETIC] 남편 성은 인물 8001이고 이름은 인물 6894예요."),
])
def test_names_one_was_called_by_or_gave_oneself(text: str, expected: str) -> None:
    assert rendered(text) == expected
