"""Private notes: text an import keeps beside a testimony, in the vault only.

A Martus bulletin's private section, or a column marked ``note``, becomes notes
(label and value). They are audited as object ``notes:<testimony id>`` with their
content hash, so ``testimony verify`` notices a changed or removed note.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from vault import audit
from vault.store import Connection

MAX_NOTE = 200_000


def object_id(testimony_id: str) -> str:
    return f"notes:{testimony_id}"


def add(conn: Connection, testimony_id: str, notes: Sequence[tuple[str, str]], *, actor: str,
        now: datetime | None = None) -> None:
    """Store a testimony's notes and audit them; call inside the testimony's transaction."""
    if not notes:
        return
    conn.executemany(
        "INSERT INTO private_notes (testimony_id, position, label, value) VALUES (?, ?, ?, ?)",
        [(testimony_id, i, label, value) for i, (label, value) in enumerate(notes)],
    )
    audit.append(conn, actor=actor, action="notes.create", obj=object_id(testimony_id),
                 digest=digest(conn, testimony_id), now=now)


def for_testimony(conn: Connection, testimony_id: str) -> list[tuple[str, str]]:
    rows = conn.execute("SELECT label, value FROM private_notes WHERE testimony_id = ? ORDER BY position",
                        (testimony_id,))
    return [(str(label), str(value)) for label, value in rows]


def digest(conn: Connection, testimony_id: str) -> str:
    notes = for_testimony(conn, testimony_id)
    return audit.DELETED if not notes else audit.content_hash([list(n) for n in notes])

