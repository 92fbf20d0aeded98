"""Uploads that never touch the disk in plaintext (S24).

Werkzeug spools any upload over 500 KiB into a plaintext temporary file. This app's
request class hands the multipart parser an :class:`EncryptedSpool` instead: bytes
are buffered in memory 64 KiB at a time, each chunk is sealed with AES-256-GCM under
a one-time key that exists only in this object, and only ciphertext reaches the
(already unlinked) temporary file. Reading it back decrypts chunk by chunk; a
truncated or reordered spool fails to open. The key dies with the request.
"""
from __future__ import annotations

import io
import os
import struct
import tempfile
from typing import Any

from flask import Request

from keys import aead
from keys.errors import UnlockFailed

CHUNK = 64 * 1024
_AAD = b"testimony/v1/web-upload-spool"
_LEN = struct.Struct(">I")


class EncryptedSpool(io.RawIOBase):
    """Write plaintext, read it back once; only ciphertext is stored."""

    def __init__(self) -> None:
        super().__init__()
        self._key = os.urandom(32)
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the spool
        self._buffer = bytearray()
        self._index = 0
        self._writing = True
        self._pending = b""
        self._finished = False
        self.size = 0

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return self._writing

    def seekable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if not self._writing:
            raise io.UnsupportedOperation("the spool was already rewound for reading")
        view = bytes(data)
        self._buffer += view
        self.size += len(view)
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), final=False)
            del self._buffer[:CHUNK]
        return len(view)

    def seek(self, offset: int, whence: int = 0) -> int:
        if offset != 0 or whence != 0:
            raise io.UnsupportedOperation("an encrypted spool can only be rewound to its start")
        if self._writing:
            self._seal(bytes(self._buffer), final=True)
            self._buffer = bytearray()
            self._writing = False
        self._file.seek(0)
        self._index = 0
        self._pending = b""
        self._finished = False
        return 0

    def tell(self) -> int:
        return self.size if self._writing else 0

    def read(self, size: int = -1) -> bytes:
        if self._writing:
            self.seek(0)
        out = bytearray(self._pending)
        while (size < 0 or len(out) < size) and not self._finished:
            out += self._open_next()
        if size < 0:
            self._pending = b""
            return bytes(out)
        self._pending = bytes(out[size:])
        return bytes(out[:size])

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        raise io.UnsupportedOperation("uploads are read in blocks")

    def close(self) -> None:
        if not self.closed:
            self._file.close()
            self._key = b""
        super().close()

    def _aad(self, final: bool) -> bytes:
        return _AAD + struct.pack(">QB", self._index, int(final))

    def _seal(self, chunk: bytes, *, final: bool) -> None:
        sealed = aead.seal(self._key, chunk, self._aad(final))
        self._file.write(_LEN.pack(len(sealed)) + sealed)
        self._index += 1

    def _open_next(self) -> bytes:
        header = self._file.read(_LEN.size)
        if len(header) != _LEN.size:
            raise ValueError("upload spool is truncated")
        sealed = self._file.read(_LEN.unpack(header)[0])
        try:
            chunk = aead.open_sealed(self._key, sealed, self._aad(final=False))
        except UnlockFailed:  # not a middle chunk: it must be the final one
            chunk = aead.open_sealed(self._key, sealed, self._aad(final=True))
            self._finished = True
        self._index += 1
        return chunk


class SpoolingRequest(Request):
    """A Flask request whose uploads go into :class:`EncryptedSpool` objects.

    Every spool is closed when the request ends, even when parsing stopped half-way
    (an upload over the size limit), so its key and ciphertext go at once.
    """

    _spools: list[EncryptedSpool] | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            for spool in self._spools or ():
                spool.close()
            self._spools = None

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> Any:
        spool = EncryptedSpool()
        if self._spools is None:
            self._spools = []
        self._spools.append(spool)
        return spool
