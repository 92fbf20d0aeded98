"""Missions and safe houses, court records, trafficking in China, the army, the market, families and their
dates (made-up lines): what a reader sees."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect
from vault.redaction.review import Action, merge_overlaps, propose
from vault.redaction.spans import LOCATION, PERSON, Span


@pytest.mark.parametrize(("text", "expected"), [
    # A title or rank stays readable before the pseudonym, as 선생님 does after a Korean name.
    ("[SYNTHETIC] A missionary from Busan, Rev. Pak Sang-hun, paid the broker.",
     "[SYNTHETIC] A missionary from South Korea, Rev. Person 9060, paid the broker."),
    ("[SYNTHETIC] We met Dr. Ri Chol-ho and Fr. Kim in Dandong.",
     "[SYNTHETIC] We met Dr. Person 3001 and Fr. Person 6792 in Liaoning."),
    ("[SYNTHETIC] My company commander, Senior Lieutenant Ri Chol-nam, took bribes.",
     "[SYNTHETIC] My company commander, Senior Lieutenant Person 9732, took bribes."),
    ("[SYNTHETIC] Sergeant Major Pak beat him; Pastor Chun hid us.",
     "[SYNTHETIC] Sergeant Major Person 308 beat him; Pastor Person 5690 hid us."),
    # A title opening a company's name is part of it.
    ("[SYNTHETIC] General Motors hired him.", "[SYNTHETIC] [ORG] hired him."),
    # A diagnosis and a train are no persons.
    ("[SYNTHETIC] She was diagnosed with PTSD after the camp.", "[SYNTHETIC] She was diagnosed with PTSD after the camp."),
    ("[SYNTHETIC] He arrived by KTX from Seoul.", "[SYNTHETIC] He arrived by KTX from South Korea."),
    # A Chinese place in Chinese script with its unit (市, 县): the unit goes with it.
    ("[SYNTHETIC] She was born in 延吉市 and worked in 和龙县.", "[SYNTHETIC] She was born in Jilin and worked in Jilin."),
    # An international bank account number, by its check digits.
    ("[SYNTHETIC] He sent money from GB02RVXB01271286793653 to her account.",
     "[SYNTHETIC] He sent money from [ID_NUMBER] to her account."),
    # A title after a name with its particle is no second word of the name.
    ("[SYNTHETIC] 부산에서 온 박상훈 선교사가 브로커에게 돈을 줬다.",
     "[SYNTHETIC] 대한민국에서 온 인물 9060 선교사가 브로커에게 돈을 줬다."),
    # 에서 follows a place or a body, never a person: a word the rules did not know is a place there.
    ("[SYNTHETIC] 나는 무평에서 그를 만났다.", "[SYNTHETIC] 나는 [장소]에서 그를 만났다."),
    # Kinds of people, in the North's spelling and with a particle; the women the Japanese army enslaved.
    ("[SYNTHETIC] 제대 후 청진 제철소 로동자로 배치됐습니다.", "[SYNTHETIC] 제대 후 함경북도 제철소 로동자로 배치됐습니다."),
    ("[SYNTHETIC] 위안부 할머니의 증언을 들었다.", "[SYNTHETIC] 위안부 할머니의 증언을 들었다."),
    # A court's case number identifies the case, so the defendant; the court is a body, the Supreme Court a public one.
    ("[SYNTHETIC] 서울중앙지방법원 2019고합123 판결에 따르면 피고인은 기소되었다.",
     "[SYNTHETIC] [기관] [번호] 판결에 따르면 피고인은 기소되었다."),
    ("[SYNTHETIC] 대법원 2020도4567 판결은 원심을 확정하였다.", "[SYNTHETIC] 대법원 [번호] 판결은 원심을 확정하였다."),
    # An amount before 까지, 부터, 어치; a price is a common noun and a compound's tail, no person.
    ("[SYNTHETIC] 화폐개혁 뒤에는 쌀값이 6,000원까지 올랐고 천 원어치씩 샀다.",
     "[SYNTHETIC] 화폐개혁 뒤에는 쌀값이 수천 원까지 올랐고 수천 원어치씩 샀다."),
    ("[SYNTHETIC] 1만 위안부터 시작했다.", "[SYNTHETIC] 수만 위안부터 시작했다."),
    # A mountain, with its "Mt." (a famous one in the North generalised to its province like any place).
    ("[SYNTHETIC] We were reunited at the Mt. Kumgang family reunion in August 2018.",
     "[SYNTHETIC] We were reunited at the Kangwon family reunion in 2018."),
    ("[SYNTHETIC] 2018년 8월 금강산 이산가족 상봉 때 오빠를 만났어요.", "[SYNTHETIC] 2018년 강원도 이산가족 상봉 때 오빠를 만났어요."),
    ("[SYNTHETIC] 회령산 담배가 유명해요.", "[SYNTHETIC] 함경북도 담배가 유명해요."),
    # A title in quotes: its capitals make no person of a common word that is also a surname.
    ('[SYNTHETIC] She appeared on the show "Now On My Way to Meet You" in 2016.',
     '[SYNTHETIC] She appeared on the show "Now On My Way to Meet You" in 2016.'),
    # The broadcasters everyone watches stay readable.
    ("[SYNTHETIC] 채널A '이제 만나러 갑니다'에 출연했어요.", "[SYNTHETIC] 채널A '이제 만나러 갑니다'에 출연했어요."),
    # A date counted in days or weeks from another is a date; in years it is another year, and stays apart.
    ("[SYNTHETIC] Two days after Chuseok in 2011 they came for him.", "[SYNTHETIC] In 2011 they came for him."),
    ("[SYNTHETIC] He vanished three weeks before 12 May 2010.", "[SYNTHETIC] He vanished in 2010."),
    ("[SYNTHETIC] He left two years after 1997.", "[SYNTHETIC] He left two years after 1997."),
    ("[SYNTHETIC] 2011년 추석 이틀 뒤에 보위부가 왔다.", "[SYNTHETIC] 2011년에 보위부가 왔다."),
    # A night spanning two days, a day of a lunar month, a date and its time in ISO form.
    ("[SYNTHETIC] On the night of 14-15 May 2004 we crossed.", "[SYNTHETIC] In 2004 we crossed."),
    ("[SYNTHETIC] She was born on the 15th day of the eighth lunar month in 1972.", "[SYNTHETIC] She was born in 1972."),
    ("[SYNTHETIC] The interview took place on 2019-06-12T14:30.", "[SYNTHETIC] The interview took place in 2019."),
    # A prison by its English name and its number: a detention facility in its province, said once.
    ("[SYNTHETIC] Her brother was sent to Chongori Kyohwaso (Correctional Labour Camp No. 12) in Hoeryong.",
     "[SYNTHETIC] Her brother was sent to a detention facility in North Hamgyong."),
    ("[SYNTHETIC] He was held in Chongori Kyohwaso.", "[SYNTHETIC] He was held in a detention facility in North Hamgyong."),
    # Ages joined by "or" are one age; a name with an accent is a person's; a country's mission keeps its article.
    ("[SYNTHETIC] Even schoolchildren aged 11 or 12 were there.", "[SYNTHETIC] Even schoolchildren aged 10-19 were there."),
    ("[SYNTHETIC] The envoy, Tomás Quintana, met the DPRK mission in Geneva.",
     "[SYNTHETIC] The envoy, Person 4681, met the North Korea mission in Switzerland."),
    # A market or mine named by a word before it, glued or apart, even a common noun: only the head stays.
    ("[SYNTHETIC] 혜산 연봉시장 근처에 살았어요.", "[SYNTHETIC] 양강도 시장 근처에 살았어요."),
    ("[SYNTHETIC] 혜산 연봉 시장 근처에 살았어요.", "[SYNTHETIC] 양강도 시장 근처에 살았어요."),
    ("[SYNTHETIC] 청진 수남시장에서 장사를 했어요.", "[SYNTHETIC] 함경북도 시장에서 장사를 했어요."),
    # A family after a name (영희네 식구) is no part of it.
    ("[SYNTHETIC] 김철수 가족이 잡혀갔다.", "[SYNTHETIC] 인물 4057 가족이 잡혀갔다."),
    # A foreign airport named in one word keeps its head only; a count after a place is no part of it.
    ("[SYNTHETIC] 17일 새벽 일본 가상타공항에 비상 착륙했다.", "[SYNTHETIC] [날짜] 새벽 일본 공항에 비상 착륙했다."),
    ("[SYNTHETIC] 승객은 제주시내 8만 5600명으로 추정된다.", "[SYNTHETIC] 승객은 제주도 8만 5600명으로 추정된다."),
    # "Most" before a river is no first part of its name (it was dropped with the generalised name).
    ("[SYNTHETIC] 이들은 대부분 두만강이나 압록강을 건넜다.", "[SYNTHETIC] 이들은 대부분 두만강이나 압록강을 건넜다."),
    # Capitalised common words that no person is named with name a body, not a person.
    ("[SYNTHETIC] Markets spread after the collapse of the Public Distribution System.",
     "[SYNTHETIC] Markets spread after the collapse of the [ORG]."),
    # Camps written out: by number before the word, hyphenated, several at once in one province.
    ("[SYNTHETIC] She was in No. 16 camp, then camps 22 and 25, then Kyo-hwa-so No. 12.",
     "[SYNTHETIC] She was in a detention facility in North Hamgyong, then detention facilities in North Hamgyong, "
     "then a detention facility in North Hamgyong."),
    # An autonomous area named by its people; a province misspelt by one letter.
    ("[SYNTHETIC] Later she reached the Guangxi Zhuang Autonomous Region, then Heilongjang.",
     "[SYNTHETIC] Later she reached China, then China."),
    # The DMZ is some 250 km long: the border, said; Panmunjom is one place, masked.
    ("[SYNTHETIC] A soldier defected across the DMZ.", "[SYNTHETIC] A soldier defected across the inter-Korean border."),
    ("[SYNTHETIC] 휴전선을 넘어 왔다.", "[SYNTHETIC] 남북 경계를 넘어 왔다."),
    ("[SYNTHETIC] He crossed at Panmunjom.", "[SYNTHETIC] He crossed at [LOCATION]."),
    # A grandmother's age in brackets is an age as a boy's is; a name after an age is a person's.
    ("[SYNTHETIC] The boy (12) and his grandmother (71) survived.", "[SYNTHETIC] The boy (10-19) and his grandmother (70-79) survived."),
    ("[SYNTHETIC] The victim, 45-year-old Park, was a mother of three.",
     "[SYNTHETIC] The victim, 40-49-year-old Person 5212, was a mother of three."),
    # A town after its province is the province's town, though its name alone is also a word or a town in the South.
    ("[SYNTHETIC] 평남 순천을 거쳐 왔다.", "[SYNTHETIC] 평안남도를 거쳐 왔다."),
    # Well-known bodies whose names "in" or "for" join, and the party's department everyone knows.
    ("[SYNTHETIC] Volunteers from Liberty in North Korea (LiNK) helped her.",
     "[SYNTHETIC] Volunteers from Liberty in North Korea (LiNK) helped her."),
    ("[SYNTHETIC] The Committee for Human Rights in North Korea (HRNK) published it.",
     "[SYNTHETIC] The Committee for Human Rights in North Korea (HRNK) published it."),
    ("[SYNTHETIC] She worked in the Organisation and Guidance Department.",
     "[SYNTHETIC] She worked in the Organisation and Guidance Department."),
    ("[SYNTHETIC] Room 39 controls much of the foreign currency.", "[SYNTHETIC] [ORG] controls much of the foreign currency."),
    # A country's money written apart (중국 돈) is money, not a body; a feast kept in a year keeps its verb's object.
    ("[SYNTHETIC] 경비대 중대장한테 중국 돈 500원을 줬어요.", "[SYNTHETIC] 경비대 중대장한테 중국 돈 수백 원을 줬어요."),
    ("[SYNTHETIC] 2008년 설 쇠고 바로 떠났어요.", "[SYNTHETIC] 2008년 명절 쇠고 바로 떠났어요."),
    # A day of a lunar month in words is a date.
    ("[SYNTHETIC] 음력 정월 초사흘이었어요.", "[SYNTHETIC] [날짜]였어요."),
    ("[SYNTHETIC] 섣달 그믐에 떠났다.", "[SYNTHETIC] [날짜]에 떠났다."),
    # A border village (in the gazetteer since stop 29), and a guess that is also a town's name, read as places.
    ("[SYNTHETIC] 삼장에서 강을 건넜다.", "[SYNTHETIC] 함경북도에서 강을 건넜다."),
    ("[SYNTHETIC] 삼장 쪽에서요.", "[SYNTHETIC] 함경북도 쪽에서요."),
    # 도 after a town is "also"; only a province's name ends in 도.
    ("[SYNTHETIC] 플롯의 구성도 좋았다.", "[SYNTHETIC] 플롯의 구성도 좋았다."),
    ("[SYNTHETIC] 혜산도 좋았다.", "[SYNTHETIC] 양강도도 좋았다."),
    # Asylum abroad: the numbers of a case, a person and a paper; the bodies every reader knows; a British postcode.
    ("[SYNTHETIC] His Alien Registration Number (A-number) is A 123 456 789.",
     "[SYNTHETIC] His Alien Registration Number (A-number) is [ID_NUMBER]."),
    ("[SYNTHETIC] The appeal (PA/01234/2016) succeeded.", "[SYNTHETIC] The appeal ([ID_NUMBER]) succeeded."),
    ("[SYNTHETIC] Her NHS number is 943 476 5919 and her National Insurance number is QQ 12 34 56 C.",
     "[SYNTHETIC] Her NHS number is [ID_NUMBER] and her National Insurance number is [ID_NUMBER]."),
    ("[SYNTHETIC] She holds a Refugee Travel Document issued by the Home Office.",
     "[SYNTHETIC] She holds a Refugee Travel Document issued by the Home Office."),
    ("[SYNTHETIC] He lives at Flat 3, 27 Fictional Road, New Malden KT3 4AB.", "[SYNTHETIC] He lives at [LOCATION]."),
    # An event named after its town is proposed to stay: it dates a year, it names no witness's town.
    ("[SYNTHETIC] I was born in the year of the Seoul Olympics.", "[SYNTHETIC] I was born in the year of the Seoul Olympics."),
    ("[SYNTHETIC] 1988년 서울올림픽 때 태어났다.", "[SYNTHETIC] 1988년 서울올림픽 때 태어났다."),
    ("[SYNTHETIC] 평창동계올림픽을 봤다.", "[SYNTHETIC] 평창동계올림픽을 봤다."),
    # An unknown name before a mine is a place, not a person.
    ("[SYNTHETIC] We lived near the Komdok mine.", "[SYNTHETIC] We lived near the [LOCATION] mine."),
    # A road address with its block of flats, door number and neighbourhood in brackets; a protection decision's number.
    ("[SYNTHETIC] 경기도 안성시 공도읍 진사길 45-6 가상아파트 101동 1502호에 살아요.", "[SYNTHETIC] 대한민국에 살아요."),
    ("[SYNTHETIC] 주소: 서울특별시 양천구 목동서로 123, 456동 789호 (목동)", "[SYNTHETIC] 주소: 서울, [장소]"),
    ("[SYNTHETIC] 보호결정번호 제2015-1234호로 보호결정을 받았습니다.", "[SYNTHETIC] 보호결정번호 [번호]로 보호결정을 받았습니다."),
    # A byline's time, zone and abbreviated weekday go with its date.
    ("[SYNTHETIC] Updated 2:34 PM ET, Tue March 19, 2019.", "[SYNTHETIC] Updated 2019."),
    # A province's capital is a city: said as its province, without the article. A province after a direction.
    ("[SYNTHETIC] The family lived in the Ryanggang provincial capital for ten years.",
     "[SYNTHETIC] The family lived in Ryanggang for ten years."),
    ("[SYNTHETIC] Later they lived in southern Gyeonggi.", "[SYNTHETIC] Later they lived in South Korea."),
    # A masked name before a kind of place the next place locates: the kind and its province are enough.
    ("[SYNTHETIC] She sold rice at the Sunam market in Chongjin.", "[SYNTHETIC] She sold rice at the market in North Hamgyong."),
    ("[SYNTHETIC] He worked at the Sangdong mine in Musan.", "[SYNTHETIC] He worked at the mine in North Hamgyong."),
    # A prisoner's number in a camp's records names him.
    ("[SYNTHETIC] My prisoner number was 217, and my bunkmate was inmate No. 45.",
     "[SYNTHETIC] My prisoner number was [ID_NUMBER], and my bunkmate was inmate No. [ID_NUMBER]."),
    ("[SYNTHETIC] 수감번호 217번으로 불렸어요.", "[SYNTHETIC] 수감번호 [번호]로 불렸어요."),
    # A phone number before a Korean particle is a phone number (its last digits stood readable); an address
    # written out against harvesters is an address.
    ("[SYNTHETIC] 북한 손전화 번호는 191-2345678이었고 연길 집 전화는 0433-2512345였어요.",
     "[SYNTHETIC] 북한 손전화 번호는 [연락처]였고 길림성 집 전화는 [연락처]였어요."),
    ("[SYNTHETIC] Email me at kim [at] example [dot] org or kim(at)example.org.",
     "[SYNTHETIC] Email me at [CONTACT] or [CONTACT]."),
    # Identifiers before a Korean particle or copula: the whole passport number, the domain without the verb.
    ("[SYNTHETIC] 여권번호는 M12345678이고 홈페이지는 example.org입니다.", "[SYNTHETIC] 여권번호는 [번호]고 홈페이지는 [연락처]입니다."),
    # An age among the words a report puts in brackets after a name.
    ("[SYNTHETIC] 박영희(가명, 52)씨는 체포됐다.", "[SYNTHETIC] 인물 5922(가명, 50대)씨는 체포됐다."),
    ("[SYNTHETIC] 최모(41·회사원)씨가 말했다.", "[SYNTHETIC] 인물 2768(40대·회사원)씨가 말했다."),
    # A place named after an event is a place one may live by: generalised as any place.
    ("[SYNTHETIC] 서울월드컵경기장 근처에 산다.", "[SYNTHETIC] 대한민국 월드컵경기장 근처에 산다."),
    # A surname with "big brother" is a nickname that names the man; the title stays readable beside the pseudonym.
    ("[SYNTHETIC] 소장은 '김 큰형님'으로 통했어요.", "[SYNTHETIC] 소장은 '인물 3679 큰형님'으로 통했어요."),
])
def test_mission_court_and_trafficking_lines_read_well(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "place"), [
    ("[SYNTHETIC] 그 학원에서 가르쳤다 — 모극장에서 만났다.", "모극장"),
    ("[SYNTHETIC] 나는 무평에서 그를 만났다.", "무평"),
])
def test_a_word_before_eseo_is_a_place_not_a_person(text: str, place: str) -> None:
    spans = {text[s.start:s.end]: s.label for s in detect(text)}
    assert spans.get(place) == LOCATION


def test_a_mountain_without_the_gazetteer_is_a_place_with_its_mt() -> None:
    text = "[SYNTHETIC] We climbed Mt Chilbo in the rain."
    assert [(text[s.start:s.end], s.label) for s in detect(text)] == [("Mt Chilbo", LOCATION)]


def test_a_date_read_inside_a_name_does_not_make_it_a_date_to_keep() -> None:
    # "네일" would be "four days"; the name around it is proposed for masking, never kept as a duration.
    text = "[SYNTHETIC] 트레이너 네일라 가상이가 소개한 운동법입니다."
    assert not any(s.label == "DATE" for s in detect(text))
    inner = Span(16, 18, "DATE", 0.4, "dates", "Korean duration")
    name = Span(16, 23, "PERSON", 0.3, "korean_proper_nouns", "proper noun (NNP) per Kiwi")
    assert [s.label for s in merge_overlaps([inner, name])] == ["PERSON"]


@pytest.mark.parametrize(("text", "name", "label"), [
    ("[SYNTHETIC] Bin Laden was named in the report.", "Bin Laden", PERSON),
    ("[SYNTHETIC] He flew to the United States later.", "United States", LOCATION),
])
def test_names_of_common_words_that_are_a_person_or_a_place_keep_their_label(text: str, name: str, label: str) -> None:
    assert {text[s.start:s.end]: s.label for s in detect(text)}.get(name) == label


def test_the_town_of_an_event_is_found_and_proposed_to_stay() -> None:
    text = "[SYNTHETIC] 2014 소치동계올림픽 중계를 봤다."
    (decision,) = [d for d in propose(detect(text)) if d.span.label == LOCATION]
    assert text[decision.span.start:decision.span.end] == "소치" and decision.action is Action.KEEP


def test_a_household_word_after_a_name_ends_it() -> None:
    text = "[SYNTHETIC] 영희네 식구는 그 다음 해에 갔어요."
    assert all(not text[s.start:s.end].endswith("식구") for s in detect(text))


def test_a_name_inside_brackets_after_a_rank_is_still_a_person() -> None:
    text = "[SYNTHETIC] 유가상 대위(송가상)와 만났다."
    assert {text[s.start:s.end]: s.label for s in detect(text)}.get("송가상") == PERSON


def test_the_archivists_own_person_before_eseo_keeps_its_label() -> None:
    text = "[SYNTHETIC] 나는 무평에서 왔다."
    spans = detect(text, sensitive_terms=["무평"])
    assert [(text[s.start:s.end], s.label) for s in spans] == [("무평", PERSON)]
