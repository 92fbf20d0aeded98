"""Encrypted attachment blobs: one random key per attachment, sealed in chunks.

Byte layout of ``<archive>/blobs/<random name>``::

    offset  size  field
    0       8     magic           89 54 53 41 0D 0A 1A 0A   ("\\x89TSA\\r\\n\\x1a\\n")
    8       1     version         1
    9       1     chunk exponent  12..24 (chunk size = 2**exponent plaintext bytes; default 20 = 1 MiB)
    10      2     reserved        0
    12      ...   chunks          keys.aead.seal(attachment key, chunk, AAD):
                                  12-byte random nonce || ciphertext || 16-byte tag
                                  AAD = label || header || attachment id || 0 || u64 counter || final flag

Every chunk but the last holds exactly ``2**exponent`` plaintext bytes; the last holds
0 to ``2**exponent - 1`` (so a full-length chunk is never the last one, and an empty
attachment is one empty final chunk). The counter and the final flag in the AAD make a
reordered, dropped, duplicated or truncated chunk fail to open; the attachment id in the
AAD makes a blob swapped between two rows fail too. The key is fresh per attachment and
a 500 MB recording is 500 chunks, far below 2**32 random nonces per key (S12).

Plaintext only ever exists one chunk at a time, in memory (S24).
"""
from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from keys import aead
from keys.errors import UnlockFailed
from vault.errors import IntegrityError

MAGIC = b"\x89TSA\r\n\x1a\n"
VERSION = 1
HEADER_BYTES = 12
KEY_BYTES = 32
DEFAULT_CHUNK_EXPONENT = 20
MIN_CHUNK_EXPONENT = 12
MAX_CHUNK_EXPONENT = 24
OVERHEAD = aead.NONCE_BYTES + aead.TAG_BYTES
MAX_CHUNKS = 1 << 31  # random nonces: stay far below 2**32 messages per key
_LABEL = b"testimony/v1/attachment-chunk\x00"
_COUNTER = struct.Struct(">QB")


def header(chunk_exponent: int) -> bytes:
    if not MIN_CHUNK_EXPONENT <= chunk_exponent <= MAX_CHUNK_EXPONENT:
        raise ValueError(f"chunk exponent must be {MIN_CHUNK_EXPONENT}..{MAX_CHUNK_EXPONENT}")
    return MAGIC + bytes([VERSION, chunk_exponent, 0, 0])


def parse_header(data: bytes) -> int:
    """Check a blob's first 12 bytes; return its chunk exponent."""
    if len(data) != HEADER_BYTES or data[:8] != MAGIC:
        raise _damaged("it is not an attachment blob")
    version, exponent = data[8], data[9]
    if version != VERSION:
        raise _damaged(f"unsupported blob version {version}")
    if not MIN_CHUNK_EXPONENT <= exponent <= MAX_CHUNK_EXPONENT or data[10:12] != b"\0\0":
        raise _damaged("malformed header")
    return exponent


def _aad(head: bytes, attachment_id: str, counter: int, final: bool) -> bytes:
    return _LABEL + head + attachment_id.encode("ascii") + b"\0" + _COUNTER.pack(counter, int(final))


def _damaged(why: str) -> IntegrityError:
    return IntegrityError([f"attachment blob cannot be opened: {why}"])


class BlobWriter:
    """Encrypt a plaintext stream into ``out`` chunk by chunk (the caller owns ``out``)."""

    def __init__(self, out: BinaryIO, key: bytes, attachment_id: str, *,
                 chunk_exponent: int = DEFAULT_CHUNK_EXPONENT) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("attachment keys are 32 bytes")
        self._head = header(chunk_exponent)
        out.write(self._head)
        self._out = out
        self._key = key
        self._id = attachment_id
        self._chunk = 1 << chunk_exponent
        self._buffer = bytearray()
        self._counter = 0
        self._closed = False

    def write(self, data: bytes) -> int:
        if self._closed:
            raise ValueError("write to a closed blob")
        # A full chunk is never the last one (the last holds fewer bytes), so each chunk is
        # sealed as soon as it is full; aligned writes are sealed without being copied.
        view = memoryview(data)
        if self._buffer:
            take = self._chunk - len(self._buffer)
            self._buffer += view[:take]
            view = view[take:]
            if len(self._buffer) == self._chunk:
                self._emit(bytes(self._buffer), final=False)
                self._buffer = bytearray()
        while len(view) >= self._chunk:
            self._emit(view[:self._chunk], final=False)
            view = view[self._chunk:]
        if len(view):
            self._buffer += view
        return len(data)

    def close(self) -> None:
        """Seal the last (possibly empty) chunk; the blob is complete only after this."""
        if self._closed:
            return
        self._emit(bytes(self._buffer), final=True)
        self._buffer = bytearray()
        self._closed = True

    def _emit(self, chunk: bytes | memoryview, *, final: bool) -> None:
        if self._counter >= MAX_CHUNKS:
            raise ValueError("attachment too large")
        # keys.aead takes any buffer (AESGCM does); a memoryview saves a 1 MiB copy per chunk
        self._out.write(aead.seal(self._key, chunk, _aad(self._head, self._id, self._counter, final)))
        self._counter += 1


def iter_plaintext(path: Path, key: bytes, attachment_id: str) -> Iterator[bytes]:
    """Yield the plaintext of a blob chunk by chunk; raise IntegrityError on any damage.

    Each chunk is authenticated before it is yielded, but the blob is only proven
    complete (not truncated) when the iterator ends without error: a caller that
    writes chunks somewhere must discard them if it raises.
    """
    with path.open("rb") as handle:
        head = _read_fully(handle, HEADER_BYTES)
        exponent = parse_header(head)
        full = (1 << exponent) + OVERHEAD
        counter = 0
        while True:
            raw = _read_fully(handle, full)
            final = len(raw) < full
            if len(raw) < OVERHEAD:
                raise _damaged("it is truncated")
            if counter >= MAX_CHUNKS:
                raise _damaged("too many chunks")
            try:
                # a memoryview: open_sealed's slices then copy nothing
                chunk = aead.open_sealed(key, memoryview(raw), _aad(head, attachment_id, counter, final))
            except UnlockFailed:
                raise _damaged("a chunk is damaged, reordered or missing, or the key is wrong") from None
            counter += 1
            if final and handle.read(1):
                raise _damaged("data follows its last chunk")
            yield chunk
            if final:
                return


def _read_fully(handle: BinaryIO, size: int) -> bytes:
    parts: list[bytes] = []
    remaining = size
    while remaining > 0:
        data = handle.read(remaining)
        if not data:
            break
        parts.append(data)
        remaining -= len(data)
    return b"".join(parts)


def expected_length(size: int, chunk_exponent: int) -> int:
    """The length of the blob of a ``size``-byte plaintext (full chunks + one shorter last chunk)."""
    full, rest = divmod(size, 1 << chunk_exponent)
    return HEADER_BYTES + full * ((1 << chunk_exponent) + OVERHEAD) + rest + OVERHEAD


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)
