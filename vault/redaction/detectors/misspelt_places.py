"""Place names written with one letter wrong (LOCATION): kolkatta, iraland, Shenyng, Liaonign.

Witnesses and interpreters spell places as they hear them. A word that is in no word list
(not a common word, not a known name) and is one edit away from a known place name (a
letter added, dropped, changed, or two neighbours swapped) is taken as that place:

- in lower case, a word of seven letters or more, against the English place list
  (countries, US states, cities over 15,000 people) and the gazetteer's Latin spellings;
- capitalised, a word of six letters or more against the gazetteer only: capitalised
  unknown words are names already, and the long tail of small cities abroad would turn
  foreign surnames into places (Kayani, Kalyani).

Shorter names are too close to too many words. Pure: the lists are read once from
``vault/data``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from vault.redaction.detectors._base import make_span
from vault.redaction.detectors.english_words import NOT_NAMES
from vault.redaction.gazetteer import gazetteer
from vault.redaction.lexicons import english_common, english_proper
from vault.redaction.normalise import normalise
from vault.redaction.spans import LOCATION, Span

_WORD = re.compile(r"(?<![A-Za-z'’-])[A-Za-z]{6,20}(?![A-Za-z'’-])")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
MIN_LENGTH = 6
MIN_LOWER = 7


@lru_cache(maxsize=1)
def _gazetteer_places() -> frozenset[str]:
    return frozenset(f for f in gazetteer().exact if f.isascii() and f.isalpha() and len(f) >= MIN_LENGTH)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    names = {w for w, kinds in english_proper().items() if "place" in kinds and w.isalpha() and len(w) >= MIN_LOWER}
    return frozenset(names) | _gazetteer_places()


def _edits(word: str) -> Iterator[str]:
    """Every string one edit from ``word``: a letter dropped, swapped, changed or added."""
    for i in range(len(word)):
        yield word[:i] + word[i + 1:]
        if i + 1 < len(word):
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:]
        for c in _LETTERS:
            if c != word[i]:
                yield word[:i] + c + word[i + 1:]
    for i in range(len(word) + 1):
        for c in _LETTERS:
            yield word[:i] + c + word[i:]


@lru_cache(maxsize=4096)
def near_place(word: str) -> str | None:
    """Return the known place ``word`` misspells by one edit (lower case), if any."""
    low = word.lower()
    if low in english_common() or low in english_proper() or low in NOT_NAMES:
        return None  # "saenghwal chonghwa" (the North's self-criticism sessions) is no misspelt Chunghwa
    if word.islower():
        if len(word) < MIN_LOWER:
            return None
        places = _places()
    else:
        places = _gazetteer_places()
    if low in places:
        return None
    return next((e for e in _edits(low) if e in places), None)


class MisspeltPlaceDetector:
    """Words one letter away from a known place name."""

    name = "misspelt_places"
    label = LOCATION

    def detect(self, text: str) -> Iterator[Span]:
        """Yield LOCATION spans for likely misspellings of known places."""
        norm = normalise(text)
        subject = norm.text
        for m in _WORD.finditer(subject):
            place = near_place(m.group())
            if place is not None:
                yield make_span(norm, m.start(), m.end(), LOCATION, 0.75, self.name,
                                f"one letter from the place name {place!r}")
