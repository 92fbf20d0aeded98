"""News wires, hearing records, NGO reports and the bodies that speak in them (made-up lines):
what a reader sees, and one pseudonym for one person within a text."""
from __future__ import annotations

import re

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect
from vault.redaction.spans import LOCATION, ORG, PERSON


@pytest.mark.parametrize(("text", "expected"), [
    # 전 and 후 (before, after) end a duration only as words of their own: "20일 전했다" is "reported on the 20th".
    ("[SYNTHETIC] 현지 소식통이 20일 전했다.", "[SYNTHETIC] 현지 소식통이 [날짜] 전했다."),
    # A village after its town is a place, generalised with it, never a person.
    ("[SYNTHETIC] 회령시 오봉리에서 일가족이 붙잡혔다.", "[SYNTHETIC] 함경북도에서 일가족이 붙잡혔다."),
    # The state bodies that speak in the news stay readable.
    ("[SYNTHETIC] 미 국무부는 대북 제재를 발표했다.", "[SYNTHETIC] 미 국무부는 대북 제재를 발표했다."),
    ("[SYNTHETIC] 합동참모본부는 병사 1명이 귀순했다고 밝혔다.", "[SYNTHETIC] 합동참모본부는 병사 1명이 귀순했다고 밝혔다."),
    ("[SYNTHETIC] The Joint Chiefs of Staff said a soldier crossed.",
     "[SYNTHETIC] The Joint Chiefs of Staff said a soldier crossed."),
    # The period of an abbreviation goes on before a name: no sentence ends after "U.S.".
    ("[SYNTHETIC] The U.S. State Department announced sanctions.",
     "[SYNTHETIC] The United States State Department announced sanctions."),
    ("[SYNTHETIC] He moved to the U.S. He never came back.",
     "[SYNTHETIC] He moved to the United States. He never came back."),
])
def test_wire_and_hearing_lines_read_well(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "date"), [
    ("[SYNTHETIC] 소식통이 어제 전했다.", "어제"),
    ("[SYNTHETIC] 소식통이 20일 전해왔다.", "20일"),
    ("[SYNTHETIC] 3년 전에 왔어요.", "3년 전"),
    ("[SYNTHETIC] 이틀 뒤로 미뤘다.", "이틀 뒤"),
    ("[SYNTHETIC] 사흘 후부터 일했다.", "사흘 후"),
])
def test_before_and_after_end_a_date_only_as_words(text: str, date: str) -> None:
    assert [text[s.start:s.end] for s in detect(text) if s.label == "DATE"] == [date]


