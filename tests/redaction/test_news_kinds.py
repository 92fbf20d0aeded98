"""Kinds of expression from news, NGO reports and hearings (made-up sentences): what a reader of
the released text sees, and what the engine finds."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect


def _labels(text: str) -> dict[str, str]:
    return {text[s.start:s.end]: s.label for s in detect(text)}


@pytest.mark.parametrize(("text", "name"), [
    ("Ri Song-ho, then a private, defected in 2017.", "Ri Song-ho"),
    ("Kim Sungho left the unit.", "Kim Sungho"),
    ("A woman surnamed Park spoke to us.", "Park"),
    ("Lee, a former soldier, reached Seoul.", "Lee"),
    ("Lee, 34, reached Seoul.", "Lee"),
])
def test_a_name_that_looks_like_a_place_or_a_word_is_a_person(text: str, name: str) -> None:
    assert _labels(text).get(name) == "PERSON"


@pytest.mark.parametrize(("text", "expected"), [
    ("They met in Geneva in 2015.", "They met in Switzerland in 2015."),
    ("She flew to Tokyo.", "She flew to Japan."),
    ("He was trafficked to Inner Mongolia.", "He was trafficked to China."),
    ("He was held in Erenhot.", "He was held in Inner Mongolia."),
    ("She reached Nanning by bus.", "She reached Guangxi by bus."),
    ("He crossed the frozen Tumen at night.", "He crossed the frozen Tumen River at night."),
    ("They waded across the Tumen River.", "They waded across the Tumen River."),
    ("She lived in Tumen for a year.", "She lived in Jilin for a year."),
])
def test_places_abroad_and_rivers_read_as_what_they_are(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_a_name_that_is_a_persons_and_a_places_is_the_place_after_in() -> None:
    assert _labels("The hearing was held in London.")["London"] == "LOCATION"
    assert _labels("The hearing was held at the Palais des Nations.")["Palais des Nations"] == "LOCATION"


def test_the_name_of_an_organisation_goes_on_after_for() -> None:
    text = "She works for the Center for Refugee Support in Busan, not for Hyesan."
    labels = _labels(text)
    assert labels["Center for Refugee Support"] == "ORG"
    assert rendered("He left Hyesan for Yanji.") == "He left Ryanggang for Jilin."


def test_a_well_known_body_is_found_whole_and_proposed_to_stay() -> None:
    text = "The Committee for Human Rights in North Korea (HRNK) and the Database Center for North Korean Human Rights (NKDB) met."
    assert rendered(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("The girl, then 14, was sold.", "The girl, then 10-19, was sold."),
    ("A man in his sixties testified.", "A man in his sixties testified."),
    ("Her sons, aged nine and eleven, stayed.", "Her sons, aged 0-19, stayed."),
    ("Workers aged 20 to 45 were sent.", "Workers aged 20-49 were sent."),
])
def test_ages_in_news_read_as_bands(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("He was held between 2004 and 2007 at the camp.", "He was held between 2004 and 2007 at the camp."),
    ("On the fifth day of the Lunar New Year in 2009, she crossed.", "In 2009, she crossed."),
    ("They married on Chuseok in 2012.", "They married in 2012."),
])
def test_dates_of_years_and_holidays_read_whole(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She lives with her two daughters, 8 and 11.", "She lives with her two daughters, 0-19."),
    ("Her sons (9, 12) stayed behind.", "Her sons (0-19) stayed behind."),
    ("His brother, 23, was shot.", "His brother, 20-29, was shot."),
])
def test_ages_after_children_and_siblings_are_bands(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("During the closure (January 2020 to 2023), crossings stopped.", "During the closure (2020 to 2023), crossings stopped."),
    ("From March 2001 until May 2003 he was held.", "From 2001 until 2003 he was held."),
])
def test_a_range_with_months_keeps_both_years(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A group reached the South Korean embassy in Bangkok.", "A group reached the South Korean embassy in Thailand."),
    ("She was sent back over the Sinuiju-Dandong bridge.", "She was sent back over the North Pyongan-Liaoning bridge."),
    ("She was held at the Chongjin Kyohwaso.", "She was held at the North Hamgyong Kyohwaso."),
    ("He fled N. Korea for S. Korea.", "He fled North Korea for South Korea."),
])
def test_missions_joined_places_and_prisons_read_generalised(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize("text", ["The 2002 raid took place at night.", "There are 3 ways to drive there."])
def test_common_words_before_a_street_word_are_no_address(text: str) -> None:
    assert not [s for s in detect(text) if s.label == "LOCATION"]


def test_an_initial_opens_a_persons_name() -> None:
    text = "Interviewer: J. Park. She lived at 12 Baker Place."
    assert _labels(text) == {"J. Park": "PERSON", "12 Baker Place": "LOCATION"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The woman, 47, said she was sold.", "The woman, 40-49, said she was sold."),
    ("Choi Min-ji (not her real name), 41, spoke by phone.", "Person 9110 (not her real name), 40-49, spoke by phone."),
    ("The teenagers, aged between 15 and 17, were caught.", "The teenagers, aged 10-19, were caught."),
    ("They settled there when the boy was seven.", "They settled there when the boy was 0-9."),
])
def test_more_ages_in_news(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_a_korean_surname_that_is_an_english_word_is_a_name_after_surname() -> None:
    assert _labels("The soldier, identified only by his surname Oh, crossed.")["Oh"] == "PERSON"
    assert "Samcheok" not in rendered("A wooden boat was found off Samcheok.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Human rights in the DPRK are dire.", "Human rights in North Korea are dire."),
    ("He flew to the US and the UK.", "He flew to the United States and the United Kingdom."),
    ("Let us go to the UN Special Rapporteur.", "Let us go to the UN Special Rapporteur."),
    ("The Korea Institute for National Unification (KINU) published it.",
     "The Korea Institute for National Unification (KINU) published it."),
])
def test_countries_read_with_their_own_article_and_public_offices_stay(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The hearing on Tuesday, March 14, heard her.", "The hearing on [DATE], heard her."),
    ("The group was detained Tues. near the border.", "The group was detained [DATE] near the border."),
    ("Police came this past Sunday.", "Police came [DATE]."),
    ("He defected in '97, after the arrest.", "He defected in 1997, after the arrest."),
    ("During the 2018 Winter Olympics, she watched TV.", "During the 2018 Winter Olympics, she watched TV."),
])
def test_weekdays_short_years_and_events(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("They crossed near Tolmaru workers' district.", "They crossed near [LOCATION] workers' district."),
    ("They crossed at Sambong, near Onsong.", "They crossed at North Hamgyong, near North Hamgyong."),
    ("He lived in Nampo's Waudo district.", "He lived in North Korea's [LOCATION]."),
    ("After a month in Mudanjiang's Hailin city, she left.", "After a month in Heilongjiang, she left."),
    ("The boy from Chongjin, Hamgyong Bukdo, was caught.", "The boy from North Hamgyong, North Korea, was caught."),
    ("She bought a phone at a China Mobile shop.", "She bought a phone at a [ORG] shop."),
])
def test_unknown_places_before_their_head_romanised_provinces_and_companies(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize("text", [
    "Typhoon Maysak flooded the valley.",
    "The Sunni and Shiite leaders met the Kurds.",
    "He wrote to me from Gmail.",
])
def test_storms_faiths_peoples_and_platforms_name_no_one(text: str) -> None:
    assert not [s for s in detect(text) if s.label == "PERSON"]


def test_an_acronym_ending_in_s_is_no_plural_of_a_common_word() -> None:
    text = "The Sunni AMS told them to stay."
    assert any(text[s.start:s.end].endswith("AMS") for s in detect(text))  # AMS is no plural of "am"


def test_the_north_and_the_south_are_the_two_koreas() -> None:
    assert rendered("She fled the North in 2005 and reached the South in 2007.") == \
        "She fled North Korea in 2005 and reached South Korea in 2007."


@pytest.mark.parametrize(("text", "expected"), [
    ("From 17 to 21 August 2015 the border was closed.", "In 2015 the border was closed."),
    ("Between 3 and 5 May 2009 they hid.", "In 2009 they hid."),
    ("Into the early 90s, rations shrank.", "Into the 1990s, rations shrank."),
    ("He is in his 90s now.", "He is in his 90s now."),
])
def test_ranges_of_days_and_decades_without_century(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("We called him Yong-il; nobody knew his surname.", "We called him Person 861; nobody knew his surname."),
    ("They called her Grace.", "They called her Person 4275."),
    ("She called him yesterday.", "She called him yesterday."),
    ("He crossed at Hye-san.", "He crossed at Ryanggang."),
])
def test_a_given_name_is_no_place_that_sounds_like_it(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She crossed into the Chinese border city of Dandong in 2011.", "She crossed into the Chinese border city in Liaoning in 2011."),
    ("He worked in the port city of Chongjin.", "He worked in the port city in North Hamgyong."),
])
def test_a_kind_of_place_of_a_generalised_town_reads_in(text: str, expected: str) -> None:
    assert rendered(text) == expected
