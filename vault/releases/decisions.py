"""Redaction decisions stored in the vault, per testimony version (issue 3 storage).

A person's decisions (accepted detections with their action, rejected ones as
``KEEP``, and manual spans) are stored as the engine's plain-data form
(:func:`vault.redaction.decision_to_dict`, which keys each span by a hash of its
normalised string, never the string) plus who decided and when. Each save is audited
(``decisions.save``) with a content hash that ``testimony verify`` rechecks.

When the text is detected again (a new engine, new sensitive terms), the engine's
:func:`vault.redaction.merge_decisions` re-applies what was decided; what nobody has
decided yet comes back as ``undecided``, which the release gate refuses.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from vault import audit, testimonies
from vault.errors import InvalidInput, NotFound
from vault.records import TestimonyInput
from vault.redaction import (
    Action,
    Decision,
    Merged,
    Span,
    decision_to_dict,
    detect,
    merge_decisions,
    propose,
)
from vault.store import Connection, transaction

KIND = "decisions"
MANUAL = "manual"


def object_id(testimony_id: str, version: int) -> str:
    return f"{KIND}:{testimony_id}@{version}"


@dataclass(frozen=True)
class Review:
    """Fresh detections of a testimony's current text merged with stored decisions."""

    testimony_id: str
    version: int
    language: str
    text: str = field(repr=False)
    terms: tuple[str, ...] = field(repr=False)
    merged: Merged = field(repr=False)
    spans: tuple[Span, ...] = field(default=(), repr=False)
    record: TestimonyInput | None = field(default=None, repr=False)
    consent: str = ""
    status: str = ""
    #: The decisions stored for exactly ``version`` (what :func:`load` returns), read with the rest.
    stored: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    @property
    def decisions(self) -> tuple[Decision, ...]:
        return self.merged.decisions

    @property
    def undecided(self) -> tuple[Span, ...]:
        return self.merged.undecided


def load(conn: Connection, testimony_id: str, version: int | None = None) -> list[dict[str, Any]]:
    """Return the stored decisions of a version (the current one by default)."""
    version = version or _current_version(conn, testimony_id)
    row = conn.execute(
        "SELECT decisions FROM redaction_decisions WHERE testimony_id = ? AND version = ?", (testimony_id, version)
    ).fetchone()
    return [] if row is None else list(json.loads(row[0]))


def save(
    conn: Connection,
    testimony_id: str,
    decisions: Sequence[Decision],
    *,
    actor: str,
    scope: str = "occurrence",
    now: datetime | None = None,
) -> str:
    """Replace the decisions of the current version; return the audited digest.

    ``scope`` "string" makes each decision apply to every occurrence of its string.
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with transaction(conn):
        version = _current_version(conn, testimony_id)
        text = _version_text(conn, testimony_id, version)
        previous = {_identity(item): item for item in load(conn, testimony_id, version)}
        items = []
        for decision in sorted(decisions, key=lambda d: (d.span.start, d.span.end)):
            if decision.span.end > len(text):
                raise InvalidInput(f"decision {decision.span.start}..{decision.span.end} is outside the text")
            item: dict[str, Any] = decision_to_dict(text, decision, scope=scope)
            item["decided_by"] = decision.decided_by or actor
            old = previous.get(_identity(item))
            item["decided_at"] = str(old["decided_at"]) if old and "decided_at" in old else stamp
            items.append(item)
        conn.execute(
            "INSERT INTO redaction_decisions (testimony_id, version, decisions, saved_by, saved_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (testimony_id, version) DO UPDATE SET"
            " decisions = excluded.decisions, saved_by = excluded.saved_by, saved_at = excluded.saved_at",
            (testimony_id, version, _dumps(items), actor, stamp),
        )
        value = digest(conn, f"{testimony_id}@{version}")
        audit.append(conn, actor=actor, action="decisions.save", obj=object_id(testimony_id, version),
                     digest=value, now=now)
    return value


def review(conn: Connection, testimony_id: str, *, actor: str) -> Review:
    """Detect identifiers in the current text and re-apply stored decisions (audited read)."""
    item = testimonies.get(conn, testimony_id, actor=actor)
    terms = protected_terms(item)
    spans = detect(item.text, lang=item.summary.language, sensitive_terms=terms)
    found, stored = _stored_up_to(conn, testimony_id, item.summary.version)
    merged = merge_decisions(item.text, spans, stored)
    return Review(testimony_id, item.summary.version, item.summary.language, item.text, tuple(terms), merged,
                  tuple(spans), item.record, item.summary.consent, item.summary.status,
                  stored=tuple(stored) if found == item.summary.version else ())


def stored_for(conn: Connection, testimony_id: str, version: int) -> list[dict[str, Any]]:
    """Decisions of ``version``, or else of the newest earlier version that has any.

    After a revision, the engine's merge re-applies what still fits (manual spans move
    with their string; per-string decisions follow the string); the rest is undecided.
    """
    return _stored_up_to(conn, testimony_id, version)[1]


def _stored_up_to(conn: Connection, testimony_id: str, version: int) -> tuple[int | None, list[dict[str, Any]]]:
    """The newest stored decisions at or before ``version``, and the version they belong to."""
    row = conn.execute(
        "SELECT version, decisions FROM redaction_decisions WHERE testimony_id = ? AND version <= ?"
        " ORDER BY version DESC LIMIT 1", (testimony_id, version),
    ).fetchone()
    return (None, []) if row is None else (int(row[0]), list(json.loads(row[1])))


def accept_all(conn: Connection, testimony_id: str, *, actor: str) -> Review:
    """Keep every stored decision and accept the engine's proposal for each undecided span."""
    current = review(conn, testimony_id, actor=actor)
    proposed = [Decision(d.span, d.action, actor, d.note) for d in propose(list(current.undecided))]
    save(conn, testimony_id, list(current.decisions) + proposed, actor=actor)
    merged = merge_decisions(current.text, current.spans, load(conn, testimony_id, current.version))
    return replace(current, merged=merged)


