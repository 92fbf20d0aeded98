"""Walk the block structure of PNG, JPEG and WebP files without decoding pixels.

Used twice: to find where an image really ends (anything after it makes the file a
possible polyglot) and to list every metadata block a released image still carries.
Parsing is strict: a truncated or malformed structure raises ``MediaError``.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from vault.errors import MediaError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SOI = b"\xff\xd8"

# Markers without a length field (TEM, RST0-7); SOI/EOI are handled explicitly.
_STANDALONE = {0x01, *range(0xD0, 0xD8)}


@dataclass(frozen=True)
class Block:
    """One chunk (PNG), marker segment (JPEG) or RIFF chunk (WebP)."""

    name: str  # PNG chunk type, "APP1", "COM", "SOF0", ... or WebP FourCC
    offset: int  # offset of the block's first byte in the file
    payload: bytes  # the block's data, without length/type/CRC framing


@dataclass(frozen=True)
class Layout:
    """Blocks in file order and the offset just past the image's end marker."""

    blocks: tuple[Block, ...]
    end: int


def walk_png(data: bytes) -> Layout:
    """Return the chunks of a PNG up to and including IEND; CRCs are checked."""
    if not data.startswith(PNG_SIGNATURE):
        raise MediaError("not a PNG file")
    pos = len(PNG_SIGNATURE)
    blocks: list[Block] = []
    while True:
        if pos + 8 > len(data):
            raise MediaError("truncated PNG: no IEND chunk")
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if length > 0x7FFFFFFF or not kind.isalpha():
            raise MediaError("malformed PNG chunk")
        end = pos + 12 + length
        if end > len(data):
            raise MediaError("truncated PNG chunk")
        payload = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : end])
        if zlib.crc32(kind + payload) != crc:
            raise MediaError("PNG chunk with a bad checksum")
        name = kind.decode("ascii")
        blocks.append(Block(name, pos, payload))
        pos = end
        if name == "IEND":
            return Layout(tuple(blocks), pos)


def walk_jpeg(data: bytes) -> Layout:
    """Return the marker segments of a JPEG up to its first EOI (entropy data skipped)."""
    if not data.startswith(JPEG_SOI):
        raise MediaError("not a JPEG file")
    pos = 2
    size = len(data)
    blocks: list[Block] = []
    while True:
        if pos >= size or data[pos] != 0xFF:
            raise MediaError("malformed or truncated JPEG")
        while pos < size and data[pos] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos >= size:
            raise MediaError("truncated JPEG")
        marker = data[pos]
        start = pos - 1
        pos += 1
        if marker == 0xD9:
            blocks.append(Block("EOI", start, b""))
            return Layout(tuple(blocks), pos)
        if marker in _STANDALONE:
            continue
        if marker in (0x00, 0xD8):
            raise MediaError("malformed JPEG marker")
        if pos + 2 > size:
            raise MediaError("truncated JPEG segment")
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2 or pos + length > size:
            raise MediaError("truncated JPEG segment")
        blocks.append(Block(_jpeg_marker_name(marker), start, data[pos + 2 : pos + length]))
        pos += length
        if marker == 0xDA:
            pos = _skip_entropy_coded(data, pos)


def _skip_entropy_coded(data: bytes, pos: int) -> int:
    """Return the offset of the first real marker after entropy-coded data."""
    size = len(data)
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= size:
            raise MediaError("truncated JPEG: no end of image")
        nxt = data[pos + 1]
        if nxt == 0x00 or 0xD0 <= nxt <= 0xD7 or nxt == 0xFF:
            pos += 1 if nxt == 0xFF else 2
            continue
        return pos


def _jpeg_marker_name(marker: int) -> str:
    if 0xE0 <= marker <= 0xEF:
        return f"APP{marker - 0xE0}"
    if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
        return f"SOF{marker - 0xC0}"
    names = {0xC4: "DHT", 0xCC: "DAC", 0xDA: "SOS", 0xDB: "DQT", 0xDD: "DRI", 0xFE: "COM"}
    return names.get(marker, f"0x{marker:02X}")


def walk_webp(data: bytes) -> Layout:
    """Return the RIFF chunks of a WebP file; its declared size must be exact."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise MediaError("not a WebP file")
    (riff_size,) = struct.unpack("<I", data[4:8])
    end = 8 + riff_size
    if end > len(data):
        raise MediaError("truncated WebP file")
    pos = 12
    blocks: list[Block] = []
    while pos < end:
        if pos + 8 > end:
            raise MediaError("malformed WebP chunk")
        kind = data[pos : pos + 4]
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        stop = pos + 8 + length
        if stop > end:
            raise MediaError("truncated WebP chunk")
        blocks.append(Block(kind.decode("latin-1"), pos, data[pos + 8 : stop]))
        pos = stop + (length & 1)  # chunks are padded to an even length
    return Layout(tuple(blocks), end)
