"""Search snippets: where the terms matched, cut around the first match, never unescaped."""
from __future__ import annotations

from webui.highlight import SNIPPET, snippet


def _marked(pieces: list[tuple[str, bool]]) -> list[str]:
    return [p for p, matched in pieces if matched]


def test_latin_terms_match_at_word_starts_and_korean_anywhere() -> None:
    text = "[SYNTHETIC] The guards searched the market; 보위부가 장마당을 단속했다. Research notes."
    pieces = snippet(text, "search 장마당")
    assert _marked(pieces) == ["searched", "장마당"]  # not the "search" inside "Research"
    assert "".join(p for p, _ in pieces) == text


def test_snippet_starts_near_the_first_match_far_into_the_text() -> None:
    text = "[SYNTHETIC] " + "filler words here " * 60 + "the detention centre at the border" + " tail" * 80
    pieces = snippet(text, "detention")
    assert pieces[0] == ("…", False) and pieces[-1] == ("…", False)
    assert _marked(pieces) == ["detention"]
    assert len("".join(p for p, _ in pieces)) <= SNIPPET + 2


def test_no_query_gives_the_opening_and_regex_characters_are_literal() -> None:
    text = "[SYNTHETIC] a (b) c.* d"
    assert snippet(text, "") == [(text, False)]
    assert _marked(snippet(text, "(b) .*")) == ["b"]
