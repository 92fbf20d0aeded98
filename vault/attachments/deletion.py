"""Deleting an attachment (S15): destroy its key, then quarantine and purge its blob; leftovers of crashes."""
from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from keys.atomic import fsync_dir
from vault import audit
from vault.archive import Archive, OpenVault
from vault.attachments.store import BLOBS, Attachment, get, object_id, timestamp
from vault.errors import InvalidInput, StorageError
from vault.store import checkpoint, transaction

_DELETED = ".deleted-"


def delete(vault: OpenVault, attachment_id: str, *, now: datetime | None = None) -> Attachment:
    """Destroy the attachment's key, then quarantine and purge its blob.

    After the transaction commits no copy of the blob (a backup, a seized disk) can be
    decrypted with anything the archive holds. The row stays, marked deleted, so the
    audit chain and the SHA-256 of the original remain for the chain of custody; the
    file name (which may identify) is cleared.
    """
    conn = vault.conn
    with transaction(conn):
        item = get(conn, attachment_id)
        if item.is_deleted:
            raise InvalidInput(f"attachment {attachment_id} is already deleted")
        blob_name = conn.execute("SELECT blob_name FROM attachments WHERE id = ?", (attachment_id,)).fetchone()[0]
        conn.execute("UPDATE attachments SET wrapped_key = NULL, filename = '', deleted_at = ? WHERE id = ?",
                     (timestamp(now), attachment_id))
        audit.append(conn, actor=vault.actor, action="attachment.delete", obj=object_id(attachment_id),
                     digest=audit.DELETED, now=now)
    try:  # secure_delete zeroed the old row's page; the checkpoint moves that page out of the WAL
        checkpoint(conn)
    except StorageError:
        pass  # another reader is busy: the next checkpoint will do it
    purge(quarantine(vault.archive, blob_name))
    return get(conn, attachment_id)


def quarantine(archive: Archive, blob_name: str) -> Path:
    """Move a blob whose key is destroyed out of the way (step 1 of 2)."""
    folder = archive.folder(BLOBS)
    source, target = folder / blob_name, folder / (_DELETED + blob_name)
    if source.exists():
        os.replace(source, target)
        fsync_dir(folder)
    return target


def purge(path: Path) -> None:
    """Remove a quarantined blob (step 2 of 2). Overwriting first would not help on SSDs and
    journaling file systems; the destroyed key is what makes the bytes unreadable."""
    path.unlink(missing_ok=True)
    fsync_dir(path.parent)


def leftovers(vault: OpenVault) -> list[Path]:
    """Blob files no live attachment uses: quarantined, half-written or orphaned by a crash."""
    folder = vault.archive.folder(BLOBS)
    if not folder.is_dir():
        return []
    live = {name for (name,) in vault.conn.execute("SELECT blob_name FROM attachments WHERE wrapped_key IS NOT NULL")}
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name not in live)


def purge_leftovers(vault: OpenVault, *, older_than: timedelta = timedelta(hours=1),
                    now: datetime | None = None) -> list[str]:
    """Remove blob files no live attachment uses; return their names.

    Quarantined blobs go at once. Half-written or orphaned blobs (a crash between writing a
    blob and committing its row) go only when older than ``older_than``, so an import
    running in another process keeps its staged files. Their keys were never stored:
    they are unreadable anyway; this only frees the space.
    """
    limit = (now or datetime.now(UTC)) - older_than
    removed = []
    for path in leftovers(vault):
        stale = datetime.fromtimestamp(path.stat().st_mtime, UTC) < limit
        if path.name.startswith(_DELETED) or stale:
            purge(path)
            removed.append(path.name)
    return removed
