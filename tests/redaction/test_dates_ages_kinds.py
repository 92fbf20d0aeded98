"""English dates and ages by kind: weekdays, anchored relative dates, times, ordinals, ranges, bands."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect, propose
from vault.redaction.review import Action


def _found(text: str, label: str) -> list[str]:
    return [text[s.start:s.end] for s in detect(text) if s.label == label]


@pytest.mark.parametrize(("text", "expected"), [
    ("The guards came on Thursday.", ["Thursday"]),
    ("They left late Sunday night.", ["late Sunday night"]),
    ("Earlier this year the camp moved.", ["Earlier this year"]),
    ("We meet again next week.", ["next week"]),
    ("He was arrested late last month.", ["late last month"]),
    ("She crossed last March.", ["last March"]),
    ("The raid came in mid-April.", ["mid-April"]),
    ("Posted Nov. 3, 2016 - 14:05", ["Nov. 3, 2016 - 14:05"]),
    ("The call came at 4:10 p.m.", ["4:10 p.m."]),
    ("It aired at 09:30 KST.", ["09:30 KST"]),
    ("Wake-up was at 7am.", ["7am"]),
    ("He returned on the 12th.", ["the 12th"]),
    ("Released on the 3rd of May, 2011.", ["the 3rd of May, 2011"]),
    ("He was held from 1994-98.", ["1994-98"]),
    ("Built in the 19th century.", ["19th century"]),
    ("入境日期 2009年3月5日", ["2009年3月5日"]),
])
def test_english_date_kinds(text: str, expected: list[str]) -> None:
    assert _found(text, "DATE") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("It was nearly 1990 when he left.", ["1990"]),
    ("Amid-1990s famine, they fled.", ["1990s"]),
    ("In the mid-1990s famine, they fled.", ["mid-1990s"]),
])
def test_mid_early_and_late_belong_to_a_year_only_as_words_of_their_own(text: str, expected: list[str]) -> None:
    """"nearly 1990" is not "n" and a masked "early 1990": the date is the year alone."""
    assert _found(text, "DATE") == expected


@pytest.mark.parametrize("text", ["He lived on the 3rd floor.", "The ratio was 3 to 1.", "It was the 2nd time.",
                                  "I was assigned to the 4th work team.", "The 7th party congress met."])
def test_ordinals_that_are_not_days_stay(text: str) -> None:
    assert _found(text, "DATE") == []


def test_relative_dates_are_proposed_for_review_not_kept() -> None:
    text = "We met earlier this year, on Thursday."
    actions = {text[d.span.start:d.span.end]: d.action for d in propose(detect(text))}
    assert actions["earlier this year"] is not Action.KEEP
    assert actions["Thursday"] is not Action.KEEP


@pytest.mark.parametrize(("text", "expected"), [
    ("Ri, 57, said he left.", ["57"]),
    ("Kim (34) crossed alone.", ["34"]),
    ("Men aged 20 to 45 were taken.", ["aged 20 to 45"]),
    ("Girls between the ages of 15 and 19 were sold.", ["between the ages of 15 and 19"]),
    ("30~50대 남성이 끌려갔다.", ["30~50대"]),
    ("삼십대 여성이 도왔다.", ["삼십대"]),
    ("10대 초반에 떠났다.", ["10대 초반"]),
    ("딸(32)과 함께 왔다.", ["32"]),
    ("She was 17 when she crossed the river.", ["17"]),
    ("Mr Pak, who is 62, said the guards laughed.", ["62"]),
    ("The boy, now 14, lives with his aunt.", ["14"]),
])
def test_age_kinds(text: str, expected: list[str]) -> None:
    assert _found(text, "AGE") == expected


def test_numbers_in_a_list_are_not_ages() -> None:
    assert _found("Articles 3, 12, and 15 apply.", "AGE") == []
    assert _found("There are now 20, and more come each week.", "AGE") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("In 1998, during the Arduous March, he starved.", ["1998"]),  # the last word of a name
    ("In March we left.", ["March"]),
    ("Early March was cold.", ["Early March"]),
])
def test_a_month_alone_after_a_capitalised_word_ends_a_name(text: str, expected: list[str]) -> None:
    assert _found(text, "DATE") == expected


def test_a_date_is_not_spread_over_the_same_word_elsewhere() -> None:
    """Dates are found by their own patterns wherever they are; spread as strings, the month of
    "March 2009" masked the Arduous March."""
    text = "During the Arduous March he starved. We arrived in March 2009."
    assert _found(text, "DATE") == ["March 2009"]


@pytest.mark.parametrize(("text", "expected"), [
    ("She was held from 14 to 28 February 2011.", ["14 to 28 February 2011"]),
    ("Then again from February 3-9.", ["February 3-9"]),
])
def test_a_range_of_days_is_one_date(text: str, expected: list[str]) -> None:
    """"from 14 to 2011" kept the first day readable."""
    assert _found(text, "DATE") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She worked there between 2005 and 2007.", ["2005 and 2007"]),
    ("From 1995 to 1998 the rations stopped.", ["1995 to 1998"]),
])
def test_a_range_of_years_written_with_words_is_one_date(text: str, expected: list[str]) -> None:
    """Two masks around a readable "and" would say that a range was hidden."""
    assert _found(text, "DATE") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The guards came back the following day.", ["the following day"]),
    ("She phoned her mother yesterday evening.", ["yesterday evening"]),
    ("That winter the river froze early.", ["That winter"]),
    ("Over the past few years the fee doubled.", ["the past few years"]),
    ("In early spring the ice breaks.", ["early spring"]),
])
def test_days_named_from_where_the_story_stands_are_proposed_for_review(text: str, expected: list[str]) -> None:
    """They are dates, but only a reader who knows when it was said can place them: proposed, kept."""
    assert _found(text, "DATE") == expected
    actions = {text[d.span.start:d.span.end]: d.action for d in propose(detect(text))}
    assert actions[expected[0]] is Action.KEEP


@pytest.mark.parametrize(("text", "expected"), [
    ("At the end of 2009 the market closed.", ["the end of 2009"]),
    ("During the first week of May 2004 they hid.", ["the first week of May 2004"]),
    ("On the night of 3 March the boat left.", ["the night of 3 March"]),
    ("By the middle of 2006 the rations had stopped.", ["the middle of 2006"]),
])
def test_the_part_of_a_period_belongs_to_its_date(text: str, expected: list[str]) -> None:
    """"the end of" left readable before a masked year says what kind of date was hidden."""
    assert _found(text, "DATE") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Around 10 p.m. on Friday, they crossed.", ["10 p.m. on Friday"]),
    ("It happened in 2003 or 2004.", ["2003 or 2004"]),
    ("They were caught on Lunar New Year's Day 2008.", ["Lunar New Year's Day 2008"]),
    ("Posted Tuesday, 4 March 2014", ["Tuesday, 4 March 2014"]),
])
def test_one_date_written_in_parts_is_one_span(text: str, expected: list[str]) -> None:
    assert _found(text, "DATE") == expected


@pytest.mark.parametrize(("text", "holiday"), [
    ("We ate dumplings on Christmas Eve.", "Christmas Eve"),
    ("The guards drank on the Day of the Sun.", "Day of the Sun"),
    ("Shops closed for Labor Day.", "Labor Day"),
])
def test_a_holiday_is_no_name(text: str, holiday: str) -> None:
    assert _found(text, "PERSON") == []
    assert _found(text, "DATE") == [holiday]


def test_a_duration_stays_apart_from_the_date_next_to_it() -> None:
    """"two years, 2005" must not become one date generalised to its year."""
    assert _found("She stayed two years, 2005 to 2007 at least.", "DATE") == ["two years", "2005 to 2007"]


@pytest.mark.parametrize(("text", "expected"), [
    ("He was a boy of twelve then.", ["twelve"]),
    ("A teenager of 16 was beaten.", ["16"]),
    ("At 17, she crossed the river.", ["17"]),
    ("She is now 62.", ["62"]),
    ("Her brother is now 29 and serves in the army.", ["29"]),
    ("It began when she was just seventeen.", ["seventeen"]),
    ("Age: 34, from a mining town.", ["Age: 34"]),
])
def test_more_age_kinds(text: str, expected: list[str]) -> None:
    assert _found(text, "AGE") == expected


@pytest.mark.parametrize("text", [
    "She is a mother of two.",
    "A group of 30 left.",
    "At 5 a.m. the guards came.",
    "When he was one of the guards he saw it.",
    "The price is now 62.5 yuan.",
])
def test_numbers_that_are_no_ages(text: str) -> None:
    assert _found(text, "AGE") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("She left on 3 March 2009 with her son.", "She left in 2009 with her son."),
    ("At the end of 2009 she crossed.", "In 2009 she crossed."),
])
def test_a_day_generalised_to_its_year_takes_in(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize("text", ["She called yesterday.", "He called back at noon.", "They were named later."])
def test_a_common_word_after_called_or_named_is_no_name(text: str) -> None:
    assert _found(text, "PERSON") == []


def test_a_lower_case_surname_after_called_is_still_a_name() -> None:
    assert _found("A broker called pak met us.", "PERSON") == ["pak"]


def test_may_asking_is_no_month() -> None:
    text = "May I see the statement? We left in May."
    assert [s.start for s in detect(text) if s.label == "DATE"] == [text.rindex("May")]


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 김모(41·여)씨는 말했다.", ["41"]),
    ("[SYNTHETIC] 이모(여·41)씨는 말했다.", ["41"]),
    ("[SYNTHETIC] 일곱 살배기 아들과 함께 왔다.", ["일곱 살배기"]),
    ("[SYNTHETIC] 3살배기 딸을 두고 왔다.", ["3살배기"]),
    ("[SYNTHETIC] 생후 6개월 된 아기가 있었다.", ["생후 6개월"]),
    ("[SYNTHETIC] 그는 예순이 넘었다.", ["예순"]),
    ("[SYNTHETIC] 그때 나이 스물셋이었다.", ["스물셋"]),
    ("[SYNTHETIC] 열일곱이던 딸이 사라졌다.", ["열일곱"]),
    ("[SYNTHETIC] 칠순의 어머니가 계셨다.", ["칠순"]),
    ("[SYNTHETIC] 30대 초반으로 보이는 남자가 왔다.", ["30대 초반"]),
    ("[SYNTHETIC] 20여 세의 청년이 끌려갔다.", ["20여 세"]),
])
def test_korean_age_kinds(text: str, expected: list[str]) -> None:
    assert _found(text, "AGE") == expected


@pytest.mark.parametrize("text", ["[SYNTHETIC] 두 살 터울 언니가 있다.", "[SYNTHETIC] 남편은 세 살 위였다.",
                                  "[SYNTHETIC] 쉰 목소리로 말했다.", "[SYNTHETIC] 동생은 저보다 세 살 어려요.",
                                  "[SYNTHETIC] 만 19세 미만은 받지 않았어요.", "[SYNTHETIC] 남편은 저보다 열다섯 살 많았어요."])
def test_a_difference_of_ages_is_no_age(text: str) -> None:
    assert _found(text, "AGE") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("In the 1990s many starved.", "In the 1990s many starved."),
    ("During the mid-1990s famine we ate grass.", "During the 1990s famine we ate grass."),
    ("[SYNTHETIC] 90년대 중반이었다.", "[SYNTHETIC] 1990년대였다."),
])
def test_a_decade_stays_a_decade(text: str, expected: str) -> None:
    """"the 1990s" became "the 1990", a year it never said."""
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Last night the guards came.", ["Last night"]),
    ("A year later she left.", ["A year later"]),
    ("In the early hours of Sunday they crossed.", ["the early hours of Sunday"]),
])
def test_more_days_named_from_where_the_story_stands(text: str, expected: list[str]) -> None:
    assert _found(text, "DATE") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] She was 17 years of age.", "[SYNTHETIC] She was 10-19 years of age."),
    ("[SYNTHETIC] He died at 63.", "[SYNTHETIC] He died at 60-69."),
    ("[SYNTHETIC] She was sold at 16 to a farmer.", "[SYNTHETIC] She was sold at 10-19 to a farmer."),
    ("[SYNTHETIC] She crossed with her 3-month-old baby.", "[SYNTHETIC] She crossed with her 0-9-year-old baby."),
    # 난 after a Korean age says "aged" and goes with it.
    ("[SYNTHETIC] 16살 난 딸이 있었어요.", "[SYNTHETIC] 10대 딸이 있었어요."),
    # One Hanja for a gender is no name.
    ("[SYNTHETIC] 증언자(女, 52세)", "[SYNTHETIC] 증언자(女, 50대)"),
    # Not ages: a time of day, a place.
    ("[SYNTHETIC] He died at home.", "[SYNTHETIC] He died at home."),
])
def test_ages_in_testimony_and_records(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 그때 저는 이십대 초반이었어요.", "[SYNTHETIC] 그때 저는 20대 초반이었어요."),
    ("[SYNTHETIC] 그는 삼십대 후반이었다.", "[SYNTHETIC] 그는 30대 후반이었다."),
])
def test_a_band_in_sino_korean_numerals_reads_in_digits(text: str, expected: str) -> None:
    """이십대 초반 was masked whole ([나이]): the band was found, its numeral not read."""
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("On the 12th we left.", ["the 12th"]), ("By the 15th the river froze.", ["the 15th"]),
    ("We arrived on the 21st.", ["the 21st"]),
])
def test_an_ordinal_before_a_function_word_is_a_day(text: str, expected: list[str]) -> None:
    assert _found(text, "DATE") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # The North's holidays are dates, whatever place (광명) or surname (태양) they open with; the leaders'
    # birthdays are holidays: "the eve of Kim Jong Il's birthday in 2010" names one day.
    ("[SYNTHETIC] 2010년 광명성절에 잡혔다.", "[SYNTHETIC] 2010년에 잡혔다."),
    ("[SYNTHETIC] 태양절 전에 떠났다.", "[SYNTHETIC] [날짜] 전에 떠났다."),
    ("[SYNTHETIC] 2010년 김정일 생일 전날에 잡혔다.", "[SYNTHETIC] 2010년에 잡혔다."),
    ("[SYNTHETIC] I was arrested on the eve of Kim Jong Il's birthday in 2010.", "[SYNTHETIC] I was arrested in 2010."),
])
def test_the_norths_holidays_are_dates(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] \"I am 45 now,\" she said.", ["45"]),
    ("[SYNTHETIC] I'm 45 now.", ["45"]),
    ("[SYNTHETIC] She was 17 then, and afraid.", ["17"]),
    ("[SYNTHETIC] The score was 45 now and then.", []),
])
def test_an_age_said_with_now_or_then(text: str, expected: list[str]) -> None:
    assert _found(text, "AGE") == expected
