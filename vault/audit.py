"""Hash-chained, signed audit log (S05, S26).

Each entry is written in the same transaction as the change it records and holds
only opaque ids and hashes: sequence, UTC time, actor id, action, object id, the
content hash of the object's new version, and the previous entry's hash. Signed
checkpoints (Ed25519) can be exported and checked without the vault key.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from keys import signing
from vault.errors import VaultError
from vault.store import Connection

GENESIS = "0" * 64
#: content hash recorded for reads and for deleted objects.
NO_CONTENT = "-"
DELETED = "deleted"

#: Every action the archive records; entries with any other action are refused.
ACTIONS = frozenset(
    {
        "archive.init",
        "archive.rekey",
        "archive.restore",
        "user.create",
        "user.remove",
        "user.reset",
        "secret.create",
        "testimony.create",
        "testimony.read",
        "testimony.revise",
        "testimony.status",
        "testimony.consent",
        "terms.update",
        "decisions.save",
        "attachment.create",
        "attachment.read",
        "attachment.delete",
        "intake.import",
        "import.row",
        "notes.create",
        "release.propose",
        "release.approve",
        "release.publish",
        "release.retract",
        "release.image",
        "release.generalise",
        "release.send_back",
        "export.create",
        "backup.create",
        "recovery.issue",
        "signin.flood",
    }
)


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    actor: str
    action: str
    object: str
    content_hash: str
    prev_hash: str
    entry_hash: str


def content_hash(value: Any) -> str:
    """SHA-256 of the canonical JSON form of a record version."""
    data = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def append(
    conn: Connection,
    *,
    actor: str,
    action: str,
    obj: str,
    digest: str = NO_CONTENT,
    now: datetime | None = None,
) -> Entry:
    """Append one entry; must run inside the transaction that makes the change."""
    if not conn.in_transaction:
        raise VaultError("audit entries are written inside the change's transaction")
    if action not in ACTIONS:
        raise VaultError(f"unknown audit action: {action}")
    last = conn.execute("SELECT seq, entry_hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    entry_hash = _entry_hash(seq, at, actor, action, obj, digest, prev)
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, object, content_hash, prev_hash, entry_hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, obj, digest, prev, entry_hash),
    )
    return Entry(seq, at, actor, action, obj, digest, prev, entry_hash)


def entries(conn: Connection) -> list[Entry]:
    rows = conn.execute(
        "SELECT seq, at, actor, action, object, content_hash, prev_hash, entry_hash FROM audit ORDER BY seq"
    )
    return [Entry(*row) for row in rows]


def find(conn: Connection, *, actor: str | None = None, action: str | None = None, since: str | None = None,
         until: str | None = None, limit: int = 100, offset: int = 0) -> tuple[list[Entry], int]:
    """Entries newest first, of one actor and action, on or after the day ``since`` and on or
    before the day ``until`` (YYYY-MM-DD); with how many match in all."""
    where: list[str] = []
    params: list[str] = []
    for column, value in (("actor", actor), ("action", action)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if since:
        where.append("at >= ?")
        params.append(since)
    if until:
        where.append("at < ?")
        params.append(until + "~")  # every time on that day sorts before "YYYY-MM-DD~"
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(conn.execute(f"SELECT count(*) FROM audit{clause}", params).fetchone()[0])  # noqa: S608  # nosec B608
    rows = conn.execute(
        "SELECT seq, at, actor, action, object, content_hash, prev_hash, entry_hash FROM audit"  # noqa: S608  # nosec B608
        f"{clause} ORDER BY seq DESC LIMIT ? OFFSET ?", [*params, max(1, min(limit, 500)), max(0, offset)])
    return [Entry(*row) for row in rows], total


def verify_chain(items: list[Entry]) -> list[str]:
    """Return a description of every broken link, naming entries by position."""
    problems = []
    prev = GENESIS
    for position, entry in enumerate(items, start=1):
        if entry.seq != position:
            problems.append(f"audit entry {position}: sequence number {entry.seq} (deleted or reordered entries)")
        if entry.prev_hash != prev:
            problems.append(f"audit entry {position}: does not follow the previous entry (deleted or reordered)")
        expected = _entry_hash(
            entry.seq, entry.at, entry.actor, entry.action, entry.object, entry.content_hash, entry.prev_hash
        )
        if expected != entry.entry_hash:
            problems.append(f"audit entry {position}: content was edited")
        prev = entry.entry_hash
    return problems


def latest_digests(conn: Connection) -> dict[str, str]:
    """Return object id -> content hash of its last recorded version."""
    rows = conn.execute(
        "SELECT object, content_hash FROM audit WHERE content_hash != ? ORDER BY seq", (NO_CONTENT,)
    )
    return {obj: digest for obj, digest in rows}


# -- signed checkpoints ---------------------------------------------------------------


def sign_checkpoint(conn: Connection, private_key: bytes, *, now: datetime | None = None) -> None:
    """Sign the newest entry's hash (inside the caller's transaction)."""
    last = conn.execute("SELECT seq, entry_hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    if last is None:
        return
    at = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    signature = signing.sign(private_key, _checkpoint_message(last[0], last[1]))
    conn.execute(
        "INSERT OR REPLACE INTO audit_checkpoints (seq, entry_hash, signature, at) VALUES (?, ?, ?, ?)",
        (last[0], last[1], signature, at),
    )


def export_log(conn: Connection, public_key: bytes) -> dict[str, Any]:
    """Return the chain and its signed checkpoints as a JSON-ready document."""
    checkpoints = conn.execute("SELECT seq, entry_hash, signature, at FROM audit_checkpoints ORDER BY seq")
    return {
        "format": "testimony-audit-export",
        "version": 1,
        "public_key": public_key.hex(),
        "entries": [list(e.__dict__.values()) for e in entries(conn)],
        "checkpoints": [
            {"seq": s, "entry_hash": h, "signature": bytes(sig).hex(), "at": at} for s, h, sig, at in checkpoints
        ],
    }


def verify_export(document: dict[str, Any], public_key: bytes | None = None) -> list[str]:
    """Check an exported log without any secret; return the problems found."""
    try:
        key = bytes.fromhex(document["public_key"])
        items = [Entry(*row) for row in document["entries"]]
        checkpoints = document["checkpoints"]
    except (KeyError, TypeError, ValueError):
        return ["audit export is malformed"]
    if public_key is not None and key != public_key:
        return ["audit export is signed by another key"]
    return verify_chain(items) + verify_checkpoints(items, checkpoints, key)


def verify_checkpoints(items: list[Entry], checkpoints: list[dict[str, Any]], public_key: bytes) -> list[str]:
    """Check each signed checkpoint against the entries it covers."""
    problems = []
    hashes = {e.seq: e.entry_hash for e in items}
    if not checkpoints and items:
        problems.append("audit log has no signed checkpoint")
    for cp in checkpoints:
        try:
            message = _checkpoint_message(cp["seq"], cp["entry_hash"])
            signing.verify_signature(public_key, bytes.fromhex(cp["signature"]), message)
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            problems.append(f"checkpoint at entry {cp.get('seq')}: bad signature")
            continue
        if hashes.get(cp["seq"]) != cp["entry_hash"]:
            problems.append(f"checkpoint at entry {cp['seq']}: the log no longer matches what was signed")
    return problems


def _checkpoint_message(seq: int, entry_hash: str) -> bytes:
    return f"testimony-audit-checkpoint/v1/{seq}/{entry_hash}".encode()


def _entry_hash(seq: int, at: str, actor: str, action: str, obj: str, digest: str, prev: str) -> str:
    data = json.dumps([seq, at, actor, action, obj, digest, prev], separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()
