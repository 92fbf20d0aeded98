"""The approval screen tells each change apart: masked, pseudonymised, generalised, cut out."""
from __future__ import annotations

from vault.releases import view as release_view
from vault.releases.view import CHANGES


def _marked(pieces: tuple[release_view.Piece, ...]) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in pieces if p.kind != "same"]


def test_each_kind_of_change_is_named_on_both_sides() -> None:
    original = "김영희는 2009년 3월 혜산에서 박철수를 만났다. 그 집은 파란 대문 집이었다."
    frozen = "[인물]은 2000~2009년 양강도에서 인물 7을 만났다. 그 집은 …이었다."
    frozen_side, original_side = release_view._pieces(original, frozen, ())
    assert ("masked", "[인물]은") in _marked(frozen_side) or ("masked", "[인물]") in _marked(frozen_side)
    kinds = {kind: text for kind, text in _marked(original_side)}
    assert "김영희" in kinds["masked"]
    assert "박철수" in kinds["pseudonymised"]
    assert "혜산" in kinds["generalised"] and "3월" in kinds["generalised"]
    assert "파란 대문 집" in kinds["dropped"]
    assert {kind for kind, _ in _marked(frozen_side)} == set(CHANGES)


def test_english_pseudonyms_and_masks() -> None:
    original = "Kim Chol told me that Ri Song-hui left Hyesan."
    frozen = "Person 12 told me that [PERSON] left Ryanggang."
    frozen_side, original_side = release_view._pieces(original, frozen, ())
    kinds = dict(_marked(original_side))
    assert {k for k in kinds} == {"pseudonymised", "masked", "generalised"}
    assert "Kim Chol" in kinds["pseudonymised"] and "Ri Song-hui" in kinds["masked"] and "Hyesan" in kinds["generalised"]
