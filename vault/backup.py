"""Encrypted backups and restore drills (S08).

A backup is a folder::

    OUT/
      vault.db           sqlcipher_export into a database keyed with the vault key
      reading-room.db    likewise, with the reading-room key (when present)
      keyring            copy of the keyring
      blobs/             copies of the encrypted attachments
      manifest.json      counts, keyed record digests, blob hashes; authenticated by manifest.mac
      manifest.mac       HMAC-SHA256 under a key derived from the vault key

The record digests in manifest.json are keyed (HMAC-SHA256 under a key derived from the
vault key, version 2): a plain SHA-256 of a record would let whoever holds the backup
confirm a guess of a testimony's content offline. Version 1 manifests (plain digests)
still restore.

Nothing is ever written unkeyed: no ``iterdump``, no ``VACUUM INTO``, no unkeyed ATTACH.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2

from keys.atomic import fsync_dir, write_atomic
from vault import audit, intake_retention, schema, store, testimonies
from vault.archive import Archive, OpenVault
from vault.errors import IntegrityError, InvalidInput, StorageError
from vault.store import check_database
from vault.verify import verify_vault

MANIFEST_LABEL = b"testimony/v1/backup-manifest"
DIGEST_LABEL = b"testimony/v2/backup-record-digest"
MANIFEST_VERSION = 2


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    counts: dict[str, int]


def create(vault: OpenVault, out: Path) -> BackupSummary:
    """Write an encrypted backup of the whole archive to the new folder ``out``."""
    if out.exists():
        raise InvalidInput(f"{out} already exists: choose a new folder for the backup")
    with store.transaction(vault.conn):
        audit.append(vault.conn, actor=vault.actor, action="backup.create", obj="archive")
    out.mkdir(mode=0o700, parents=True)
    try:
        _export(vault.conn, out / "vault.db", vault.key)
        reading_room = vault.archive.reading_room_path
        if reading_room.exists():
            room_key = vault.secret("reading_room_key")
            room = store.connect(reading_room, room_key)
            try:
                _export(room, out / "reading-room.db", room_key)
            finally:
                room.close()
        shutil.copy2(vault.archive.root / "keyring", out / "keyring")
        (out / "blobs").mkdir(mode=0o700)
        for blob in sorted(vault.archive.folder("blobs").iterdir()):
            if blob.is_file():
                shutil.copy2(blob, out / "blobs" / blob.name)
        manifest = _manifest(vault.conn, out, vault.key)
        _write_manifest(out, manifest, vault.key)
        fsync_dir(out)
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    intake_retention.purge(vault)  # the backup now holds what imported bundles duplicated
    return BackupSummary(out, manifest["counts"])


def restore(backup: Path, target: Path, username: str, passphrase: str) -> BackupSummary:
    """Restore ``backup`` into the new archive folder ``target`` and drill it.

    The drill unlocks the copied keyring, checks the manifest's MAC, both
    integrity checks, the audit chain, every content hash and the counts. If
    anything fails, the partial target is removed and the backup is untouched.
    """
    for name in ("vault.db", "keyring", "manifest.json", "manifest.mac"):
        if not (backup / name).is_file():
            raise InvalidInput(f"{backup} is not a backup folder (no {name})")
    if target.exists() and any(target.iterdir()):
        raise InvalidInput(f"{target} exists and is not empty: restore into a new folder")
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(target, 0o700)
    try:
        for name in ("vault.db", "reading-room.db", "keyring"):
            if (backup / name).exists():
                shutil.copy2(backup / name, target / name)
                os.chmod(target / name, 0o600)
        shutil.copytree(backup / "blobs", target / "blobs")
        for name in ("inbox", "drafts"):
            (target / name).mkdir(mode=0o700)
        archive = Archive(target)
        unlocked = archive.unlock(username, passphrase)
        manifest = _read_manifest(backup, unlocked.secret)
        with archive.open_vault(unlocked) as vault:
            report = verify_vault(vault)
            if not report.ok:
                raise IntegrityError(report.problems)
            actual = _manifest(vault.conn, target, unlocked.secret if manifest.get("version") != 1 else None)
            if actual["counts"] != manifest["counts"] or actual["digests"] != manifest["digests"]:
                raise IntegrityError(["restored archive does not match the backup's manifest"])
            if actual["files"] != manifest["files"]:
                raise IntegrityError(["a file in the backup differs from the manifest"])
            with store.transaction(vault.conn):
                audit.append(vault.conn, actor=vault.actor, action="archive.restore", obj="archive")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return BackupSummary(target, manifest["counts"])


def _export(conn: store.Connection, destination: Path, key: bytes) -> None:
    """``sqlcipher_export`` into a new database keyed with ``key``."""
    store.checkpoint(conn)
    os.close(os.open(destination, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{key.hex()}'\"", (str(destination),))
        try:
            conn.execute("SELECT sqlcipher_export('backup')")
            version = conn.execute("PRAGMA main.user_version").fetchone()[0]
            conn.execute(f"PRAGMA backup.user_version = {int(version)}")
        finally:
            conn.execute("DETACH DATABASE backup")
    except dbapi2.OperationalError as exc:  # e.g. "database or disk is full": one clear line, not a traceback
        raise StorageError(f"the backup of {destination.name} could not be written: {exc}") from None
    check = store.connect(destination, key)
    try:
        problems = check_database(check, destination.name)
        check.execute("PRAGMA journal_mode = DELETE")
    finally:
        check.close()
        destination.with_name(destination.name + ".lock").unlink(missing_ok=True)
    if problems:
        raise StorageError(f"backup of {destination.name} failed its integrity check")


def _manifest(conn: store.Connection, folder: Path, vault_key: bytes | None) -> dict[str, Any]:
    """The manifest of ``folder``; record digests keyed with ``vault_key`` (None: plain, version 1)."""
    schema.current_version(conn)
    ids = [row[0] for row in conn.execute("SELECT id FROM testimonies ORDER BY id")]
    counts = {
        "testimonies": len(ids),
        "users": conn.execute("SELECT count(*) FROM users").fetchone()[0],
        "blobs": sum(1 for p in (folder / "blobs").iterdir() if p.is_file()) if (folder / "blobs").exists() else 0,
    }
    files = {
        f"blobs/{p.name}": _sha256(p) for p in sorted((folder / "blobs").iterdir()) if p.is_file()
    } if (folder / "blobs").exists() else {}
    return {
        "format": "testimony-backup",
        "version": MANIFEST_VERSION if vault_key is not None else 1,
        "counts": counts,
        "digests": {tid: _keyed(vault_key, tid, testimonies.digest(conn, tid)) for tid in ids},
        "files": files,
    }


def _keyed(vault_key: bytes | None, testimony_id: str, digest: str) -> str:
    if vault_key is None:
        return digest
    key = hmac.new(vault_key, DIGEST_LABEL, hashlib.sha256).digest()
    return hmac.new(key, f"{testimony_id}:{digest}".encode(), hashlib.sha256).hexdigest()


def _write_manifest(out: Path, manifest: dict[str, Any], vault_key: bytes) -> None:
    data = json.dumps(manifest, sort_keys=True, indent=1).encode()
    write_atomic(out / "manifest.json", data)
    write_atomic(out / "manifest.mac", _mac(vault_key, data).encode())


def _read_manifest(backup: Path, vault_key: bytes) -> dict[str, Any]:
    data = (backup / "manifest.json").read_bytes()
    mac = (backup / "manifest.mac").read_text(encoding="ascii", errors="replace").strip()
    if not hmac.compare_digest(mac, _mac(vault_key, data)):
        raise IntegrityError(["backup manifest was altered or belongs to another archive"])
    manifest: dict[str, Any] = json.loads(data)
    return manifest


def _mac(vault_key: bytes, data: bytes) -> str:
    key = hmac.new(vault_key, MANIFEST_LABEL, hashlib.sha256).digest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
