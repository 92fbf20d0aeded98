"""Vault-key rotation (S06).

Order of steps, each safe to interrupt:

0. split the new key into recovery shares and hand them to ``deliver`` (the CLI writes
   them durably to ``--shares-out`` or prints them) *before* anything changes, then
   record in the audit log which key the issued shares rebuild (``vault.recovery_shares``);
1. stage the new key in the caller's keyslot (the old key stays current);
2. with no other connection open, ``PRAGMA rekey``, then ``wal_checkpoint(TRUNCATE)``
   so no page under the old key remains in the WAL;
3. reopen with the new key and run both integrity checks; prove the old key fails;
4. make the new key current in the caller's slot and revoke other vault slots,
   which still wrap the old key (their owners are re-enrolled by an admin).

A crash between 2 and 4 is finished at the next unlock (``Archive.unlock``); the shares
of the new key were delivered before step 2. A crash between 0 and 2 leaves the old key
current while the record names the new one: ``verify`` reports it until new shares are
issued (``issue_shares``, or run the rotation again).
"""
from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from keys import recovery
from keys.keyring import VAULT_ROLES, Role, Unlocked
from vault import audit, recovery_shares, store
from vault.archive import Archive, OpenVault
from vault.errors import IntegrityError, InvalidInput, StorageError
from vault.store import check_database


@dataclass(frozen=True)
class Rotation:
    revoked: list[str]
    shares: list[str]


def rotate_vault_key(
    archive: Archive, unlocked: Unlocked, passphrase: str, *, threshold: int = 3, share_count: int = 5,
    deliver: Callable[[list[str]], None] | None = None,
) -> Rotation:
    """Rekey vault.db under a fresh key; return revoked users and new recovery shares.

    ``deliver`` receives the new shares before the database is rekeyed; it must store or
    show them durably (an exception from it stops the rotation with nothing changed).
    """
    if unlocked.role not in VAULT_ROLES:
        raise InvalidInput("only an administrator can rotate the vault key")
    old_key = unlocked.secret
    new_key = secrets.token_bytes(32)
    shares = _split(new_key, threshold, share_count)
    conn = store.connect(archive.vault_path, old_key)
    try:
        with conn.exclusive():
            row = conn.execute("SELECT id, role FROM users WHERE username = ?", (unlocked.username,)).fetchone()
            if row is None or row[1] != "admin":
                raise InvalidInput("only an administrator can rotate the vault key")
            actor = row[0]
            others = [
                name
                for (name,) in conn.execute(
                    "SELECT username FROM users WHERE role IN ('admin', 'archivist') AND disabled = 0"
                    " AND username != ?",
                    (unlocked.username,),
                )
            ]
            if deliver is not None:
                deliver(shares)
            with store.transaction(conn):
                recovery_shares.record_issue(conn, actor=actor, key=new_key)
            store.checkpoint(conn)
            staged = archive.keyring.update(unlocked, passphrase, pending_secret=new_key)
            conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
            store.checkpoint(conn)
    finally:
        conn.close()
    conn = store.connect(archive.vault_path, new_key)
    try:
        problems = check_database(conn, "vault.db")
        if problems:
            raise IntegrityError(problems)
        _ensure_old_key_fails(archive, old_key)
        archive.keyring.update(staged, passphrase, secret=new_key, pending_secret=None)
        revoked = []
        for name in others:
            if _remove_slot(archive, name):
                revoked.append(name)
        with store.transaction(conn):
            audit.append(conn, actor=actor, action="archive.rekey", obj="archive")
            private = conn.execute("SELECT value FROM secrets WHERE name = 'audit_signing_key'").fetchone()[0]
            audit.sign_checkpoint(conn, bytes(private))
        store.checkpoint(conn)
    finally:
        conn.close()
    return Rotation(revoked, shares)


def issue_shares(vault: OpenVault, *, threshold: int = 3, share_count: int = 5,
                 deliver: Callable[[list[str]], None]) -> list[str]:
    """Issue a fresh share set of the current vault key (admins): after an interrupted rotation,
    or to replace lost shares. ``deliver`` stores them before the record says they exist."""
    if vault.role is not Role.ADMIN:
        raise InvalidInput("only an administrator can issue recovery shares")
    shares = _split(vault.key, threshold, share_count)
    deliver(shares)
    with store.transaction(vault.conn):
        recovery_shares.record_issue(vault.conn, actor=vault.actor, key=vault.key)
        audit.sign_checkpoint(vault.conn, vault.secret("audit_signing_key"))
    return shares


def _split(key: bytes, threshold: int, share_count: int) -> list[str]:
    try:
        return recovery.split(key, threshold, share_count)
    except ValueError as exc:
        raise InvalidInput(f"recovery shares: {exc}") from None


def _ensure_old_key_fails(archive: Archive, old_key: bytes) -> None:
    try:
        store.connect(archive.vault_path, old_key).close()
    except StorageError:
        return
    raise IntegrityError(["vault.db still opens with the old key after rekey"])


def _remove_slot(archive: Archive, username: str) -> bool:
    ring = archive.keyring
    tag = ring.user_tag(username)
    if not any(slot.user_tag == tag for slot in ring.slots()):
        return False
    ring.remove(username)
    return True
