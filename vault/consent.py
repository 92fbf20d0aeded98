"""A witness's new consent: recorded by an archivist or administrator, with its basis, audited.

The release gate reads the testimony's consent scope (S34). When the witness gives new
consent (for example agrees to research use after first asking to keep the testimony in
the archive only), :func:`record` changes the scope and keeps who recorded it, when, and on
what basis. A withdrawn testimony stays withdrawn: withdrawal retracted its releases, and
it cannot be undone here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from keys.keyring import VAULT_ROLES
from vault import audit, testimonies
from vault.archive import OpenVault
from vault.errors import InvalidInput, Locked, NotFound
from vault.records import CONSENT_SCOPES
from vault.store import Connection, transaction

MAX_BASIS = 2000


@dataclass(frozen=True)
class ConsentRecord:
    scope: str
    previous: str
    basis: str
    recorded_by: str
    recorded_at: str


def record(vault: OpenVault, testimony_id: str, scope: str, basis: str, *, now: datetime | None = None) -> None:
    """Record the witness's new consent scope and its basis (who and when are the vault's actor and clock)."""
    if vault.role not in VAULT_ROLES:
        raise Locked("only archivists and administrators record consent")
    if scope not in CONSENT_SCOPES:
        raise InvalidInput(f"consent scope must be one of: {', '.join(CONSENT_SCOPES)}")
    basis = basis.strip()
    if not basis:
        raise InvalidInput("say on what basis the new consent was given (for example: signed form, date, witness)")
    if len(basis) > MAX_BASIS:
        raise InvalidInput(f"the basis is too long (at most {MAX_BASIS} characters)")
    conn = vault.conn
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with transaction(conn):
        row = conn.execute("SELECT consent, status FROM testimonies WHERE id = ?", (testimony_id,)).fetchone()
        if row is None:
            raise NotFound(f"no testimony {testimony_id}")
        if row[1] == "withdrawn":
            raise InvalidInput("the witness withdrew consent for this testimony; it cannot be released again")
        conn.execute("UPDATE testimonies SET consent = ? WHERE id = ?", (scope, testimony_id))
        conn.execute("INSERT INTO consent_records (testimony_id, scope, previous, basis, recorded_by, recorded_at)"
                     " VALUES (?, ?, ?, ?, ?, ?)", (testimony_id, scope, row[0], basis, vault.actor, stamp))
        audit.append(conn, actor=vault.actor, action="testimony.consent", obj=testimonies.object_id(testimony_id),
                     digest=testimonies.digest(conn, testimony_id), now=now)


def current(conn: Connection, testimony_id: str) -> tuple[str, str]:
    """Return the testimony's consent scope and status."""
    row = conn.execute("SELECT consent, status FROM testimonies WHERE id = ?", (testimony_id,)).fetchone()
    if row is None:
        raise NotFound(f"no testimony {testimony_id}")
    return str(row[0]), str(row[1])


def history(conn: Connection, testimony_id: str) -> list[ConsentRecord]:
    """Every consent recorded after intake, oldest first."""
    rows = conn.execute("SELECT scope, previous, basis, recorded_by, recorded_at FROM consent_records"
                        " WHERE testimony_id = ? ORDER BY id", (testimony_id,))
    return [ConsentRecord(*row) for row in rows]
