"""Key derivation from passphrases (Argon2id)."""
from __future__ import annotations

import unicodedata

from argon2.low_level import Type, hash_secret_raw

from keys.profiles import Profile

KEY_BYTES = 32
SALT_BYTES = 16


def normalise_passphrase(passphrase: str) -> bytes:
    """Encode a passphrase so that the same words typed on any keyboard give one key (NFC)."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(secret: bytes, salt: bytes, profile: Profile, *, label: bytes) -> bytes:
    """Derive a 256-bit key from ``secret`` with Argon2id; ``label`` separates domains."""
    if len(salt) != SALT_BYTES:
        raise ValueError("salt must be 16 bytes")
    return hash_secret_raw(
        secret=label + b"\x00" + secret,
        salt=salt,
        time_cost=profile.time_cost,
        memory_cost=profile.memory_kib,
        parallelism=profile.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
