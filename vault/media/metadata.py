"""List every metadata block left in a PNG or JPEG (the release check's own reader).

Anything beyond what is needed to draw the pixels counts: EXIF (and its GPS, maker
notes and thumbnail), XMP, IPTC/Photoshop, ICC profiles, comments, PNG text and
colour chunks, JFIF thumbnails, and any bytes after the end of the image.
"""
from __future__ import annotations

import struct

from vault.errors import MediaError
from vault.media.containers import Block, walk_jpeg, walk_png
from vault.media.sniff import ImageType, sniff

# Blocks that only describe how to decode pixels.
PNG_PIXEL_CHUNKS = frozenset({"IHDR", "PLTE", "IDAT", "IEND"})
JPEG_PIXEL_SEGMENTS = frozenset(
    {"DQT", "DHT", "DAC", "DRI", "SOS", "EOI"} | {f"SOF{n}" for n in (0, 1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15)}
)
_APP_KINDS = (
    (b"Exif\x00", "EXIF"),
    (b"http://ns.adobe.com/xap/1.0/", "XMP"),
    (b"http://ns.adobe.com/xmp/extension/", "XMP extension"),
    (b"ICC_PROFILE\x00", "ICC profile"),
    (b"Photoshop 3.0\x00", "IPTC/Photoshop"),
    (b"MPF\x00", "multi-picture index"),
    (b"JFXX\x00", "JFIF thumbnail"),
    (b"Adobe", "Adobe colour transform"),
)


def list_metadata(data: bytes) -> list[str]:
    """Return one description per metadata block found; empty means none.

    Raises:
        MediaError: ``data`` is not a PNG or JPEG (the only release formats) or is malformed.
    """
    kind = sniff(data)
    if kind is ImageType.PNG:
        layout = walk_png(data)
        found = [f"PNG chunk {b.name}" for b in layout.blocks if b.name not in PNG_PIXEL_CHUNKS]
    elif kind is ImageType.JPEG:
        layout = walk_jpeg(data)
        found = [label for b in layout.blocks if (label := _jpeg_label(b)) is not None]
    else:
        raise MediaError("not a release format: released images are PNG or JPEG")
    if data[layout.end :]:
        found.append(f"{len(data) - layout.end} bytes after the end of the image")
    return found


def _jpeg_label(block: Block) -> str | None:
    if block.name in JPEG_PIXEL_SEGMENTS:
        return None
    if block.name == "APP0" and block.payload.startswith(b"JFIF\x00"):
        if len(block.payload) >= 14:
            thumb_w, thumb_h = struct.unpack("BB", block.payload[12:14])
            if thumb_w or thumb_h:
                return "JFIF thumbnail"
        return None  # version, pixel aspect: needed to show the pixels
    if block.name == "COM":
        return "JPEG comment"
    for prefix, label in _APP_KINDS:
        if block.payload.startswith(prefix):
            return f"{block.name} {label}"
    return f"JPEG segment {block.name}"
