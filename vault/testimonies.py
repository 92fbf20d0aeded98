"""Testimonies in the vault: add, read, revise, list and search.

Every write indexes the text and appends an audit entry in the same transaction.
"""
from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from vault import audit
from vault.errors import InvalidInput, NotFound
from vault.records import Event, TestimonyInput, Witness
from vault.search import compile_query, index_fields
from vault.store import Connection, transaction

STATUSES = ("submitted", "in_review", "released", "withdrawn")


@dataclass(frozen=True)
class Summary:
    id: str
    status: str
    language: str
    interview_date: str | None
    consent: str
    version: int
    created_at: str


@dataclass(frozen=True)
class Testimony:
    summary: Summary
    text: str
    record: TestimonyInput
    #: The testimony's sensitive terms and the archive-wide ones, in the order they were entered.
    terms: tuple[str, ...] = ()


def new_id(batch: str | None = None) -> str:
    """A random testimony id, ``T-`` and 12 hex digits.

    Testimonies stored in one transaction share a random ``batch`` of 4 digits (their
    created_at is the same anyway); the other 8 are each their own. Five indexes are
    keyed by testimony id (testimonies, versions, witnesses, events, sensitive terms):
    with ids random through and through, a transaction of 1,000 testimonies rewrote most
    leaf pages of all five, and SQLCipher seals every page it writes (at 100,000
    testimonies, most of the encrypted store's extra ingest cost; docs/design.md). With
    a shared batch the transaction's entries sit side by side. Ids stay unordered:
    nothing in an id tells when, or in which order, testimonies arrived.
    """
    return "T-" + (batch if batch is not None else secrets.token_hex(2)) + secrets.token_hex(4)


def object_id(testimony_id: str) -> str:
    return f"testimony:{testimony_id}"


def add(conn: Connection, record: TestimonyInput, *, actor: str, now: datetime | None = None) -> str:
    """Store a new testimony (version 1 is the original, kept forever); return its id."""
    return add_many(conn, [record], actor=actor, now=now)[0]


def add_many(
    conn: Connection, records: Sequence[TestimonyInput], *, actor: str, now: datetime | None = None
) -> list[str]:
    """Store several testimonies in one transaction (one audit entry each); return their ids.

    All or none: a refused record leaves none of them stored.
    """
    stamp = _stamp(now)
    ids: list[str] = []
    batch = secrets.token_hex(2)
    with transaction(conn):
        for record in records:
            testimony_id = _fresh_id(conn, batch)
            _insert(conn, testimony_id, record, actor=actor, stamp=stamp)
            audit.append(conn, actor=actor, action="testimony.create", obj=object_id(testimony_id),
                         digest=digest(conn, testimony_id), now=now)
            ids.append(testimony_id)
    return ids


def _fresh_id(conn: Connection, batch: str) -> str:
    """A new id in ``batch`` that no testimony has, this transaction's included (8 random
    digits can repeat, rarely)."""
    while True:
        testimony_id = new_id(batch)
        if conn.execute("SELECT 1 FROM testimonies WHERE id = ?", (testimony_id,)).fetchone() is None:
            return testimony_id


def _insert(conn: Connection, testimony_id: str, record: TestimonyInput, *, actor: str, stamp: str) -> None:
    _check_violation_types(conn, record.events)
    conn.execute(
        "INSERT INTO testimonies (id, status, language, interview_date, consent, current_version,"
        " created_at, updated_at) VALUES (?, 'submitted', ?, ?, ?, 1, ?, ?)",
        (testimony_id, record.language, record.interview_date, record.consent, stamp, stamp),
    )
    conn.execute(
        "INSERT INTO testimony_versions (testimony_id, version, text, created_at, created_by)"
        " VALUES (?, 1, ?, ?, ?)",
        (testimony_id, record.text, stamp, actor),
    )
    _write_witness(conn, testimony_id, record.witness)
    conn.executemany(
        "INSERT INTO sensitive_terms (testimony_id, term) VALUES (?, ?)",
        [(testimony_id, term) for term in record.sensitive_terms],
    )
    _write_events(conn, testimony_id, record.events)
    _index(conn, testimony_id, record.text)


def revise(conn: Connection, testimony_id: str, text: str, *, actor: str, now: datetime | None = None) -> int:
    """Add a new version of the text; the original stays. Return the new version number."""
    stamp = _stamp(now)
    with transaction(conn):
        current = _summary(conn, testimony_id).version
        old_text = conn.execute("SELECT text FROM testimony_versions WHERE testimony_id = ? AND version = ?",
                                (testimony_id, current)).fetchone()[0]
        version = current + 1
        conn.execute(
            "INSERT INTO testimony_versions (testimony_id, version, text, created_at, created_by)"
            " VALUES (?, ?, ?, ?, ?)",
            (testimony_id, version, text, stamp, actor),
        )
        conn.execute("UPDATE testimonies SET current_version = ?, updated_at = ? WHERE id = ?",
                     (version, stamp, testimony_id))
        _index(conn, testimony_id, text, replaces=old_text)
        audit.append(conn, actor=actor, action="testimony.revise", obj=object_id(testimony_id),
                     digest=digest(conn, testimony_id), now=now)
    return version


