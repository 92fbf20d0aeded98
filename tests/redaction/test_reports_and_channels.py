"""NGO reports and their footnotes, urgent actions, memoirs, radio reports, a defector's video channel, the
route through Thailand and the North's own words (made-up lines): what a reader sees."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect
from vault.redaction.spans import AGE, DATE, LOCATION


@pytest.mark.parametrize(("text", "expected"), [
    # Two digits and 년 before a verb of doing or a word of measure say how long, not which year.
    ("[SYNTHETIC] 오빠는 군사복무를 10년 하고 제대되여 탄광에 배치되였다.",
     "[SYNTHETIC] 오빠는 군사복무를 10년 하고 제대되여 탄광에 배치되였다."),
    ("[SYNTHETIC] 중국에서 12년 가까이 숨어 지냈어요.", "[SYNTHETIC] 중국에서 12년 가까이 숨어 지냈어요."),
    # A short form of a province that is also a common word (경기: a match), among places.
    ("[SYNTHETIC] 면접은 서울, 경기, 인천 지역에서 진행되었다.", "[SYNTHETIC] 면접은 대한민국, 대한민국 지역에서 진행되었다."),
    # A holiday in quotes keeps its particle, re-chosen for the mask.
    ('[SYNTHETIC] 사설의 제목은 "태양절을 맞으며"였다.', '[SYNTHETIC] 사설의 제목은 "[날짜]를 맞으며"였다.'),
    # A native numeral before a counter is a count, not an age.
    ("[SYNTHETIC] 한 방에 여자만 마흔 명이 넘었어요.", "[SYNTHETIC] 한 방에 여자만 마흔 명이 넘었어요."),
    ("[SYNTHETIC] 그때 나이가 마흔 줄이었다.", "[SYNTHETIC] 그때 나이가 40대 줄이었다."),
    # A day that comes back every week names no day; a day of a month is no number of days.
    ("[SYNTHETIC] 인민반장은 매주 토요일마다 생활총화를 했다.", "[SYNTHETIC] 인민반장은 매주 토요일마다 생활총화를 했다."),
    ("[SYNTHETIC] She went to the market on Sundays.", "[SYNTHETIC] She went to the market on Sundays."),
    # An age written in words keeps its adjective.
    ("[SYNTHETIC] They arrested a nine-year-old boy and his mother.",
     "[SYNTHETIC] They arrested a 0-9-year-old boy and his mother."),
    # A venue named after its town keeps what it is.
    ("[SYNTHETIC] They held a public trial at the Hyesan Stadium.",
     "[SYNTHETIC] They held a public trial at the Ryanggang stadium."),
    # Staff of an embassy are no part of its name; a mission stationed in a country names no town.
    ("[SYNTHETIC] 주태국 대한민국 대사관 직원이 와서 면담을 했어요.",
     "[SYNTHETIC] 주태국 대한민국 대사관 직원이 와서 면담을 했어요."),
    ("[SYNTHETIC] 주선양 총영사관에 뛰어들었다.", "[SYNTHETIC] 요녕성 총영사관에 뛰어들었다."),
    # A year, then a date with a year of its own: two dates, not a range from one to the other.
    ("[SYNTHETIC] Telephone interview with a woman who left Musan in 2017, June 3, 2020.",
     "[SYNTHETIC] Telephone interview with a woman who left North Hamgyong in 2017, 2020."),
    # The leaders with the honorifics the North writes onto their names are public figures.
    ("[SYNTHETIC] 위대한 수령 김일성동지께서는 다음과 같이 교시하시였다.",
     "[SYNTHETIC] 위대한 수령 김일성동지께서는 다음과 같이 교시하시였다."),
    # A title after a surname stays readable beside the pseudonym, as after a full name.
    ("[SYNTHETIC] 신변보호담당관 이 형사님이 지금도 가끔 전화를 주세요.",
     "[SYNTHETIC] 신변보호담당관 인물 4811 형사님이 지금도 가끔 전화를 주세요."),
    # The codes of documents and records are no persons.
    ("[SYNTHETIC] See A/HRC/25/CRP.1, para. 712 (TJH012).", "[SYNTHETIC] See A/HRC/25/CRP.1, para. 712 (TJH012)."),
    ("[SYNTHETIC] Index: ASA 24/0123/2019 China", "[SYNTHETIC] Index: ASA 24/0123/2019 China"),
    # A title alone after a greeting; a street by its name after "called".
    ("[SYNTHETIC] Salutation: Dear Minister.", "[SYNTHETIC] Salutation: Dear Minister."),
    ("[SYNTHETIC] We lived on the street everyone called Coal Lane.",
     "[SYNTHETIC] We lived on the street everyone called [LOCATION]."),
    # Words of prayer and of the North's households are no names.
    ("[SYNTHETIC] 하나님께서 저를 인도해 주셨습니다. 할렐루야!", "[SYNTHETIC] 하나님께서 저를 인도해 주셨습니다. 할렐루야!"),
    ("[SYNTHETIC] 어머니는 가두녀성이었다.", "[SYNTHETIC] 어머니는 가두녀성이었다."),
    # A workplace named after its town keeps its head, glued or apart.
    ("[SYNTHETIC] 아버지는 김책제철련합기업소 로동자였다.", "[SYNTHETIC] 아버지는 함경북도 기업소 로동자였다."),
    ("[SYNTHETIC] 혜산방직공장에서 일했다.", "[SYNTHETIC] 양강도 공장에서 일했다."),
    # A headline in quotes: its verb is no name.
    ('[SYNTHETIC] See "Defector Describes Camp," Fictional Times.', '[SYNTHETIC] See "Defector Describes Camp," Fictional Times.'),
    # A Chinese town in the South's spelling of its Chinese name is no common word, as its Sino-Korean name may be.
    ("[SYNTHETIC] 이씨는 딸이 아직 투먼에 있다고 말했다.", "[SYNTHETIC] 인물 5461은 딸이 아직 길림성에 있다고 말했다."),
    ("[SYNTHETIC] 퉁화에서 일하다가 다롄으로 갔다.", "[SYNTHETIC] 길림성에서 일하다가 요녕성으로 갔다."),
    # The one interviewed is a kind of person, not a name opening with the surname 피.
    ("[SYNTHETIC] 피면담자: 온성 집결소에요.", "[SYNTHETIC] 피면담자: 함경북도 집결소에요."),
    # A compass point written with a hyphen goes with its place.
    ("[SYNTHETIC] She works as a cleaner in south-west London.", "[SYNTHETIC] She works as a cleaner in the United Kingdom."),
    # A period from one month to another, written with points.
    ("[SYNTHETIC] 기간: 2010.03~2010.09", "[SYNTHETIC] 기간: 2010년"),
    # A record's number is a number, whatever its digits look like.
    ("[SYNTHETIC] Case ID: NK-2019-0342; Victim: female.", "[SYNTHETIC] Case ID: [ID_NUMBER]; Victim: female."),
    ("[SYNTHETIC] 사건ID: NK-2019-0342 / 피해자: 여", "[SYNTHETIC] 사건ID: [번호] / 피해자: 여"),
    # The UN's officials on North Korea are public figures; their title stays before any name.
    ("[SYNTHETIC] UN Special Rapporteur Elizabeth Salmon called on Beijing to halt the returns.",
     "[SYNTHETIC] UN Special Rapporteur Elizabeth Salmon called on China to halt the returns."),
    ("[SYNTHETIC] UN Special Rapporteur Pak Chol-su spoke.", "[SYNTHETIC] UN Special Rapporteur Person 7629 spoke."),
    # A medical note: an abbreviation of the trade, a clinic (a body), a date, and "Dr." before a name is no street.
    ("[SYNTHETIC] Dx: PTSD. Seen at Fictional Hana Clinic on 2019-03-05 by Dr. Oh.",
     "[SYNTHETIC] Dx: PTSD. Seen at [ORG] in 2019 by Dr. Person 6253."),
    ("[SYNTHETIC] 진단명: 외상후 스트레스 장애(F43.1) / 내원일: 2019-03-05 / 담당의: 김OO",
     "[SYNTHETIC] 진단명: 외상후 스트레스 장애(F43.1) / 내원일: 2019년 / 담당의: 인물 5947"),
    # A letter's sign-off follows a name, even one that is also a word (철수: withdrawal); the one written to is no item of a list.
    ("[SYNTHETIC] 어머니께, 철수 드림", "[SYNTHETIC] 어머니께, 인물 7135 드림"),
    ("[SYNTHETIC] 도와주세요. 선희 올림", "[SYNTHETIC] 도와주세요. 인물 113 올림"),
    # A plain head after a place generalised to its country reads in lower case.
    ("[SYNTHETIC] 2010 - Arrived at Incheon Airport.", "[SYNTHETIC] 2010 - Arrived at South Korea airport."),
    # A building by its own name, glued to its head, names where one may live: the head stays, the name goes.
    ("[SYNTHETIC] 지금은 서울 노원구 행복빌라 2층에 살아요.", "[SYNTHETIC] 지금은 서울 빌라 2층에 살아요."),
    ("[SYNTHETIC] 토론회는 서울 종로구 가상빌딩에서 열린다.", "[SYNTHETIC] 토론회는 서울 빌딩에서 열린다."),
    # A correspondent's title stays beside the pseudonym; a building in English is a place.
    ("[SYNTHETIC] 【서울=가상일보】 박가상 특파원", "[SYNTHETIC] 【대한민국=[기관]】 인물 6056 특파원"),
    ("[SYNTHETIC] She lived in Gasang Tower.", "[SYNTHETIC] She lived in [LOCATION]."),
    # A family record: each relative's years stay apart, not one range from birth to death.
    ("[SYNTHETIC] 부: 김OO(1950년생, 1997년 사망)", "[SYNTHETIC] 부: 인물 5947(1950년생, 1997년 사망)"),
    ("[SYNTHETIC] 2009년 8월 3일 로동단련대 6개월 처분을 받았음.", "[SYNTHETIC] 2009년 로동단련대 6개월 처분을 받았음."),
    # A Chinese record: a chain of places is one, a subdistrict's own name goes with it, and the replacement
    # reads in Chinese.
    ("[SYNTHETIC] 姓名: 金英姬 住址: 吉林省延吉市河南街道", "[SYNTHETIC] 姓名: 人物 8437 住址: 吉林省"),
    ("[SYNTHETIC] 她住在延吉市新兴村。", "[SYNTHETIC] 她住在吉林省。"),
    # A memoir: a season across two years keeps both; a holiday generalised to its year takes "in".
    ("[SYNTHETIC] In the winter of 1996-97 my younger sister died.", "[SYNTHETIC] In winter 1996-97 my younger sister died."),
    ("[SYNTHETIC] She was born on the Lunar New Year of 1979.", "[SYNTHETIC] She was born in 1979."),
    # Camp 12 is the Jongori prison, said once after it.
    ("[SYNTHETIC] I spent 8 months in Jongo-ri kyohwaso (Camp No. 12) before my release.",
     "[SYNTHETIC] I spent 8 months in a detention facility in North Hamgyong before my release."),
    # What a household was called is no name; a name with the familiar -이 is one.
    ("[SYNTHETIC] 사람들이 최씨네 집이라고 불렀어요.", "[SYNTHETIC] 사람들이 인물 360 집이라고 불렀어요."),
    ("[SYNTHETIC] 사람들은 저를 순이라고 불렀어요.", "[SYNTHETIC] 사람들은 저를 인물 7011이라고 불렀어요."),
    # A link to a handle on a one-letter domain is a contact, the handle with it.
    ("[SYNTHETIC] Her Telegram is t.me/gasang1985.", "[SYNTHETIC] Her Telegram is [CONTACT]."),
    ("[SYNTHETIC] See youtu.be/dQw4w9WgXcQ.", "[SYNTHETIC] See [CONTACT]."),
    # Ningbo, where a restaurant's staff left together.
    ("[SYNTHETIC] She worked at a restaurant in Ningbo until 2016.", "[SYNTHETIC] She worked at a restaurant in Zhejiang until 2016."),
    # A footnote: a year written bare stays bare; a centre is a body; a witness's number is no year.
    ("[SYNTHETIC] 3) 김가상, 「실태」, 『가상연구』 제12권 2호(2018), 33쪽.",
     "[SYNTHETIC] 3) 인물 4029, 「실태」, 『가상연구』 제12권 2호(2018), 33쪽."),
    ("[SYNTHETIC] 증언자 2019-031(여)은 체포되었다.", "[SYNTHETIC] 증언자 [연락처](여)는 체포되었다."),
    # A flat and a block of flats are parts of an address, one with the district they are in.
    ("[SYNTHETIC] The family lived in Flat 4, Block 7, Sinpa Workers' District until 2011.",
     "[SYNTHETIC] The family lived in Ryanggang until 2011."),
    # "At the young age of fourteen" is an age; three years younger than me is none.
    ("[SYNTHETIC] 열네 살 어린 나이에 꽃제비가 됐어요.", "[SYNTHETIC] 10대 어린 나이에 꽃제비가 됐어요."),
    ("[SYNTHETIC] 저보다 세 살 어린 동생이 있어요.", "[SYNTHETIC] 저보다 세 살 어린 동생이 있어요."),
    # A place the text says is in another country is not the gazetteer's place of that name (Sinchon county is
    # in the North; Sinchon station is in Seoul).
    ("[SYNTHETIC] He lives near Sinchon station in Seoul.", "[SYNTHETIC] He lives near South Korea."),
    ("[SYNTHETIC] She was born in Sinchon in South Hwanghae.", "[SYNTHETIC] She was born in South Hwanghae."),
    # A transcript's speakers by their surnames in capitals; the labels of roles stay.
    ("[SYNTHETIC] PARK: I was in the third unit. LEE (interpreter): She says the third work unit.",
     "[SYNTHETIC] Person 5212: I was in the third unit. Person 1981 (interpreter): She says the third work unit."),
    ("[SYNTHETIC] CHAIR: Thank you. Q: Where? A: Nowhere.", "[SYNTHETIC] CHAIR: Thank you. Q: Where? A: Nowhere."),
    # Goods: Choco Pies are no person; a brand before what it names, or after a bottle of, is a maker.
    ("[SYNTHETIC] Workers were paid in Choco Pies.", "[SYNTHETIC] Workers were paid in Choco Pies."),
    ("[SYNTHETIC] 초코파이를 받았다.", "[SYNTHETIC] 초코파이를 받았다."),
    ("[SYNTHETIC] I paid the guard with two cartons of 7 Star cigarettes and a bottle of Moutai.",
     "[SYNTHETIC] I paid the guard with two cartons of 7 [ORG] cigarettes and a bottle of [ORG]."),
    # A holiday of the North named by its day is the holiday; the same day alone is a date.
    ("[SYNTHETIC] 2·16 경축 행사 준비로 집단체조 연습을 했어요.", "[SYNTHETIC] 2·16 경축 행사 준비로 집단체조 연습을 했어요."),
    ("[SYNTHETIC] 2·16에 잡혔다.", "[SYNTHETIC] [날짜]에 잡혔다."),
    # Qiqihar, where many were sold.
    ("[SYNTHETIC] 치치하얼 근처 농촌으로 팔려 갔어요.", "[SYNTHETIC] 흑룡강성 근처 농촌으로 팔려 갔어요."),
    # Languages are no persons and no places (영어를 read 인물 4183을, 한국어 공부를 read 한국을).
    ("[SYNTHETIC] 영어를 배웠다. 한국어 공부를 했다. 일본어는 몰라요. 중국어를 조금 배웠어요.",
     "[SYNTHETIC] 영어를 배웠다. 한국어 공부를 했다. 일본어는 몰라요. 중국어를 조금 배웠어요."),
    # A name in Latin letters after a naming word in Korean.
    ("[SYNTHETIC] 제 영어 이름은 Grace예요.", "[SYNTHETIC] 제 영어 이름은 인물 4275예요."),
    # A name in Latin letters after a family word or a friend, and a handle the text names as one, stood readable.
    ("[SYNTHETIC] 친구 Mike가 도와줬어요.", "[SYNTHETIC] 친구 인물 2926이 도와줬어요."),
    ('[SYNTHETIC] 위챗에서 "해바라기77"이라는 아이디를 썼어요.', '[SYNTHETIC] 위챗에서 "[연락처]"라는 아이디를 썼어요.'),
    ('[SYNTHETIC] Her username on the forum was sunflower77, and she posted as "NK_mother".',
     '[SYNTHETIC] Her username on the forum was [CONTACT], and she posted as "[CONTACT]".'),
    # A phone number said in Korean digits with 에 between its groups; the last digits of a number, said as such.
    ("[SYNTHETIC] 전화는 공일공에 일이삼사 오육칠팔이에요.", "[SYNTHETIC] 전화는 [연락처]예요."),
    ("[SYNTHETIC] 그 사람 휴대폰 뒷번호가 4471이었어요.", "[SYNTHETIC] 그 사람 휴대폰 뒷번호가 [연락처]였어요."),
    ("[SYNTHETIC] Her WhatsApp number ends in 4471.", "[SYNTHETIC] Her WhatsApp number ends in [CONTACT]."),
    # A nickname and the name one goes by are names; a bus goes by nothing.
    ('[SYNTHETIC] My nickname was Tiger. She went by Mimi in China.',
     '[SYNTHETIC] My nickname was Person 2078. She went by Person 3274 in China.'),
    ("[SYNTHETIC] The bus goes by the market.", "[SYNTHETIC] The bus goes by the market."),
    # A surname that is an answer of its own; a verb opening a sentence before a title and a name is no part of it.
    ("[SYNTHETIC] Q: Who? A: Lee.", "[SYNTHETIC] Q: Who? A: Person 1981."),
    ("[SYNTHETIC] Ask Uncle Kim.", "[SYNTHETIC] Ask Uncle Person 6792."),
])
def test_report_and_channel_lines_read_well(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_a_word_after_an_opening_quote_is_read_as_a_word() -> None:
    text = '[SYNTHETIC] 그는 "김철수를 만났다"고 했다.'
    spans = [(text[s.start:s.end], s.label) for s in detect(text)]
    assert ("김철수", "PERSON") in spans


def test_a_year_stays_a_year_before_a_word_of_measure_when_it_cannot_be_a_duration() -> None:
    text = "[SYNTHETIC] 98년 정도에 떠났어요."
    assert [(text[s.start:s.end], s.label, s.score) for s in detect(text)] == [("98년", DATE, 0.9)]


def test_a_guessed_person_among_places_is_a_place_and_a_name_with_a_cue_is_not() -> None:
    text = "[SYNTHETIC] 회령, 무평, 온성 사람들"
    assert {(text[s.start:s.end], s.label) for s in detect(text)} >= {("무평", LOCATION)}
    cued = "[SYNTHETIC] 회령, 김철수 씨, 온성"
    assert any(cued[s.start:s.end].startswith("김철수") and s.label == "PERSON" for s in detect(cued))


def test_a_count_after_a_native_numeral_is_no_age_but_the_numeral_alone_is() -> None:
    assert not [s for s in detect("[SYNTHETIC] 서른 가구가 살았다.") if s.label == AGE]
    assert [s.label for s in detect("[SYNTHETIC] 마흔에 탈북했다.")] == [AGE]


def test_a_record_number_written_like_a_range_of_years_is_no_date() -> None:
    text = "[SYNTHETIC] Footnote 37: Interview 2019-14 (female)."
    assert "2019-14" not in [text[s.start:s.end] for s in detect(text)]
    assert "1994-98" in [t[s.start:s.end] for t in ["[SYNTHETIC] In 1994-98 many died."] for s in detect(t)]


def test_the_sino_korean_name_of_a_chinese_town_that_is_a_common_word_still_needs_its_context() -> None:
    text = "[SYNTHETIC] 문을 닫고 도문을 읽었다. 통화를 했다."
    assert not [s for s in detect(text) if s.label == LOCATION]


def test_a_year_and_month_written_with_a_dash_is_a_month_not_a_range_of_years() -> None:
    from vault.redaction.generalise import generalise_date
    assert generalise_date("2010-03", korean=False) == "2010"
    assert generalise_date("1994-98", korean=False) == "1994-98"


def test_a_guessed_name_that_ends_in_a_centre_is_a_body() -> None:
    text = "[SYNTHETIC] 1) 가상인권센터, 『2020 북한종교자유백서』(서울: 가상인권센터, 2020), 45쪽."
    assert {(text[s.start:s.end], s.label) for s in detect(text)} >= {("가상인권센터", "ORG")}
