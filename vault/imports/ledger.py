"""Which rows were imported before: a keyed content hash per row, in the audit log.

A row's key is HMAC-SHA256 under a vault secret of the canonical JSON of its record,
its private notes and the SHA-256 of its attachment files. Each imported row writes an
``import.row`` entry on object ``import:<key>:<testimony id>`` in the same transaction
as the testimony it became, so after a crash a row is either imported with its entry
or not at all.
The key is keyed, not a plain hash: the audit log can be exported and read without the
vault key, and a short row must not be confirmable by hashing guesses.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from vault import audit
from vault.archive import OpenVault
from vault.errors import NotFound
from vault.records import TestimonyInput
from vault.store import Connection, transaction

SECRET_NAME = "import_ledger_key"
ACTION = "import.row"
_PREFIX = "import:"


def key(vault: OpenVault, *, create: bool) -> bytes:
    """The vault's ledger key; created (and audited) on first use unless ``create`` is False.

    A dry run must store nothing: it gets a throwaway key when the vault has none yet
    (then nothing was ever imported, so nothing can be found twice across runs).
    """
    try:
        return vault.secret(SECRET_NAME)
    except NotFound:
        if not create:
            return secrets.token_bytes(32)
    value = secrets.token_bytes(32)
    with transaction(vault.conn):
        vault.put_secret(SECRET_NAME, value)
    return value


def row_key(secret: bytes, record: TestimonyInput, notes: Sequence[tuple[str, str]],
            attachment_digests: Sequence[str]) -> str:
    w = record.witness
    # Every field of the record, in a fixed order (dataclasses.asdict deep-copies: 4x slower).
    document = [
        "v1", record.language, record.text, record.consent, record.interview_date,
        [w.name, list(w.aliases), w.sex, w.birth_year, w.origin, w.occupation, w.exit_year, w.arrival_year],
        list(record.sensitive_terms),
        [[e.violation_type, e.date, e.date_precision, e.place, e.perpetrator, e.victims] for e in record.events],
        [list(n) for n in notes], sorted(attachment_digests),
    ]
    data = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return hmac.new(secret, b"testimony/v1/import-row\x00" + data, hashlib.sha256).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


class Known:
    """The row keys already in the ledger and the testimony each became; refreshed inside each write."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._keys: dict[str, str] = {}  # row key -> testimony id
        self._last = 0
        self.refresh()

    def refresh(self) -> None:
        """Read ledger entries written since the last look (another import may be running)."""
        last = self._conn.execute("SELECT max(seq) FROM audit").fetchone()[0] or 0
        rows = self._conn.execute(
            "SELECT object FROM audit WHERE seq > ? AND seq <= ? AND action = ? ORDER BY seq",
            (self._last, last, ACTION),
        ).fetchall()
        for (obj,) in rows:
            row_key, _, testimony_id = str(obj).removeprefix(_PREFIX).partition(":")
            self._keys.setdefault(row_key, testimony_id)
        self._last = max(self._last, last)

    def __contains__(self, row_key: str) -> bool:
        return row_key in self._keys

    def testimony_of(self, row_key: str) -> str | None:
        return self._keys.get(row_key)

    def add(self, row_key: str, testimony_id: str) -> None:
        self._keys[row_key] = testimony_id


def record(conn: Connection, row_key: str, testimony_id: str, *, actor: str, now: datetime | None = None) -> None:
    """Write the ledger entry of an imported row, ``import:<row key>:<testimony id>`` (inside its transaction)."""
    audit.append(conn, actor=actor, action=ACTION, obj=f"{_PREFIX}{row_key}:{testimony_id}", now=now)
