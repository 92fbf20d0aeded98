"""Well-known organisations are organisations: news media, parties and international bodies stay
readable by default, companies are masked as organisations, and none is a person's pseudonym.

Before, "The BBC and CNN reported" read "The Person 5346 and Person 7412 reported", and
"새누리당과 민주당이 합의했다" read "인물 468과 인물 5907이 합의했다". Made-up sentences.
"""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect, propose
from vault.redaction.lexicons import known_organisations
from vault.redaction.review import Action


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] The BBC and Daily NK reported that UNHCR staff met her.",
     "[SYNTHETIC] The BBC and Daily NK reported that UNHCR staff met her."),
    ("[SYNTHETIC] She now works for Samsung in Suwon.", "[SYNTHETIC] She now works for [ORG] in Gyeonggi."),
    ("[SYNTHETIC] MBC와 KBS가 보도했다.", "[SYNTHETIC] MBC와 KBS가 보도했다."),
    ("[SYNTHETIC] 유엔은 밝혔다.", "[SYNTHETIC] 유엔은 밝혔다."),
    ("[SYNTHETIC] 그는 삼성전자에서 일한다.", "[SYNTHETIC] 그는 [기관]에서 일한다."),
])
def test_well_known_organisations(text: str, expected: str) -> None:
    assert rendered(text) == expected
    assert "PERSON" not in {s.label for s in detect(text)}


def test_a_public_body_is_proposed_to_stay_and_a_person_may_still_mask_it() -> None:
    text = "[SYNTHETIC] KBS reported it."
    (decision,) = propose(detect(text))
    assert decision.span.label == "ORG" and decision.action is Action.KEEP and "confirm" in decision.note


def test_a_korean_proper_noun_with_an_organisations_ending_is_an_organisation() -> None:
    """A party, a newspaper or a maker the list does not know (made-up names)."""
    text = "[SYNTHETIC] 가상미래당과 가상일보가 만났다."
    assert [(text[s.start:s.end], s.label) for s in detect(text)] == [("가상미래당", "ORG"), ("가상일보", "ORG")]


def test_the_list_holds_only_the_two_kinds() -> None:
    assert set(known_organisations().values()) == {"public", "company"}


def test_an_abbreviation_in_brackets_after_an_organisation_is_one() -> None:
    text = "[SYNTHETIC] The Daily Fictional Times (DFT) said so."
    assert [(text[s.start:s.end], s.label) for s in detect(text)] == [("Daily Fictional Times", "ORG"), ("DFT", "ORG")]
