"""Hypothesis fuzzing of the redaction normaliser's offset map (S30).

Matching runs on ``normalise(text)``; what is found there is masked in the original through
``Normalised.span``. If the map were wrong by one character, a masked name would leave a
letter readable. Properties: the map is total, in bounds and monotonic for any text; and a
protected word hidden behind any mix of evasions maps back to exactly the characters that
hide it, which normalise to the word again (the round trip).
"""
from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vault.redaction.normalise import BIDI_CONTROLS, HANGUL_FILLERS, ZERO_WIDTH, fold, normalise

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ANY = st.text(st.characters(codec="utf-8"), max_size=60)  # every code point but surrogates
INVISIBLE = ZERO_WIDTH + BIDI_CONTROLS + HANGUL_FILLERS
CYRILLIC = {"A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р", "C": "С", "T": "Т",
            "X": "Х", "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к"}
WORDS = st.sampled_from(["Kim Chol-su", "Pak Yong-hui", "Hyesan", "Musan", "김철수", "혜산", "박영희", "Ri Sol-ju"])


@FUZZ
@given(ANY)
def test_fuzz_offset_map_is_total_in_bounds_and_monotonic(text: str) -> None:
    """Every normalised character maps to a non-empty range of the original; ranges never go backwards."""
    n = normalise(text)
    assert len(n.folded) == len(n.text)
    for i in range(len(n.text)):
        a, b = n.span(i, i + 1)
        assert 0 <= a < b <= len(text)
        if i:
            pa, pb = n.span(i - 1, i)
            assert pa <= a and pb <= b
    if n.text:
        a, b = n.span(0, len(n.text))
        assert 0 <= a < b <= len(text)


def _evade(word: str, draw: Any) -> str:
    """Hide ``word`` with a random mix of the S30 evasions, keeping each visible letter."""
    out = []
    for ch in word:
        style = draw(st.sampled_from(["plain", "invisible", "fullwidth", "cyrillic", "nfd"]))
        if style == "invisible":
            out.append(ch + draw(st.text(st.sampled_from(INVISIBLE), min_size=1, max_size=2)))
        elif style == "fullwidth" and "!" <= ch <= "~":
            out.append(chr(ord(ch) + 0xFEE0))
        elif style == "cyrillic" and ch in CYRILLIC:
            out.append(CYRILLIC[ch])
        elif style == "nfd":
            out.append(unicodedata.normalize("NFD", ch))
        else:
            out.append(ch)
    return "".join(out)


@FUZZ
@given(data=st.data(), word=WORDS, before=st.text(st.sampled_from("abc 가나 .,\n"), max_size=12),
       after=st.text(st.sampled_from("abc 가나 .,\n"), max_size=12))
def test_fuzz_evaded_word_round_trips_through_the_offset_map(data: st.DataObject, word: str, before: str,
                                                            after: str) -> None:
    """The folded word is found in the normalised text, and its mapped span covers the whole evaded word
    and nothing of the visible text around it."""
    hidden = _evade(word, data.draw)
    text = f"{before} {hidden} {after}"
    n = normalise(text)
    target = fold(word)
    at = n.folded.find(target, len(fold(before)))
    assert at >= 0, (hidden, n.folded)
    a, b = n.span(at, at + len(target))
    start = len(before) + 1
    end = start + len(hidden)
    assert a == start, (a, start, text)
    assert end - len(INVISIBLE) <= b <= end and all(c in INVISIBLE for c in text[b:end]), (b, end, text)
    assert fold(text[a:b]) == target
