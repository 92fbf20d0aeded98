"""Names every reader knows are found but proposed to stay readable: North Korea's leaders, and the
organs named alone (the bowibu, 보위부, Hanawon). A witness's name, or a unit named after its town,
is not.

Before, "Portraits of Kim Il Sung and Kim Jong Il hang in every home" read "Person 517 and Person
8980 hang in every home", and "김정은 시대에도" read "인물 836에도". Made-up sentences.
"""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect, propose
from vault.redaction.review import Action


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] Portraits of Kim Il Sung and Kim Jong Il hang in every home.",
    "[SYNTHETIC] Under Kim Jong-un the border was sealed.",
    "[SYNTHETIC] 김정은 시대에도 성분이 중요하다.",
    "[SYNTHETIC] 집집마다 김일성과 김정일의 초상화가 걸려 있다.",
])
def test_leaders_stay_readable(text: str) -> None:
    assert rendered(text) == text


def test_a_leader_is_still_found_and_a_person_may_mask_him() -> None:
    text = "[SYNTHETIC] Under Kim Jong Un the border was sealed."
    (decision,) = propose(detect(text))
    assert decision.span.label == "PERSON" and decision.action is Action.KEEP and "confirm" in decision.note


def test_a_witness_named_like_a_leader_only_in_part_is_pseudonymised() -> None:
    text = "[SYNTHETIC] My uncle Kim Jong-chol died. 삼촌 김정철이 죽었다."
    shown = rendered(text)
    assert "Kim Jong-chol" not in shown and "김정철" not in shown


def test_ideology_words_are_no_names() -> None:
    text = "[SYNTHETIC] The Juche ideology and the Chollima movement shaped her songbun."
    assert [s.label for s in detect(text) if s.label == "PERSON"] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] After three months at the Onsong bowibu I was questioned by the bowibu again.",
     "[SYNTHETIC] After three months at the North Hamgyong bowibu I was questioned by the bowibu again."),
    ("[SYNTHETIC] You can reach me through the Hanawon alumni office.",
     "[SYNTHETIC] You can reach me through the Hanawon alumni office."),
    ("[SYNTHETIC] 보위부에 끌려갔다. 온성군 보위부에서 조사를 받았다.",
     "[SYNTHETIC] 보위부에 끌려갔다. 함경북도 보위부에서 조사를 받았다."),
    ("[SYNTHETIC] 유엔 인권이사회와 하나원이 도왔다.", "[SYNTHETIC] 유엔 인권이사회와 하나원이 도왔다."),
])
def test_organs_named_alone_stay_and_a_unit_takes_its_province(text: str, expected: str) -> None:
    """Before: "the North Hamgyong [ORG]", "[기관]에서 조사를 받았다", "the South Korea alumni office"."""
    assert rendered(text) == expected


def test_a_school_named_after_its_town_with_a_number_keeps_neither() -> None:
    text = "[SYNTHETIC] 회령 제5고등중학교를 다녔다."
    assert rendered(text) == "[SYNTHETIC] 함경북도 고등중학교를 다녔다."  # what it is, in its province


def test_a_name_merged_with_a_public_one_is_not_proposed_to_stay() -> None:
    """The mark is given only when the whole span is a public name."""
    from vault.redaction.public_names import mark_public
    from vault.redaction.spans import Span

    text = "[SYNTHETIC] 김정은 김철수가 왔다."
    span = Span(text.index("김정은"), text.index("가 왔다"), "PERSON", 0.8, "korean_proper_nouns", "")
    (marked,) = mark_public(text, [span])
    assert (propose([marked])[0].action) is not Action.KEEP


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] 김정은 북한 국무위원장이 말했다.", "[SYNTHETIC] 김정은 북한 국무위원장이 말했다."),
    ("[SYNTHETIC] 연구소는 유엔 북한인권특별보고관에게 보고서를 전달했다.",
     "[SYNTHETIC] 연구소는 유엔 북한인권특별보고관에게 보고서를 전달했다."),
])
def test_a_country_ends_a_name_and_a_public_office_stays(text: str, expected: str) -> None:
    """"김정은 북한 국무위원장이" was one place and read "북한이 말했다"; the UN's rapporteur read "[기관]에게"."""
    assert rendered(text) == expected


def test_a_public_name_the_interviewer_marked_sensitive_is_not_proposed_to_stay() -> None:
    """A witness who worked at KBS: the interviewer's sensitive term wins over the public list."""
    text = "[SYNTHETIC] She worked at KBS for years."
    (decision,) = propose(detect(text, sensitive_terms=[("KBS", "ORG")]))
    assert decision.action is not Action.KEEP


def test_the_leaders_written_in_hanja_are_public_figures() -> None:
    text = "[SYNTHETIC] 그는 金正日 시대에 태어났다."
    assert rendered(text) == text
