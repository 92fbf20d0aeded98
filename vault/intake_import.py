"""Intake keys kept in the vault, and import of sealed bundles from the inbox.

Import of one bundle::

    hash the file            -> already in the ledger?  "already imported", nothing changes
    open it with each intake key of its suite (a full pass: every chunk verified)
        refused              -> left exactly where it was, never deleted
    check the record with the parser of `testimony add`
    one transaction: the testimony, its audit entries, and the ledger entry
        ``intake.import`` on object ``intake:<SHA-256 of the bundle file>``
    a bundle that was in <archive>/inbox/ is moved to <archive>/inbox/imported/

The ledger is the audit log itself: a bundle is imported if and only if an
``intake.import`` entry names its hash, written in the same transaction as the
testimony it became, so a crash leaves either both or neither.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Literal

from keys.atomic import fsync_dir, write_atomic
from keys.bundle import OpenedBundle, bundle_suite, open_bundle
from keys.errors import BundleError, IntakeKeyError
from keys.intake import (
    IntakePrivateKey,
    IntakePublicKey,
    IntakeSuite,
    generate_intake_key,
    private_key_from_bytes,
    private_key_to_bytes,
)
from keys.keyring import Role
from vault import attachments, audit, records, testimonies
from vault.archive import Archive, OpenVault
from vault.attachments import Staged
from vault.errors import InvalidInput, Locked, MediaError, NotFound, VaultError
from vault.store import Connection, transaction

INBOX = "inbox"
IMPORTED = "imported"
PUBLIC_KEY_FILE = "intake.pub"
_KEY_NAME_PREFIX = "intake-key/"
_READ_BLOCK = 1024 * 1024

Status = Literal["imported", "already-imported", "refused"]


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one bundle; ``message`` is one human line without any content."""

    path: Path
    status: Status
    bundle_sha256: str | None
    testimony_id: str | None
    message: str


# -- intake keys ----------------------------------------------------------------------


def intake_keys(conn: Connection) -> list[IntakePrivateKey]:
    """Every intake private key in the vault, newest first (older keys still open old bundles)."""
    rows = conn.execute(
        "SELECT value FROM secrets WHERE name LIKE ? ORDER BY created_at DESC, rowid DESC",
        (_KEY_NAME_PREFIX + "%",),
    )
    try:
        return [private_key_from_bytes(bytes(row[0])) for row in rows]
    except IntakeKeyError:
        raise VaultError("an intake key stored in the vault is damaged; run `testimony verify`") from None


def create_intake_key(vault: OpenVault, *, suite: IntakeSuite, rotate: bool = False) -> IntakePublicKey:
    """Create an intake key pair inside the vault and write ``<archive>/intake.pub``.

    Refuses when a key exists unless ``rotate``: the new key then goes into
    intake.pub, and older keys are kept so that bundles already sealed to them
    still open.
    """
    if vault.role is not Role.ADMIN:
        raise Locked("only an administrator can create intake keys")
    if intake_keys(vault.conn) and not rotate:
        raise InvalidInput("this archive already has an intake key; add --rotate to replace it in intake.pub")
    private = generate_intake_key(suite)
    name = _KEY_NAME_PREFIX + private.public_key().fingerprint.replace(" ", "")
    with transaction(vault.conn):
        vault.put_secret(name, private_key_to_bytes(private))
    return write_public_key(vault)


def write_public_key(vault: OpenVault) -> IntakePublicKey:
    """(Re)write ``<archive>/intake.pub`` from the newest intake key in the vault."""
    keys = intake_keys(vault.conn)
    if not keys:
        raise NotFound("this archive has no intake key yet: run `testimony intake keygen`")
    public = keys[0].public_key()
    write_atomic(public_key_path(vault.archive), public.to_text().encode("utf-8"), mode=0o644)
    return public


def public_key_path(archive: Archive) -> Path:
    return archive.root / PUBLIC_KEY_FILE


# -- import ---------------------------------------------------------------------------


def inbox_bundles(archive: Archive) -> list[Path]:
    """The bundles waiting in ``<archive>/inbox/`` (not in its ``imported/`` folder)."""
    inbox = archive.folder(INBOX)
    if not inbox.is_dir():
        return []
    return sorted(p for p in inbox.iterdir() if p.is_file() and not p.name.startswith("."))


def import_bundles(vault: OpenVault, paths: Iterable[Path]) -> Iterator[ImportOutcome]:
    """Import each bundle in turn, yielding each outcome; a bad bundle does not stop the others."""
    keys = intake_keys(vault.conn)
    if not keys:
        raise NotFound("this archive has no intake key yet: run `testimony intake keygen`")
    return (import_bundle(vault, path, keys=keys) for path in paths)


