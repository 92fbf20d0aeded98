"""TOTP second factor (RFC 6238): 6 digits, SHA-1, 30 s steps, +-1 step, no replay.

The TOTP secret and the last step used live inside the user's keyslot (see
``keys.keyring``), so they are as safe as the slot secret. A code is accepted only
for a step later than the last one used, and using it records that step in the slot
(``Keyring.update``), so the same code, or an older one, never works twice. Recording
the step reseals the slot under the key the sign-in already derived, so a sign-in with
a code costs one Argon2id run, and the step stays authenticated by AES-GCM.
"""
from __future__ import annotations

import base64
import hmac
import os
import threading
import time
from collections.abc import Callable
from urllib.parse import quote

from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor.totp import TOTP

from keys.errors import KeysError
from keys.keyring import Keyring, Unlocked

DIGITS = 6
STEP_SECONDS = 30
WINDOW = 1  # steps accepted either side of now (clock drift)
SECRET_BYTES = 20
ISSUER = "Testimony Archive"


class TotpRejected(KeysError):
    """The code is wrong, outside the window, already used, or no TOTP is enrolled."""

    def __init__(self, message: str = "second factor code refused") -> None:
        super().__init__(message)


def generate_secret(*, rng: Callable[[int], bytes] = os.urandom) -> bytes:
    """Return a fresh 160-bit TOTP secret."""
    return rng(SECRET_BYTES)


def to_base32(secret: bytes) -> str:
    """Return the secret as authenticator apps want it typed (no padding)."""
    return base64.b32encode(secret).decode("ascii").rstrip("=")


def from_base32(text: str) -> bytes:
    """Parse a base32 secret, tolerating spaces, lower case and missing padding."""
    cleaned = "".join(text.split()).upper()
    cleaned += "=" * (-len(cleaned) % 8)
    try:
        return base64.b32decode(cleaned)
    except ValueError:
        raise TotpRejected("not a base32 TOTP secret") from None


def provisioning_uri(secret: bytes, account: str, *, issuer: str = ISSUER) -> str:
    """Return the ``otpauth://`` URI an authenticator app imports."""
    label = quote(f"{issuer}:{account}", safe="")
    return (
        f"otpauth://totp/{label}?secret={to_base32(secret)}&issuer={quote(issuer, safe='')}"
        f"&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}"
    )


def step_at(now: float) -> int:
    return int(now) // STEP_SECONDS


def code_at(secret: bytes, now: float) -> str:
    """Return the code for the step containing ``now`` (tests and demo scripts)."""
    return _totp(secret).generate(int(now)).decode("ascii")


def matching_step(secret: bytes, code: str, *, last_step: int, now: float) -> int:
    """Return the step ``code`` belongs to, or raise :class:`TotpRejected`.

    Only steps within +-WINDOW of ``now`` and later than ``last_step`` qualify.
    """
    code = code.strip().replace(" ", "")
    if len(code) != DIGITS or not code.isascii() or not code.isdigit():
        raise TotpRejected()
    totp = _totp(secret)
    current = step_at(now)
    found: int | None = None
    for step in range(current - WINDOW, current + WINDOW + 1):
        expected = totp.generate(step * STEP_SECONDS)
        if hmac.compare_digest(expected, code.encode("ascii")) and step > last_step and found is None:
            found = step
    if found is None:
        raise TotpRejected()
    return found


class StepGuard:
    """In-memory record of the last step used per slot, shared by concurrent sign-ins.

    Two sign-ins that unlocked the same slot before either wrote its new last step
    would both see the old one; the guard lets only the first use a given step.
    """

    def __init__(self) -> None:
        self._last: dict[str, int] = {}
        self._lock = threading.Lock()

    def claim(self, slot_id: str, step: int) -> None:
        with self._lock:
            if step <= self._last.get(slot_id, -1):
                raise TotpRejected()
            self._last[slot_id] = step


def verify_and_consume(
    keyring: Keyring,
    unlocked: Unlocked,
    passphrase: str,
    code: str,
    *,
    now: float | None = None,
    guard: StepGuard | None = None,
) -> Unlocked:
    """Check ``code`` for an unlocked slot and record its step in the slot.

    Raises :class:`TotpRejected` if no TOTP is enrolled or the code does not qualify.
    """
    if unlocked.totp_secret is None:
        raise TotpRejected()
    step = matching_step(unlocked.totp_secret, code, last_step=unlocked.totp_last_step,
                         now=time.time() if now is None else now)
    if guard is not None:
        guard.claim(unlocked.slot_id, step)
    try:  # resealed under the KEK the unlock derived: one Argon2id run per sign-in
        return keyring.update(unlocked, passphrase, totp_last_step=step)
    except TotpRejected:
        raise
    except KeysError:  # the slot was rewrapped meanwhile (passphrase change, reset)
        raise TotpRejected() from None


def enrol(
    keyring: Keyring,
    unlocked: Unlocked,
    passphrase: str,
    secret: bytes,
    code: str,
    *,
    now: float | None = None,
) -> Unlocked:
    """Store ``secret`` in the slot once the user proves their app has it with ``code``."""
    if len(secret) < 16:
        raise TotpRejected("TOTP secrets are at least 128 bits")
    step = matching_step(secret, code, last_step=-1, now=time.time() if now is None else now)
    return keyring.update(unlocked, passphrase, totp_secret=secret, totp_last_step=step)


def _totp(secret: bytes) -> TOTP:
    # B303: RFC 6238 TOTP is HMAC-SHA1 in every authenticator app; HMAC is unaffected by SHA-1 collisions
    return TOTP(secret, DIGITS, SHA1(), STEP_SECONDS, enforce_key_length=False)  # nosec B303


def provision(keyring: Keyring, username: str, passphrase: str, *,
              rng: Callable[[int], bytes] = os.urandom) -> bytes:
    """Give ``username``'s slot a fresh TOTP secret (an admin hands it over with the passphrase)."""
    unlocked = keyring.unlock(username, passphrase)
    secret = generate_secret(rng=rng)
    keyring.update(unlocked, passphrase, totp_secret=secret, totp_last_step=-1)
    return secret
