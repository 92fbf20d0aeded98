"""Attachments (photos, scans, PDFs, audio, video): stored encrypted, reviewed, never altered.

::

    blob        the chunked AES-256-GCM file format of <archive>/blobs/ (one key per attachment)
    kinds       declared type -> kind; content checks through vault.media (S29)
    store       stage/finish/record, add, read, audit and verify digests
    deletion    delete (S15): destroy the key, quarantine and purge the blob; crash leftovers
    review      photos: proposed face boxes, masked preview, confirm into a release
"""
from __future__ import annotations

from vault.attachments.deletion import delete, leftovers
from vault.attachments.store import (
    Attachment,
    Staged,
    add,
    get,
    iter_original,
    list_for,
    read,
    stage,
)

__all__ = ["Attachment", "Staged", "add", "delete", "get", "iter_original", "leftovers", "list_for", "read",
           "stage"]
