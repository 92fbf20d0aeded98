"""Attachments of testimonies: encrypted blobs, wrapped keys, chain of custody.

::

    stage(archive, name)     random id, key and blob name; checks the declared type
      .write(bytes) ...      hashed (SHA-256 of the original), encrypted chunk by chunk
                             into blobs/.tmp-<name>; photos and PDFs also kept in memory
      .finish()              S29 checks (vault.media), fsync, rename to blobs/<name>
      .record(conn, tid)     inside the caller's transaction: wrapped key + row + audit
      .discard()             on any failure: the blob file goes
    read / iter_original     audited; chunks authenticated; SHA-256 rechecked at the end
    (delete                  in vault.attachments.deletion, S15)

Each attachment key is wrapped with ``keys.aead.seal`` (AAD binds attachment id and blob
name) under the archive's attachment wrapping key, a 32-byte secret kept in vault.db's
``secrets`` table and therefore under the vault key. It is not wrapped by the raw vault
key itself because vault-key rotation (``testimony rekey``, S06) forgets the old vault key:
every wrapped key would then be lost. Inside vault.db it is rekeyed with everything else.
"""
from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, Protocol

from keys import aead
from keys.atomic import fsync_dir
from keys.bundle import ensure_attachment_name
from keys.errors import BundleError, UnlockFailed
from vault import audit
from vault.archive import Archive, OpenVault
from vault.attachments import blob, kinds
from vault.errors import IntegrityError, InvalidInput, MediaError, NotFound, StorageError
from vault.media import MediaKind
from vault.store import Connection, transaction

KIND = "attachment"
BLOBS = "blobs"
WRAP_SECRET = "attachment_wrap_key"
_WRAP_LABEL = b"testimony/v1/attachment-key\x00"
_TMP = ".tmp-"
_READ_BLOCK = 1024 * 1024
_KIND_OF = {"image": MediaKind.PHOTO, "audio": MediaKind.AUDIO, "video": MediaKind.VIDEO,
            "application": MediaKind.DOCUMENT}


