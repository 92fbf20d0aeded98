"""Login throttling (S18): at most N attempts per account name in a sliding window.

Keyed on a hash of the name as typed, whether or not such an account exists, so
throttling says nothing about which names are real, and throttling one name never
slows down another. Names are not kept in clear in memory.

An attempt is reserved BEFORE the key derivation (``reserve``) and counts as a failure
until a success clears the name: ten concurrent wrong attempts cannot all pass the check
while the first ones are still deriving (found while attacking). Each time a name runs
into the limit again, it stays blocked twice as long as the time before (exponential
back-off, up to ``max_backoff``), so guessing a second factor with a stolen passphrase
slows down rather than resuming every window.

A ``scope`` keeps separate counts for the same name: a browser that has signed in before
(webui.devices) counts its own attempts, so a stranger hammering a staff member's name
blocks the name for strangers, not for that staff member's own browser.
"""
from __future__ import annotations

import hashlib
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_TRACKED = 100_000


@dataclass
class _Name:
    attempts: deque[float] = field(default_factory=deque)
    strikes: int = 0  # how often this name has run into the limit since its last success
    blocked_until: float = 0.0


class LoginThrottle:
    def __init__(self, *, allowed: int, window: int, clock: Callable[[], float], salt: bytes,
                 max_backoff: int = 24 * 3600) -> None:
        self._allowed = allowed
        self._window = window
        self._clock = clock
        self._salt = salt
        self._max_backoff = max_backoff
        self._names: dict[bytes, _Name] = {}
        self._lock = threading.Lock()

    def _key(self, username: str, scope: bytes = b"") -> bytes:
        return hashlib.sha256(self._salt + hashlib.sha256(scope).digest()
                              + username.strip().casefold().encode("utf-8")).digest()

    def reserve(self, username: str, *, scope: bytes = b"") -> bool:
        """Count one attempt for this name now; return False (and count nothing) when blocked."""
        now = self._clock()
        with self._lock:
            if len(self._names) >= MAX_TRACKED:
                self._drop_stale(now)
            entry = self._names.setdefault(self._key(username, scope), _Name())
            if now < entry.blocked_until:
                return False
            while entry.attempts and now - entry.attempts[0] >= self._window:
                entry.attempts.popleft()
            if len(entry.attempts) >= self._allowed:
                # The first time, the name is free again when its oldest attempt leaves the
                # window; every later time, for twice as long as the time before.
                entry.strikes += 1
                if entry.strikes == 1:
                    entry.blocked_until = entry.attempts[0] + self._window
                else:
                    entry.blocked_until = now + min(self._window * 2 ** (entry.strikes - 1), self._max_backoff)
                return False
            entry.attempts.append(now)
            return True

    def cancel(self, username: str, *, scope: bytes = b"") -> None:
        """Give back an attempt reserved but never made (the server was too busy to derive)."""
        with self._lock:
            entry = self._names.get(self._key(username, scope))
            if entry is not None and entry.attempts:
                entry.attempts.pop()

    def is_blocked(self, username: str) -> bool:
        """Return True when an attempt for this name would be refused now (counts nothing)."""
        now = self._clock()
        with self._lock:
            entry = self._names.get(self._key(username))
            if entry is None:
                return False
            recent = [t for t in entry.attempts if now - t < self._window]
            return now < entry.blocked_until or len(recent) >= self._allowed

    def record_failure(self, username: str) -> None:
        """Count a failure that was not reserved first (e.g. enrolment)."""
        now = self._clock()
        with self._lock:
            if len(self._names) >= MAX_TRACKED:
                self._drop_stale(now)
            self._names.setdefault(self._key(username), _Name()).attempts.append(now)

    def record_success(self, username: str, *, scope: bytes = b"") -> None:
        with self._lock:
            self._names.pop(self._key(username, scope), None)

    def _drop_stale(self, now: float) -> None:
        stale = [k for k, e in self._names.items()
                 if now >= e.blocked_until and (not e.attempts or now - e.attempts[-1] >= self._window)]
        for key in stale:
            del self._names[key]
