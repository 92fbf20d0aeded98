"""Words of everyday life in the North in English testimony (made-up sentences): what a reader sees."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered


@pytest.mark.parametrize("text", [
    # Romanised words of the North are no names or misspelt places (chonghwa is not Chunghwa).
    "[SYNTHETIC] She attended saenghwal chonghwa every Saturday.",
    "[SYNTHETIC] The donju lent her money at ten percent a month.",
    "[SYNTHETIC] They watched dramas on a notel at night.",
    "[SYNTHETIC] He worked in a dolgyeokdae construction brigade.",
    # The organs every North Korean knows are public bodies, named alone.
    "[SYNTHETIC] The 109 Sangmu group searched houses for USB sticks.",
    "[SYNTHETIC] The Worker's Party secretary of the farm beat him.",
    "[SYNTHETIC] He was a member of the Socialist Youth League.",
])
def test_everyday_words_and_public_organs_stay_readable(text: str) -> None:
    assert rendered(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    # How often is no date, nor is a weekday of no particular week; one weekday still is.
    ("[SYNTHETIC] The police came on a Sunday morning.", "[SYNTHETIC] The police came on a Sunday morning."),
    ("[SYNTHETIC] She left on Saturday.", "[SYNTHETIC] She left on [DATE]."),
    # A place and where it is, generalised to the same province, are said once.
    ("[SYNTHETIC] Her uncle was sent to Camp 15 at Yodok in 1999.",
     "[SYNTHETIC] Her uncle was sent to a detention facility in South Hamgyong in 1999."),
    # A river's article stays with the bridge.
    ("[SYNTHETIC] The police sent her back through the Tumen bridge.",
     "[SYNTHETIC] The police sent her back through the Tumen River bridge."),
])
def test_what_a_reader_sees(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # An age after a letter that stands for a name, in the news convention.
    ("[SYNTHETIC] Ms. A, 52, said guards beat prisoners daily.", "[SYNTHETIC] Ms. A, 50-59, said guards beat prisoners daily."),
    # A prison's own word after "the" is swallowed with the prison, as after "a".
    ("[SYNTHETIC] She spent a year at the Chongori kyohwaso.",
     "[SYNTHETIC] She spent a year at the detention facility in North Hamgyong."),
])
def test_hearings_and_reports_read_well(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] At nineteen she was sold to a farmer.", "[SYNTHETIC] At 10-19 she was sold to a farmer."),
    ("[SYNTHETIC] Her son, who was four at the time, stayed with relatives.",
     "[SYNTHETIC] Her son, who was 0-9 at the time, stayed with relatives."),
    ("[SYNTHETIC] I was thirty-two then, and my son was five.",
     "[SYNTHETIC] I was 30-39 then, and my son was 0-9."),
    ("[SYNTHETIC] I'm seventeen.", "[SYNTHETIC] I'm 10-19."),
    # Not an age: a number of people, a time of day, one of many, a price.
    ("[SYNTHETIC] At least 12 people were held there.", "[SYNTHETIC] At least 12 people were held there."),
    ("[SYNTHETIC] It was five o'clock.", "[SYNTHETIC] It was five o'clock."),
    ("[SYNTHETIC] She was one of them.", "[SYNTHETIC] She was one of them."),
    ("[SYNTHETIC] She was ten minutes late.", "[SYNTHETIC] She was ten minutes late."),
])
def test_ages_said_in_a_story(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A workplace or school named after its town keeps what it is, with the town's province.
    ("[SYNTHETIC] Her father was an engineer at the Musan Mining Complex.",
     "[SYNTHETIC] Her father was an engineer at the North Hamgyong mining complex."),
    ("[SYNTHETIC] He was a driver for the Hyesan Youth Copper Mine.",
     "[SYNTHETIC] He was a driver for the Ryanggang youth copper mine."),
    ("[SYNTHETIC] He studied at Hoeryong Teachers' College.", "[SYNTHETIC] He studied at North Hamgyong teachers' college."),
    # A company is no workplace word: it stays masked.
    ("[SYNTHETIC] She bought a phone at a China Mobile shop.", "[SYNTHETIC] She bought a phone at a [ORG] shop."),
    # A league named after a leader is the organ, not a person; "People's" belongs to the name.
    ("[SYNTHETIC] The Kim Il Sung Socialist Youth League branch met weekly.",
     "[SYNTHETIC] The Kim Il Sung Socialist Youth League branch met weekly."),
    ("[SYNTHETIC] The North Hamgyong Provincial People's Hospital treated him.", "[SYNTHETIC] The [ORG] treated him."),
])
def test_workplaces_and_organs(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A byline's date and hour is a date, never a phone number.
    ("[SYNTHETIC] Updated: 2023-11-08 14:32 KST", "[SYNTHETIC] Updated: 2023"),
    # The North's calendar: Juche 98 is 2009.
    ("[SYNTHETIC] The decree was issued in Juche 98.", "[SYNTHETIC] The decree was issued in 2009."),
    # A time of day alone names no day and stays; beside a date it is part of the date.
    ("[SYNTHETIC] The hearing resumed at 2 p.m. on the following day.",
     "[SYNTHETIC] The hearing resumed at 2 p.m. on the following day."),
    ("[SYNTHETIC] They crossed at 10 p.m. on 3 March 2009.", "[SYNTHETIC] They crossed in 2009."),
])
def test_dates_in_reports_and_bylines(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A place inside the next one says no more than it, generalised: said once, in the second's province.
    ("[SYNTHETIC] She grew up in Yuseon workers' district in Hoeryong.", "[SYNTHETIC] She grew up in North Hamgyong."),
    ("[SYNTHETIC] He was born in the Pohang district of Chongjin.", "[SYNTHETIC] He was born in North Hamgyong."),
    ("[SYNTHETIC] They lived in Wiyon-dong, Hyesan, near the market.",
     "[SYNTHETIC] They lived in Ryanggang, near the market."),
    # Two places of a list stay two.
    ("[SYNTHETIC] They went from Hyesan to Chongjin.", "[SYNTHETIC] They went from Ryanggang to North Hamgyong."),
    ("[SYNTHETIC] She lived in Hyesan, Musan and Sinuiju.",
     "[SYNTHETIC] She lived in Ryanggang, North Hamgyong and North Pyongan."),
])
def test_a_place_inside_another_is_said_once(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # An unknown name after "near", "in" or "into" is a place (one is never near a person's name there).
    ("[SYNTHETIC] She crossed into Laos near Namkeo.", "[SYNTHETIC] She crossed into Laos near [LOCATION]."),
    ("[SYNTHETIC] She lived in Sangdong for a year.", "[SYNTHETIC] She lived in [LOCATION] for a year."),
    # After "to" it may be a person; a surname stays a person.
    ("[SYNTHETIC] I gave the letter to Namkeo.", "[SYNTHETIC] I gave the letter to Person 5867."),
    ("[SYNTHETIC] She lived in Paek for a year.", "[SYNTHETIC] She lived in Person 7609 for a year."),
])
def test_a_route_reads_as_places(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # An organ's abbreviation after a county stays with the province.
    ("[SYNTHETIC] She was detained at the Onsong County MSS holding centre.",
     "[SYNTHETIC] She was detained at the North Hamgyong MSS holding centre."),
    # The camp's town in brackets would say the province twice.
    ("[SYNTHETIC] He was held in Kwalliso No. 15 (Yodok) for years.",
     "[SYNTHETIC] He was held in a detention facility in South Hamgyong for years."),
    # A town in its province reads as the province, not the province lifted to the country.
    ("[SYNTHETIC] She was sold to a farmer near Yanji in Jilin.", "[SYNTHETIC] She was sold to a farmer near Jilin."),
    # Han Chinese is a people.
    ("[SYNTHETIC] Her husband was a Han Chinese farmer.", "[SYNTHETIC] Her husband was a Han Chinese farmer."),
    # What a witness is, before the name, stays readable.
    ("[SYNTHETIC] Defector Ahn Myong-chol gave details.", "[SYNTHETIC] Defector Person 5443 gave details."),
])
def test_ngo_reports_read_well(text: str, expected: str) -> None:
    assert rendered(text) == expected