@pytest.mark.parametrize(("text", "expected"), [
    # A report cites the parts of a document by their number: no names there.
    ("[SYNTHETIC] See Annex II, para. 14; also Chapter 3, p. 32.", "[SYNTHETIC] See Annex II, para. 14; also Chapter 3, p. 32."),
    ("[SYNTHETIC] See Kim Chol-su, 2019.", "[SYNTHETIC] See Person 4057, 2019."),
    # A range of months or of hours is one date: said once, in its year.
    ("[SYNTHETIC] He was held from February to May 2016.", "[SYNTHETIC] He was held in 2016."),
    ("[SYNTHETIC] Interview: 12 March 2019, 14:00-16:30, Seoul.", "[SYNTHETIC] Interview: 2019, South Korea."),
    ("[SYNTHETIC] 면담일시 2019년 3월 12일 14:00~16:30, 면담장소 서울.", "[SYNTHETIC] 면담일시 2019년, 면담장소 대한민국."),
    ("[SYNTHETIC] 2009년 3월∼5월에 갇혀 있었다.", "[SYNTHETIC] 2009년에 갇혀 있었다."),
    ("[SYNTHETIC] She worked there from 2009 to 2012.", "[SYNTHETIC] She worked there from 2009 to 2012."),
    # An NGO is no name; a place before "-based" keeps the article of the phrase it opens.
    ("[SYNTHETIC] The Seoul-based NGO helped her.", "[SYNTHETIC] The South Korea-based NGO helped her."),
    ("[SYNTHETIC] He fled the DPRK in 2010.", "[SYNTHETIC] He fled North Korea in 2010."),
    ("[SYNTHETIC] The DPRK government denied it.", "[SYNTHETIC] The North Korea government denied it."),
    # The route: a street inside its town says no more than the town ("in", not "on", a province);
    # the border towns of Mohan and Boten are places.
    ("[SYNTHETIC] I worked in a restaurant on Renmin Road in Yanji.", "[SYNTHETIC] I worked in a restaurant in Jilin."),
    ("[SYNTHETIC] We went to the Laos border at Mohan.", "[SYNTHETIC] We went to the Laos border at Yunnan."),
    ("[SYNTHETIC] 보텐에서 차를 탔다.", "[SYNTHETIC] 루앙남타에서 차를 탔다."),
    ("[SYNTHETIC] 밤버스를 타고 모한 국경까지 갔어요.", "[SYNTHETIC] 밤버스를 타고 운남성 국경까지 갔어요."),
    ("[SYNTHETIC] They reached Zamyn-Uud at night.", "[SYNTHETIC] They reached Mongolia at night."),
    # A unit named by a common word is a unit, not a storm.
    ("[SYNTHETIC] My brother joined the Storm Corps in 2008.", "[SYNTHETIC] My brother joined the [ORG] in 2008."),
    # Workplaces in the North: the party's numbered office is a body; the office of an organ is no name;
    # two digits and 년 before a verb of staying say how long, not which year.
    ("[SYNTHETIC] 그녀는 39호실 산하 무역회사에서 일했다.", "[SYNTHETIC] 그녀는 [기관] 산하 무역회사에서 일했다."),
    ("[SYNTHETIC] 여맹 위원장이 매주 생활총화를 했어요.", "[SYNTHETIC] 여맹 위원장이 매주 생활총화를 했어요."),
    ("[SYNTHETIC] 중국에서 12년 살았어요.", "[SYNTHETIC] 중국에서 12년 살았어요."),
    ("[SYNTHETIC] 15년 형을 받았다.", "[SYNTHETIC] 15년 형을 받았다."),
    ("[SYNTHETIC] 17년에 탈북했어요.", "[SYNTHETIC] 2017년에 탈북했어요."),
    # Detention: the parts of a camp go with it; a native numeral before a counter is no name; the surname
    # and its -가 ("the Choe fellow") leave the particle to the grammar.
    ("[SYNTHETIC] 14호 관리소 8구역 4작업반에 배치됐어요.", "[SYNTHETIC] 평안남도 구금시설에 배치됐어요."),
    ("[SYNTHETIC] I was assigned to the 4th work team in Section 8 of Camp 14.",
     "[SYNTHETIC] I was assigned to the 4th work team in a detention facility in South Pyongan."),
    ("[SYNTHETIC] 다른 여자 열한 명과 같이 있었어요.", "[SYNTHETIC] 다른 여자 열한 명과 같이 있었어요."),
    ("[SYNTHETIC] 예심원 최가는 의자 다리로 저를 때렸어요.", "[SYNTHETIC] 예심원 인물 785는 의자 다리로 저를 때렸어요."),
    # Two provinces lifted to one country take their plural head with them; a range of months with "and".
    ("[SYNTHETIC] They came from Jilin and Liaoning provinces.", "[SYNTHETIC] They came from China."),
    ("[SYNTHETIC] Between January and March 2020, 27 cases were documented.",
     "[SYNTHETIC] In 2020, 27 cases were documented."),
    # A verb after "the DPRK" is no noun the country would open: the article goes.
    ("[SYNTHETIC] The rapporteur on human rights in the DPRK raised the case.",
     "[SYNTHETIC] The rapporteur on human rights in North Korea raised the case."),
    # A date's 자 ("dated") goes when the date is said in its year.
    ("[SYNTHETIC] 2020년 6월 12일자 서한에서 제기했다.", "[SYNTHETIC] 2020년 서한에서 제기했다."),
    ("[SYNTHETIC] 2009년 자료를 봤다.", "[SYNTHETIC] 2009년 자료를 봤다."),
    # Resettlement: a flat's building and door number are one place (인천 ... 101동 1203호에 read 인천호에);
    # a phone number said in Korean digits is a contact (공일공 read a person).
    ("[SYNTHETIC] 지금은 인천 남동구 임대아파트 101동 1203호에 살아요.", "[SYNTHETIC] 지금은 인천에 살아요."),
    ("[SYNTHETIC] 제 전화번호는 공일공 일이삼사 오육칠팔이에요.", "[SYNTHETIC] 제 전화번호는 [연락처]예요."),
    # Amounts in digits and Korean units, with or without spaces: each group counts once (3만 5천 read 수천만).
    ("[SYNTHETIC] 브로커에게 3만 5천 위안을 줬다.", "[SYNTHETIC] 브로커에게 수만 위안을 줬다."),
    ("[SYNTHETIC] 연봉은 108만1920원이다.", "[SYNTHETIC] 연봉은 수백만 원이다."),
    ("[SYNTHETIC] 재산은 116억5318만원이다.", "[SYNTHETIC] 재산은 수백억 원이다."),
    ("[SYNTHETIC] 집값은 3천500만원이었다.", "[SYNTHETIC] 집값은 수천만 원이었다."),
    # A researcher's title after a name is no body (연구원 is also an institute).
    ("[SYNTHETIC] 이 단체의 김가상 선임연구원은 설명했다.", "[SYNTHETIC] 이 단체의 인물 4029 선임연구원은 설명했다."),
    # A name that is a common word is the word in lower case: "Mr. Young" does not mask "the young man";
    # "Camp 15" does not make a person of "the camp".
    ("[SYNTHETIC] Mr. Young came. The young man left.", "[SYNTHETIC] Mr. Person 1821 came. The young man left."),
    ("[SYNTHETIC] She was in Camp 15. The camp was cold.",
     "[SYNTHETIC] She was in a detention facility in South Hamgyong. The camp was cold."),
    # A district is a place (in the Moranbong District read "in the Person 1790").
    ("[SYNTHETIC] I was born in the Moranbong District.", "[SYNTHETIC] I was born in the [LOCATION]."),
    # Years are as general as a date gets: a short range and two decades stay whole; a century is no date.
    ("[SYNTHETIC] He stayed from 1994-98 in China.", "[SYNTHETIC] He stayed from 1994-98 in China."),
    ("[SYNTHETIC] In the 1990s and early 2000s, many starved.", "[SYNTHETIC] In the 1990s and 2000s, many starved."),
    ("[SYNTHETIC] The 19th century border treaty was signed in 1887.",
     "[SYNTHETIC] The 19th century border treaty was signed in 1887."),
    # A place in Hangul after an English preposition of place, in a mixed sentence.
    ("[SYNTHETIC] She crossed at 남양 on 3 March 2009.", "[SYNTHETIC] She crossed at North Hamgyong in 2009."),
    # A hearing's speaker: the witness's role stays before the name.
    ("[SYNTHETIC] 증인 정가명: 1999년 겨울이었습니다.", "[SYNTHETIC] 증인 인물 8638: 1999년 겨울이었습니다."),
    # A messenger's name in brackets, as a copied message is headed, is no person.
    ("[SYNTHETIC] [위챗] 내일 연길에서 만나요", "[SYNTHETIC] [위챗] 내일 길림성에서 만나요"),
    # A town, then its camp in brackets, is the camp in its province; a replacement opening a sentence
    # opens with a capital.
    ("[SYNTHETIC] He was held in Kaechon (Kyohwaso No. 1), then released.",
     "[SYNTHETIC] He was held in a detention facility in South Pyongan, then released."),
    ("[SYNTHETIC] It was hard. Camp 15 (Yodok) was closed.",
     "[SYNTHETIC] It was hard. A detention facility in South Hamgyong was closed."),
    # History named by its day is no one's date; a weekday in brackets goes with its date.
    ("[SYNTHETIC] 6·25 전쟁 때 할아버지가 월남했다.", "[SYNTHETIC] 6·25 전쟁 때 할아버지가 월남했다."),
    ("[SYNTHETIC] 6.15 공동선언 이후 편지가 왔다.", "[SYNTHETIC] 6.15 공동선언 이후 편지가 왔다."),
    ("[SYNTHETIC] 2019년 3월 5일(화) 기자회견이 열렸다.", "[SYNTHETIC] 2019년 기자회견이 열렸다."),
    # A province's town said with a possessive is the town in its province; whose money it is names no place.
    ("[SYNTHETIC] Another source in South Pyongan Province's Sunchon confirmed it.",
     "[SYNTHETIC] Another source in South Pyongan confirmed it."),
    ("[SYNTHETIC] Corn cost 15,000 North Korean won; he paid 100 US dollars.",
     "[SYNTHETIC] Corn cost 10,000-99,999 North Korean won; he paid 100-999 US dollars."),
    # Initials and a surname are one name.
    ("[SYNTHETIC] J.H. Lee, a researcher, translated for him.", "[SYNTHETIC] Person 3819, a researcher, translated for him."),
    # A payment platform is no person.
    ("[SYNTHETIC] He sent money through Alipay to his mother.", "[SYNTHETIC] He sent money through Alipay to his mother."),
    # A body's unit written as one word after it makes the phrase a body, masked whole.
    ("[SYNTHETIC] 그는 평양 김일성종합대학 경제학부를 졸업했다.", "[SYNTHETIC] 그는 [기관]을 졸업했다."),
])
def test_report_lines_read_well(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_in_front_of_a_place_is_a_place() -> None:
    text = "[SYNTHETIC] 류경호텔 앞에서 만나자고 했어요."
    assert [(text[s.start:s.end], s.label) for s in detect(text)] == [("류경호텔 앞", LOCATION)]


@pytest.mark.parametrize("text", ["[SYNTHETIC] 혜산에 사는 한 주민은 말했다.", "[SYNTHETIC] 두 달러를 줬다.",
                                  "[SYNTHETIC] 한 해외 단체가 도왔다."])
def test_a_one_syllable_unit_of_time_ends_its_word(text: str) -> None:
    """한 주민 is "a resident", not "one week"; 두 달러, "two dollars"."""
    assert [s for s in detect(text) if s.label == "DATE"] == []


def test_the_north_korean_assembly_is_a_body_not_a_person() -> None:
    text = "[SYNTHETIC] 최고인민회의는 4월에 열렸다."
    at = text.index("최고인민회의")
    assert not [s for s in detect(text) if s.start <= at < s.end and s.label in (PERSON, LOCATION)]
    assert "최고인민회의는" in rendered(text)


def test_a_ministry_both_koreas_have_is_still_masked() -> None:
    # It may be a witness's employer in the North.
    text = "[SYNTHETIC] The Ministry of Foreign Affairs summoned the ambassador."
    assert [s.label for s in detect(text) if "Ministry" in text[s.start:s.end]] == [ORG]
    assert "Ministry of Foreign Affairs" not in rendered(text)


@pytest.mark.parametrize(("text", "people"), [
    # A friend in full, then by her given name, plain and familiar; the same in Latin letters.
    ("[SYNTHETIC] 옆집 김순옥 언니가 먼저 떠났어요. 순옥이가 떠난 뒤 저도 갔어요. 순옥 언니는 잡혔대요.", 1),
    ("[SYNTHETIC] Kim Chol-su and Pak Yong-ho crossed first. Chol-su was caught.", 2),
    ("[SYNTHETIC] Grace Lee, a nurse, escaped in 2011. Grace said the hospital had no medicine.", 1),
    # A surname is shared by a family: after a title or known as a surname it is never linked
    # (Zhang Wei and his mother Mrs. Zhang are two people; so may Jane Doe-Kim and Ms. Doe-Kim be).
    ("[SYNTHETIC] I was sold to Zhang Wei, a farmer. His mother, Mrs. Zhang, watched me.", 2),
    ("[SYNTHETIC] STATEMENT OF MS. JANE DOE-KIM. My name is Jane Doe-Kim. Thank you, Ms. Doe-Kim.", 2),
    ("[SYNTHETIC] Kim Chol-su and Pak Yong-ho crossed first. Chol-su was caught; Mr. Pak was not.", 3),
    # Two full names share the given name: no link.
    ("[SYNTHETIC] 김순옥 언니와 박순옥 씨가 왔다. 순옥이가 먼저 갔다.", 3),
])
def test_a_given_name_takes_its_full_names_pseudonym(text: str, people: int) -> None:
    out = rendered(text)
    assert len(set(re.findall(r"(?:Person|인물) \d+", out))) == people, out


def test_a_given_name_takes_the_number_its_full_name_has_alone() -> None:
    alone = rendered("[SYNTHETIC] Grace Lee testified.")
    number = re.search(r"Person \d+", alone)
    assert number is not None
    assert rendered("[SYNTHETIC] Grace Lee testified. Grace was tired.").count(number.group()) == 2
