"""The archive folder: creating it, unlocking it, and the paths inside it.

::

    archive/
      vault.db          SQLCipher, key VK
      reading-room.db   SQLCipher, key RK (approved releases only)
      keyring           keyslots (keys.keyring)
      blobs/            encrypted attachments
      inbox/            sealed intake bundles
      drafts/           interviewers' drafts, each under its owner's draft key
      intake.pub        public intake key for field kits
"""
from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from keys import recovery, signing
from keys.keyring import VAULT_ROLES, Keyring, Role, Unlocked
from keys.profiles import SENSITIVE, Profile
from vault import audit, recovery_shares, schema, store
from vault.errors import InvalidInput, Locked, NotFound, StorageError
from vault.reading_room import ensure_reading_room

SUBFOLDERS = ("blobs", "inbox", "drafts")
#: Secrets created with every archive and kept only inside vault.db.
SECRET_NAMES = ("reading_room_key", "audit_signing_key", "release_signing_key", "pseudonym_key")


@dataclass(frozen=True)
class Archive:
    root: Path

    @property
    def vault_path(self) -> Path:
        return self.root / "vault.db"

    @property
    def reading_room_path(self) -> Path:
        return self.root / "reading-room.db"

    @property
    def keyring(self) -> Keyring:
        return Keyring(self.root / "keyring")

    def folder(self, name: str) -> Path:
        if name not in SUBFOLDERS:
            raise ValueError(name)
        return self.root / name

    def exists(self) -> bool:
        return (self.root / "keyring").is_file() and self.vault_path.is_file()

    def ensure_exists(self) -> None:
        if not self.exists():
            raise NotFound(f"no archive at {self.root} (create one with `testimony init`)")
        mode = self.root.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise StorageError(f"archive folder {self.root} is readable by other users: run chmod 700 on it")

    def unlock(self, username: str, passphrase: str) -> Unlocked:
        """Open a user's keyslot (raises ``keys.errors.UnlockFailed``).

        Finishes a vault-key rotation that was interrupted after the slot staged
        the new key: whichever key opens vault.db becomes the slot's key.
        """
        self.ensure_exists()
        unlocked = self.keyring.unlock(username, passphrase)
        if unlocked.pending_secret is not None and unlocked.role in VAULT_ROLES:
            if self._opens_vault(unlocked.pending_secret):
                unlocked = self.keyring.update(unlocked, passphrase, secret=unlocked.pending_secret,
                                               pending_secret=None)
            else:
                unlocked = self.keyring.update(unlocked, passphrase, pending_secret=None)
        return unlocked

    def _opens_vault(self, key: bytes) -> bool:
        try:
            store.connect(self.vault_path, key).close()
        except StorageError:
            return False
        return True

    def open_vault(self, unlocked: Unlocked) -> OpenVault:
        """Open vault.db with the key from an admin's or archivist's slot."""
        if unlocked.role not in VAULT_ROLES:
            raise Locked("this account cannot open the vault")
        conn = store.connect(self.vault_path, unlocked.secret)
        schema.migrate(conn)
        row = conn.execute("SELECT id FROM users WHERE username = ? AND disabled = 0", (unlocked.username,)).fetchone()
        if row is None:
            conn.close()
            raise Locked("this account is not enabled in the vault")
        return OpenVault(self, conn, row[0], unlocked.role, unlocked.username, unlocked.secret)


