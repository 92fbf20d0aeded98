"""Nationalities and peoples are neither persons nor places; an embassy named by one is a place.

"North Korean" is in nearly every testimony: masked as a place or turned into a pseudonym it
made extracts unreadable ("the [LOCATION] guards", "a Person 4754 broker") and hid nothing.
"""
from __future__ import annotations

import pytest

from vault.redaction import detect, propose
from vault.redaction.lexicons import english_peoples
from vault.redaction.render import render


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.label) for s in detect(text, lang="en")]


@pytest.mark.parametrize("text", [
    "The North Korean guards beat the prisoners.",
    "South Koreans and Jordanians waited at the gate.",
    "A Korean-Chinese broker took us to the river.",
    "Sino-Korean trade went on at night.",
    "The Korean War ended before she was born.",
    "We ate Chinese food with Uyghur and Manchu traders.",
])
def test_nationalities_and_peoples_are_not_names(text: str) -> None:
    assert _found(text) == []


def test_an_extract_keeps_its_nationalities_readable() -> None:
    text = "The North Korean guards beat a Korean-Chinese broker."
    assert render(text, propose(detect(text, lang="en")), pseudonym_key=bytes(32)) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("She ran into the South Korean embassy in Beijing.", [("South Korean embassy", "LOCATION"),
                                                           ("Beijing", "LOCATION")]),
    ("He went to the Chinese Consulate General.", [("Chinese Consulate General", "LOCATION")]),
    ("He asked the embassy of Mongolia for help.", [("embassy of Mongolia", "LOCATION")]),
    ("They met at the British Museum.", [("British Museum", "LOCATION")]),
])
def test_an_embassy_or_a_building_named_by_a_nationality_is_a_place(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("Kim Chol, a North Korean defector, left in 2009.", "Kim Chol"),
    ("Jordan Smith met the Jordanian doctor.", "Jordan Smith"),
    ("The Korean man called Pak Un-hui answered.", "Pak Un-hui"),
])
def test_names_beside_a_nationality_are_still_found(text: str, name: str) -> None:
    assert (name, "PERSON") in _found(text)


def test_the_list_holds_plurals_and_no_given_names() -> None:
    peoples = english_peoples()
    assert {"korean", "koreans", "jordanian", "jordanians", "chosonjok", "uyghur"} <= peoples
    assert not {"brian", "adrian", "jordan", "kim", "han", "christian"} & peoples


@pytest.mark.parametrize(("text", "org"), [
    ("Human Rights Watch wrote to the ministry.", "Human Rights Watch"),
    ("The UN Commission of Inquiry met her.", "UN Commission of Inquiry"),
])
def test_a_body_named_by_common_words_is_an_organisation_not_a_person(text: str, org: str) -> None:
    assert (org, "ORG") in _found(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("She wrote for a Seoul-based website.", [("Seoul", "LOCATION")]),
    ("The Pyongyang-born singer left.", [("Pyongyang", "LOCATION")]),
    ("She spoke to the Daily Fictional.", [("Daily Fictional", "ORG")]),
])
def test_a_place_before_a_participle_is_the_place_alone_and_a_paper_is_an_organisation(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_a_hyphenated_korean_given_name_is_never_cut() -> None:
    assert ("Ri Un-ok", "PERSON") in _found("Then Ri Un-ok left the camp.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Then Kim Hyeon-gu came.", ("Kim Hyeon-gu", "PERSON")),  # one syllable before the hyphen: a given name
    ("Hong Gil-dong left.", ("Hong Gil-dong", "PERSON")),
    ("His WeChat ID was kimcs_88.", ("kimcs_88", "CONTACT")),
])
def test_given_names_that_end_like_a_district_and_a_handle_after_was(text: str, expected: tuple[str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize(("text", "name"), [
    ("She paid a broker known as 'Uncle Park' and left.", "Uncle Park"),
    ("We took Mr O'Brien's car.", "O'Brien"),
])
def test_a_closing_quote_and_a_possessive_stay_outside_a_cued_name(text: str, name: str) -> None:
    assert (name, "PERSON") in _found(text)


def test_a_disease_is_no_name() -> None:
    text = "[SYNTHETIC] The border was sealed over COVID-19 in 2020."
    assert [text[s.start:s.end] for s in detect(text) if s.label == "PERSON"] == []


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] Don't go to the market! They're watching. We'll meet later. C'mon.",
    "[SYNTHETIC] My SSN and my IBAN are on the form; the ATM kept the card.",
])
def test_contractions_and_abbreviations_of_common_nouns_are_no_names(text: str) -> None:
    """"Don't" opening a sentence was a person: "Person 3 go to the market!"."""
    assert [s for s in detect(text) if s.label == "PERSON"] == []


def test_an_apostrophe_in_a_name_still_makes_a_name() -> None:
    text = "[SYNTHETIC] I met O'Brien at the station."
    assert [text[s.start:s.end] for s in detect(text) if s.label == "PERSON"] == ["O'Brien"]


def test_words_for_camps_are_no_names() -> None:
    """"North Korea's kyohwaso" read "North Korea's Person 5036": the word was spread from a camp's name."""
    text = "[SYNTHETIC] She spent years in Kyohwaso No. 1. Torture is routine in the kyohwaso."
    assert [s for s in detect(text) if s.label == "PERSON"] == []
