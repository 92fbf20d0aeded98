"""Words of everyday life in the North, of escape and of resettlement (made-up sentences): no one's
name, though the analyser does not know many of them. What a reader sees."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect
from vault.redaction.lexicons import korean_everyday


def _persons(text: str) -> list[str]:
    return [text[s.start:s.end] for s in detect(text) if s.label == "PERSON"]


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] 손전화로 남쪽 노래를 들었어요.",
    "[SYNTHETIC] 돈주한테 돈을 꿔서 장사를 시작했어요.",
    "[SYNTHETIC] 어머니는 시장에서 두부밥을 팔았어요.",
    "[SYNTHETIC] 교화소에서는 하루 옥수수밥 한 덩이에 소금국이 전부였어요.",
    "[SYNTHETIC] 단체 관계자는 \"강제북송이 계속되고 있다\"고 말했다.",
    "[SYNTHETIC] 브로커가 연락이 끊겨서 한 달 동안 민박집에 숨어 있었어요.",
    "[SYNTHETIC] 사설에서 자력갱생을 강조했다.",
    "[SYNTHETIC] 정착금을 받아서 방을 얻었어요.",
    "[SYNTHETIC] 그때 빙두가 제일 힘들었어요.",
    # A family word with its particle is the subject, not a cue for the word after it.
    "[SYNTHETIC] 어머니는 손전화를 이야기했어요.",
    # A verb before a kinship word is no surname (온: "who came"); an adverb before a title is no name
    # (그냥 사장님: "just the boss"), nor is a title one was called by.
    "[SYNTHETIC] 시골에서 온 할머니 한 분이었죠.",
    "[SYNTHETIC] 다들 그냥 사장님이라고 불렀어요.",
    # The North's words for mother, an old man, a girl.
    "[SYNTHETIC] 오마니가 떡을 해주셨시요.",
    "[SYNTHETIC] 그 아바이가 우리 집에 찾아왔댔어요.",
])
def test_everyday_words_are_no_names(text: str) -> None:
    assert _persons(text) == []
    assert rendered(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    # A word for when (그때) is no first part of a name; 제일 (most) read alone is an adverb.
    ("[SYNTHETIC] 그때 주체사상이 제일 힘들었어요.", "[SYNTHETIC] 그때 주체사상이 제일 힘들었어요."),
    # What a kind of people is called is no one's name; that one person's nickname is.
    ("[SYNTHETIC] 평양 사람들은 지방 사람을 촌놈이라고 불렀어요.",
     "[SYNTHETIC] 북한 사람들은 지방 사람을 촌놈이라고 불렀어요."),
    # A unit every town has, before a title, names no one (초급단체 비서, 반탐처 지도원).
    ("[SYNTHETIC] 청년동맹 초급단체 비서가 저를 불렀어요.", "[SYNTHETIC] 청년동맹 초급단체 비서가 저를 불렀어요."),
    # 소속 (of, belonging to) is no first part of the name after it.
    ("[SYNTHETIC] 국회 외교통일위원회 소속 김모 의원실이 자료를 공개했다.",
     "[SYNTHETIC] 국회 외교통일위원회 소속 인물 8446이 자료를 공개했다."),
    # 산하 (under) ends the body's name: what follows stays readable.
    ("[SYNTHETIC] 그는 국가보위성 산하 정치범수용소 실태를 증언했다.",
     "[SYNTHETIC] 그는 국가보위성 산하 정치범수용소 실태를 증언했다."),
    # A country's dramas say where they come from; the country keeps the witness's word (남조선).
    ("[SYNTHETIC] 손전화로 남조선 드라마를 봤다는 이유로 처벌을 받았다.",
     "[SYNTHETIC] 손전화로 남조선 드라마를 봤다는 이유로 처벌을 받았다."),
    # A country's money, then the amount: the amount is generalised, the money is no place.
    ("[SYNTHETIC] 변방대 군인한테 중국돈 3천 위안을 주고 강을 건넜습니다.",
     "[SYNTHETIC] 변방대 군인한테 중국돈 수천 위안을 주고 강을 건넜습니다."),
    ("[SYNTHETIC] 브로커에게 한국돈 200만 원을 줬어요.", "[SYNTHETIC] 브로커에게 한국돈 수백만 원을 줬어요."),
    # A border lock-up is a kind of unit; named by its town, the town is found and generalised.
    ("[SYNTHETIC] 그 후 변방구류소에서 북송됐어요.", "[SYNTHETIC] 그 후 변방구류소에서 북송됐어요."),
    ("[SYNTHETIC] 중국 공안에 잡혀서 도문 변방구류소로 넘겨졌어요.",
     "[SYNTHETIC] 중국 공안에 잡혀서 길림성 변방구류소로 넘겨졌어요."),
    ("[SYNTHETIC] 도 보위부 예심과에서 조사를 받았어요.", "[SYNTHETIC] 도 보위부 예심과에서 조사를 받았어요."),
])
def test_what_a_reader_sees(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_a_nickname_of_one_person_and_a_name_after_a_naming_word_stay_names() -> None:
    assert _persons("[SYNTHETIC] 그 사람을 다들 '털보'라고 불렀어요.") == ["털보"]
    assert _persons("[SYNTHETIC] 남동생 철호가 먼저 떠났어요.") == ["철호"]


@pytest.mark.parametrize(("text", "expected"), [
    # The particle after brackets follows the name replaced before them.
    ("[SYNTHETIC] 면담자 C씨(여, 40대 초반)는 2018년 봄에 왔다.", "[SYNTHETIC] 면담자 인물 5417(여, 40대 초반)은 2018년 봄에 왔다."),
    # Organisations that record testimony are public bodies.
    ("[SYNTHETIC] 북한인권시민연합과 물망초는 공동으로 보고서를 발간했다.",
     "[SYNTHETIC] 북한인권시민연합과 물망초는 공동으로 보고서를 발간했다."),
    ("[SYNTHETIC] 이 증언은 북한인권기록센터에 보관되어 있다.", "[SYNTHETIC] 이 증언은 북한인권기록센터에 보관되어 있다."),
    # A province in the South's spelling, as readers write it.
    ("[SYNTHETIC] 그는 선양 근교 농가에 머물렀다.", "[SYNTHETIC] 그는 요녕성 근교 농가에 머물렀다."),
])
def test_ngo_reports_read_well(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A birthday that names an age is generalised like one; the North, as people say it, is no name.
    ("[SYNTHETIC] 칠순이 넘은 아버지는 아직 북에 계신다.", "[SYNTHETIC] 70대가 넘은 아버지는 아직 북에 계신다."),
    # A school year is a stage of life, proposed to stay (it was masked as a date).
    ("[SYNTHETIC] 그때 저는 중학교 3학년이었어요.", "[SYNTHETIC] 그때 저는 중학교 3학년이었어요."),
])
def test_ages_and_stages_of_life(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A person named by what they are called: a name, whatever else the word means (향미: aroma).
    ("[SYNTHETIC] 향미라는 애가 같이 있었어요.", "[SYNTHETIC] 인물 1174라는 애가 같이 있었어요."),
    ("[SYNTHETIC] 경철이라고 하는 사람이 길을 안내했어요.", "[SYNTHETIC] 인물 446이라고 하는 사람이 길을 안내했어요."),
    ("[SYNTHETIC] 브로커라는 사람이 전화를 했어요.", "[SYNTHETIC] 브로커라는 사람이 전화를 했어요."),
    # A household's -네 stays after the name; a given name's -이 before a family word is the name's.
    ("[SYNTHETIC] 영남이네 집에서 하룻밤 잤어요.", "[SYNTHETIC] 인물 4614네 집에서 하룻밤 잤어요."),
    ("[SYNTHETIC] 혜영이 아버지가 보위부에 끌려갔어요.", "[SYNTHETIC] 인물 1759 아버지가 보위부에 끌려갔어요."),
    # 막내 (the youngest) is a family word, no part of the name after it.
    ("[SYNTHETIC] 우리 막내 은정이는 지금 대학생이에요.", "[SYNTHETIC] 우리 막내 인물 4668은 지금 대학생이에요."),
])
def test_names_in_spoken_testimony(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_a_name_before_a_person_called_is_proposed_with_evidence() -> None:
    text = "[SYNTHETIC] 향미라는 애가 같이 있었어요."
    assert [(text[s.start:s.end], s.score >= 0.35) for s in detect(text) if s.label == "PERSON"] == [("향미", True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 주체87년에 아버지가 돌아가셨다.", "[SYNTHETIC] 1998년에 아버지가 돌아가셨다."),
    ("[SYNTHETIC] 매일 새벽 5시에 일어났다.", "[SYNTHETIC] 매일 새벽 5시에 일어났다."),
    ("[SYNTHETIC] 2009년 3월 5일 오후 3시에 잡혔다.", "[SYNTHETIC] 2009년에 잡혔다."),
])
def test_times_of_day_and_the_norths_calendar(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A unit written apart from its name goes with it: the name of a workers' district is no common word.
    ("[SYNTHETIC] 회령 유선 노동자구에 살았어요.", "[SYNTHETIC] 함경북도에 살았어요."),
    ("[SYNTHETIC] 혜산 위연동 17반에서 살았어요.", "[SYNTHETIC] 양강도에서 살았어요."),
    # Shenyang's Korean quarter, where many hide and work, is a place of its own.
    ("[SYNTHETIC] 심양 서탑에서 식당 일을 했어요.", "[SYNTHETIC] 요녕성에서 식당 일을 했어요."),
    # A Chinese town (진) across the river is a place.
    ("[SYNTHETIC] 두만강 건너 삼합진에서 며칠 숨어 있었어요.", "[SYNTHETIC] 두만강 건너 길림성에서 며칠 숨어 있었어요."),
])
def test_units_and_towns_of_the_route(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Words of policy between the two Koreas name no one (이산가족 was a name before the cue 가족).
    ("[SYNTHETIC] 이산가족 상봉은 2018년 이후 열리지 않았다.", "[SYNTHETIC] 이산가족 상봉은 2018년 이후 열리지 않았다."),
    ("[SYNTHETIC] 탈북어민 강제북송 사건이 국정감사에서 다뤄졌다.", "[SYNTHETIC] 탈북어민 강제북송 사건이 국정감사에서 다뤄졌다."),
    ("[SYNTHETIC] 남북정상회담 직후 대북확성기 방송이 중단됐다.", "[SYNTHETIC] 남북정상회담 직후 대북확성기 방송이 중단됐다."),
    # The five West Sea islands are a place: few people live there.
    ("[SYNTHETIC] 서해5도 주민들은 대피했다.", "[SYNTHETIC] 인천 주민들은 대피했다."),
])
def test_words_of_policy_between_the_two_koreas(text: str, expected: str) -> None:
    assert rendered(text) == expected


_FRAMES = ("[SYNTHETIC] 그때 {}{이} 제일 힘들었어요.", "[SYNTHETIC] 어머니는 {}{을} 이야기했어요.",
           "[SYNTHETIC] {} 때문에 많이 울었어요.", "[SYNTHETIC] 우리 동네에서 {}{이} 흔했어요.")


def _framed(frame: str, word: str) -> str:
    closed = (ord(word[-1]) - 0xAC00) % 28 != 0
    return frame.replace("{이}", "이" if closed else "가").replace("{을}", "을" if closed else "를").replace("{}", word)


def test_no_word_of_the_lexicon_is_a_person_in_neutral_sentences() -> None:
    """Every word of ``lexicon_ko_common.tsv`` in four made-up frames: none is proposed as a person."""
    found = [(text, persons) for word in sorted(korean_everyday()) for frame in _FRAMES
             if (persons := _persons(text := _framed(frame, word)))]
    assert found == []


@pytest.mark.parametrize(("text", "expected"), [
    # A platform names no one, nor does a disease; the Youth League is a public organ.
    ("[SYNTHETIC] 그는 유튜브 채널을 통해 북한 소식을 알리고 있다.", "[SYNTHETIC] 그는 유튜브 채널을 통해 북한 소식을 알리고 있다."),
    ("[SYNTHETIC] 코로나 봉쇄 이후 밀수가 끊겼다.", "[SYNTHETIC] 코로나 봉쇄 이후 밀수가 끊겼다."),
    ("[SYNTHETIC] 사회주의 애국청년동맹 위원장이 연설했다.", "[SYNTHETIC] 사회주의 애국청년동맹 위원장이 연설했다."),
    # An unknown name before a head is dropped with the town; the head stays.
    ("[SYNTHETIC] 평양 려명거리 아파트는 간부들에게 배정됐다.", "[SYNTHETIC] 북한 아파트는 간부들에게 배정됐다."),
])
def test_platforms_organs_and_heads(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # The interrogator's job is no part of the place before nor of the name after.
    ("[SYNTHETIC] 회령시 안전부 예심원 김 아무개가 저를 조사했어요.",
     "[SYNTHETIC] 함경북도 안전부 예심원 인물 93이 저를 조사했어요."),
    ('[SYNTHETIC] 예심원 동무가 "너 한국 가려고 했지?" 하고 물었어요.',
     '[SYNTHETIC] 예심원 동무가 "너 한국 가려고 했지?" 하고 물었어요.'),
    # 반탐과 is a department (과), not 반탐 and someone.
    ("[SYNTHETIC] 제 담당은 보위부 반탐과 리 지도원이었어요.", "[SYNTHETIC] 제 담당은 보위부 반탐과 인물 3856 지도원이었어요."),
    # A floor is no address.
    ("[SYNTHETIC] 무산군 보위부 3층 조사실에서 잠을 못 잤어요.", "[SYNTHETIC] 함경북도 보위부 3층 조사실에서 잠을 못 잤어요."),
])
def test_detention_words_read_well(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A town inside a Chinese county stays hidden (경신진 stood readable after 길림성).
    ("[SYNTHETIC] 길림성 훈춘시 경신진 부근 농촌이었어요.", "[SYNTHETIC] 길림성 부근 농촌이었어요."),
    ("[SYNTHETIC] 연변조선족자치주 안도현 명월진으로 팔려 갔어요.", "[SYNTHETIC] 길림성으로 팔려 갔어요."),
    # A person from a town is a person, not part of the town (박수진 stood readable after 대한민국).
    ("[SYNTHETIC] 부산시 박수진이 말했다.", "[SYNTHETIC] 대한민국 인물 4296이 말했다."),
])
def test_towns_of_china_and_people_from_a_town(text: str, expected: str) -> None:
    assert rendered(text) == expected