class Readable(Protocol):
    """A file, an upload stream, anything with ``read(size)``."""

    def read(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class Attachment:
    """One stored attachment (never its content). ``filename`` may identify: vault only."""

    id: str
    testimony_id: str
    filename: str
    media_type: str
    size: int
    sha256: str
    created_at: str
    deleted_at: str | None

    @property
    def kind(self) -> MediaKind:
        return _KIND_OF[self.media_type.split("/", 1)[0]]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def summary(self) -> dict[str, object]:
        return {"id": self.id, "testimony_id": self.testimony_id, "filename": self.filename,
                "media_type": self.media_type, "kind": self.kind.value, "size": self.size, "sha256": self.sha256,
                "created_at": self.created_at, "deleted_at": self.deleted_at}


def object_id(attachment_id: str) -> str:
    return f"{KIND}:{attachment_id}"


# -- writing ---------------------------------------------------------------------------------


class Staged:
    """One attachment being written; a file-like sink for ``keys.bundle.open_bundle``.

    Writing never raises for bad content: a refusal is remembered (and nothing more is
    written) and :meth:`finish` raises it, so a bundle can be read to its end first.
    """

    def __init__(self, archive: Archive, name: str, *, chunk_exponent: int = blob.DEFAULT_CHUNK_EXPONENT) -> None:
        self.name = name
        self.id = "A-" + secrets.token_hex(8)
        self.blob_name = secrets.token_hex(16)
        self._folder = archive.folder(BLOBS)
        self._key = blob.new_key()
        self._digest = hashlib.sha256()
        self.media_type = ""
        self._handle: BinaryIO | None = None
        self._writer: blob.BlobWriter | None = None
        self._finished = False
        self.refusal: str | None = None
        self._inspector: kinds.Inspector | None = None
        try:
            self._inspector = kinds.Inspector(name)
        except MediaError as exc:
            self.refusal = str(exc)
            return
        self._folder.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(self._tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._handle = os.fdopen(fd, "wb")
        self._writer = blob.BlobWriter(self._handle, self._key, self.id, chunk_exponent=chunk_exponent)

    @property
    def _tmp_path(self) -> Path:
        return self._folder / (_TMP + self.blob_name)

    @property
    def path(self) -> Path:
        return self._folder / self.blob_name

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()

    @property
    def size(self) -> int:
        return self._inspector.size if self._inspector is not None else 0

    def write(self, data: bytes) -> int:
        if self.refusal is not None or self._writer is None or self._inspector is None:
            return len(data)
        try:
            self._inspector.feed(data)
        except MediaError as exc:
            self._refuse(str(exc))
            return len(data)
        self._digest.update(data)
        self._writer.write(data)
        return len(data)

    def _refuse(self, why: str) -> None:
        self.refusal = why
        self._inspector = None
        self._close_file()
        self._tmp_path.unlink(missing_ok=True)

    def finish(self) -> Staged:
        """Complete the blob and check the content (S29); raise MediaError if refused."""
        if self._finished:
            return self
        if self.refusal is None and self._writer is not None and self._inspector is not None:
            self._writer.close()
            try:
                self.media_type = self._inspector.verdict()
            except MediaError as exc:
                self._refuse(str(exc))
        if self.refusal is not None:
            self.discard()
            raise MediaError(f"attachment {self.name!r}: {self.refusal}")
        assert self._handle is not None
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._close_file()
        os.replace(self._tmp_path, self.path)
        fsync_dir(self._folder)
        self._finished = True
        return self

    def record(self, conn: Connection, testimony_id: str, *, actor: str, now: datetime | None = None) -> Attachment:
        """Store the wrapped key and the row, audited; call inside the caller's transaction."""
        if not self._finished:
            raise ValueError("finish() the attachment before recording it")
        if not conn.in_transaction:
            raise StorageError("attachments are recorded inside the testimony's transaction")
        if not testimony_exists(conn, testimony_id):
            raise NotFound(f"no testimony {testimony_id}")
        wrapped = aead.seal(_wrap_key(conn, actor=actor, now=now), self._key, _wrap_aad(self.id, self.blob_name))
        conn.execute(
            "INSERT INTO attachments (id, testimony_id, filename, media_type, size, sha256, blob_name, wrapped_key,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self.id, testimony_id, self.name, self.media_type, self.size, self.sha256, self.blob_name, wrapped,
             timestamp(now)),
        )
        audit.append(conn, actor=actor, action="attachment.create", obj=object_id(self.id),
                     digest=digest(conn, self.id), now=now)
        return get(conn, self.id)

    def discard(self) -> None:
        """Remove whatever was written (before the row exists)."""
        self._close_file()
        self._tmp_path.unlink(missing_ok=True)
        if not self._finished:
            return
        self.path.unlink(missing_ok=True)
        self._finished = False

    def _close_file(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def stage(archive: Archive, name: str, *, chunk_exponent: int = blob.DEFAULT_CHUNK_EXPONENT) -> Staged:
    return Staged(archive, name, chunk_exponent=chunk_exponent)


def add(vault: OpenVault, testimony_id: str, name: str, source: Readable, *, now: datetime | None = None,
        chunk_exponent: int = blob.DEFAULT_CHUNK_EXPONENT) -> Attachment:
    """Stream ``source`` into a new attachment of a testimony; raise MediaError if refused."""
    if not testimony_exists(vault.conn, testimony_id):
        raise NotFound(f"no testimony {testimony_id}")
    try:  # the same rule as for a sealed bundle's attachments: no paths, controls or bidi tricks
        ensure_attachment_name(name)
    except BundleError as exc:
        raise InvalidInput(str(exc)) from None
    staged = stage(vault.archive, name, chunk_exponent=chunk_exponent)
    try:
        while block := source.read(_READ_BLOCK):
            staged.write(block)
        staged.finish()
        with transaction(vault.conn):
            return staged.record(vault.conn, testimony_id, actor=vault.actor, now=now)
    except BaseException:
        staged.discard()
        raise


def testimony_exists(conn: Connection, testimony_id: str) -> bool:
    return conn.execute("SELECT 1 FROM testimonies WHERE id = ?", (testimony_id,)).fetchone() is not None


def _wrap_key(conn: Connection, *, actor: str, now: datetime | None) -> bytes:
    row = conn.execute("SELECT value FROM secrets WHERE name = ?", (WRAP_SECRET,)).fetchone()
    if row is not None:
        return bytes(row[0])
    value = blob.new_key()
    conn.execute("INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?)", (WRAP_SECRET, value, timestamp(now)))
    audit.append(conn, actor=actor, action="secret.create", obj=f"secret:{WRAP_SECRET}", now=now)
    return value


def _wrap_aad(attachment_id: str, blob_name: str) -> bytes:
    return _WRAP_LABEL + attachment_id.encode("ascii") + b"\0" + blob_name.encode("ascii")


# -- reading ---------------------------------------------------------------------------------

_COLUMNS = "id, testimony_id, filename, media_type, size, sha256, created_at, deleted_at"


def get(conn: Connection, attachment_id: str) -> Attachment:
    # B608: the interpolated SQL is module constants and fixed fragments; values are parameters
    row = conn.execute(f"SELECT {_COLUMNS} FROM attachments WHERE id = ?", (attachment_id,)).fetchone()  # nosec B608
    if row is None:
        raise NotFound(f"no attachment {attachment_id}")
    return Attachment(*row)


def list_for(conn: Connection, testimony_id: str | None = None, *, include_deleted: bool = False) -> list[Attachment]:
    """Attachments of one testimony (or all), oldest first."""
    where, args = [], []
    if testimony_id is not None:
        where.append("testimony_id = ?")
        args.append(testimony_id)
    if not include_deleted:
        where.append("deleted_at IS NULL")
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    # B608: the interpolated SQL is module constants and fixed fragments; values are parameters
    rows = conn.execute(f"SELECT {_COLUMNS} FROM attachments{clause} ORDER BY created_at, id", args)  # nosec B608
    return [Attachment(*row) for row in rows]


def iter_original(vault: OpenVault, attachment_id: str, *, now: datetime | None = None) -> Iterator[bytes]:
    """Yield the original bytes chunk by chunk (audited read; SHA-256 rechecked at the end).

    Chunks are authenticated one by one; only a normal end proves the whole file is
    there, so a caller writing them anywhere must discard its output on an error.
    """
    item, key, path = _open(vault, attachment_id, now=now)
    return _verified(item, key, path)


def read(vault: OpenVault, attachment_id: str, *, max_bytes: int, now: datetime | None = None) -> bytes:
    """Return the whole original (photos, for the review pipeline); refuse above ``max_bytes``."""
    item = get(vault.conn, attachment_id)
    if item.size > max_bytes:
        raise InvalidInput(f"attachment {attachment_id} is {item.size:,} bytes: too large to read whole")
    return b"".join(iter_original(vault, attachment_id, now=now))


def _open(vault: OpenVault, attachment_id: str, *, now: datetime | None) -> tuple[Attachment, bytes, Path]:
    conn = vault.conn
    item = get(conn, attachment_id)
    row = conn.execute("SELECT blob_name, wrapped_key FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    if item.is_deleted or row[1] is None:
        raise NotFound(f"attachment {attachment_id} was deleted: its key no longer exists")
    secret = conn.execute("SELECT value FROM secrets WHERE name = ?", (WRAP_SECRET,)).fetchone()
    try:
        if secret is None:
            raise UnlockFailed()
        key = aead.open_sealed(bytes(secret[0]), bytes(row[1]), _wrap_aad(attachment_id, row[0]))
    except UnlockFailed:
        raise IntegrityError([f"attachment {attachment_id}: its wrapped key does not open (tampered)"]) from None
    path = vault.archive.folder(BLOBS) / row[0]
    if not path.is_file():
        raise IntegrityError([f"attachment {attachment_id}: its blob is missing from {BLOBS}/"])
    with transaction(conn):
        audit.append(conn, actor=vault.actor, action="attachment.read", obj=object_id(attachment_id), now=now)
    return item, key, path


def _verified(item: Attachment, key: bytes, path: Path) -> Iterator[bytes]:
    digest = hashlib.sha256()
    size = 0
    for chunk in blob.iter_plaintext(path, key, item.id):
        digest.update(chunk)
        size += len(chunk)
        yield chunk
    if size != item.size or digest.hexdigest() != item.sha256:
        raise IntegrityError([f"attachment {item.id}: content differs from its recorded SHA-256"])


# -- integrity -------------------------------------------------------------------------------


def digest(conn: Connection, attachment_id: str) -> str:
    """Content hash of an attachment's row as audited (``deleted`` once deleted)."""
    row = conn.execute(
        "SELECT testimony_id, filename, media_type, size, sha256, blob_name, wrapped_key, created_at, deleted_at"
        " FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    if row is None:
        return "missing"
    if row[8] is not None:
        return audit.DELETED
    wrapped = hashlib.sha256(bytes(row[6])).hexdigest() if row[6] is not None else None
    return audit.content_hash({"id": attachment_id, "testimony_id": row[0], "filename": row[1],
                               "media_type": row[2], "size": row[3], "sha256": row[4], "blob_name": row[5],
                               "wrapped_key": wrapped, "created_at": row[7]})


def check_blobs(vault: OpenVault) -> list[str]:
    """Name every live attachment whose blob is missing or not the length its size implies.

    Cheap (no decryption): catches deleted, truncated or padded blobs. A blob replaced by
    another valid blob is caught only when read (the AAD binds it to its attachment).
    """
    problems = []
    folder = vault.archive.folder(BLOBS)
    rows = vault.conn.execute("SELECT id, size, blob_name FROM attachments WHERE wrapped_key IS NOT NULL ORDER BY id")
    for attachment_id, size, blob_name in rows:
        path = folder / blob_name
        try:
            with path.open("rb") as handle:
                exponent = blob.parse_header(handle.read(blob.HEADER_BYTES))
            actual = path.stat().st_size
        except FileNotFoundError:
            problems.append(f"{object_id(attachment_id)}: its blob is missing from {BLOBS}/")
            continue
        except IntegrityError:
            problems.append(f"{object_id(attachment_id)}: its blob has a damaged header")
            continue
        if actual != blob.expected_length(size, exponent):
            problems.append(f"{object_id(attachment_id)}: its blob is truncated or has extra bytes")
    return problems



def timestamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
