"""The keyring file: one randomly generated secret wrapped per user, age-style.

Format (JSON, version 1, parsed strictly)::

    {"format": "testimony-keyring", "version": 1, "profile": "sensitive",
     "user_salt": b64(16), "user_kdf": {"m": KiB, "t": n, "p": n},
     "slots": [{"id": hex(16), "role": "...", "user_tag": b64(32), "salt": b64(16),
                "kdf": {"m": KiB, "t": n, "p": n}, "wrapped": b64(nonce|ct|tag)}]}

- ``user_tag`` = Argon2id(user name, keyring salt): user names are not readable in the
  file, and testing a guessed name costs an Argon2id run.
- ``wrapped`` = AES-256-GCM under KEK = Argon2id(passphrase, slot salt, slot kdf); the
  associated data binds format, version, slot id, role, user tag, salt and kdf, so any
  flipped byte makes unwrapping fail.
- The wrapped payload holds the slot's 32-byte secret, the user name, the user's
  TOTP secret and last used TOTP step, and a key staged by an unfinished rotation.

Every change re-reads the file under an exclusive lock and replaces it atomically.
"""
from __future__ import annotations

import base64
import binascii
import fcntl
import hmac
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from keys import aead
from keys._keyring_format import (
    FORMAT,
    MAX_FILE_BYTES,
    MAX_SLOTS,
    VAULT_ROLES,
    VERSION,
    Header,
    Role,
    Slot,
    Unlocked,
    b64,
    canonical,
    kdf_dict,
    parse,
)
from keys.atomic import write_atomic
from keys.errors import CorruptKeyring, KeysError, UnlockFailed
from keys.kdf import KEY_BYTES, SALT_BYTES, derive_key, normalise_passphrase
from keys.profiles import SENSITIVE, Profile

LABEL_SLOT = b"archive/v1/keyslot/passphrase"
LABEL_USER = b"archive/v1/keyslot/user-name"
#: Cost of turning a user name into its tag (about 30 ms); test keyrings use TEST_ONLY.
USER_TAG_PROFILE = Profile("user-tag", memory_kib=19 * 1024, time_cost=2, parallelism=1)


#: Roles, slots and parsing live in keys._keyring_format; they are used through this module.
__all__ = ["FORMAT", "LABEL_SLOT", "LABEL_USER", "USER_TAG_PROFILE", "VAULT_ROLES", "VERSION", "Keyring", "Role", "Slot",
           "Unlocked", "parse"]


