"""Wire layer of sealed intake bundles: header, HPKE key wrap, STREAM chunks.

Byte layout (``docs/formats.md`` has the full description)::

    offset  size  field
    0       8     magic          89 54 53 42 0D 0A 1A 0A   ("\\x89TSB\\r\\n\\x1a\\n")
    8       1     version        1
    9       1     suite id       1 = ML-KEM-768+X25519, 2 = X25519 (HKDF-SHA256, AES-256-GCM)
    10      1     chunk exponent 12..24 (chunk size = 2**exponent plaintext bytes)
    11      1     reserved       0
    12      W     wrapped key    HPKE enc || AES-256-GCM(content key, 32 bytes) || tag
                                 W = enc length + 48; HPKE info = label || bytes 0..11
    12+W    ...   chunks         AES-256-GCM under the content key, each
                                 ciphertext || 16-byte tag; nonce = 11-byte big-endian
                                 chunk counter || last-chunk flag (0 or 1);
                                 AAD = SHA-256(bytes 0..12+W)

Every chunk but the last holds exactly ``2**exponent`` plaintext bytes; the last holds
1 to ``2**exponent``. A fresh random content key per bundle makes every
(key, nonce) pair unique (S12); the counter and flag stop reordering and
truncation (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizar).
"""
from __future__ import annotations

import hashlib
import os
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from keys.errors import BundleError
from keys.intake import IntakePrivateKey, IntakePublicKey, IntakeSuite

MAGIC = b"\x89TSB\r\n\x1a\n"
VERSION = 1
PREFIX_BYTES = 12
CONTENT_KEY_BYTES = 32
TAG_BYTES = 16
HPKE_INFO_LABEL = b"testimony/v1/intake-bundle\x00"
MIN_CHUNK_EXPONENT = 12
MAX_CHUNK_EXPONENT = 24
DEFAULT_CHUNK_EXPONENT = 16
MAX_CHUNKS = 1 << 32  # far below the 2**88 counter space; 256 TiB at 64 KiB chunks
_FINAL = b"\x01"
_NOT_FINAL = b"\x00"

# One message for every authentication failure: it does not say whether the key, the
# header or a chunk failed (and a bundle names no recipient, so it cannot say).
_CANNOT_OPEN = "the bundle cannot be opened: it is damaged, tampered with, or sealed to another intake key"


class Writable(Protocol):
    """Anything bytes can be written to: a file, a hashing wrapper, a socket adapter."""

    def write(self, data: bytes, /) -> object: ...


class Readable(Protocol):
    """Anything bytes can be read from: a file, a hashing wrapper."""

    def read(self, size: int = -1, /) -> bytes: ...


def wrapped_key_length(suite: IntakeSuite) -> int:
    """Bytes of the HPKE-wrapped content key for ``suite``."""
    return suite.enc_length + CONTENT_KEY_BYTES + TAG_BYTES


def parse_prefix(prefix: bytes) -> tuple[IntakeSuite, int]:
    """Check the first 12 bytes of a bundle; return its suite and chunk exponent."""
    if len(prefix) < PREFIX_BYTES or prefix[:8] != MAGIC:
        raise BundleError("not a sealed intake bundle")
    version, suite_id, exponent, reserved = prefix[8], prefix[9], prefix[10], prefix[11]
    if version != VERSION:
        raise BundleError(f"unsupported bundle version {version} (this program reads version {VERSION})")
    try:
        suite = IntakeSuite(suite_id)
    except ValueError:
        raise BundleError(f"unknown bundle suite id {suite_id}") from None
    if not MIN_CHUNK_EXPONENT <= exponent <= MAX_CHUNK_EXPONENT or reserved != 0:
        raise BundleError("malformed bundle header")
    return suite, exponent


def _prefix(suite: IntakeSuite, chunk_exponent: int) -> bytes:
    return MAGIC + bytes([VERSION, suite.value, chunk_exponent, 0])


def _nonce(counter: int, final: bool) -> bytes:
    return counter.to_bytes(11, "big") + (_FINAL if final else _NOT_FINAL)


def _read_fully(source: Readable, size: int) -> bytes:
    """Read up to ``size`` bytes, looping over short reads; fewer only at end of file."""
    parts: list[bytes] = []
    remaining = size
    while remaining > 0:
        data = source.read(remaining)
        if not data:
            break
        parts.append(data)
        remaining -= len(data)
    return b"".join(parts)


