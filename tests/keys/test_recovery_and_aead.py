"""Recovery shares (S13) and AES-GCM nonce hygiene (S12)."""
from __future__ import annotations

import secrets

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keys import aead, recovery
from keys.errors import RecoveryFailed, UnlockFailed


def test_s13_k_shares_rebuild_the_key() -> None:
    key = secrets.token_bytes(32)
    shares = recovery.split(key, 3, 5)
    assert len(shares) == 5
    for chosen in ([0, 1, 2], [2, 3, 4], [0, 2, 4]):
        assert recovery.combine([shares[i] for i in chosen]) == key


def test_s13_k_minus_one_shares_fail() -> None:
    key = secrets.token_bytes(32)
    shares = recovery.split(key, 3, 5)
    with pytest.raises(RecoveryFailed) as error:
        recovery.combine(shares[:2])
    # the error never quotes share words
    assert shares[0].split()[0] not in str(error.value)


def test_s13_shares_from_two_sets_do_not_mix() -> None:
    a = recovery.split(secrets.token_bytes(32), 2, 3)
    b = recovery.split(secrets.token_bytes(32), 2, 3)
    with pytest.raises(RecoveryFailed):
        recovery.combine([a[0], b[1]])


def test_s13_mistyped_share_fails() -> None:
    shares = recovery.split(secrets.token_bytes(32), 2, 3)
    words = shares[1].split()
    words[5] = "academic" if words[5] != "academic" else "acid"
    with pytest.raises(RecoveryFailed):
        recovery.combine([shares[0], " ".join(words)])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=256), st.binary(max_size=64))
def test_aead_round_trip(plaintext: bytes, aad: bytes) -> None:
    key = secrets.token_bytes(32)
    assert aead.open_sealed(key, aead.seal(key, plaintext, aad), aad) == plaintext


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=64), st.integers(min_value=0))
def test_aead_any_flipped_bit_fails(plaintext: bytes, position: int) -> None:
    key = secrets.token_bytes(32)
    sealed = bytearray(aead.seal(key, plaintext, b"aad"))
    index = position % (len(sealed) * 8)
    sealed[index // 8] ^= 1 << (index % 8)
    with pytest.raises(UnlockFailed):
        aead.open_sealed(key, bytes(sealed), b"aad")


def test_s12_no_repeated_nonce_under_one_key() -> None:
    """Many messages under one key never reuse a 96-bit nonce."""
    key = secrets.token_bytes(32)
    nonces = {aead.seal(key, b"x", b"")[: aead.NONCE_BYTES] for _ in range(20000)}
    assert len(nonces) == 20000
