"""Seal and open intake bundles: one testimony record plus its attachments.

The plaintext inside the STREAM layer of :mod:`keys._bundle_format` is a sequence
of entries::

    record      "R" || u32 length (1..16 MiB) || record JSON object, UTF-8
    attachment  "A" || u16 name length (1..255) || name, UTF-8
                    || segment* || u32 0 || SHA-256 of the attachment (32 bytes)
    segment     u32 length (1..1 MiB) || bytes
    end         "E"

exactly one record first, at most 1,000 attachments, then the end marker, and the
plaintext must stop there. Integers are big-endian. Attachments stream through in
segments, so neither side holds a whole file in memory.
"""
from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from keys import strict_json
from keys._bundle_format import (
    DEFAULT_CHUNK_EXPONENT,
    PREFIX_BYTES,
    Readable,
    StreamReader,
    StreamWriter,
    Writable,
    parse_prefix,
)
from keys.errors import BundleError
from keys.intake import IntakePrivateKey, IntakePublicKey, IntakeSuite

RECORD = b"R"
ATTACHMENT = b"A"
END = b"E"
MAX_RECORD_BYTES = 16 * 1024 * 1024
MAX_NAME_BYTES = 255
MAX_SEGMENT_BYTES = 1024 * 1024
MAX_ATTACHMENTS = 1000
_DIGEST_BYTES = 32


@dataclass(frozen=True)
class AttachmentInfo:
    """What a bundle says about one attachment (never its content)."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class OpenedBundle:
    """A fully verified bundle: its record and the attachments passed to the sink."""

    suite: IntakeSuite
    record: dict[str, object]
    attachments: tuple[AttachmentInfo, ...]


AttachmentSink = Writable
SinkFactory = Callable[[str], Writable]


def ensure_attachment_name(name: str) -> None:
    """Refuse names that could escape a folder, hide text or confuse a reader."""
    encoded = name.encode("utf-8", "surrogatepass")
    if not 1 <= len(encoded) <= MAX_NAME_BYTES or name in {".", ".."}:
        raise BundleError("an attachment name must be 1 to 255 bytes and not '.' or '..'")
    if "/" in name or "\\" in name:
        raise BundleError(f"attachment name {name!r} contains a path separator")
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Zl", "Zp"} for ch in name):
        raise BundleError(f"attachment name {name!r} contains control or invisible characters")


def parse_record_json(data: bytes) -> dict[str, object]:
    """Parse a record strictly: UTF-8, one JSON object, no duplicate keys, no NaN."""
    if not 1 <= len(data) <= MAX_RECORD_BYTES:
        raise BundleError("the record must be 1 byte to 16 MiB of JSON")
    try:
        value = strict_json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BundleError(f"the record is not valid JSON: {_short(exc)}") from None
    if not isinstance(value, dict):
        raise BundleError("the record must be a JSON object")
    return value


def _short(exc: BaseException) -> str:
    return type(exc).__name__ if isinstance(exc, RecursionError) else str(exc)[:120]


class BundleSealer:
    """Seal one record and its attachments to an intake public key, streaming.

    Call :meth:`add_record` once, :meth:`add_attachment` any number of times, then
    :meth:`close`. The caller owns ``out`` and must discard it if anything raises.
    """

    def __init__(
        self,
        out: Writable,
        public_key: IntakePublicKey,
        *,
        chunk_exponent: int = DEFAULT_CHUNK_EXPONENT,
    ) -> None:
        self._stream = StreamWriter(out, public_key, chunk_exponent=chunk_exponent)
        self._has_record = False
        self._names: set[str] = set()
        self._attachments: list[AttachmentInfo] = []

    def add_record(self, record_json: bytes) -> None:
        if self._has_record:
            raise ValueError("a bundle holds exactly one record")
        parse_record_json(record_json)
        self._stream.write(RECORD + len(record_json).to_bytes(4, "big") + record_json)
        self._has_record = True

    def add_attachment(self, name: str, source: BinaryIO) -> AttachmentInfo:
        """Stream ``source`` to its end into the bundle as attachment ``name``."""
        if not self._has_record:
            raise ValueError("add the record before any attachment")
        ensure_attachment_name(name)
        if name in self._names:
            raise BundleError(f"two attachments are named {name!r}")
        if len(self._attachments) >= MAX_ATTACHMENTS:
            raise BundleError(f"a bundle holds at most {MAX_ATTACHMENTS} attachments")
        encoded = name.encode("utf-8")
        self._stream.write(ATTACHMENT + len(encoded).to_bytes(2, "big") + encoded)
        digest = hashlib.sha256()
        size = 0
        while segment := source.read(MAX_SEGMENT_BYTES):
            digest.update(segment)
            size += len(segment)
            self._stream.write(len(segment).to_bytes(4, "big"))
            self._stream.write(segment)
        self._stream.write(b"\x00\x00\x00\x00" + digest.digest())
        info = AttachmentInfo(name, size, digest.hexdigest())
        self._names.add(name)
        self._attachments.append(info)
        return info

    def close(self) -> tuple[AttachmentInfo, ...]:
        if not self._has_record:
            raise ValueError("a bundle needs a record")
        self._stream.write(END)
        self._stream.close()
        return tuple(self._attachments)


def seal_bundle(
    out: Writable,
    public_key: IntakePublicKey,
    record_json: bytes,
    attachments: Iterable[tuple[str, BinaryIO]] = (),
    *,
    chunk_exponent: int = DEFAULT_CHUNK_EXPONENT,
) -> tuple[AttachmentInfo, ...]:
    """Write one sealed bundle to ``out``; return what was sealed."""
    sealer = BundleSealer(out, public_key, chunk_exponent=chunk_exponent)
    sealer.add_record(record_json)
    for name, source in attachments:
        sealer.add_attachment(name, source)
    return sealer.close()


def bundle_suite(source: Readable) -> IntakeSuite:
    """Read a bundle's header far enough to name its suite (no key needed)."""
    return parse_prefix(source.read(PREFIX_BYTES))[0]


