"""Errors raised by ``vault``.

::

    VaultError               base, never raised directly
    ├── Locked               the vault (or reading room) is not open
    ├── NotFound             no such record (or not visible to this role)
    ├── InvalidInput         a record, file or field is refused; the message says why
    ├── IntegrityError       verify found damage or tampering; lists what
    ├── StorageError         the store cannot be opened or written (wrong key, disk full)
    ├── ReleaseBlocked       the release gate refused; carries the reasons
    ├── RedactionError       the redaction engine was misused
    └── MediaError           an attachment or image is refused
"""
from __future__ import annotations

from collections.abc import Sequence


class VaultError(Exception):
    """Base of every error raised by ``vault``; never raised directly."""


class Locked(VaultError):
    """The vault or reading room is locked."""


class NotFound(VaultError):
    """No such record, or not visible to the caller."""


class InvalidInput(VaultError):
    """Input refused; the message names the field or problem."""


class IntegrityError(VaultError):
    """Verification found damage or tampering."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems) or "integrity check failed")


class StorageError(VaultError):
    """The store cannot be opened or written."""


class ReleaseBlocked(VaultError):
    """The release gate refused; ``reasons`` says what an archivist can fix."""

    def __init__(self, reasons: Sequence[str], *, findings: Sequence[object] = ()) -> None:
        self.reasons = list(reasons)  # the command line's wording
        self.findings = list(findings)  # the gate's reasons, for pages to word in plain language
        super().__init__("release blocked: " + "; ".join(self.reasons))


class RedactionError(VaultError):
    """The redaction engine was given something it cannot work with."""


class MediaError(VaultError):
    """An attachment or image is refused; the message says why."""
