"""Whole place names: the region code, head word and lead-in that belong to a found place."""
from __future__ import annotations

import pytest

from vault.redaction import detect
from vault.redaction.place_extent import widen
from vault.redaction.spans import LOCATION, PERSON, Span


def _found(text: str, label: str = LOCATION) -> list[str]:
    return [text[s.start:s.end] for s in detect(text) if s.label == label]


@pytest.mark.parametrize(("text", "place"), [
    ("He was arrested in Kingston, Ont.; his brother too.", "Kingston, Ont."),
    ("Is there a good church in philadelphia pa?", "philadelphia pa"),
    ("The office is in Seattle, WA 98101-2345 now.", "Seattle, WA 98101-2345"),  # the postcode too
    ("They met in the Seoul metro area last year.", "Seoul metro area"),
])
def test_region_code_head_word_and_postcode_join_the_place(text: str, place: str) -> None:
    assert place in [text[s.start:s.end] for s in detect(text)]


@pytest.mark.parametrize("text", [
    "I lived in Seoul, in 2008 we moved.",
    "We reached Seoul on Monday.",
    "From Busan or Incheon.",
])
def test_ordinary_words_after_a_place_stay_readable(text: str) -> None:
    assert all(" in" not in p and " on" not in p and " or" not in p for p in _found(text))


def test_a_sea_named_alone_takes_its_article_and_is_a_place() -> None:
    text = "The boat drifted over the Atlantic for days."
    span = widen(text, Span(text.index("Atlantic"), text.index(" for"), PERSON, 0.7, "english_names"))
    assert (text[span.start:span.end], span.label) == ("the Atlantic", LOCATION)


def test_bay_of_before_a_place_is_inside_it() -> None:
    text = "They landed on the Bay of Korea shore."
    start = text.index("Korea")
    span = widen(text, Span(start, start + 5, LOCATION, 0.9, "english_names"))
    assert text[span.start:span.end] == "Bay of Korea"


def test_spans_of_other_kinds_are_left_alone() -> None:
    text = "Kim, PA and others"
    span = Span(0, 3, PERSON, 0.8, "english_names")
    assert widen(text, span) is span


@pytest.mark.parametrize("text,whole,label", [
    ("[SYNTHETIC] you eat McDonald s ice cream?", "McDonald s", None),  # possessive written apart
    ("[SYNTHETIC] a real Hackney 's is", "Hackney 's", None),
    ("[SYNTHETIC] other than mc donald s lol", "mc donald s", None),  # Mc written apart
    ("[SYNTHETIC] Loop, North Side, South Side, near suburbs", "Loop", LOCATION),  # a list of places
    ("[SYNTHETIC] Bay of Plenty- Are you old enough?", "Bay of Plenty", LOCATION),
    ("[SYNTHETIC] another store in the st. charles mall.", "st. charles mall", LOCATION),
])
def test_latin_names_taken_whole_by_kind(text: str, whole: str, label: str | None) -> None:
    """Kinds of Latin-script names that were left partly readable."""
    start = text.index(whole)
    hits = [s for s in detect(text) if s.start <= start and start + len(whole) <= s.end]
    assert hits, [text[s.start:s.end] for s in detect(text)]
    assert label is None or hits[0].label == label


def test_capitalised_items_of_a_list_without_places_stay_readable() -> None:
    text = "[SYNTHETIC] Apples, Pears, Plums, Figs are sold here."
    assert not [s for s in detect(text) if s.label == LOCATION]