def set_status(conn: Connection, testimony_id: str, status: str, *, actor: str) -> None:
    if status not in STATUSES:
        raise InvalidInput(f"status must be one of: {', '.join(STATUSES)}")
    with transaction(conn):
        _summary(conn, testimony_id)
        conn.execute("UPDATE testimonies SET status = ?, updated_at = ? WHERE id = ?",
                     (status, _stamp(None), testimony_id))
        audit.append(conn, actor=actor, action="testimony.status", obj=object_id(testimony_id),
                     digest=digest(conn, testimony_id))


def get(conn: Connection, testimony_id: str, *, actor: str) -> Testimony:
    """Read a whole testimony; the read is audited."""
    with transaction(conn):
        summary = _summary(conn, testimony_id)
        text = conn.execute(
            "SELECT text FROM testimony_versions WHERE testimony_id = ? AND version = ?",
            (testimony_id, summary.version),
        ).fetchone()[0]
        both = [(str(term), own is not None) for term, own in conn.execute(
            "SELECT term, testimony_id FROM sensitive_terms WHERE testimony_id = ? OR testimony_id IS NULL"
            " ORDER BY id", (testimony_id,))]
        record = TestimonyInput(
            language=summary.language,
            text=text,
            consent=summary.consent,
            interview_date=summary.interview_date,
            witness=_read_witness(conn, testimony_id),
            sensitive_terms=tuple(term for term, own in both if own),
            events=tuple(_read_events(conn, testimony_id)),
        )
        audit.append(conn, actor=actor, action="testimony.read", obj=object_id(testimony_id))
    return Testimony(summary, text, record, tuple(term for term, _own in both))


