"""The shared Korean morphological analyser (kiwipiepy, model shipped on PyPI, offline)."""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Morph:
    """One morpheme: form, part-of-speech tag, offsets in the analysed text, OOV flag."""

    form: str
    tag: str
    start: int
    end: int
    oov: bool


@lru_cache(maxsize=1)
def _analyser() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # kiwipiepy warns about optional features
        from kiwipiepy import Kiwi

        # No typo or multi-word dictionaries: 2.5x faster, and names are not typos.
        return Kiwi(num_workers=0, load_typo_dict=False, load_multi_dict=False)


@lru_cache(maxsize=16)
def analyse(text: str) -> tuple[Morph, ...]:
    """Return the morphemes of ``text`` (memoised: several detectors share them)."""
    if not text:
        return ()
    kiwi = _analyser()
    tokens = kiwi.tokenize(text, match_options=0)
    return tuple(
        Morph(t.form, t.tag.split("-")[0], t.start, t.start + t.len, bool(getattr(t, "oov", False)))
        for t in tokens
    )
