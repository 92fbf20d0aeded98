"""North Korea's leaders are found as persons but proposed to stay readable; a witness's name is not.

Before, "Portraits of Kim Il Sung and Kim Jong Il hang in every home" read "Person 517 and Person
8980 hang in every home", and "김정은 시대에도" read "인물 836에도". Made-up sentences.
"""
from __future__ import annotations

import pytest

from vault.redaction import detect, propose
from vault.redaction.render import render
from vault.redaction.review import Action


def _rendered(text: str) -> str:
    return render(text, propose(detect(text)), pseudonym_key=bytes(32))


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] Portraits of Kim Il Sung and Kim Jong Il hang in every home.",
    "[SYNTHETIC] Under Kim Jong-un the border was sealed.",
    "[SYNTHETIC] 김정은 시대에도 성분이 중요하다.",
    "[SYNTHETIC] 집집마다 김일성과 김정일의 초상화가 걸려 있다.",
])
def test_leaders_stay_readable(text: str) -> None:
    assert _rendered(text) == text


def test_a_leader_is_still_found_and_a_person_may_mask_him() -> None:
    text = "[SYNTHETIC] Under Kim Jong Un the border was sealed."
    (decision,) = propose(detect(text))
    assert decision.span.label == "PERSON" and decision.action is Action.KEEP and "confirm" in decision.note


def test_a_witness_named_like_a_leader_only_in_part_is_pseudonymised() -> None:
    text = "[SYNTHETIC] My uncle Kim Jong-chol died. 삼촌 김정철이 죽었다."
    shown = _rendered(text)
    assert "Kim Jong-chol" not in shown and "김정철" not in shown


def test_ideology_words_are_no_names() -> None:
    text = "[SYNTHETIC] The Juche ideology and the Chollima movement shaped her songbun."
    assert [s.label for s in detect(text) if s.label == "PERSON"] == []
