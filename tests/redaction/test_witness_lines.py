"""How a report introduces its witnesses (made-up lines): a letter for a name after what they are, an age
in brackets after a name, the organ's own rooms."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered


@pytest.mark.parametrize(("text", "expected"), [
    # A letter standing for a name is no part of the kind of person before it (it read 북한(여, ...)은).
    ("[SYNTHETIC] 북한이탈주민 A씨(여, 40대, 2018년 탈북, 함경북도 회령시 출신)는 다음과 같이 증언하였다.",
     "[SYNTHETIC] 북한이탈주민 인물 9401(여, 40대, 2018년 탈북, 함경북도 출신)은 다음과 같이 증언하였다."),
    # The particle after brackets follows the word before them, not the age inside (it read 20대)는).
    ("[SYNTHETIC] 피해자 리순옥(당시 23세)은 온성군 집결소에서 강제낙태를 당했다.",
     "[SYNTHETIC] 피해자 인물 6661(당시 20대)은 함경북도 집결소에서 강제낙태를 당했다."),
    ("[SYNTHETIC] 그 마을(회령시)은 작았다.", "[SYNTHETIC] 그 마을(함경북도)은 작았다."),
    ("[SYNTHETIC] 김철호(42)는 말했다.", "[SYNTHETIC] 인물 8031(40대)은 말했다."),
    # The organ's own rooms are in every county: they name no one (it read [기관]에서).
    ("[SYNTHETIC] 보위부 구류장에서 구타가 있었다.", "[SYNTHETIC] 보위부 구류장에서 구타가 있었다."),
    ("[SYNTHETIC] 회령 보위부 구류장에 있었다.", "[SYNTHETIC] 함경북도 보위부 구류장에 있었다."),
])
def test_a_report_introduces_its_witnesses(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A form of address written onto a name stays, apart; the name has the pseudonym it has alone.
    ("[SYNTHETIC] 박영호씨가 왔다. 박영호는 웃었다.", "[SYNTHETIC] 인물 4558 씨가 왔다. 인물 4558은 웃었다."),
    ("[SYNTHETIC] 김철동무가 말했다.", "[SYNTHETIC] 인물 1409 동무가 말했다."),
    ("[SYNTHETIC] 리영호선생님이 가르쳤다.", "[SYNTHETIC] 인물 2926 선생님이 가르쳤다."),
    # A particle in the form the name calls for is grammar (순희랑 read 인물 6255 같이; 순희는 read 인물 9914 왔다).
    ("[SYNTHETIC] 순희랑 같이 강을 건넜어요.", "[SYNTHETIC] 인물 113이랑 같이 강을 건넜어요."),
    ("[SYNTHETIC] 순희는 왔다.", "[SYNTHETIC] 인물 113은 왔다."),
    # A name's house: the name is masked, the house stays (it read [장소]에 갔어요).
    ("[SYNTHETIC] 그날 철이네 집에 갔어요.", "[SYNTHETIC] 그날 인물 1825네 집에 갔어요."),
    # Names in a list: the familiar -이 before a comma is the name's, not a particle to re-choose (인물 8325가,).
    ("[SYNTHETIC] 우리 반에 옥순이, 복실이, 춘자가 있었어요.", "[SYNTHETIC] 우리 반에 인물 7031, 인물 8325, 인물 4004가 있었어요."),
    # Across the river is no part of the town's name (강 길림성에).
    ("[SYNTHETIC] 강 건너 장백에 사는 조선족 리씨 할머니 집에 숨었다.",
     "[SYNTHETIC] 강 건너 길림성에 사는 조선족 인물 2391 할머니 집에 숨었다."),
])
def test_names_as_people_speak_them(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # The second name after "and" keeps its title too (it read Person 6708 for Uncle Yong-nam).
    ("[SYNTHETIC] Grandma Pak and Uncle Yong-nam helped us.", "[SYNTHETIC] Grandma Person 308 and Uncle Person 4614 helped us."),
    # A title before a hotel names no one (it read the Person 7526); an honorific before a surname still does.
    ("[SYNTHETIC] She stayed at the President Hotel.", "[SYNTHETIC] She stayed at the [LOCATION]."),
    ("[SYNTHETIC] Mr. Park and Mrs. Lee came.", "[SYNTHETIC] Mr. Person 5212 and Mrs. Person 1981 came."),
    # A river near a town is the river, not a place in the town (it read We crossed North Hamgyong).
    ("[SYNTHETIC] We crossed the Tumen near Namyang at night.",
     "[SYNTHETIC] We crossed the Tumen River near North Hamgyong at night."),
    ("[SYNTHETIC] We crossed the frozen Tumen at Musan in January 2008.",
     "[SYNTHETIC] We crossed the frozen Tumen River at North Hamgyong in 2008."),
    # A town whose name opens with a surname's syllable and ends in 양 is no Miss (남양 근처 read 인물 5671).
    ("[SYNTHETIC] 우리는 남양 근처에서 두만강을 건넜다.", "[SYNTHETIC] 우리는 함경북도 근처에서 두만강을 건넜다."),
    ("[SYNTHETIC] 김양이 왔다.", "[SYNTHETIC] 인물 2230이 왔다."),
])
def test_titles_rivers_and_towns(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A neighbourhood after its town inside a quotation is the town's (연봉동 read 인물 1615).
    ('[SYNTHETIC] 소식통은 "혜산시 연봉동에 사는 40대 여성이 체포됐다"고 전했다.',
     '[SYNTHETIC] 소식통은 "양강도에 사는 40대 여성이 체포됐다"고 전했다.'),
    # A neighbourhood before its numbered people's unit is a place; the unit's head is no name (인물 8437 3인민반).
    ('[SYNTHETIC] 이 소식통은 "위연동 3인민반 반장이 신고했다"고 덧붙였다.',
     '[SYNTHETIC] 이 소식통은 "[장소] 3인민반 반장이 신고했다"고 덧붙였다.'),
])
def test_a_neighbourhood_in_a_news_report(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A part of a town after the town's possessive is said by the town's province (Ryanggang's [LOCATION]).
    ("[SYNTHETIC] A woman was arrested in Hyesan's Yonbong-dong late last month.",
     "[SYNTHETIC] A woman was arrested in Ryanggang late last month."),
    # A town's market keeps its head after the possessive (it read Ryanggang is big).
    ("[SYNTHETIC] Hyesan's market is big.", "[SYNTHETIC] Ryanggang market is big."),
    # Who lives there is no part of the place's name (Residents of Wiyon-dong read [LOCATION]).
    ("[SYNTHETIC] Residents of Wiyon-dong's 3rd inmin-ban reported her.",
     "[SYNTHETIC] Residents of [LOCATION]'s 3rd inmin-ban reported her."),
    ("[SYNTHETIC] Citizens of Hyesan were told to gather.", "[SYNTHETIC] Citizens of Ryanggang were told to gather."),
])
def test_a_neighbourhood_in_an_english_report(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A country and common words written as one word name no town (a white paper's title read 『북한』).
    ("[SYNTHETIC] 『북한종교자유백서』에 따르면 신자들이 처벌받았다.", "[SYNTHETIC] 『북한종교자유백서』에 따르면 신자들이 처벌받았다."),
    # A page is no part of a newspaper's name (로동신문 1면 read [기관]).
    ("[SYNTHETIC] 로동신문 1면에 실렸다.", "[SYNTHETIC] 로동신문 1면에 실렸다."),
])
def test_what_the_press_and_reports_are_called(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # 에요 after a name is the copula as people write it, chosen again for the pseudonym (it read 인물 7011에요);
    # after a place it may be 에 and 요 ("at"), and stays.
    ("[SYNTHETIC] 제 이름은 순이에요.", "[SYNTHETIC] 제 이름은 인물 7011이에요."),
    ("[SYNTHETIC] 제 이름은 영희예요.", "[SYNTHETIC] 제 이름은 인물 6824예요."),
    ("[SYNTHETIC] 우리는 온성 집결소에요.", "[SYNTHETIC] 우리는 함경북도 집결소에요."),
])
def test_the_copula_after_a_name(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_initials_that_speak_more_than_once_are_a_speaker() -> None:
    text = "[SYNTHETIC]\nJK: I was in the third unit.\nInterviewer: When?\nJK: In 2009.\nPS: call me."
    assert rendered(text) == "[SYNTHETIC]\nPerson 9639: I was in the third unit.\nInterviewer: When?\nPerson 9639: In 2009.\nPS: call me."


@pytest.mark.parametrize(("text", "expected"), [
    # The house's number goes with its street or quarter (No. [LOCATION]; 15-3 Ryanggang left the number).
    ("[SYNTHETIC] She lived at No. 12, Renmin Road, Yanji.", "[SYNTHETIC] She lived at [LOCATION]."),
    ("[SYNTHETIC] Our address was 15-3 Songbong-dong, Hyesan.", "[SYNTHETIC] Our address was [LOCATION]."),
    # At a house on a street in a town is in the town's province (it read I stayed at No. Jilin).
    ("[SYNTHETIC] I stayed at No. 7 Jiefang Street in Tumen.", "[SYNTHETIC] I stayed in Jilin."),
    ("[SYNTHETIC] They arrested her at a house in Hyesan.", "[SYNTHETIC] They arrested her at a house in Ryanggang."),
])
def test_a_house_and_its_number(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A village its province already places adds a mask and nothing else (길림성 [장소]에서).
    ("[SYNTHETIC] 길림성 연변조선족자치주 화룡시 서성진 북대촌에서 3년을 살았다.", "[SYNTHETIC] 길림성에서 3년을 살았다."),
    # A town the gazetteer calls ambiguous, named before its border unit's cell, is the town (it read [장소]로).
    ("[SYNTHETIC] 중국 공안은 나를 도문 변방 구류소로 보냈다.", "[SYNTHETIC] 중국 공안은 나를 길림성 구류소로 보냈다."),
])
def test_places_inside_places_in_korean(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A code name is a name (it stood readable); the word for it is none (암호명 read 인물 9580).
    ('[SYNTHETIC] Her handler, an MSS agent codenamed "Eagle", met her in Dandong.',
     '[SYNTHETIC] Her handler, an MSS agent codenamed "Person 5273", met her in Liaoning.'),
    ("[SYNTHETIC] His code name was Falcon.", "[SYNTHETIC] His code name was Person 5515."),
    ("[SYNTHETIC] 그 보위원의 암호명은 독수리였다.", "[SYNTHETIC] 그 보위원의 암호명은 인물 6428이었다."),
])
def test_a_code_name(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_a_surname_that_is_a_word_before_an_age_is_a_person() -> None:
    text = "[SYNTHETIC] Kim (34), Park (28) and Lee (41) were arrested together."
    assert rendered(text) == "[SYNTHETIC] Person 6792 (30-39), Person 5212 (20-29) and Person 1981 (40-49) were arrested together."


@pytest.mark.parametrize(("text", "expected"), [
    # A name set off after a role (it stood readable: bang is a word); a surname that is a word of grammar.
    ("[SYNTHETIC] The broker, Bang, wanted more money.", "[SYNTHETIC] The broker, Person 7484, wanted more money."),
    ("[SYNTHETIC] I asked Oh whether she knew the way.", "[SYNTHETIC] I asked Person 6253 whether she knew the way."),
    ("[SYNTHETIC] Oh, it was cold, and oh how we suffered.", "[SYNTHETIC] Oh, it was cold, and oh how we suffered."),
    ("[SYNTHETIC] My mother, however, stayed.", "[SYNTHETIC] My mother, however, stayed."),
    # A faith or a people before an office is whose office it is: it stays readable, the name does not.
    ("[SYNTHETIC] Pakistani Prime Minister Nawaz Sharif spoke.", "[SYNTHETIC] Pakistani Prime Minister Person 1267 spoke."),
])
def test_names_set_off_and_offices_described(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # The Russian Far East, where the North sends loggers: Tynda and Amur are places (each read [LOCATION]);
    # a logging camp keeps its head (it read 러시아에서).
    ("[SYNTHETIC] My father worked at a logging camp in Tynda in the Russian Far East.",
     "[SYNTHETIC] My father worked at a logging camp in Russia."),
    ("[SYNTHETIC] 아버지는 러시아 아무르주 틴다 벌목장에서 일했다.", "[SYNTHETIC] 아버지는 아무르주 벌목장에서 일했다."),
])
def test_the_russian_far_east(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A name and its spelling in another script are one person, said once (인물 4057(인물 4057)), in the
    # sentence's language (a gloss in brackets turned 김철수(Kim Chol-su)를 English: Person 4057(인물 4057)을).
    ("[SYNTHETIC] 증언자 김철수(Kim Chol-su)는 혜산(Hyesan) 출신이다.", "[SYNTHETIC] 증언자 인물 4057은 양강도 출신이다."),
    ("김철수(Kim Chol-su)를 만났다. [SYNTHETIC]", "인물 4057을 만났다. [SYNTHETIC]"),
    ("[SYNTHETIC] The witness Kim Chol-su (김철수) was born in Hyesan (혜산).",
     "[SYNTHETIC] The witness Person 4057 was born in Ryanggang."),
    # A name in Latin letters said to be one's name stood readable.
    ('[SYNTHETIC] 그는 "Park"이라는 영어 이름을 썼다.', '[SYNTHETIC] 그는 "인물 5212"라는 영어 이름을 썼다.'),
    ("[SYNTHETIC] 한국에서는 Grace라는 이름으로 살아요.", "[SYNTHETIC] 한국에서는 인물 4275라는 이름으로 살아요."),
])
def test_a_name_in_two_scripts(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # An alias in quotes after its word stood readable (one used in China may be known to its police).
    ('[SYNTHETIC] 증언자 번호: NK-2019-031 (가명 "바람")', '[SYNTHETIC] 증언자 번호: [번호] (가명 "인물 8701")'),
    ("[SYNTHETIC] 가명 '순이'로 살았다.", "[SYNTHETIC] 가명 '인물 7011'로 살았다."),
])
def test_an_alias_in_quotes(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_a_district_in_brackets_does_not_say_the_city_before_it() -> None:
    # It read South Korea (Seoul): the district, generalised, named the city just generalised to its country.
    assert rendered("[SYNTHETIC] Current residence: Seoul (Gangseo-gu)") == "[SYNTHETIC] Current residence: South Korea"


@pytest.mark.parametrize(("text", "expected"), [
    # Where one crossed is the river: it stays after the town's province (it read 양강도를 건넜습니다).
    ("[SYNTHETIC] 저는 2009년 3월 15일 새벽 2시쯤 혜산시 위연동 뒤편 압록강을 건넜습니다.",
     "[SYNTHETIC] 저는 2009년쯤 양강도 압록강을 건넜습니다."),
])
def test_the_river_one_crossed(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A surname alone that is also a place's word is a person (it read [LOCATION] told me); a park by its name is a place.
    ("[SYNTHETIC] Park told me to wait by the river.", "[SYNTHETIC] Person 5212 told me to wait by the river."),
    ("[SYNTHETIC] We met in Central Park.", "[SYNTHETIC] We met in [LOCATION]."),
])
def test_a_surname_alone_that_is_a_place_word(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_an_enterprise_named_after_a_day_is_one_body() -> None:
    # It read the [DATE] [ORG]: the day is the works' name, no date of anything.
    text = "[SYNTHETIC] A laborer at the February 8 Vinalon Complex in Hamhung was not paid."
    assert rendered(text) == "[SYNTHETIC] A laborer at the [ORG] in South Hamgyong was not paid."


@pytest.mark.parametrize(("text", "expected"), [
    # A hospital before a job is no foreign name before a title (병원에서 was masked with the district).
    ("[SYNTHETIC] 저는 청진시 포항구역 병원에서 의사로 일했습니다.", "[SYNTHETIC] 저는 함경북도 병원에서 의사로 일했습니다."),
    ("[SYNTHETIC] 크리스토퍼 놀란 감독의 영화", "[SYNTHETIC] 인물 839 감독의 영화"),
    # 구역 is the North's district: 포항구역 is Chongjin's, not Pohang in the South (it read 경상북도).
    ("[SYNTHETIC] 포항구역에 살았다.", "[SYNTHETIC] 북한에 살았다."),
    ("[SYNTHETIC] 포항에 살았다.", "[SYNTHETIC] 경상북도에 살았다."),
])
def test_a_district_of_the_north_and_a_job_after_it(text: str, expected: str) -> None:
    assert rendered(text) == expected
