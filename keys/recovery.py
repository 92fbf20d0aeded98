"""Recovery shares: the vault key split k-of-n into SLIP-39 word lists (S13)."""
from __future__ import annotations

import hashlib
import hmac

import shamir_mnemonic
from shamir_mnemonic import MnemonicError

from keys.errors import RecoveryFailed
from keys.kdf import KEY_BYTES

#: Domain label of :func:`commitment`.
_COMMITMENT_LABEL = b"testimony/recovery-shares/v1"


def commitment(secret: bytes) -> str:
    """A keyed fingerprint of the key a share set rebuilds (HMAC-SHA256 under that key).

    Stored when shares are issued, it lets ``verify`` tell whether the last issued shares
    rebuild the current key without holding them; it reveals nothing without the key.
    """
    return hmac.new(secret, _COMMITMENT_LABEL, hashlib.sha256).hexdigest()


def split(secret: bytes, threshold: int, shares: int) -> list[str]:
    """Return ``shares`` mnemonics of which any ``threshold`` rebuild ``secret``."""
    if len(secret) != KEY_BYTES:
        raise ValueError("only 32-byte keys are split")
    if not 1 <= threshold <= shares <= 16 or (threshold == 1 and shares > 1):
        raise ValueError("shares must satisfy 2 <= k <= n <= 16 (or 1 of 1)")
    groups = shamir_mnemonic.generate_mnemonics(
        group_threshold=1, groups=[(threshold, shares)], master_secret=secret
    )
    return list(groups[0])


def combine(mnemonics: list[str]) -> bytes:
    """Rebuild the secret from enough shares, or raise :class:`RecoveryFailed`."""
    cleaned = [" ".join(m.split()).lower() for m in mnemonics if m.strip()]
    if not cleaned:
        raise RecoveryFailed("no recovery shares given")
    try:
        secret = shamir_mnemonic.combine_mnemonics(cleaned)
    except (MnemonicError, ValueError):
        # The library's message quotes share words: never echo them.
        raise RecoveryFailed("recovery shares do not rebuild the key (too few, mistyped or mixed sets)") from None
    if len(secret) != KEY_BYTES:
        raise RecoveryFailed("recovery shares rebuild a key of the wrong size")
    return bytes(secret)
