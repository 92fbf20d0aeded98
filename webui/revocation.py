"""Sessions end when their account changes: removal, reset, passphrase, role, second factor, rekey.

A signed-in session remembers the keyslot it signed in with: its id, role and version (a digest of
its salt and sealed bytes, which change with every rewrite: a fresh nonce each time). Every change
to an account rewrites its slot (a reset or a removal drops the old id; a passphrase change, a new
second factor or a rekey reseals it), and the command line does that from another process, so
every request compares the session with the keyring as it is now. The only rewrite that keeps a
session is the one this server makes itself when the same user signs in again (the second factor's
last used step): each such sign-in records "version before -> version after", and a session whose
version leads to the current one through those records only is still good. Any other writer (the
command line, another server) breaks the chain and ends the session.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import threading
from dataclasses import dataclass, field

from keys.errors import KeysError
from keys.keyring import Keyring, Role

MAX_CHAIN = 64  # sign-ins of one user followed before a session is considered stale


@dataclass(frozen=True)
class SlotMark:
    """What identifies one version of a user's keyslot."""

    slot_id: str
    role: Role
    version: bytes


def slot_mark(keyring: Keyring, username: str) -> SlotMark | None:
    """The user's keyslot as it is now in the keyring file, or None if there is none."""
    tag = keyring.user_tag(username)
    for slot in keyring.slots():
        if hmac.compare_digest(slot.user_tag, tag):
            return SlotMark(slot.id, slot.role, hashlib.sha256(slot.salt + slot.wrapped).digest())
    return None


@dataclass
class SlotWatch:
    """The keyslot rewrites this server made itself (sign-ins), and a cache of the keyring file."""

    _successor: dict[bytes, bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _cache_key: tuple[int, int, int] | None = None
    _cache: dict[str, SlotMark | None] = field(default_factory=dict)

    def record_sign_in(self, before: SlotMark | None, after: SlotMark | None) -> None:
        if before is not None and after is not None and before.slot_id == after.slot_id:
            with self._lock:
                self._successor[before.version] = after.version

    def current(self, keyring: Keyring, username: str) -> SlotMark | None:
        """The user's slot now; the keyring file is read again whenever it was replaced."""
        try:
            stat = os.stat(keyring.path)
            key: tuple[int, int, int] | None = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = None
        with self._lock:
            if key is None or key != self._cache_key:
                self._cache_key = key
                self._cache = {}
            if username in self._cache:
                return self._cache[username]
        try:
            mark = slot_mark(keyring, username)
        except KeysError:  # an unreadable keyring vouches for no one: the session ends
            mark = None
        with self._lock:
            if self._cache_key == key:
                self._cache[username] = mark
        return mark

    def still_valid(self, held: SlotMark, now: SlotMark | None) -> SlotMark | None:
        """``now`` if a session holding ``held`` may go on (its slot only changed by our sign-ins)."""
        if now is None or now.slot_id != held.slot_id or now.role != held.role:
            return None
        version = held.version
        with self._lock:
            for _ in range(MAX_CHAIN):
                if version == now.version:
                    return now
                following = self._successor.get(version)
                if following is None:
                    return None
                version = following
        return None
