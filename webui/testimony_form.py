"""The interviewer's testimony form: HTML fields <-> the ``testimony add`` JSON shape.

Drafts keep what was typed, even if not valid yet; ``to_record`` applies the one
parser every route into the archive uses (``vault.records.parse``).
"""
from __future__ import annotations

import json
from typing import Any

from werkzeug.datastructures import MultiDict

from vault import records
from vault.errors import InvalidInput

EVENT_ROWS = 3  # empty event rows shown below the filled ones
EVENT_FIELDS = records.EVENT_FIELDS
#: Aliases are typed one per line, apart from the other witness fields.
WITNESS_FIELDS = tuple(name for name in records.WITNESS_FIELDS if name != "aliases")
MAX_EVENTS = records.MAX_EVENTS
#: Interviewers work while the vault is locked, so the form cannot read the vault's table:
#: it uses the same list, from vault.records.
VIOLATION_TYPES = records.VIOLATION_TYPES


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace(",", "\n").splitlines() if line.strip()]


def from_form(form: MultiDict[str, str]) -> dict[str, Any]:
    """Return the draft content for the submitted fields (strings, as typed)."""
    witness: dict[str, Any] = {name: form.get(f"witness_{name}", "").strip() for name in WITNESS_FIELDS}
    witness["aliases"] = _lines(form.get("witness_aliases", ""))
    events = []
    for index in range(MAX_EVENTS):
        row = {name: form.get(f"event_{index}_{name}", "").strip() for name in EVENT_FIELDS}
        if any(row.values()):
            events.append(row)
    return {
        "language": form.get("language", "en"),
        "interview_date": form.get("interview_date", "").strip(),
        "consent": form.get("consent", "research"),
        "text": form.get("text", "").replace("\r\n", "\n"),
        "witness": witness,
        "sensitive_terms": [t.strip() for t in form.get("sensitive_terms", "").splitlines() if t.strip()],
        "events": events,
    }


def empty() -> dict[str, Any]:
    return {"language": "en", "interview_date": "", "consent": "research", "text": "",
            "witness": {name: "" for name in WITNESS_FIELDS} | {"aliases": []},
            "sensitive_terms": [], "events": []}


def _int_or_text(value: str) -> int | str:
    return int(value) if value.isdigit() else value


def to_record_document(content: dict[str, Any]) -> dict[str, Any]:
    """Turn draft content into the ``testimony add`` JSON document (empty fields left out)."""
    witness_in = content.get("witness", {})
    witness: dict[str, Any] = {}
    for name in WITNESS_FIELDS:
        value = str(witness_in.get(name, "")).strip()
        if value:
            witness[name] = _int_or_text(value) if name.endswith("year") else value
    if witness_in.get("aliases"):
        witness["aliases"] = list(witness_in["aliases"])
    doc: dict[str, Any] = {
        "language": content.get("language"),
        "text": content.get("text", ""),
        "consent": content.get("consent"),
    }
    if content.get("interview_date"):
        doc["interview_date"] = content["interview_date"]
    if witness:
        doc["witness"] = witness
    if content.get("sensitive_terms"):
        doc["sensitive_terms"] = list(content["sensitive_terms"])
    events = []
    for row in content.get("events", []):
        event = {k: v for k, v in row.items() if k in EVENT_FIELDS and v}
        if event:
            events.append(event)
    if events:
        doc["events"] = events
    return doc


def to_record_json(content: dict[str, Any]) -> bytes:
    """Validate with the archive's parser; return canonical JSON bytes to seal."""
    doc = to_record_document(content)
    records.parse(doc)  # raises InvalidInput naming the field
    if any(e.get("violation_type") not in VIOLATION_TYPES for e in doc.get("events", [])):
        raise InvalidInput("events: choose a violation type from the list")
    return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")
