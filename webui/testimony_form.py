"""The interviewer's testimony form: HTML fields <-> the ``testimony add`` JSON shape.

Drafts keep what was typed, even if not valid yet; ``to_record`` applies the one
parser every route into the archive uses (``vault.records.parse``).
"""
from __future__ import annotations

import copy
import json
import re
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


_DATE = re.compile(r"(\d{4})\s*(?:[-./년]\s*(\d{1,2})\s*(?:[-./월]\s*(\d{1,2})\s*[.일]?)?\s*[.월]?)?\s*[.년]?")


def written_date(value: str) -> str:
    """A date as people write it (2024-05-01, 2024.5.1, 2024/5/1, 2024년 5월 1일, or only the
    year and month) in the one form the archive keeps: 2024-05-01, 2024-05 or 2024. Anything
    else is returned as typed, for the form to refuse by its field."""
    text = value.strip()
    found = _DATE.fullmatch(text)
    if not found:
        return text
    year, month, day = found.groups()
    return "-".join([year] + [f"{int(part):02d}" for part in (month, day) if part])


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace(",", "\n").splitlines() if line.strip()]


def from_form(form: MultiDict[str, str]) -> dict[str, Any]:
    """Return the draft content for the submitted fields (strings, as typed)."""
    witness: dict[str, Any] = {name: form.get(f"witness_{name}", "").strip() for name in WITNESS_FIELDS}
    witness["aliases"] = _lines(form.get("witness_aliases", ""))
    events = []
    for index in range(MAX_EVENTS):
        row = {name: form.get(f"event_{index}_{name}", "").strip() for name in EVENT_FIELDS}
        row["date"] = written_date(row["date"])
        if any(row.values()):
            events.append(row)
    return {
        "language": form.get("language", "en"),
        "interview_date": written_date(form.get("interview_date", "")),
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


def _check(doc: dict[str, Any]) -> None:
    records.parse(doc)  # raises InvalidInput naming the field
    for index, event in enumerate(doc.get("events", [])):
        if event.get("violation_type") not in VIOLATION_TYPES:
            raise InvalidInput(f"events[{index}].violation_type must be one of: {', '.join(VIOLATION_TYPES)}")


def to_record_json(content: dict[str, Any]) -> bytes:
    """Validate with the archive's parser; return canonical JSON bytes to seal."""
    doc = to_record_document(content)
    _check(doc)
    return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")


#: What stands in for a refused field while the rest of the form is checked (never stored).
_STAND_INS = {"language": "en", "consent": "research", "text": "-"}


def _without(doc: dict[str, Any], field: str) -> bool:
    """Replace the refused ``field`` of ``doc`` by a stand-in or drop it; False if it cannot be."""
    event = re.fullmatch(r"events\[(\d+)\]\.([a-z_]+)", field)
    if event:
        row = doc.get("events", [])[int(event[1])]
        if event[2] == "violation_type":
            row["violation_type"] = VIOLATION_TYPES[0]
        else:
            row.pop(event[2], None)
        return True
    if field in _STAND_INS:
        doc[field] = _STAND_INS[field]
        return True
    if field.startswith("witness."):
        return doc.get("witness", {}).pop(field.removeprefix("witness."), None) is not None
    return doc.pop(field, None) is not None


def refusals(content: dict[str, Any]) -> list[tuple[str | None, str]]:
    """Every refusal of the form at once, as ``(field, parser message)``; empty if it is accepted.

    The parser stops at the first problem; each refused field is set aside in a copy and the
    rest checked again, so the interviewer sees all problems in one go. ``field`` is None for a
    refusal not tied to one field (it ends the list).
    """
    from webui.form_errors import field_of

    doc = copy.deepcopy(to_record_document(content))
    found: list[tuple[str | None, str]] = []
    for _ in range(_MAX_REFUSALS):
        try:
            _check(doc)
        except InvalidInput as exc:
            field = field_of(str(exc))
            found.append((field, str(exc)))
            if field is None or not _without(doc, field):
                break
        else:
            break
    return sorted(found, key=lambda refusal: _form_position(refusal[0]))


def _form_position(field: str | None) -> tuple[int, int, int]:
    """Where ``field`` stands on the form, top to bottom (a refusal without a field goes last)."""
    top = ["language", "interview_date", "consent", "witness.name", "witness.aliases",
           *(f"witness.{name}" for name in WITNESS_FIELDS[1:]), "sensitive_terms", "events", "text"]
    if field is None:
        return (len(top) + 1, 0, 0)
    event = re.fullmatch(r"events\[(\d+)\]\.([a-z_]+)", field)
    if event:
        return (top.index("events"), int(event[1]), EVENT_FIELDS.index(event[2]) if event[2] in EVENT_FIELDS else 0)
    return (top.index(field) if field in top else len(top), 0, 0)


_MAX_REFUSALS = 10 + len(WITNESS_FIELDS) + MAX_EVENTS * len(EVENT_FIELDS)