def open_bundle(
    source: Readable,
    private_key: IntakePrivateKey,
    *,
    sink: SinkFactory | None = None,
) -> OpenedBundle:
    """Open, parse and verify a whole bundle; raise :class:`BundleError` if anything is wrong.

    Each attachment's bytes go to ``sink(name)`` as they are decrypted (or nowhere
    if ``sink`` is None). Those bytes are authenticated chunk by chunk, but the
    bundle as a whole is only proven complete when this function returns: on
    :class:`BundleError` the caller must discard whatever its sinks received.
    """
    stream = StreamReader(source, private_key)
    if stream.read_exact(1) != RECORD:
        raise BundleError("the bundle does not start with a record")
    length = int.from_bytes(stream.read_exact(4), "big")
    if not 1 <= length <= MAX_RECORD_BYTES:
        raise BundleError("the bundle's record has an impossible length")
    record = parse_record_json(stream.read_exact(length))
    attachments: list[AttachmentInfo] = []
    names: set[str] = set()
    while (kind := stream.read_exact(1)) == ATTACHMENT:
        if len(attachments) >= MAX_ATTACHMENTS:
            raise BundleError(f"the bundle holds more than {MAX_ATTACHMENTS} attachments")
        name = _read_name(stream)
        if name in names:
            raise BundleError(f"the bundle holds two attachments named {name!r}")
        names.add(name)
        attachments.append(_read_attachment(stream, name, sink(name) if sink else None))
    if kind != END:
        raise BundleError("the bundle holds an unknown entry")
    stream.ensure_finished()
    return OpenedBundle(stream.suite, record, tuple(attachments))


def _read_name(stream: StreamReader) -> str:
    length = int.from_bytes(stream.read_exact(2), "big")
    if not 1 <= length <= MAX_NAME_BYTES:
        raise BundleError("an attachment name has an impossible length")
    try:
        name = stream.read_exact(length).decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError("an attachment name is not UTF-8") from None
    ensure_attachment_name(name)
    return name


def _read_attachment(stream: StreamReader, name: str, out: AttachmentSink | None) -> AttachmentInfo:
    digest = hashlib.sha256()
    size = 0
    while length := int.from_bytes(stream.read_exact(4), "big"):
        if length > MAX_SEGMENT_BYTES:
            raise BundleError("an attachment segment has an impossible length")
        segment = stream.read_exact(length)
        digest.update(segment)
        size += length
        if out is not None:
            out.write(segment)
    if stream.read_exact(_DIGEST_BYTES) != digest.digest():
        raise BundleError(f"attachment {name!r} does not match its recorded SHA-256")
    return AttachmentInfo(name, size, digest.hexdigest())
