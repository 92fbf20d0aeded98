"""Korean particles after a replacement: chosen again for the replacement's last sound.

A Korean particle has one form after a consonant and one after a vowel (은/는, 이/가,
을/를, 과/와, 으로/로 ...). When a name is replaced, the particle written for the original
must be re-chosen for what now stands before it ("김영희는" -> "인물 7은", not "인물 7는"),
or the released sentence reads as broken Korean. Numbers are read as Sino-Korean (7 = 칠),
Latin letters roughly as their English sound. Pure functions, no I/O.
"""
from __future__ import annotations

import re

_HANGUL_BASE = 0xAC00
_RIEUL = 8  # index of ㄹ among the 28 finals (0 = none)

# Sino-Korean readings of the last digit: (has a final consonant, final is ㄹ).
_DIGIT_FINALS = {
    "0": (True, False),  # 영 (or 십/백/천/만 for round numbers: all closed, none ㄹ)
    "1": (True, True), "2": (False, False), "3": (True, False), "4": (False, False),
    "5": (False, False), "6": (True, False), "7": (True, True), "8": (True, True),
    "9": (False, False),
}
_LATIN_VOWEL_SOUNDS = frozenset("aeiouyw")

# (after a consonant, after a vowel). 으로 after ㄹ takes the vowel form (서울로).
_PAIRS: tuple[tuple[str, str], ...] = (
    ("으로부터", "로부터"), ("으로서", "로서"), ("으로써", "로써"), ("으로는", "로는"),
    ("으로도", "로도"), ("으로", "로"),
    ("이었다", "였다"), ("이에요", "예요"), ("이라고", "라고"), ("이라는", "라는"),
    ("이라서", "라서"), ("이랑", "랑"), ("이나", "나"), ("이든", "든"), ("이며", "며"), ("이고", "고"),
    ("이다", "다"), ("과", "와"), ("은", "는"), ("을", "를"), ("이", "가"), ("아", "야"),
)
# The copula's past stem, whatever ending follows (이었습니다, 였을 때, 이었고): after a vowel it
# contracts ("사이였을", not "사이이었을"), after a consonant it cannot ("[인물]이었다").
_STEM_PAIRS: tuple[tuple[str, str], ...] = (("이었", "였"),)
_FORMS = sorted({form for pair in _PAIRS for form in pair}, key=len, reverse=True)
_PAIR_OF = {form: pair for pair in (*_PAIRS, *_STEM_PAIRS) for form in pair}
# 순이에요, 김철수에요: after a name, 에요 is the copula as people write it (a person takes no locative 에);
# the renderer asks for it after a person only, since after a place it is often 에 and 요 ("at").
_PAIR_OF["에요"] = ("이에요", "예요")
_PARTICLE = re.compile("(" + "|".join(_FORMS) + r")(?![가-힣])")
_COPULA_AFTER_A_NAME = re.compile(r"에요(?![가-힣])")


def copula_after_a_name(text: str, pos: int) -> str | None:
    """Return 에요 when it starts at ``pos`` and ends a word: after a person's name, the copula."""
    return "에요" if _COPULA_AFTER_A_NAME.match(text, pos) else None
_STEM = re.compile("(" + "|".join(form for pair in _STEM_PAIRS for form in pair) + ")")


def final_sound(text: str) -> tuple[bool, bool] | None:
    """Return (ends in a consonant, that consonant is ㄹ) for the last readable character.

    Brackets, quotes and spaces are looked through ("[인물]" ends in 물); ``None`` when
    nothing readable is there.
    """
    for char in reversed(text):
        if "가" <= char <= "힣":
            final = (ord(char) - _HANGUL_BASE) % 28
            return final != 0, final == _RIEUL
        if char in _DIGIT_FINALS:
            return _DIGIT_FINALS[char]
        if char.isascii() and char.isalpha():
            lower = char.lower()
            return lower not in _LATIN_VOWEL_SOUNDS, lower == "l"
        if char.isalnum():
            return None
    return None


def particle_after(text: str, pos: int) -> str | None:
    """Return the particle that starts at ``pos`` and ends a word there, if any."""
    match = _PARTICLE.match(text, pos) or _STEM.match(text, pos)
    return match.group(1) if match else None


def choose(particle: str, before: str) -> str:
    """Return the form of ``particle`` that fits after the text ``before``."""
    pair = _PAIR_OF.get(particle)
    sound = final_sound(before)
    if pair is None or sound is None:
        return particle
    closed, rieul = sound
    consonant_form, vowel_form = pair
    if consonant_form.startswith("으로"):
        return consonant_form if closed and not rieul else vowel_form
    return consonant_form if closed else vowel_form
