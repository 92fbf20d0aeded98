"""What an attachment is, and whether it may be stored at all (S29).

The declared type (the file name's extension) decides the kind; the content must agree.
Photos and PDFs go through the media module's own checks (``vault.media``: magic bytes
against the declared type, polyglots, decompression bombs, damage) on the whole file,
which is kept in memory up to the media limit (200 MiB) while it streams into its blob.
Recordings are never decoded: their magic bytes must match the declared container, and
the same polyglot signatures are refused, looking only at the first and last bytes, so
a 500 MB recording streams through in chunks without being held anywhere.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol

from vault.errors import MediaError
from vault.media import DEFAULT_LIMITS, MediaKind, decode_image
from vault.media.documents import ensure_pdf
from vault.media.sniff import declared_type

HEAD_BYTES = 4096
TAIL_BYTES = 65535 + 22  # the ZIP end-of-central-directory record lies in this tail
MAX_BYTES = 8 * 1024**3  # 8 GiB: hours of video
_MARKUP = (b"<html", b"<script", b"<!doctype", b"<svg", b"<?php", b"<body", b"<iframe")


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class Container:
    """A recording format: its MIME type, kind, and a check of its first bytes."""

    media_type: str
    kind: MediaKind
    label: str

    def matches(self, head: bytes) -> bool:
        return _MAGIC[self.label](head)


def _ftyp(head: bytes) -> bool:
    return head[4:8] == b"ftyp" or head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"skip")


def _riff(form: bytes) -> Callable[[bytes], bool]:
    return lambda head: head[:4] == b"RIFF" and head[8:12] == form


_MAGIC: dict[str, Callable[[bytes], bool]] = {
    "MP3": lambda h: h[:3] == b"ID3" or (len(h) > 1 and h[0] == 0xFF and (h[1] & 0xE0) == 0xE0),
    "AAC": lambda h: len(h) > 1 and h[0] == 0xFF and (h[1] & 0xF6) == 0xF0,
    "MPEG-4": _ftyp,
    "WAV": _riff(b"WAVE"),
    "AVI": _riff(b"AVI "),
    "Ogg": lambda h: h[:4] == b"OggS",
    "FLAC": lambda h: h[:4] == b"fLaC",
    "AMR": lambda h: h[:5] == b"#!AMR",
    "Matroska/WebM": lambda h: h[:4] == b"\x1a\x45\xdf\xa3",
}

_RECORDINGS = {
    ".mp3": Container("audio/mpeg", MediaKind.AUDIO, "MP3"),
    ".aac": Container("audio/aac", MediaKind.AUDIO, "AAC"),
    ".m4a": Container("audio/mp4", MediaKind.AUDIO, "MPEG-4"),
    ".wav": Container("audio/wav", MediaKind.AUDIO, "WAV"),
    ".ogg": Container("audio/ogg", MediaKind.AUDIO, "Ogg"),
    ".oga": Container("audio/ogg", MediaKind.AUDIO, "Ogg"),
    ".opus": Container("audio/ogg", MediaKind.AUDIO, "Ogg"),
    ".flac": Container("audio/flac", MediaKind.AUDIO, "FLAC"),
    ".amr": Container("audio/amr", MediaKind.AUDIO, "AMR"),
    ".mp4": Container("video/mp4", MediaKind.VIDEO, "MPEG-4"),
    ".m4v": Container("video/mp4", MediaKind.VIDEO, "MPEG-4"),
    ".mov": Container("video/quicktime", MediaKind.VIDEO, "MPEG-4"),
    ".3gp": Container("video/3gpp", MediaKind.VIDEO, "MPEG-4"),
    ".webm": Container("video/webm", MediaKind.VIDEO, "Matroska/WebM"),
    ".mkv": Container("video/x-matroska", MediaKind.VIDEO, "Matroska/WebM"),
    ".avi": Container("video/x-msvideo", MediaKind.VIDEO, "AVI"),
}
SUPPORTED = ("photos (JPEG, PNG, TIFF, WebP), PDF documents and scans, audio ("
             + ", ".join(sorted({e for e, c in _RECORDINGS.items() if c.kind is MediaKind.AUDIO}))
             + ") and video (" + ", ".join(sorted({e for e, c in _RECORDINGS.items() if c.kind is MediaKind.VIDEO}))
             + ")")


@dataclass(frozen=True)
class Declared:
    """What a file name claims: its kind, and (for recordings) its container."""

    kind: MediaKind
    container: Container | None = None

    @property
    def keeps_whole(self) -> bool:
        """Photos and PDFs are checked (and later masked) as a whole, in memory."""
        return self.kind in (MediaKind.PHOTO, MediaKind.DOCUMENT)

    @property
    def max_bytes(self) -> int:
        return DEFAULT_LIMITS.max_bytes if self.keeps_whole else MAX_BYTES


def declared(name: str) -> Declared:
    """Return the kind a file name declares; refuse types the archive does not store."""
    suffix = PurePath(name.strip().lower()).suffix
    if suffix == ".pdf":
        return Declared(MediaKind.DOCUMENT)
    if suffix in _RECORDINGS:
        return Declared(_RECORDINGS[suffix].kind, _RECORDINGS[suffix])
    try:
        declared_type(name.strip().lower())
    except MediaError:
        raise MediaError(f"refused: unsupported attachment type {suffix or name!r}; the archive stores "
                         f"{SUPPORTED}") from None
    return Declared(MediaKind.PHOTO)


def ensure_acceptable(name: str, claim: Declared, *, size: int, head: bytes, tail: bytes,
                      whole: bytes | None) -> str:
    """Check content against its declared type; return its MIME type or raise MediaError."""
    if size > claim.max_bytes:
        raise MediaError(f"refused: the file is larger than {claim.max_bytes // 1024**2} MiB")
    if claim.kind is MediaKind.PHOTO:
        assert whole is not None
        image = decode_image(whole, name)  # sniff, polyglot, bomb and damage checks of vault.media
        return f"image/{image.source_type.value.lower()}"
    if claim.kind is MediaKind.DOCUMENT:
        assert whole is not None
        ensure_pdf(whole, name)
        return "application/pdf"
    container = claim.container
    assert container is not None
    if not container.matches(head):
        raise MediaError(f"refused: the content is not {container.label} although the name says "
                         f"{PurePath(name).suffix!r} (wrong type)")
    _ensure_not_polyglot(head, tail)
    return container.media_type


def _ensure_not_polyglot(head: bytes, tail: bytes) -> None:
    if b"%PDF-" in head[:1024]:
        raise MediaError("refused: the recording also carries a PDF header (polyglot file)")
    if head.startswith(b"PK\x03\x04") or b"PK\x05\x06" in tail:
        raise MediaError("refused: the recording also carries a ZIP archive (polyglot file)")
    lowered = head[:512].lower()
    if any(tag in lowered for tag in _MARKUP):
        raise MediaError("refused: the recording starts with HTML or script markup (polyglot file)")


class Inspector:
    """Watch a file stream past and judge it at the end (S29), holding only what the checks need:
    its first and last bytes, or the whole file for photos and PDFs (bounded by the media limit)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.claim = declared(name)  # refuses unsupported types at once
        self.size = 0
        self._head = bytearray()
        self._tail = bytearray()
        self._whole: bytearray | None = bytearray() if self.claim.keeps_whole else None

    def feed(self, data: bytes) -> None:
        """Take the next bytes; raise MediaError as soon as the file is too large."""
        self.size += len(data)
        if self.size > self.claim.max_bytes:
            self._whole = None
            raise MediaError(f"refused: the file is larger than {self.claim.max_bytes // 1024**2} MiB")
        if len(self._head) < HEAD_BYTES:
            self._head += data[: HEAD_BYTES - len(self._head)]
        self._tail += data[-TAIL_BYTES:]
        if len(self._tail) > 2 * TAIL_BYTES:
            del self._tail[:-TAIL_BYTES]
        if self._whole is not None:
            self._whole += data

    def verdict(self) -> str:
        """Return the content's MIME type, or raise MediaError saying why it is refused."""
        whole, self._whole = self._whole, None
        return ensure_acceptable(self.name, self.claim, size=self.size, head=bytes(self._head),
                                 tail=bytes(self._tail[-TAIL_BYTES:]),
                                 whole=bytes(whole) if whole is not None else None)


def inspect(name: str, source: Readable, *, block: int = 1024 * 1024) -> str:
    """Read ``source`` to its end and judge it; return its MIME type or raise MediaError."""
    inspector = Inspector(name)
    while data := source.read(block):
        inspector.feed(data)
    return inspector.verdict()
