"""Returning browsers: a cookie that lets staff sign in first while strangers flood the form.

A browser that completed a sign-in receives a token signed by the server (an HMAC under a
key derived from the server's secret): 16 random bytes, the time it was issued, the MAC. It
names no one and the server keeps no list of tokens: it only checks the MAC and the age. A
sign-in that presents a valid token is served by a reserved key-derivation slot and ahead of
anonymous attempts (see :mod:`webui.derivations`), so a flood of bogus sign-ins cannot keep
staff out (the "device cookie" defence against online guessing, as OWASP describes it).

A token is only a place in the queue, never a credential: the passphrase and the code are
still required. A stolen or former staff member's token is bounded: one attempt in flight,
and after ``strikes`` failed sign-ins it is refused for the rest of its life (kept in memory
by its random part only, bounded in number).
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import struct
import threading
from collections.abc import Callable

LIFETIME = 90 * 24 * 3600
STRIKES = 5
MAX_BARRED = 100_000
_MAC = 16
_TOKEN = 16 + 8 + _MAC


def cookie_name(tls: bool) -> str:
    """``__Host-`` cookies must be Secure, host-only and Path=/, so only over TLS."""
    return "__Host-testimony-browser" if tls else "testimony-browser"


class ReturningBrowsers:
    def __init__(self, secret: bytes, *, clock: Callable[[], float], lifetime: int = LIFETIME,
                 strikes: int = STRIKES) -> None:
        self._key = hmac.new(secret, b"testimony returning browser v1", hashlib.sha256).digest()
        self._clock = clock
        self._lifetime = lifetime
        self._strikes = strikes
        self._failures: dict[bytes, int] = {}
        self._lock = threading.Lock()

    def issue(self) -> str:
        """A new token for a browser that has just signed in."""
        body = secrets.token_bytes(16) + struct.pack(">Q", int(self._clock()))
        return base64.urlsafe_b64encode(body + self._mac(body)).decode("ascii")

    def recognise(self, token: str | None) -> bytes | None:
        """The token's random part if it is genuine, not expired and not barred; else None."""
        if not token or len(token) > 2 * _TOKEN:
            return None
        try:
            raw = base64.urlsafe_b64decode(token.encode("ascii"))
        except (ValueError, binascii.Error):
            return None
        if len(raw) != _TOKEN or base64.urlsafe_b64encode(raw).decode("ascii") != token \
                or not hmac.compare_digest(raw[-_MAC:], self._mac(raw[:-_MAC])):
            return None
        (issued,) = struct.unpack(">Q", raw[16:24])
        if not 0 <= self._clock() - issued < self._lifetime:
            return None
        with self._lock:
            if self._failures.get(raw[:16], 0) >= self._strikes:
                return None
        return raw[:16]

    def failed(self, browser: bytes) -> None:
        """Count a failed sign-in from this browser; at ``strikes`` it loses its place."""
        with self._lock:
            if len(self._failures) >= MAX_BARRED and browser not in self._failures:
                return  # full: the token still pays the per-client and per-name limits
            self._failures[browser] = self._failures.get(browser, 0) + 1

    def signed_in(self, browser: bytes) -> None:
        with self._lock:
            self._failures.pop(browser, None)

    def _mac(self, body: bytes) -> bytes:
        return hmac.new(self._key, body, hashlib.sha256).digest()[:_MAC]
