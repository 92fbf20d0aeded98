"""The vault key in server memory, held only while an admin or archivist is signed in.

The first vault session to sign in hands the key over; each vault session holds a
claim; the key is dropped when the last claim goes (logout, idle timeout, absolute
timeout) or at once for everyone on "lock now". Each request opens its own SQLCipher
connection with the held raw key (0.1 ms) and closes it when the request ends.
"""
from __future__ import annotations

import threading
from pathlib import Path

from keys.keyring import Role
from vault import store
from vault.archive import Archive, OpenVault
from vault.errors import Locked


class VaultKeeper:
    def __init__(self, vault_path: Path) -> None:
        self._path = vault_path
        self._key: bytearray | None = None
        self._claims: set[str] = set()
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._key is not None

    def claim(self, session_id: str, key: bytes) -> None:
        with self._lock:
            if self._key is None:
                self._key = bytearray(key)
            elif bytes(self._key) != key:
                raise Locked("the vault is open with another key (was it rekeyed?): lock it first")
            self._claims.add(session_id)

    def release(self, session_id: str) -> None:
        with self._lock:
            self._claims.discard(session_id)
            if not self._claims:
                self._drop()

    def lock_now(self) -> set[str]:
        """Drop the key; return the sessions that held a claim (the caller ends them)."""
        with self._lock:
            claims, self._claims = self._claims, set()
            self._drop()
            return claims

    def open_vault(self, archive: Archive, *, actor: str, role: Role, username: str) -> OpenVault:
        """Open vault.db for one request as ``username``, or raise :class:`Locked`."""
        with self._lock:
            if self._key is None:
                raise Locked("the vault is locked")
            key = bytes(self._key)
        return OpenVault(archive, store.connect(self._path, key), actor, role, username, key)

    def _drop(self) -> None:
        if self._key is not None:
            for i in range(len(self._key)):  # best effort: Python may hold other copies
                self._key[i] = 0
        self._key = None
