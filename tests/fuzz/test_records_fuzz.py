"""Hypothesis fuzzing of the import JSON parser (vault.records.parse_json_bytes), S29.

Anything it accepts must round-trip and must be storable: a record the parser lets through
but the database refuses would crash an import instead of giving a clear error.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import new_archive, open_as
from vault import records, testimonies
from vault.archive import OpenVault
from vault.errors import InvalidInput

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=30)  # surrogates included
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**64, 2**64) | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=8,
)
VALID: dict[str, Any] = {
    "language": "ko", "text": "[SYNTHETIC TEST] 혜산에서 떠났다.", "interview_date": "2024-05-01",
    "consent": "research",
    "witness": {"name": "Test Person", "aliases": ["TP"], "sex": "female", "birth_year": 1985, "origin": "Hyesan",
                "occupation": "x", "exit_year": 2009, "arrival_year": 2010},
    "sensitive_terms": ["Test Person"],
    "events": [{"violation_type": "arbitrary_detention", "date": "2009-03", "place": "Hyesan"}],
}
FIELDS = [("language",), ("text",), ("interview_date",), ("consent",), ("witness",), ("witness", "name"),
          ("witness", "aliases"), ("witness", "sex"), ("witness", "birth_year"), ("witness", "origin"),
          ("witness", "exit_year"), ("sensitive_terms",), ("events",), ("events", 0), ("events", 0, "date"),
          ("events", 0, "violation_type"), ("events", 0, "place"), ("extra",)]


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenVault]:
    archive = new_archive(tmp_path_factory.mktemp("fuzz") / "archive", admin="admin", passphrase="admin passphrase 1",
                          threshold=1, share_count=1).archive
    with open_as(archive, "admin", "admin passphrase 1") as opened:
        yield opened


def _accepts(raw: bytes) -> records.TestimonyInput | None:
    try:
        return records.parse_json_bytes(raw)
    except InvalidInput as exc:
        assert str(exc) and "\n" not in str(exc)
        return None


def _stored(vault: OpenVault, record: records.TestimonyInput) -> None:
    """An accepted record round-trips through JSON and is stored and read back unchanged (or the store
    refuses it with a clear InvalidInput, never another exception)."""
    again = records.parse_json_bytes(json.dumps(record.to_json(), ensure_ascii=False).encode("utf-8"))
    assert again == record
    try:
        tid = testimonies.add(vault.conn, record, actor=vault.actor)
    except InvalidInput as exc:  # the store's own rules (the archive's list of violation types)
        assert "violation type" in str(exc) and "\n" not in str(exc)
        return
    assert testimonies.original_text(vault.conn, tid) == record.text


@FUZZ
@given(st.binary(max_size=500))
def test_fuzz_import_json_random_bytes(raw: bytes) -> None:
    """Random bytes: InvalidInput with one line, or (never, in practice) a valid record."""
    _accepts(raw)


@FUZZ
@given(path=st.sampled_from(FIELDS), value=JSON_VALUES)
def test_fuzz_import_json_field_values(vault: OpenVault, path: tuple[Any, ...], value: Any) -> None:
    """Any JSON value in any field: a clear InvalidInput, or a record that round-trips and stores."""
    doc = json.loads(json.dumps(VALID))
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    raw = json.dumps(doc, ensure_ascii=bool(len(path) % 2)).encode("utf-8", "surrogatepass")
    record = _accepts(raw)
    if record is not None:
        _stored(vault, record)


@FUZZ
@given(text=ANY_TEXT.filter(bool), terms=st.lists(ANY_TEXT, max_size=3))
def test_fuzz_import_json_any_unicode_text(vault: OpenVault, text: str, terms: list[str]) -> None:
    """Any code points (surrogates, controls, noncharacters) in the text and terms: refused or stored."""
    raw = json.dumps({**VALID, "text": text, "sensitive_terms": terms}).encode("ascii")
    record = _accepts(raw)
    if record is not None:
        _stored(vault, record)


def test_fuzz_reached_the_store(vault: OpenVault) -> None:
    """The property tests above stored records (so they exercised the database, not only refusals)."""
    assert len(testimonies.list_all(vault.conn)) >= 20
