"""Accounts locked after repeated wrong second factors (found while attacking).

A wrong code that follows a correct passphrase means someone holds the passphrase. The
throttle slows guessing down; after ``threshold`` such wrong codes the account is locked
until an administrator unlocks it, even across restarts. The lock is kept by keyslot id (a
random number, never the user name) in ``signin-locks.json`` in the archive folder. A
locked account gets the same answer as any failed sign-in, so the lock does not tell a
guesser that the passphrase was right; the administrator sees it on the admin page.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

from keys.atomic import write_atomic

FILE_NAME = "signin-locks.json"
THRESHOLD = 5


class SecondFactorLockout:
    def __init__(self, folder: Path, *, threshold: int = THRESHOLD) -> None:
        self._path = folder / FILE_NAME
        self._threshold = threshold
        self._wrong: dict[str, int] = {}
        self._lock = threading.Lock()

    def locked(self) -> set[str]:
        """Slot ids locked now (read from disk, so a lock made by another process counts)."""
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return set()
        except (OSError, ValueError):
            return set()
        slots = data.get("locked") if isinstance(data, dict) else None
        return {s for s in slots if isinstance(s, str)} if isinstance(slots, list) else set()

    def is_locked(self, slot_id: str) -> bool:
        return slot_id in self.locked()

    def wrong_code(self, slot_id: str) -> bool:
        """Count a wrong code after a correct passphrase; return True when this locks the account."""
        with self._lock:
            self._wrong[slot_id] = self._wrong.get(slot_id, 0) + 1
            if self._wrong[slot_id] < self._threshold:
                return False
            del self._wrong[slot_id]
            self._save(self.locked() | {slot_id})
            return True

    def signed_in(self, slot_id: str) -> None:
        with self._lock:
            self._wrong.pop(slot_id, None)

    def unlock(self, slot_id: str) -> bool:
        """Lift the lock of one keyslot; return whether it was locked."""
        with self._lock:
            current = self.locked()
            if slot_id not in current:
                return False
            self._save(current - {slot_id})
            return True

    def _save(self, slots: set[str]) -> None:
        write_atomic(self._path, json.dumps({"locked": sorted(slots)}).encode("utf-8"))