@dataclass
class OpenVault:
    """An unlocked vault: a keyed connection and who is acting."""

    archive: Archive
    conn: store.Connection = field(repr=False)
    actor: str
    role: Role
    username: str
    key: bytes = field(repr=False)

    def secret(self, name: str) -> bytes:
        row = self.conn.execute("SELECT value FROM secrets WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFound(f"the vault holds no secret named {name}")
        return bytes(row[0])

    def put_secret(self, name: str, value: bytes) -> None:
        """Store a new archive secret (inside the caller's transaction)."""
        self.conn.execute(
            "INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?)", (name, value, _now())
        )
        audit.append(self.conn, actor=self.actor, action="secret.create", obj=f"secret:{name}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> OpenVault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class Created:
    archive: Archive
    shares: list[str]


def init(
    root: Path,
    admin: str,
    passphrase: str,
    *,
    threshold: int = 3,
    share_count: int = 5,
    profile: Profile = SENSITIVE,
) -> Created:
    """Create a new archive with one admin; return it and the recovery shares."""
    if root.exists() and any(root.iterdir()):
        raise InvalidInput(f"{root} exists and is not empty: refusing to create an archive there")
    shares_ok = 1 <= threshold <= share_count <= 16 and not (threshold == 1 and share_count > 1)
    if not shares_ok:
        raise InvalidInput("recovery shares must be k of n with 2 <= k <= n <= 16 (or 1 of 1)")
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    for name in SUBFOLDERS:
        (root / name).mkdir(mode=0o700)
    archive = Archive(root)
    vault_key = secrets.token_bytes(32)
    keyring = Keyring.create(root / "keyring", profile=profile)
    keyring.add(admin, passphrase, Role.ADMIN, vault_key)
    conn = store.connect(archive.vault_path, vault_key)
    try:
        schema.migrate(conn)
        actor = new_user_id()
        with store.transaction(conn):
            conn.execute(
                "INSERT INTO users (id, username, role, created_at) VALUES (?, ?, 'admin', ?)",
                (actor, admin, _now()),
            )
            audit.append(conn, actor=actor, action="archive.init", obj="archive")
            audit.append(conn, actor=actor, action="user.create", obj=f"user:{actor}",
                         digest=user_digest(conn, actor))
            vault = OpenVault(archive, conn, actor, Role.ADMIN, admin, vault_key)
            for name in SECRET_NAMES:
                value = signing.generate() if name.endswith("signing_key") else secrets.token_bytes(32)
                vault.put_secret(name, value)
            recovery_shares.record_issue(conn, actor=actor, key=vault_key)
            audit.sign_checkpoint(conn, vault.secret("audit_signing_key"))
        reading_room_key = vault.secret("reading_room_key")
    finally:
        conn.close()
    ensure_reading_room(archive, reading_room_key)
    shares = recovery.split(vault_key, threshold, share_count)
    return Created(archive, shares)


def add_user(vault: OpenVault, username: str, passphrase: str, role: Role) -> str:
    """Create an account: a keyslot for its key and a row in the vault; return its id."""
    role = Role(role)
    if vault.conn.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
        raise InvalidInput(f"user {username} already exists")
    secret = _role_secret(vault, role)
    user_id = new_user_id()
    with store.transaction(vault.conn):
        vault.conn.execute(
            "INSERT INTO users (id, username, role, created_at) VALUES (?, ?, ?, ?)",
            (user_id, username, role.value, _now()),
        )
        audit.append(vault.conn, actor=vault.actor, action="user.create", obj=f"user:{user_id}",
                     digest=user_digest(vault.conn, user_id))
        vault.archive.keyring.add(username, passphrase, role, secret)
    return user_id


def reset_user(vault: OpenVault, username: str, passphrase: str) -> None:
    """Give an existing account a new passphrase (an interviewer's old drafts become unreadable)."""
    row = vault.conn.execute("SELECT id, role FROM users WHERE username = ?", (username,)).fetchone()
    if row is None:
        raise NotFound(f"no user {username}")
    role = Role(row[1])
    with store.transaction(vault.conn):
        audit.append(vault.conn, actor=vault.actor, action="user.reset", obj=f"user:{row[0]}",
                     digest=user_digest(vault.conn, row[0]))
        vault.archive.keyring.reset(username, passphrase, role, _role_secret(vault, role))


def remove_user(vault: OpenVault, username: str) -> None:
    row = vault.conn.execute("SELECT id FROM users WHERE username = ?", (username,)).fetchone()
    if row is None:
        raise NotFound(f"no user {username}")
    if username == vault.username:
        raise InvalidInput("you cannot remove your own account")
    with store.transaction(vault.conn):
        vault.conn.execute("UPDATE users SET disabled = 1 WHERE id = ?", (row[0],))
        audit.append(vault.conn, actor=vault.actor, action="user.remove", obj=f"user:{row[0]}",
                     digest=user_digest(vault.conn, row[0]))
        vault.archive.keyring.remove(username)


def user_digest(conn: store.Connection, user_id: str) -> str:
    row = conn.execute("SELECT id, username, role, disabled FROM users WHERE id = ?", (user_id,)).fetchone()
    return audit.DELETED if row is None else audit.content_hash(list(row))


def new_user_id() -> str:
    return "U-" + secrets.token_hex(6)


def _role_secret(vault: OpenVault, role: Role) -> bytes:
    if role in VAULT_ROLES:
        return vault.key
    if role is Role.RESEARCHER:
        return vault.secret("reading_room_key")
    return secrets.token_bytes(32)  # an interviewer's fresh draft key


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def recover_admin(archive: Archive, vault_key: bytes, admin: str, passphrase: str) -> None:
    """Give ``admin`` a fresh keyslot for a vault key rebuilt from recovery shares."""
    archive.ensure_exists()
    try:
        conn = store.connect(archive.vault_path, vault_key)
    except StorageError:
        raise InvalidInput("the recovery shares rebuild a key that does not open this archive") from None
    try:
        schema.migrate(conn)
        row = conn.execute("SELECT id, role FROM users WHERE username = ?", (admin,)).fetchone()
        with store.transaction(conn):
            if row is None:
                user_id = new_user_id()
                conn.execute("INSERT INTO users (id, username, role, created_at) VALUES (?, ?, 'admin', ?)",
                             (user_id, admin, _now()))
                audit.append(conn, actor=user_id, action="user.create", obj=f"user:{user_id}",
                             digest=user_digest(conn, user_id))
            elif row[1] != Role.ADMIN.value:
                raise InvalidInput(f"{admin} is not an administrator")
            else:
                user_id = row[0]
                conn.execute("UPDATE users SET disabled = 0 WHERE id = ?", (user_id,))
                audit.append(conn, actor=user_id, action="user.reset", obj=f"user:{user_id}",
                             digest=user_digest(conn, user_id))
            archive.keyring.reset(admin, passphrase, Role.ADMIN, vault_key)
    finally:
        conn.close()
