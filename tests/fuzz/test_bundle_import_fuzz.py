"""Hypothesis fuzzing of the sealed-bundle path end to end (S14, S29).

tests/intake/test_bundle_fuzz.py fuzzes the bundle parser itself (random bytes, headers,
mutations, entry soup). Here any record a field kit could seal, and any truncation of a
real bundle, goes through ``intake import`` of a real archive: each is imported or refused
with a message and left in place, never an exception, and the archive always verifies.
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keys._bundle_format import StreamWriter
from keys.bundle import ATTACHMENT, END, RECORD
from keys.intake import IntakePublicKey, IntakeSuite
from tests.factories import new_archive, open_as
from vault import intake_import
from vault.archive import OpenVault
from vault.verify import verify_vault

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
TEXT = st.text(st.characters(exclude_categories=()), max_size=20)
VALUES = st.recursive(st.none() | st.booleans() | st.integers() | TEXT,
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                      max_leaves=6)
BASE: dict[str, Any] = {"language": "en", "text": "[SYNTHETIC TEST] sealed in the field.", "consent": "research",
                        "interview_date": "2024-01-02", "witness": {"name": "Field Person"}}


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[OpenVault, IntakePublicKey]]:
    archive = new_archive(tmp_path_factory.mktemp("fuzz-import") / "archive", admin="admin",
                          passphrase="admin passphrase 1", threshold=1, share_count=1).archive
    with open_as(archive, "admin", "admin passphrase 1") as vault:
        public = intake_import.create_intake_key(vault, suite=IntakeSuite.X25519)
        yield vault, public
        assert verify_vault(vault).ok


def _seal(public: IntakePublicKey, record: bytes, tail: bytes = END) -> bytes:
    out = io.BytesIO()
    writer = StreamWriter(out, public, chunk_exponent=12)
    writer.write(RECORD + len(record).to_bytes(4, "big") + record + tail)
    writer.close()
    return out.getvalue()


def _import(vault: OpenVault, data: bytes, name: str) -> str:
    path = vault.archive.folder("inbox") / name
    path.write_bytes(data)
    (outcome,) = list(intake_import.import_bundles(vault, [path]))
    assert outcome.message and "\n" not in outcome.message
    if outcome.status == "refused":
        assert path.read_bytes() == data  # left in place, untouched
        path.unlink()
    return outcome.status


@FUZZ
@given(key=st.sampled_from(sorted(BASE) + ["witness.name", "sensitive_terms", "events", "extra"]), value=VALUES,
       n=st.integers(0, 10**9))
def test_fuzz_any_sealed_record_is_imported_or_refused(opened: tuple[OpenVault, IntakePublicKey], key: str,
                                                       value: Any, n: int) -> None:
    """Any JSON value in any field of a genuinely sealed record: imported, or refused and left in place."""
    vault, public = opened
    doc = json.loads(json.dumps(BASE))
    if key == "witness.name":
        doc["witness"]["name"] = value
    else:
        doc[key] = value
    raw = json.dumps(doc).encode("ascii")
    assert _import(vault, _seal(public, raw), f"f{n}.sealed") in {"imported", "refused", "already-imported"}


@FUZZ
@given(cut=st.integers(1, 10**6), name=TEXT)
def test_fuzz_truncated_or_hostile_named_bundle_is_refused(opened: tuple[OpenVault, IntakePublicKey], cut: int,
                                                          name: str) -> None:
    """A real bundle cut anywhere, or with any attachment name (and a digest that does not match its empty
    content): refused with a message and left in place."""
    vault, public = opened
    encoded = name.encode("utf-8", "surrogatepass")[:300]
    tail = ATTACHMENT + len(encoded).to_bytes(2, "big") + encoded + b"\0\0\0\0" + b"\0" * 32 + END
    whole = _seal(public, json.dumps(BASE).encode(), tail)
    assert _import(vault, whole[: cut % len(whole)], f"t{cut}.sealed") == "refused"
    assert _import(vault, whole, f"n{cut}.sealed") == "refused"
