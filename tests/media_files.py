"""Fixtures for attachments: a testimony to attach to, and generated media files."""
from __future__ import annotations

import io
import struct

import pytest

from tests.factories import add_testimony
from tests.media.factories import encode, pattern
from vault.archive import OpenVault

CANARY_LATIN = "Zyxwquonk Attachbird"
CANARY_HANGUL = "첨부카나리아"


def wav(payload: bytes) -> bytes:
    """A WAV container header followed by ``payload`` as its sample data."""
    fmt = struct.pack("<HHIIHH", 1, 1, 8000, 16000, 2, 16)
    return (b"RIFF" + struct.pack("<I", 36 + len(payload)) + b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt
            + b"data" + struct.pack("<I", len(payload)) + payload)


def canary_wav(size: int) -> bytes:
    """A recording whose samples spell the canary again and again (Latin and Hangul UTF-8)."""
    unit = f" {CANARY_LATIN} {CANARY_HANGUL} ".encode()
    return wav((unit * (size // len(unit) + 1))[:size])


def jpeg(width: int = 320, height: int = 240) -> bytes:
    return encode(pattern(width, height), "JPEG", quality=90)


def png(width: int = 320, height: int = 240) -> bytes:
    return encode(pattern(width, height), "PNG")


class Endless(io.RawIOBase):
    """``size`` bytes produced on demand, so the source itself holds no copy of the file."""

    def __init__(self, size: int, head: bytes = b"") -> None:
        super().__init__()
        self._left = size
        self._head = head
        self._counter = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        n = self._left if n < 0 else min(n, self._left)
        out = self._head[:n]
        self._head = self._head[n:]
        if len(out) < n:
            self._counter += 1
            out += bytes([self._counter % 251]) * (n - len(out))
        self._left -= n
        return out


@pytest.fixture
def testimony_id(vault: OpenVault) -> str:
    return add_testimony(vault)