def import_bundle(
    vault: OpenVault, path: Path, *, keys: list[IntakePrivateKey], now: datetime | None = None
) -> ImportOutcome:
    """Import one bundle; see the module docstring for the steps."""
    conn, archive = vault.conn, vault.archive
    try:
        first_hash = _file_sha256(path)
    except OSError as exc:
        return ImportOutcome(path, "refused", None, None, f"cannot read: {exc.strerror or exc}")
    existing = imported_as(conn, first_hash)
    if existing is not None:
        return ImportOutcome(path, "already-imported", first_hash, existing, f"already imported as {existing}")
    try:
        opened, second_hash, staged = _open_with_any(path, keys, archive)
    except BundleError as exc:
        return ImportOutcome(path, "refused", first_hash, None, f"refused, left in place: {exc}")
    fresh = False
    try:
        # Attachments were encrypted into blobs/ while the bundle was read; they become
        # rows in the testimony's transaction, or their blobs are removed.
        if second_hash != first_hash:
            return ImportOutcome(path, "refused", first_hash, None, "refused, left in place: the file changed while it was read")
        try:
            for item in staged:
                item.finish()
        except MediaError as exc:  # S29: a refused attachment refuses its bundle; nothing is dropped
            return ImportOutcome(path, "refused", first_hash, None, f"refused, left in place: {exc}")
        try:
            record = records.parse(opened.record)
            testimonies.ensure_known_violation_types(conn, record.events)  # else add() raises mid-import
        except InvalidInput as exc:
            return ImportOutcome(path, "refused", first_hash, None, f"refused, left in place: its record is invalid: {exc}")
        testimony_id, fresh = _ingest(conn, record, first_hash, actor=vault.actor, now=now, staged=staged)
    finally:
        if not fresh:
            for item in staged:
                item.discard()
    if not fresh:  # another importer got there between our check and our transaction
        return ImportOutcome(path, "already-imported", first_hash, testimony_id, f"already imported as {testimony_id}")
    try:
        where = f"; moved to {INBOX}/{IMPORTED}/" if _move_to_imported(archive, path) else ""
    except OSError as exc:
        where = f"; could not move it out of the inbox ({exc.strerror or exc}), a second import is a no-op"
    return ImportOutcome(path, "imported", first_hash, testimony_id, f"imported as {testimony_id}{where}")


def imported_as(conn: Connection, bundle_sha256: str) -> str | None:
    """The testimony a bundle became, or None if it was never imported."""
    row = conn.execute(
        "SELECT seq FROM audit WHERE action = 'intake.import' AND object = ? ORDER BY seq LIMIT 1",
        (ledger_object(bundle_sha256),),
    ).fetchone()
    if row is None:
        return None
    created = conn.execute(
        "SELECT object FROM audit WHERE seq < ? AND action = 'testimony.create' ORDER BY seq DESC LIMIT 1",
        (row[0],),
    ).fetchone()
    return str(created[0]).removeprefix("testimony:") if created else "an unknown testimony"


def ledger_object(bundle_sha256: str) -> str:
    return f"intake:{bundle_sha256}"


def _ingest(
    conn: Connection, record: records.TestimonyInput, bundle_sha256: str, *, actor: str, now: datetime | None,
    staged: Iterable[Staged] = (),
) -> tuple[str, bool]:
    """Store the testimony, its attachments and its ledger entry together; (id, False) if already imported."""
    with transaction(conn):  # BEGIN IMMEDIATE: concurrent importers queue here
        existing = imported_as(conn, bundle_sha256)
        if existing is not None:
            return existing, False
        testimony_id = testimonies.add(conn, record, actor=actor, now=now)
        for item in staged:
            item.record(conn, testimony_id, actor=actor, now=now)
        audit.append(conn, actor=actor, action="intake.import", obj=ledger_object(bundle_sha256), now=now)
    return testimony_id, True


class _HashingReader:
    """Hash every byte read through it, so the bytes verified are the bytes hashed."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.digest.update(data)
        return data


def _open_with_any(path: Path, keys: list[IntakePrivateKey], archive: Archive) -> tuple[OpenedBundle, str, list[Staged]]:
    """Open with each key of the bundle's suite in turn; return the bundle, the file's hash and
    its attachments, staged (encrypted) in blobs/ but not yet recorded."""
    with path.open("rb") as handle:
        suite = bundle_suite(handle)
    candidates = [key for key in keys if key.suite is suite] or keys[:1]  # the latter explains the mismatch
    error = BundleError("no intake key")
    for key in candidates:
        staged: list[Staged] = []

        def sink(name: str) -> Staged:  # called within this turn of the loop only
            staged.append(attachments.stage(archive, name))  # noqa: B023
            return staged[-1]  # noqa: B023

        with path.open("rb") as handle:
            reader = _HashingReader(handle)
            opened = None
            try:
                opened = open_bundle(reader, key, sink=sink)
                return opened, reader.digest.hexdigest(), staged
            except BundleError as exc:
                error = exc
            finally:
                if opened is None:  # refused, or an error reading or writing: no half attachment stays
                    for item in staged:
                        item.discard()
    raise error


def bundle_sha256(path: Path) -> str:
    """SHA-256 of a bundle file: its name in the ledger (``ledger_object``)."""
    return _file_sha256(path)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in _blocks(handle):
            digest.update(block)
    return digest.hexdigest()


def _blocks(handle: BinaryIO) -> Iterator[bytes]:
    while block := handle.read(_READ_BLOCK):
        yield block


def _move_to_imported(archive: Archive, path: Path) -> bool:
    """Move a bundle that sits in the inbox to ``inbox/imported/``; leave others alone."""
    inbox = archive.folder(INBOX).resolve()
    if path.resolve().parent != inbox:
        return False
    target_dir = inbox / IMPORTED
    target_dir.mkdir(mode=0o700, exist_ok=True)
    target = target_dir / path.name
    counter = 1
    while target.exists():
        target = target_dir / f"{path.stem}.{counter}{path.suffix}"
        counter += 1
    os.replace(path, target)
    fsync_dir(target_dir)
    fsync_dir(inbox)
    return True
