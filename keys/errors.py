"""Errors raised by ``keys``.

::

    KeysError                 base, never raised directly
    ├── UnlockFailed          any failed unlock or decrypt: wrong passphrase, unknown
    │                         user, tampered slot (one opaque error, no hint which)
    ├── CorruptKeyring        the keyring file does not parse
    ├── UnsupportedVersion    a format version this code does not know
    ├── RecoveryFailed        recovery shares do not rebuild a key
    ├── IntakeKeyError        an intake key or intake.pub file is malformed
    └── BundleError           a sealed intake bundle is malformed, damaged, tampered
                              with, of an unknown version or suite, or sealed to
                              another key (the one error for any bad bundle)
"""
from __future__ import annotations


class KeysError(Exception):
    """Base of every error raised by ``keys``; never raised directly."""


class UnlockFailed(KeysError):
    """The secret could not be unlocked; deliberately says nothing about why."""

    def __init__(self, message: str = "unlock failed: wrong user name or passphrase") -> None:
        super().__init__(message)


class CorruptKeyring(KeysError):
    """The keyring file is not a keyring this code can read."""


class UnsupportedVersion(KeysError):
    """A format version this code does not support."""


class RecoveryFailed(KeysError):
    """Recovery shares are missing, malformed or do not belong together."""


class IntakeKeyError(KeysError):
    """An intake key pair, its raw bytes, or an ``intake.pub`` file is malformed."""


class BundleError(KeysError):
    """A sealed intake bundle cannot be read; the only error bundle parsing raises."""
