"""A release as the vault stores it: its row, reading it, its content hash, and the rules every step shares."""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from keys.keyring import VAULT_ROLES
from vault import audit
from vault.anonymity import Levels, QiBase
from vault.archive import OpenVault
from vault.errors import InvalidInput, Locked, NotFound
from vault.releases import metadata as release_metadata
from vault.store import Connection

STATUSES = ("proposed", "approved", "published", "retracted")


OPEN = ("proposed", "approved", "published")


RETRACT_REASONS = ("archivist", "consent_withdrawn")


KIND = "release"


@dataclass(frozen=True)
class Release:
    id: str
    testimony_id: str
    version: int
    status: str
    language: str
    levels: Levels
    accept_suppression: bool
    proposed_by: str
    proposed_at: str
    approved_by: str | None
    approved_at: str | None
    published_at: str | None
    extract_id: str | None
    retracted_at: str | None
    retract_reason: str | None
    text: str = field(repr=False)
    qi: QiBase = field(repr=False)
    metadata: release_metadata.Metadata = field(repr=False)
    decisions_hash: str = field(repr=False, default="")
    signature: bytes | None = field(repr=False, default=None)

    def summary(self) -> dict[str, Any]:
        """Plain data for listings (no text, no ungeneralised values)."""
        return {"id": self.id, "testimony_id": self.testimony_id, "version": self.version, "status": self.status,
                "levels": self.levels.to_dict(), "accept_suppression": self.accept_suppression,
                "proposed_by": self.proposed_by, "proposed_at": self.proposed_at, "approved_by": self.approved_by,
                "approved_at": self.approved_at, "published_at": self.published_at, "extract_id": self.extract_id,
                "retracted_at": self.retracted_at, "retract_reason": self.retract_reason}


def object_id(release_id: str) -> str:
    return f"{KIND}:{release_id}"


_COLUMNS = ("id, testimony_id, version, status, language, levels, accept_suppression, proposed_by, proposed_at,"
            " approved_by, approved_at, published_at, extract_id, retracted_at, retract_reason, text, qi, metadata,"
            " decisions_hash, signature")


def from_row(row: Sequence[Any]) -> Release:
    v = list(row)
    return Release(v[0], v[1], v[2], v[3], v[4], Levels.from_dict(json.loads(v[5])), bool(v[6]), v[7], v[8],
                   v[9], v[10], v[11], v[12], v[13], v[14], text=v[15], qi=QiBase.from_dict(json.loads(v[16])),
                   metadata=release_metadata.Metadata.from_dict(json.loads(v[17])), decisions_hash=v[18],
                   signature=None if v[19] is None else bytes(v[19]))


def get(conn: Connection, release_id: str) -> Release:
    # B608: the interpolated SQL names are module constants, never input
    row = conn.execute(f"SELECT {_COLUMNS} FROM releases WHERE id = ?", (release_id,)).fetchone()  # noqa: S608  # nosec B608
    if row is None:
        raise NotFound(f"no release {release_id}")
    return from_row(row)


def list_releases(conn: Connection, *, status: str | None = None) -> list[Release]:
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"status must be one of: {', '.join(STATUSES)}")
    # B608: the interpolated SQL names are module constants, never input
    sql = f"SELECT {_COLUMNS} FROM releases"  # noqa: S608  # nosec B608
    params: tuple[Any, ...] = ()
    if status is not None:
        sql += " WHERE status = ?"
        params = (status,)
    return [from_row(r) for r in conn.execute(sql + " ORDER BY proposed_at, id", params)]


def usernames(conn: Connection) -> dict[str, str]:
    """Return user id -> account name, to say who proposed and approved (archivists only, never researchers)."""
    return {str(i): str(n) for i, n in conn.execute("SELECT id, username FROM users")}


def digest(conn: Connection, release_id: str) -> str:
    """Content hash of a release's current row, for the audit log and ``verify``."""
    row = conn.execute("SELECT * FROM releases WHERE id = ?", (release_id,)).fetchone()
    if row is None:
        return audit.DELETED
    value = [bytes(v).hex() if isinstance(v, bytes | memoryview) else v for v in row]
    pictures = conn.execute("SELECT position, media_type, sha256, attachment_id, confirmed_by, confirmed_at"
                            " FROM release_images WHERE release_id = ? ORDER BY position", (release_id,)).fetchall()
    if pictures:  # releases without images hash as before images existed
        value.append([list(p) for p in pictures])
    return audit.content_hash(value)


def ensure_role(vault: OpenVault) -> None:
    if vault.role not in VAULT_ROLES:
        raise Locked("only archivists and administrators handle releases")


def timestamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
