"""Suggested passphrases: the documented shape, every symbol reachable, no look-alikes, fresh each time."""
from __future__ import annotations

import re
from collections.abc import Iterator

from keys.passphrases import ALPHABET, BITS, suggest


def test_shape_and_strength() -> None:
    value = suggest()
    assert re.fullmatch(r"[a-z2-9]{5}(-[a-z2-9]{5}){4}", value)
    assert not set(value) & set("ilo01")
    assert BITS > 120  # beyond any offline guessing, even without Argon2id


def test_every_symbol_comes_from_the_random_source() -> None:
    draws: Iterator[int] = iter(range(25))

    def counting(n: int) -> int:
        assert n == len(ALPHABET) == 31
        return next(draws)

    value = suggest(randbelow=counting).replace("-", "")
    assert value == "".join(ALPHABET[i % 31] for i in range(25))


def test_suggestions_differ() -> None:
    assert len({suggest() for _ in range(50)}) == 50