class Keyring:
    """A keyring file at ``path``; every method re-reads it, so no state goes stale."""

    def __init__(self, path: Path) -> None:
        self.path = path

    # -- creation and reading -------------------------------------------------

    @classmethod
    def create(cls, path: Path, *, profile: Profile = SENSITIVE) -> Keyring:
        """Write a new, empty keyring; refuses to overwrite an existing one."""
        if path.exists():
            raise KeysError(f"keyring already exists: {path}")
        user_kdf = USER_TAG_PROFILE if profile is SENSITIVE else profile
        header = Header(profile=profile, user_salt=os.urandom(SALT_BYTES), user_kdf=user_kdf)
        ring = cls(path)
        ring._save(header, [])
        return ring

    @property
    def profile(self) -> Profile:
        return self._load()[0].profile

    def slots(self) -> list[Slot]:
        return self._load()[1]

    def user_tag(self, username: str) -> bytes:
        header, _ = self._load()
        return _user_tag(header, username)

    # -- unlock ------------------------------------------------------------------

    def unlock(self, username: str, passphrase: str) -> Unlocked:
        """Open ``username``'s slot, or raise :class:`UnlockFailed`.

        An unknown user costs the same Argon2id work as a wrong passphrase.
        A slot written with weaker parameters than the keyring's profile is
        rewrapped with the current profile.
        """
        header, slots = self._load()
        tag = _user_tag(header, username)
        slot = _find(slots, tag)
        if slot is None:
            derive_key(normalise_passphrase(passphrase), os.urandom(SALT_BYTES), header.profile, label=LABEL_SLOT)
            raise UnlockFailed()
        kek = derive_key(normalise_passphrase(passphrase), slot.salt, slot.kdf, label=LABEL_SLOT)
        unlocked = _unwrap(slot, kek)
        if not hmac.compare_digest(unlocked.username.encode(), username.encode()):
            raise UnlockFailed()
        if not slot.kdf.is_at_least(header.profile):
            self._write_slot(unlocked, passphrase)
            return unlocked  # rewrapped under a new salt: the KEK above no longer fits
        return replace(unlocked, kek=kek, kek_salt=slot.salt)

    # -- changes -----------------------------------------------------------------

    def add(
        self,
        username: str,
        passphrase: str,
        role: Role,
        secret: bytes,
        *,
        totp_secret: bytes | None = None,
    ) -> Unlocked:
        """Add a slot for a new user; refuses a name already present."""
        if len(secret) != KEY_BYTES:
            raise KeysError("slot secrets are 32 bytes")
        _check_username(username)
        unlocked = Unlocked(
            slot_id=os.urandom(8).hex(),
            role=Role(role),
            username=username,
            secret=secret,
            totp_secret=totp_secret,
        )
        with self._locked():
            header, slots = self._load()
            if _find(slots, _user_tag(header, username)) is not None:
                raise KeysError(f"user already has a keyslot: {username}")
            if len(slots) >= MAX_SLOTS:
                raise KeysError("too many keyslots")
            slots.append(_wrap(header, unlocked, passphrase, slots=slots))
            self._save(header, slots)
        return unlocked

    def remove(self, username: str) -> None:
        """Delete ``username``'s slot (the secret itself stays with other slots)."""
        with self._locked():
            header, slots = self._load()
            tag = _user_tag(header, username)
            kept = [s for s in slots if not hmac.compare_digest(s.user_tag, tag)]
            if len(kept) == len(slots):
                raise KeysError(f"no keyslot for user: {username}")
            self._save(header, kept)

    def change_passphrase(self, username: str, old: str, new: str) -> Unlocked:
        """Rewrap one slot under a new passphrase; no database is touched (S07)."""
        unlocked = self.unlock(username, old)
        self._write_slot(unlocked, new)
        return unlocked

    def reset(self, username: str, passphrase: str, role: Role, secret: bytes) -> Unlocked:
        """Replace ``username``'s slot (or create it): used by admins and recovery."""
        with self._locked():
            header, slots = self._load()
            tag = _user_tag(header, username)
            slots = [s for s in slots if not hmac.compare_digest(s.user_tag, tag)]
            unlocked = Unlocked(os.urandom(8).hex(), Role(role), username, secret)
            slots.append(_wrap(header, unlocked, passphrase, slots=slots))
            self._save(header, slots)
        return unlocked

    def update(self, unlocked: Unlocked, passphrase: str, **changes: Any) -> Unlocked:
        """Rewrap a slot with changed fields.

        ``totp_secret`` and ``totp_last_step`` for the second factor; ``pending_secret``
        and ``secret`` for a key rotation (stage the new key, then make it current).
        If ``unlocked`` carries the KEK it was opened with and the slot on disk still has
        that salt and cost, the slot is resealed under the same KEK (fresh nonce, same
        associated data): no second Argon2id run. Otherwise the KEK is derived anew.
        """
        allowed = {"totp_secret", "totp_last_step", "pending_secret", "secret"}
        if not set(changes) <= allowed:
            raise KeysError("unknown keyslot field")
        for name in ("secret", "pending_secret"):
            value = changes.get(name)
            if value is not None and len(value) != KEY_BYTES:
                raise KeysError("slot secrets are 32 bytes")
        updated = replace(unlocked, **changes)
        self._write_slot(updated, passphrase, reuse_kek=True)
        return updated

    # -- internals ---------------------------------------------------------------

    def _write_slot(self, unlocked: Unlocked, passphrase: str, *, reuse_kek: bool = False) -> None:
        """Rewrap ``unlocked``'s slot under ``passphrase``; with ``reuse_kek``, under the KEK it holds."""
        with self._locked():
            header, slots = self._load()
            index = next((i for i, s in enumerate(slots) if s.id == unlocked.slot_id), None)
            if index is None:
                raise KeysError("keyslot disappeared while being changed")
            current = slots[index]
            if reuse_kek and unlocked.kek is not None and unlocked.kek_salt is not None:
                if not hmac.compare_digest(current.salt, unlocked.kek_salt):
                    # rewrapped since it was opened (e.g. a passphrase change): never undo that
                    raise KeysError("keyslot changed while being used; sign in again")
                if current.kdf.is_at_least(_wrap_profile(header, slots)):
                    slots[index] = _reseal(current, unlocked, unlocked.kek)
                else:
                    slots[index] = _wrap(header, unlocked, passphrase, slot_id=unlocked.slot_id, slots=slots)
            else:
                slots[index] = _wrap(header, unlocked, passphrase, slot_id=unlocked.slot_id, slots=slots)
            self._save(header, slots)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _load(self) -> tuple[Header, list[Slot]]:
        try:
            with self.path.open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise KeysError(f"no keyring at {self.path}") from None
        if len(raw) > MAX_FILE_BYTES:
            raise CorruptKeyring("keyring file is too large")
        return parse(raw)

    def _save(self, header: Header, slots: list[Slot]) -> None:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "profile": header.profile.name,
            "user_salt": b64(header.user_salt),
            "user_kdf": kdf_dict(header.user_kdf),
            "slots": [
                {
                    "id": s.id,
                    "role": s.role.value,
                    "user_tag": b64(s.user_tag),
                    "salt": b64(s.salt),
                    "kdf": kdf_dict(s.kdf),
                    "wrapped": b64(s.wrapped),
                }
                for s in slots
            ],
        }
        write_atomic(self.path, json.dumps(document, indent=1).encode() + b"\n")


