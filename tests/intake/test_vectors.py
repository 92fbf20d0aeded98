"""Known-answer vectors: bundles sealed by version 1 of the format must always open."""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from keys.bundle import open_bundle
from keys.errors import IntakeKeyError
from keys.intake import IntakePublicKey, IntakeSuite, private_key_from_bytes, private_key_to_bytes

VECTORS = json.loads((Path(__file__).parent / "vectors" / "bundle_v1.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["suite"] for v in VECTORS])
def test_bundle_v1_vector_opens(vector: dict[str, Any]) -> None:
    """A stored v1 bundle opens to the stored record and attachment, byte for byte."""
    key = private_key_from_bytes(bytes.fromhex(vector["private_key"]))
    assert key.suite is IntakeSuite.from_label(vector["suite"])
    public = IntakePublicKey.from_text(vector["public_key_file"])
    assert public == key.public_key()
    received: dict[str, io.BytesIO] = {}
    opened = open_bundle(
        io.BytesIO(bytes.fromhex(vector["bundle"])), key, sink=lambda n: received.setdefault(n, io.BytesIO())
    )
    assert opened.record == vector["record"]
    content = bytes(range(256)) * 20
    assert received["vector.bin"].getvalue() == content
    assert opened.attachments[0].sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize("vector", VECTORS, ids=[v["suite"] for v in VECTORS])
def test_bundle_v1_vector_header_bytes(vector: dict[str, Any]) -> None:
    """The header is exactly as docs/formats.md describes it."""
    data = bytes.fromhex(vector["bundle"])
    suite = IntakeSuite.from_label(vector["suite"])
    assert data[:8] == b"\x89TSB\r\n\x1a\n"
    assert data[8:12] == bytes([1, suite.value, 12, 0])
    wrapped = {IntakeSuite.HYBRID: 1168, IntakeSuite.X25519: 80}[suite]
    plaintext = 1 + 4 + len(json.dumps(vector["record"], ensure_ascii=False, sort_keys=True).encode())
    plaintext += 1 + 2 + len("vector.bin") + 4 + 5120 + 4 + 32 + 1
    chunks = -(-plaintext // 4096)
    assert len(data) == 12 + wrapped + plaintext + 16 * chunks


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=3000))
@example(text=VECTORS[0]["public_key_file"])  # the success path runs every time
def test_fuzz_public_key_file_parser(text: str) -> None:
    """Any text given as intake.pub raises IntakeKeyError or parses; nothing else. What parses is
    a whole key of its suite, named by its fingerprint, and writes back to a file that reads the same."""
    try:
        parsed = IntakePublicKey.from_text(text)
    except IntakeKeyError:
        return
    assert len(parsed.key_bytes) == parsed.suite.public_key_length
    assert f"fingerprint: {parsed.fingerprint}" in text
    assert IntakePublicKey.from_text(parsed.to_text()) == parsed


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200))
@example(data=bytes.fromhex(VECTORS[0]["private_key"])[4:])  # the success path runs every time
def test_fuzz_private_key_bytes(data: bytes) -> None:
    """Any bytes given as a stored private key raise IntakeKeyError or parse; nothing else. What
    parses is exactly what would be stored again, and yields a public key of the same suite."""
    try:
        key = private_key_from_bytes(b"TIK1" + data)
    except IntakeKeyError:
        return
    assert private_key_to_bytes(key) == b"TIK1" + data
    assert key.public_key().suite is key.suite


@settings(max_examples=300, deadline=None)
@given(vector=st.sampled_from(VECTORS), line=st.integers(0, 30), replacement=st.text(max_size=80))
def test_fuzz_public_key_file_with_one_line_replaced(vector: dict[str, Any], line: int, replacement: str) -> None:
    """A real intake.pub with any one line replaced either fails or still means the same key."""
    original = IntakePublicKey.from_text(vector["public_key_file"])
    lines = vector["public_key_file"].split("\n")
    lines[line % len(lines)] = replacement
    try:
        parsed = IntakePublicKey.from_text("\n".join(lines))
    except IntakeKeyError:
        return
    assert parsed == original
