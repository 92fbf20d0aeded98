"""Decide what an uploaded image really is, and refuse what it must not be (S29).

A file is accepted only when its magic bytes name a supported image format, its declared
type (file name extension or MIME type) names the same format, nothing follows the
image's end marker, and it carries no signature that another kind of reader acts on
(PDF header in the first KiB, ZIP directory at the end, HTML/script markup where
browsers sniff). Such a file is a polyglot: refused, never "cleaned".
"""
from __future__ import annotations

import enum
from pathlib import PurePath

from vault.errors import MediaError
from vault.media.containers import PNG_SIGNATURE, walk_jpeg, walk_png, walk_webp


class ImageType(enum.Enum):
    """Image formats the pipeline decodes; ``value`` is Pillow's format name."""

    JPEG = "JPEG"
    PNG = "PNG"
    TIFF = "TIFF"
    WEBP = "WEBP"


_EXTENSIONS = {
    ".jpg": ImageType.JPEG,
    ".jpeg": ImageType.JPEG,
    ".jpe": ImageType.JPEG,
    ".jfif": ImageType.JPEG,
    ".png": ImageType.PNG,
    ".tif": ImageType.TIFF,
    ".tiff": ImageType.TIFF,
    ".webp": ImageType.WEBP,
}
_MIME_TYPES = {
    "image/jpeg": ImageType.JPEG,
    "image/pjpeg": ImageType.JPEG,
    "image/png": ImageType.PNG,
    "image/tiff": ImageType.TIFF,
    "image/webp": ImageType.WEBP,
}
SUPPORTED = "JPEG, PNG, TIFF or WebP"

# Signatures other readers look for, and where they look.
_HEAD_WINDOW = 1024  # PDF readers accept %PDF- anywhere in the first 1 KiB
_SNIFF_WINDOW = 512  # browsers sniff markup in the first 512 bytes
_ZIP_TAIL = 65535 + 22  # the ZIP end-of-central-directory record sits in this tail
_MARKUP = (b"<html", b"<script", b"<!doctype", b"<svg", b"<?php", b"<body", b"<iframe")


def sniff(data: bytes) -> ImageType | None:
    """Return the image type named by the file's magic bytes, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return ImageType.JPEG
    if data.startswith(PNG_SIGNATURE):
        return ImageType.PNG
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return ImageType.TIFF
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ImageType.WEBP
    return None


def declared_type(declared: str) -> ImageType:
    """Return the image type a file name or MIME type claims; refuse anything else."""
    text = declared.strip().lower()
    if "/" in text and not text.startswith("/") and text in _MIME_TYPES:
        return _MIME_TYPES[text]
    suffix = PurePath(text).suffix
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    raise MediaError(f"unsupported file type {suffix or text!r}: only {SUPPORTED} images")


def ensure_image_type(data: bytes, declared: str) -> ImageType:
    """Return the verified type of ``data``; raise MediaError on any mismatch or polyglot."""
    claimed = declared_type(declared)
    actual = sniff(data)
    if actual is None:
        raise MediaError(f"the content is not a {SUPPORTED} image although it is declared {claimed.value}")
    if actual is not claimed:
        raise MediaError(f"the content is {actual.value} but it is declared {claimed.value}")
    ensure_not_polyglot(data, actual)
    return actual


def ensure_not_polyglot(data: bytes, kind: ImageType) -> None:
    """Raise MediaError if ``data`` also parses as something other than one image."""
    head = data[:_HEAD_WINDOW]
    if b"%PDF-" in head:
        raise MediaError("refused: the image also carries a PDF header (polyglot file)")
    if b"PK\x05\x06" in data[-_ZIP_TAIL:] or b"PK\x03\x04" in head:
        raise MediaError("refused: the image also carries a ZIP archive (polyglot file)")
    lowered = data[:_SNIFF_WINDOW].lower()
    if any(tag in lowered for tag in _MARKUP):
        raise MediaError("refused: the image starts with HTML or script markup (polyglot file)")
    end = _image_end(data, kind)
    if end is not None and not _is_allowed_trailer(data[end:], kind):
        raise MediaError("refused: data follows the end of the image (possible polyglot); re-export the photo")


def _image_end(data: bytes, kind: ImageType) -> int | None:
    if kind is ImageType.PNG:
        return walk_png(data).end
    if kind is ImageType.JPEG:
        return walk_jpeg(data).end
    if kind is ImageType.WEBP:
        return walk_webp(data).end
    return None  # TIFF is offset-based: it has no end marker


def _is_allowed_trailer(tail: bytes, kind: ImageType) -> bool:
    if not tail.strip(b"\x00"):
        return True  # nothing, or zero padding
    if kind is not ImageType.JPEG:
        return False
    # Phones append further complete JPEGs after the first one's EOI (CIPA Multi-Picture
    # Format: previews, depth maps). The pipeline decodes only the first image and never
    # copies those bytes, so a chain of whole JPEGs is tolerated; anything else is not.
    while tail.strip(b"\x00"):
        if not tail.startswith(b"\xff\xd8\xff"):
            return False
        tail = tail[walk_jpeg(tail).end :]
    return True
