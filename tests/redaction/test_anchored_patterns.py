"""Patterns tried only where one of their opening tokens begins find what a full scan finds.

A pattern with ``starts`` is matched only at the beginnings of tokens it can open with
(:func:`vault.redaction.detectors._regex.anchored`); the regex engine no longer walks
every position of the text. That is a shortcut for speed and must change nothing: a
missing opening word would silently stop a date, an age or a name from being found.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vault.redaction.detectors import cue_names, places
from vault.redaction.detectors._regex import RegexDetector, anchored, start_keys
from vault.redaction.detectors.dates import TIME_OF_DAY
from vault.redaction.normalise import normalise
from vault.redaction.registry import DEFAULT_DETECTORS

Anchored = tuple[str, "re.Pattern[str]", frozenset[str], bool]


def _anchored_patterns() -> Iterator[Anchored]:
    for detector in DEFAULT_DETECTORS:
        if isinstance(detector, RegexDetector):
            for pattern in detector.patterns:
                if pattern.starts:
                    yield pattern.reason, pattern.regex, pattern.starts, detector.cased or pattern.cased
    yield "title or kinship cue", cue_names._EN_CUE, cue_names._EN_CUE_STARTS, True
    yield "'named' or 'called'", cue_names._EN_NAMED, cue_names._EN_NAMED_STARTS, True
    yield "street address", places._STREET, places._STREET_STARTS, False
    yield "bay, gulf or sea of a place", places._OF_PLACE, places._OF_PLACE_STARTS, True


PATTERNS = list(_anchored_patterns())


def _differences(text: str) -> list[str]:
    norm = normalise(text)
    out = []
    for reason, regex, starts, cased in PATTERNS:
        subject = norm.text if cased else norm.folded
        full = [m.span() for m in regex.finditer(subject)]
        quick = [m.span() for m in anchored(regex, subject, norm.folded, starts)]
        if full != quick:
            out.append(f"{reason}: {[subject[a:b] for a, b in full]} != {[subject[a:b] for a, b in quick]}")
    return out


def test_the_shortcut_covers_the_english_patterns_and_both_cue_patterns() -> None:
    reasons = {p[0] for p in PATTERNS}
    assert {"date with a month name", "weekday", TIME_OF_DAY, "phone number", "age", "amount of money",
            "long number", "security organ, party or military unit", "title or kinship cue"} <= reasons
    assert len(PATTERNS) >= 20


def test_start_keys_are_the_opening_token() -> None:
    assert start_keys("Mondays", "monday", "at the age of", "1990", "$", "a.k.a.") == {"mon", "at", "0", "$", "a"}
    with pytest.raises(ValueError, match="does not open with a token"):
        start_keys(" late")


@pytest.mark.parametrize("name", ["en_uner_ewt_test", "en_presidio_synth_v2", "ko_klue_ner_dev"])
def test_anchored_patterns_find_what_a_full_scan_finds_on_the_public_sets(eval_dir: Path, name: str) -> None:
    with (eval_dir / f"{name}.jsonl").open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    differences = [d for text in texts for d in _differences(text)]
    assert differences == []


def _openings() -> list[str]:
    """Every word a pattern may open with, and the pieces that make up numbers and symbols."""
    words = {"suite", "apt", "p.o. box", "po box", "pobox", "street", "bay", "sea", "strait"}
    words |= {"mid", "early", "late", "nearly", "amid", "the", "this", "last", "next", "past", "at", "age", "aged",
             "of", "in", "his", "her", "twenties", "was", "i'm", "he's", "named", "called", "mr", "mrs", "dr",
             "uncle", "thank", "you", "no", "unit", "people's", "army", "security", "ministry", "state", "corps",
             "years", "old", "months", "ago", "year", "week", "month", "before", "after", "morning", "usd", "rmb",
             "us$", "dollars", "yuan", "hundred", "thousand", "a", "few", "am", "pm", "p.m.", "kst", "st", "th",
             "century", "spring", "new", "lunar", "christmas", "to", "and", "y/o", "yrs", "known", "as", "alias"}
    words |= {"january", "may", "sept", "dec", "monday", "sundays", "twenty", "one", "nineteen", "fifty", "who", "is",
              "now", "when", "through", "until"}
    pieces = ["1990", "12", "3", "09", "30", "2011", "7", "+82", "(02)", "010", "1234", "5678", "$", "€", "₩", "'98",
              "-", ":", "/", "Kim", "Chol", "Sun-hui"]
    return sorted(words) + pieces


_GLUE = ["", "x", "n", "a", "1", "_", "-", "'", "$", "("]
_FOLLOWERS = [" 1990", "-1990s", " 5", "5", " 12th century", " Kim", ". Kim Chol", " of 61", " 30 years old", "s ago",
              " May 2009", " 3, 2009", "day morning", " pm", "$5", ":30", " hundred dollars", " no. 12", " 2009-11",
              " the 12th", " state security"]


def test_anchored_patterns_find_what_a_full_scan_finds_after_any_glue() -> None:
    """Each opening word glued after a letter, a digit or a symbol (nearly 1990, amid-1990s, xusd 5)."""
    differences = [d for word in _openings() for glue in _GLUE for follower in _FOLLOWERS
                   for text in (f"{glue}{word}{follower}", f"{glue}{word.title()}{follower}")
                   for d in _differences(text)]
    assert differences == []


_SEPARATORS = ["", " ", " ", " ", "-", ".", ", ", "'", "/", ":", "(", ")", "\n", "x"]
_PIECE = st.builds(lambda word, case: (word, word.title(), word.upper())[case],
                   st.sampled_from(_openings()), st.integers(0, 2))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_PIECE, st.sampled_from(_SEPARATORS)), min_size=1, max_size=12))
def test_anchored_patterns_find_what_a_full_scan_finds_on_made_up_text(parts: list[tuple[str, str]]) -> None:
    """Words glued to others (nearly, amid, 3mr), in every case, between digits and symbols."""
    text = "".join(piece + sep for piece, sep in parts)
    assert _differences(text) == []
