"""Hangul romanisation and a lossy phonetic key that matches any common romanisation.

Korean names and places reach English text in many spellings: Revised Romanisation
(Cheolsu, Hyesan), McCune-Reischauer with or without diacritics (Ch'ŏlsu, Chŏngjin,
Chongjin), North Korean and passport spellings (Chol Su, Ryanggang), and ad-hoc ones
(Chul-soo). Instead of enumerating every spelling, both sides are reduced to a
``phonetic_key`` that collapses the differences between those systems (voicing,
aspiration marks, eo/o/u, ee/i, doubled letters, hyphens and spaces). The key is
deliberately lossy: a false match costs a review click, a missed name can cost a life.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj",
             "ch", "k", "t", "p", "h")
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo",
           "u", "wo", "we", "wi", "yu", "eu", "ui", "i")
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l",
           "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")
# McCune-Reischauer (no diacritics): initial consonants as commonly written.
_MR_INITIALS = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch",
                "ch", "k", "t", "p", "h")
_MR_VOWELS = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo",
              "u", "wo", "we", "wi", "yu", "u", "ui", "i")


def is_hangul_syllable(ch: str) -> bool:
    """Return True for a precomposed Hangul syllable (U+AC00..U+D7A3)."""
    return "\uac00" <= ch <= "\ud7a3"


def _parts(ch: str) -> tuple[int, int, int]:
    code = ord(ch) - 0xAC00
    return code // 588, (code % 588) // 28, code % 28


def revised(hangul: str) -> str:
    """Romanise syllable by syllable in Revised Romanisation (no sound-change rules)."""
    return _romanise(hangul, _INITIALS, _VOWELS)


def mccune(hangul: str) -> str:
    """Romanise syllable by syllable in McCune-Reischauer without diacritics."""
    return _romanise(hangul, _MR_INITIALS, _MR_VOWELS)


def _romanise(hangul: str, initials: Sequence[str], vowels: Sequence[str]) -> str:
    out = []
    for ch in hangul:
        if is_hangul_syllable(ch):
            lead, vowel, tail = _parts(ch)
            out.append(initials[lead] + vowels[vowel] + _FINALS[tail])
        else:
            out.append(ch)
    return "".join(out)


def syllables(hangul: str, system: str = "rr") -> list[str]:
    """Return one romanised string per syllable (for hyphenated given names)."""
    conv = revised if system == "rr" else mccune
    return [conv(ch) for ch in hangul if is_hangul_syllable(ch)]


def strip_diacritics(text: str) -> str:
    """Drop combining marks from Latin letters (ŏ -> o, ü -> u)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_KEY_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b)
    for a, b in (
        (r"[^a-z]", ""),
        (r"tch|ch|jj|j|z|c", "j"),
        (r"sh|ss|x", "s"),
        (r"rh|r", "l"),
        (r"kk|gg|g|q|kh", "k"),
        (r"tt|dd|d|th", "t"),
        (r"pp|bb|b|f|ph", "p"),
        (r"v", "p"),
        (r"yeo|yu|you", "yo"),
        (r"eo|eu|oo|ou|u|ŭ|ŏ", "o"),
        (r"ee|ea|ie", "i"),
        (r"ae|ai|ay|oe|oi|we|wae", "e"),
        (r"wo", "o"),
        (r"(.)\1+", r"\1"),
    )
)


@lru_cache(maxsize=65536)
def phonetic_key(latin: str) -> str:
    """Collapse a romanised Korean string so that its spellings share one key."""
    key = strip_diacritics(latin).lower()
    for pattern, repl in _KEY_RULES:
        key = pattern.sub(repl, key)
    return key


def hangul_keys(hangul: str) -> frozenset[str]:
    """Return the phonetic keys of a Hangul string under both systems."""
    return frozenset({phonetic_key(revised(hangul)), phonetic_key(mccune(hangul))})

