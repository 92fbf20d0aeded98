"""Login throttling (S18): at most N failures per account name in a sliding window.

Keyed on a hash of the name as typed, whether or not such an account exists, so
throttling says nothing about which names are real, and throttling one name never
slows down another. Names are not kept in clear in memory.
"""
from __future__ import annotations

import hashlib
import threading
from collections import deque
from collections.abc import Callable

MAX_TRACKED = 100_000


class LoginThrottle:
    def __init__(self, *, allowed: int, window: int, clock: Callable[[], float], salt: bytes) -> None:
        self._allowed = allowed
        self._window = window
        self._clock = clock
        self._salt = salt
        self._failures: dict[bytes, deque[float]] = {}
        self._lock = threading.Lock()

    def _key(self, username: str) -> bytes:
        return hashlib.sha256(self._salt + username.strip().casefold().encode("utf-8")).digest()

    def is_blocked(self, username: str) -> bool:
        """Return True when this name already had ``allowed`` failures in the window."""
        now = self._clock()
        with self._lock:
            times = self._failures.get(self._key(username))
            if times is None:
                return False
            while times and now - times[0] >= self._window:
                times.popleft()
            return len(times) >= self._allowed

    def record_failure(self, username: str) -> None:
        now = self._clock()
        with self._lock:
            if len(self._failures) >= MAX_TRACKED:
                self._drop_stale(now)
            self._failures.setdefault(self._key(username), deque()).append(now)

    def record_success(self, username: str) -> None:
        with self._lock:
            self._failures.pop(self._key(username), None)

    def _drop_stale(self, now: float) -> None:
        for key in [k for k, t in self._failures.items() if not t or now - t[-1] >= self._window]:
            del self._failures[key]