class StreamWriter:
    """Write a bundle's header, then encrypt plaintext into STREAM chunks.

    Holds the public key and the bundle's content key, never a private key.
    """

    def __init__(
        self,
        out: Writable,
        public_key: IntakePublicKey,
        *,
        chunk_exponent: int = DEFAULT_CHUNK_EXPONENT,
    ) -> None:
        if not MIN_CHUNK_EXPONENT <= chunk_exponent <= MAX_CHUNK_EXPONENT:
            raise ValueError(f"chunk exponent must be {MIN_CHUNK_EXPONENT}..{MAX_CHUNK_EXPONENT}")
        prefix = _prefix(public_key.suite, chunk_exponent)
        content_key = os.urandom(CONTENT_KEY_BYTES)
        wrapped = public_key.suite.hpke_suite.encrypt(
            content_key, public_key.hpke_key(), info=HPKE_INFO_LABEL + prefix
        )
        if len(wrapped) != wrapped_key_length(public_key.suite):
            raise AssertionError("HPKE output length differs from the documented format")
        header = prefix + wrapped
        out.write(header)
        self._out = out
        self._aead = AESGCM(content_key)
        self._aad = hashlib.sha256(header).digest()
        self._chunk_size = 1 << chunk_exponent
        self._buffer = bytearray()
        self._counter = 0
        self._closed = False

    def write(self, data: bytes) -> None:
        if self._closed:
            raise ValueError("write to a closed bundle")
        view = memoryview(data)
        while view:
            # A full buffer is only sealed once more data arrives: until close(),
            # nobody knows which chunk is the last.
            if len(self._buffer) == self._chunk_size:
                self._emit(bytes(self._buffer), final=False)
                self._buffer = bytearray()
            take = self._chunk_size - len(self._buffer)
            self._buffer += view[:take]
            view = view[take:]

    def close(self) -> None:
        """Encrypt the last chunk; the plaintext must not be empty."""
        if self._closed:
            return
        if not self._buffer:
            raise ValueError("a bundle cannot be empty")
        self._emit(bytes(self._buffer), final=True)
        self._buffer.clear()
        self._closed = True
        del self._aead  # the content key is not needed again on the sealing side

    def _emit(self, chunk: bytes, *, final: bool) -> None:
        if self._counter >= MAX_CHUNKS:
            raise ValueError("bundle too large")
        self._out.write(self._aead.encrypt(_nonce(self._counter, final), chunk, self._aad))
        self._counter += 1


class StreamReader:
    """Parse and check a bundle header, unwrap its content key, decrypt chunk by chunk.

    Every problem with the bytes raises :class:`BundleError`; lengths and fields are
    checked before any decryption. Plaintext is released one authenticated chunk at
    a time: a caller must treat everything read as provisional until
    :meth:`ensure_finished` returns.
    """

    def __init__(self, source: Readable, private_key: IntakePrivateKey) -> None:
        prefix = _read_fully(source, PREFIX_BYTES)
        suite, exponent = parse_prefix(prefix)
        if suite is not private_key.suite:
            raise BundleError(
                f"the bundle was sealed with suite {suite.label}, but this intake key is "
                f"{private_key.suite.label}"
            )
        wrapped = _read_fully(source, wrapped_key_length(suite))
        if len(wrapped) != wrapped_key_length(suite):
            raise BundleError("the bundle is truncated")
        try:
            content_key = suite.hpke_suite.decrypt(
                wrapped, private_key.hpke_key(), info=HPKE_INFO_LABEL + prefix
            )
        except InvalidTag:
            raise BundleError(_CANNOT_OPEN) from None
        if len(content_key) != CONTENT_KEY_BYTES:
            raise BundleError(_CANNOT_OPEN)
        self.suite = suite
        self._source = source
        self._aead = AESGCM(content_key)
        self._aad = hashlib.sha256(prefix + wrapped).digest()
        self._chunk_size = 1 << exponent
        self._counter = 0
        self._lookahead = b""
        self._plain = bytearray()
        self._final_seen = False

    def read_exact(self, size: int) -> bytes:
        """Return exactly ``size`` plaintext bytes or raise :class:`BundleError`."""
        while len(self._plain) < size:
            if self._final_seen:
                raise BundleError("the bundle content ends too early")
            self._plain += self._next_chunk()
        data = bytes(self._plain[:size])
        del self._plain[:size]
        return data

    def ensure_finished(self) -> None:
        """Check that the plaintext ended exactly at the last, flagged chunk."""
        if self._plain or not self._final_seen:
            raise BundleError("unexpected data after the end of the bundle content")

    def _next_chunk(self) -> bytes:
        full = self._chunk_size + TAG_BYTES
        raw = self._lookahead + _read_fully(self._source, full - len(self._lookahead))
        self._lookahead = b""
        final = len(raw) < full
        if not final:
            self._lookahead = _read_fully(self._source, 1)
            final = not self._lookahead
        if len(raw) <= TAG_BYTES:
            raise BundleError("the bundle is truncated")
        if self._counter >= MAX_CHUNKS:
            raise BundleError("the bundle has too many chunks")
        try:
            chunk = self._aead.decrypt(_nonce(self._counter, final), raw, self._aad)
        except InvalidTag:
            raise BundleError(_CANNOT_OPEN) from None
        self._counter += 1
        self._final_seen = final
        return chunk
