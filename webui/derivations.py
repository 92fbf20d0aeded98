"""A ceiling on the key derivations that unauthenticated requests can start (sign-in flood).

Every sign-in attempt runs Argon2id with 256 MiB, known user or not, so that timing says
nothing (S16). Without a ceiling, anyone who reaches the server makes it derive as often as
they like, and each attempt in flight holds 256 MiB. At most ``slots`` derivations run at
once (memory ceiling: slots x 256 MiB at any number of connections); an attempt waits at
most ``wait`` seconds for a slot, and one client has at most one attempt in flight. Beyond
that the answer is at once "busy, try again in a few seconds", the same for every name.
The second step of a sign-in (the code) derives nothing, so it is never held up here.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

SLOTS = 2
WAIT_SECONDS = 3.0


class DerivationGate:
    def __init__(self, *, slots: int = SLOTS, wait: float = WAIT_SECONDS) -> None:
        self._slots = threading.BoundedSemaphore(slots)
        self._wait = wait
        self._clients: set[str] = set()
        self._lock = threading.Lock()
        self.refused = 0  # attempts answered "busy" since start, for the admin page

    @contextmanager
    def admit(self, client: str) -> Iterator[bool]:
        """Yield True with a derivation slot held, or False when the attempt must be refused."""
        with self._lock:
            if client in self._clients:
                self.refused += 1
                admitted_client = False
            else:
                self._clients.add(client)
                admitted_client = True
        if not admitted_client:
            yield False
            return
        try:
            if not self._slots.acquire(timeout=self._wait):
                with self._lock:
                    self.refused += 1
                yield False
                return
            try:
                yield True
            finally:
                self._slots.release()
        finally:
            with self._lock:
                self._clients.discard(client)
