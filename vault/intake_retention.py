"""How long imported sealed bundles stay in ``inbox/imported/``, and their purge.

A bundle moved to ``inbox/imported/`` after import is a chain-of-custody copy of a
testimony that the vault already holds. It is sealed to an intake key, so it is not
plaintext, but it is a second copy of the testimony under a second key (an X25519-only
bundle is open to a future quantum attacker; a leaked intake key opens every copy).
It is kept only as long as it is useful:

* until a backup taken **after** its import exists (the backup holds the testimony), and
* never longer than :data:`RETENTION` (30 days) after its import.

Whichever comes first ends its retention. :func:`purge` deletes every bundle past its
retention; ``testimony backup`` runs it after a backup is written, ``testimony intake
import`` after an import, and ``testimony intake purge`` on demand. A file in
``inbox/imported/`` that the audit ledger does not list as imported is never deleted.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from keys.atomic import fsync_dir
from vault.archive import OpenVault
from vault.intake_import import IMPORTED, INBOX, bundle_sha256, ledger_object

#: The longest an imported bundle is kept when no backup has been taken since its import.
RETENTION = timedelta(days=30)


@dataclass(frozen=True)
class Purged:
    removed: list[Path]
    kept: int  # imported bundles still within their retention (or not in the ledger)


def purge(vault: OpenVault, *, now: datetime | None = None) -> Purged:
    """Delete the imported bundles whose retention has ended; return what was removed."""
    folder = vault.archive.folder(INBOX) / IMPORTED
    if not folder.is_dir():
        return Purged([], 0)
    now = now or datetime.now(UTC)
    last_backup = vault.conn.execute("SELECT max(seq) FROM audit WHERE action = 'backup.create'").fetchone()[0]
    removed: list[Path] = []
    kept = 0
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        row = vault.conn.execute(
            "SELECT seq, at FROM audit WHERE action = 'intake.import' AND object = ? ORDER BY seq LIMIT 1",
            (ledger_object(bundle_sha256(path)),),
        ).fetchone()
        if row is None:
            kept += 1  # not in the ledger: not ours to delete
            continue
        imported_at = datetime.strptime(row[1], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        backed_up = last_backup is not None and last_backup > row[0]
        if backed_up or now - imported_at > RETENTION:
            path.unlink()
            removed.append(path)
        else:
            kept += 1
    if removed:
        fsync_dir(folder)
    return Purged(removed, kept)