# -- wrapping ------------------------------------------------------------------------


def _wrap_profile(header: Header, slots: list[Slot]) -> Profile:
    """The cost for a slot being written: never below any slot already in the file.

    The header's profile is not authenticated (nothing everyone can unlock could
    authenticate it), so an attacker who edits it to ``test-only`` must not make
    slots written later cheaper than the ones that are there.
    """
    strongest = header.profile
    for slot in slots:
        strongest = Profile(
            "stored",
            max(strongest.memory_kib, slot.kdf.memory_kib),
            max(strongest.time_cost, slot.kdf.time_cost),
            max(strongest.parallelism, slot.kdf.parallelism),
        )
    return strongest


def _wrap(header: Header, unlocked: Unlocked, passphrase: str, *, slot_id: str | None = None,
          slots: list[Slot] | None = None) -> Slot:
    salt = os.urandom(SALT_BYTES)
    kdf = _wrap_profile(header, slots or [])
    template = Slot(
        id=slot_id or unlocked.slot_id,
        role=unlocked.role,
        user_tag=_user_tag(header, unlocked.username),
        salt=salt,
        kdf=Profile("stored", kdf.memory_kib, kdf.time_cost, kdf.parallelism),
        wrapped=b"",
    )
    payload = _payload(unlocked)
    kek = derive_key(normalise_passphrase(passphrase), salt, template.kdf, label=LABEL_SLOT)
    return replace(template, wrapped=aead.seal(kek, payload, template.aad()))


def _payload(unlocked: Unlocked) -> bytes:
    return canonical(
        {
            "secret": b64(unlocked.secret),
            "user": unlocked.username,
            "totp": b64(unlocked.totp_secret) if unlocked.totp_secret else None,
            "totp_step": unlocked.totp_last_step,
            "pending": b64(unlocked.pending_secret) if unlocked.pending_secret else None,
        }
    )


def _reseal(slot: Slot, unlocked: Unlocked, kek: bytes) -> Slot:
    """Seal a changed payload into ``slot`` under the KEK it was opened with (fresh random nonce).

    The salt, cost, role and user tag, and so the associated data, stay as they are.
    """
    if slot.role != unlocked.role or slot.id != unlocked.slot_id:
        raise KeysError("keyslot changed while being rewrapped")
    return replace(slot, wrapped=aead.seal(kek, _payload(unlocked), slot.aad()))


def _unwrap(slot: Slot, kek: bytes) -> Unlocked:
    payload = aead.open_sealed(kek, slot.wrapped, slot.aad())
    try:
        doc = json.loads(payload)
        secret = base64.b64decode(doc["secret"], validate=True)
        totp = base64.b64decode(doc["totp"], validate=True) if doc["totp"] else None
        pending = base64.b64decode(doc["pending"], validate=True) if doc["pending"] else None
        username, step = doc["user"], doc["totp_step"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise UnlockFailed() from None
    if len(secret) != KEY_BYTES or not isinstance(username, str) or type(step) is not int:
        raise UnlockFailed()
    if pending is not None and len(pending) != KEY_BYTES:
        raise UnlockFailed()
    return Unlocked(slot.id, slot.role, username, secret, totp, step, pending)


def _user_tag(header: Header, username: str) -> bytes:
    return derive_key(normalise_passphrase(username), header.user_salt, header.user_kdf, label=LABEL_USER)


def _find(slots: list[Slot], tag: bytes) -> Slot | None:
    found = None
    for slot in slots:
        if hmac.compare_digest(slot.user_tag, tag):
            found = slot
    return found


def _check_username(username: str) -> None:
    if not 1 <= len(username) <= 64 or not username.isprintable() or username.strip() != username:
        raise KeysError("user names are 1-64 printable characters without surrounding spaces")
