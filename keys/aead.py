"""AES-256-GCM with random 96-bit nonces, for small secrets and records.

Every key used here encrypts far fewer than 2**32 messages (one key per slot,
attachment or bundle), so random nonces are safe (S12).
"""
from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from keys.errors import UnlockFailed

NONCE_BYTES = 12
TAG_BYTES = 16


def seal(key: bytes, plaintext: bytes | memoryview, aad: bytes) -> bytes:
    """Return ``nonce || ciphertext || tag`` (a memoryview is sealed without a copy)."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, sealed: bytes | memoryview, aad: bytes) -> bytes:
    """Reverse :func:`seal`; any damage raises :class:`UnlockFailed`."""
    if len(sealed) < NONCE_BYTES + TAG_BYTES:
        raise UnlockFailed()
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
    except InvalidTag:
        raise UnlockFailed() from None
