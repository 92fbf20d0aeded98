"""Submitting a testimony from the web: seal it to the archive's intake key into the inbox.

The same sealed bundle format and key as the field kit (``keys.bundle``), so web
intake works while the vault is locked, and once sealed nothing the interviewer holds
can open it again. Attachments stream from their encrypted upload spools straight into
the bundle; no plaintext reaches the disk.
"""
from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, BinaryIO, cast

from keys.atomic import atomic_writer
from keys.bundle import BundleSealer, ensure_attachment_name
from keys.errors import BundleError, IntakeKeyError
from keys.intake import IntakePublicKey
from vault.archive import Archive
from vault.errors import InvalidInput, NotFound
from vault.intake_import import public_key_path

_PUBLIC_MAX = 16 * 1024
SUFFIX = ".sealed"


@dataclass(frozen=True)
class Receipt:
    bundle: str
    attachments: int
    fingerprint: str

    @property
    def reference(self) -> str:
        """What the interviewer notes down and the archivist sees at intake (``receipt_reference``)."""
        return receipt_reference(self.bundle)


def receipt_reference(bundle_name: str) -> str:
    """A short reference for a sealed bundle, from its random file name: ``3F2A-9C1B``.

    The name is random (``secrets.token_hex``), so the reference says nothing about the
    testimony; it only lets interviewer and archivist speak of the same bundle."""
    head = bundle_name[:8].upper()
    return f"{head[:4]}-{head[4:]}"


def public_key(archive: Archive) -> IntakePublicKey:
    """The archive's intake public key, or NotFound when none was made yet."""
    path = public_key_path(archive)
    try:
        with path.open("r", encoding="utf-8") as handle:
            text = handle.read(_PUBLIC_MAX)
    except FileNotFoundError:
        raise NotFound("this archive has no intake key yet (an admin runs `testimony intake keygen`)") from None
    try:
        return IntakePublicKey.from_text(text)
    except IntakeKeyError as exc:
        raise InvalidInput(f"the archive's intake.pub is damaged: {exc}") from None


def attachment_name(raw: str | None, index: int) -> str:
    """A safe name for an uploaded file (the browser's name, or a neutral one)."""
    name = re.sub(r"[\x00-\x1f/\\]", "_", os.path.basename(raw or "")).strip(" .")[:120]
    try:
        ensure_attachment_name(name)
    except BundleError:
        # keep a plain extension: the archive decides an attachment's kind by it (S29)
        suffix = os.path.splitext(os.path.basename(raw or ""))[1]
        return f"attachment-{index + 1}" + (suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", suffix) else "")
    return name


def seal_to_inbox(archive: Archive, record_json: bytes,
                  attachments: Iterable[tuple[str | None, IO[bytes]]] = ()) -> Receipt:
    """Seal one record and its attachments into ``<archive>/inbox/``; return a receipt."""
    key = public_key(archive)
    inbox = archive.folder("inbox")
    name = secrets.token_hex(16) + SUFFIX
    count = 0
    try:
        with atomic_writer(inbox / name, prefix=".web-", suffix=".part") as handle:
            sealer = BundleSealer(handle, key)
            sealer.add_record(record_json)
            used: set[str] = set()
            for index, (raw_name, source) in enumerate(attachments):
                safe = attachment_name(raw_name, index)
                if safe in used:
                    safe = f"{index + 1}-{safe}"[:120]
                used.add(safe)
                sealer.add_attachment(safe, cast(BinaryIO, source))
                count += 1
            sealer.close()
    except BundleError as exc:
        raise InvalidInput(str(exc)) from None
    return Receipt(name, count, key.fingerprint)