def reset_to_proposed(conn: Connection, testimony_id: str, *, actor: str) -> int:
    """Forget every decision a person made on the current version (spans added by hand too):
    each detected span goes back to the engine's proposal. Audited as a save of no decisions.
    Return how many decisions were forgotten."""
    forgotten = len(stored_for(conn, testimony_id, _current_version(conn, testimony_id)))
    save(conn, testimony_id, [], actor=actor)
    return forgotten


def manual(start: int, end: int, label: str, action: Action, *, decided_by: str) -> Decision:
    """Return a decision over a span a person marked by hand."""
    return Decision(Span(start, end, label, 1.0, MANUAL, "marked by an archivist"), action, decided_by)


def protected_terms(item: testimonies.Testimony) -> list[str]:
    """Sensitive terms of the testimony and the archive, plus the witness's names."""
    terms = list(item.terms)
    witness = getattr(item.record, "witness", None)
    for name in (getattr(witness, "name", None), *getattr(witness, "aliases", ())):
        if name and name not in terms:
            terms.append(name)
    return terms


def decisions_hash(items: Sequence[Mapping[str, Any]]) -> str:
    return audit.content_hash(list(items))


def digest(conn: Connection, key: str) -> str:
    """Content hash of one stored version's decisions (``T-..@N``), for ``verify``."""
    testimony_id, _, version = key.rpartition("@")
    row = conn.execute(
        "SELECT decisions, saved_by, saved_at FROM redaction_decisions WHERE testimony_id = ? AND version = ?",
        (testimony_id, int(version) if version.isdigit() else -1),
    ).fetchone()
    return audit.DELETED if row is None else audit.content_hash([json.loads(row[0]), row[1], row[2]])


def _identity(item: Mapping[str, Any]) -> tuple[object, ...]:
    return (item.get("start"), item.get("end"), item.get("key"), item.get("action"), item.get("decided_by"))


def _current_version(conn: Connection, testimony_id: str) -> int:
    row = conn.execute("SELECT current_version FROM testimonies WHERE id = ?", (testimony_id,)).fetchone()
    if row is None:
        raise NotFound(f"no testimony {testimony_id}")
    return int(row[0])


def _version_text(conn: Connection, testimony_id: str, version: int) -> str:
    row = conn.execute(
        "SELECT text FROM testimony_versions WHERE testimony_id = ? AND version = ?", (testimony_id, version)
    ).fetchone()
    if row is None:
        raise NotFound(f"no version {version} of testimony {testimony_id}")
    return str(row[0])


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

