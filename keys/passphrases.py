"""Suggested passphrases for new accounts and resets: strong random, easy to read aloud.

Five groups of five lower-case letters and digits without look-alikes (no i, l, o, 0 or 1),
for example ``k7m3q-x9fha-r2wze-u8bcn-d4tgy``: about 124 bits from the operating system's
random source (``secrets``). A suggestion is shown to the admin once and never stored or
logged; the account's keyslot keeps only what Argon2id derives from it.
"""
from __future__ import annotations

import math
import secrets
from collections.abc import Callable

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
GROUPS = 5
GROUP_LENGTH = 5
#: The strength of a suggestion, in bits.
BITS = GROUPS * GROUP_LENGTH * math.log2(len(ALPHABET))


def suggest(*, randbelow: Callable[[int], int] = secrets.randbelow) -> str:
    """A new random passphrase: GROUPS groups of GROUP_LENGTH symbols joined by "-"."""
    return "-".join("".join(ALPHABET[randbelow(len(ALPHABET))] for _ in range(GROUP_LENGTH))
                    for _ in range(GROUPS))
