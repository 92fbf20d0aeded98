"""The record of which vault key the last issued recovery shares rebuild (S13).

Shares leave the machine on paper; the archive cannot hold them. What it holds is a
keyed fingerprint (``keys.recovery.commitment``) of the key the last issued set
rebuilds, in an audit entry on the object ``recovery:shares`` (hash-chained and
signed like every entry). ``verify`` compares it with the key that opens the vault:
a key rotation interrupted after the new shares were recorded but before they were
handed out, or a rotation whose shares were never recorded, is reported until an
administrator issues new shares.
"""
from __future__ import annotations

import hmac

from keys import recovery
from vault import audit
from vault.store import Connection

OBJECT = "recovery:shares"
#: What ``verify`` says when the last issued shares do not rebuild the current key.
MISMATCH = ("recovery shares: the last issued shares do not rebuild the current vault key (an interrupted key"
            " rotation?); issue new ones with `testimony recovery-shares` and destroy the old ones")


def record_issue(conn: Connection, *, actor: str, key: bytes) -> None:
    """Record that shares of ``key`` were issued (inside the caller's transaction)."""
    audit.append(conn, actor=actor, action="recovery.issue", obj=OBJECT, digest=recovery.commitment(key))


def last_issued(conn: Connection) -> str | None:
    """The fingerprint of the key the last issued shares rebuild, or None (archive older than the record)."""
    row = conn.execute("SELECT content_hash FROM audit WHERE object = ? ORDER BY seq DESC LIMIT 1",
                       (OBJECT,)).fetchone()
    return None if row is None else str(row[0])


def check(conn: Connection, key: bytes) -> list[str]:
    """Problems for ``verify``: empty when the last issued shares rebuild ``key`` (or none are on record)."""
    expected = last_issued(conn)
    if expected is None or hmac.compare_digest(expected, recovery.commitment(key)):
        return []
    return [MISMATCH]