def original_text(conn: Connection, testimony_id: str) -> str:
    row = conn.execute(
        "SELECT text FROM testimony_versions WHERE testimony_id = ? AND version = 1", (testimony_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no testimony {testimony_id}")
    return str(row[0])


#: Orders of the archivist's queue: SQL by name (the first is the default: oldest received first).
QUEUE_ORDERS = {
    "received_oldest": "created_at, id",
    "received_newest": "created_at DESC, id DESC",
    "interview_newest": "interview_date IS NULL, interview_date DESC, created_at, id",
    "interview_oldest": "interview_date IS NULL, interview_date, created_at, id",
    "status": "CASE status WHEN 'submitted' THEN 0 WHEN 'in_review' THEN 1 WHEN 'released' THEN 2 ELSE 3 END,"
              " created_at, id",
}


def list_all(conn: Connection, *, status: str | None = None, language: str | None = None,
             order: str = "received_oldest") -> list[Summary]:
    """Every testimony (or those of one ``status`` and ``language``), in one of QUEUE_ORDERS."""
    sql = (
        "SELECT id, status, language, interview_date, consent, current_version, created_at FROM testimonies"
    )
    where: list[str] = []
    params: list[Any] = []
    if status is not None:
        where.append("status = ?")
        params.append(status)
    if language is not None:
        where.append("language = ?")
        params.append(language)
    if where:
        sql += " WHERE " + " AND ".join(where)
    by = QUEUE_ORDERS.get(order, QUEUE_ORDERS["received_oldest"])
    return [Summary(*row) for row in conn.execute(f"{sql} ORDER BY {by}", params)]  # noqa: S608  # nosec B608


#: Search ranks at most this many matches, the newest first (ranking every match of a
#: common word costs a second at 100,000 testimonies; see docs/design.md).
SEARCH_CANDIDATES = 2000


def search(conn: Connection, query: str, *, limit: int = 50) -> list[Summary]:
    """Return testimonies whose current text matches every term of ``query``.

    The newest :data:`SEARCH_CANDIDATES` matches (by index row id, which grows with
    every new or edited text) are ranked by relevance and the best ``limit`` returned.
    """
    expression = compile_query(query)
    if expression is None:
        return []
    rows = conn.execute(
        "WITH c AS MATERIALIZED (SELECT rowid, rank FROM testimony_search WHERE testimony_search MATCH ?"
        " ORDER BY rowid DESC LIMIT ?)"
        " SELECT t.id, t.status, t.language, t.interview_date, t.consent, t.current_version, t.created_at"
        " FROM c JOIN testimonies t ON t.search_rowid = c.rowid ORDER BY c.rank, t.id LIMIT ?",
        (expression, SEARCH_CANDIDATES, limit),
    )
    return [Summary(*row) for row in rows]


def terms(conn: Connection, testimony_id: str, *, archive_wide: bool = True) -> list[str]:
    """Sensitive terms of one testimony, plus the archive-wide list when asked."""
    sql = "SELECT term FROM sensitive_terms WHERE testimony_id = ?"
    if archive_wide:
        sql += " OR testimony_id IS NULL"
    return [row[0] for row in conn.execute(sql + " ORDER BY id", (testimony_id,))]


def snapshot(conn: Connection, testimony_id: str) -> dict[str, Any] | None:
    """Everything that makes up the current version of a testimony, for hashing."""
    row = conn.execute(
        "SELECT id, status, language, interview_date, consent, current_version FROM testimonies WHERE id = ?",
        (testimony_id,),
    ).fetchone()
    if row is None:
        return None
    versions = conn.execute(
        "SELECT version, text, created_by FROM testimony_versions WHERE testimony_id = ? ORDER BY version",
        (testimony_id,),
    ).fetchall()
    witness = conn.execute(
        "SELECT name, aliases, sex, birth_year, origin, occupation, exit_year, arrival_year"
        " FROM witnesses WHERE testimony_id = ?",
        (testimony_id,),
    ).fetchone()
    events = conn.execute(
        "SELECT position, violation_type, date, date_precision, place, perpetrator, victims"
        " FROM events WHERE testimony_id = ? ORDER BY position",
        (testimony_id,),
    ).fetchall()
    return {
        "testimony": list(row),
        "versions": [list(v) for v in versions],
        "witness": list(witness) if witness else None,
        "terms": terms(conn, testimony_id, archive_wide=False),
        "events": [list(e) for e in events],
    }


def digest(conn: Connection, testimony_id: str) -> str:
    value = snapshot(conn, testimony_id)
    return audit.DELETED if value is None else audit.content_hash(value)


# -- internals -------------------------------------------------------------------------


def _summary(conn: Connection, testimony_id: str) -> Summary:
    row = conn.execute(
        "SELECT id, status, language, interview_date, consent, current_version, created_at"
        " FROM testimonies WHERE id = ?",
        (testimony_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no testimony {testimony_id}")
    return Summary(*row)


def _index(conn: Connection, testimony_id: str, text: str, *, replaces: str | None = None) -> None:
    """Index ``text`` as the testimony's full-text entry, removing the entry of ``replaces``.

    The index is contentless: an entry is removed by its row id and the values it was
    indexed with (recomputed from the text it replaces), so 'secure-delete' takes its
    tokens out of the index at once.
    """
    row = conn.execute("SELECT search_rowid FROM testimonies WHERE id = ?", (testimony_id,)).fetchone()
    if row is not None and row[0] is not None and replaces is not None:
        conn.execute("INSERT INTO testimony_search (testimony_search, rowid, words, grams)"
                     " VALUES ('delete', ?, ?, ?)", (row[0], *index_fields(replaces)))
    words, grams = index_fields(text)
    cursor = conn.execute("INSERT INTO testimony_search (words, grams) VALUES (?, ?)", (words, grams))
    conn.execute("UPDATE testimonies SET search_rowid = ? WHERE id = ?", (cursor.lastrowid, testimony_id))


def ensure_known_violation_types(conn: Connection, events: tuple[Event, ...]) -> None:
    """Raise InvalidInput naming any violation type the archive's list lacks (as ``add`` would)."""
    _check_violation_types(conn, events)


def _check_violation_types(conn: Connection, events: tuple[Event, ...]) -> None:
    known = {row[0] for row in conn.execute("SELECT code FROM violation_types")}
    unknown = sorted({e.violation_type for e in events} - known)
    if unknown:
        raise InvalidInput("unknown violation type(s): " + ", ".join(unknown) + " (see `testimony violation-types`)")


def _write_witness(conn: Connection, testimony_id: str, w: Witness) -> None:
    conn.execute(
        "INSERT INTO witnesses (testimony_id, name, aliases, sex, birth_year, origin, occupation,"
        " exit_year, arrival_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (testimony_id, w.name, json.dumps(list(w.aliases), ensure_ascii=False), w.sex, w.birth_year,
         w.origin, w.occupation, w.exit_year, w.arrival_year),
    )


def _read_witness(conn: Connection, testimony_id: str) -> Witness:
    row = conn.execute(
        "SELECT name, aliases, sex, birth_year, origin, occupation, exit_year, arrival_year"
        " FROM witnesses WHERE testimony_id = ?",
        (testimony_id,),
    ).fetchone()
    if row is None:
        return Witness()
    name, aliases, sex, birth_year, origin, occupation, exit_year, arrival_year = row
    return Witness(name, tuple(json.loads(aliases)), sex or "unknown", birth_year, origin, occupation,
                   exit_year, arrival_year)


def _write_events(conn: Connection, testimony_id: str, events: tuple[Event, ...]) -> None:
    conn.executemany(
        "INSERT INTO events (id, testimony_id, position, violation_type, date, date_precision, place,"
        " perpetrator, victims) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            # Unique as (testimony_id, position) is, and next to the testimony's other rows.
            (f"E-{testimony_id[2:]}-{i}", testimony_id, i, e.violation_type, e.date, e.date_precision,
             e.place, e.perpetrator, e.victims)
            for i, e in enumerate(events)
        ],
    )


def _read_events(conn: Connection, testimony_id: str) -> list[Event]:
    rows = conn.execute(
        "SELECT violation_type, date, date_precision, place, perpetrator, victims FROM events"
        " WHERE testimony_id = ? ORDER BY position",
        (testimony_id,),
    )
    return [Event(*row) for row in rows]


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
