"""Hypothesis fuzzing: the bundle parser raises BundleError and nothing else (S29)."""
from __future__ import annotations

import hashlib
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keys._bundle_format import MAGIC, StreamWriter
from keys.bundle import OpenedBundle, open_bundle
from keys.errors import BundleError
from keys.intake import IntakeSuite, generate_intake_key
from tests.intake_records import small_bundle

_KEYS = {suite: generate_intake_key(suite) for suite in IntakeSuite}
_VALID = {suite: small_bundle(key, b"\x01" * 5000) for suite, key in _KEYS.items()}
_FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse(data: bytes, suite: IntakeSuite) -> OpenedBundle | None:
    """Open ``data``; return None on BundleError. Any other exception fails the test."""
    try:
        return open_bundle(io.BytesIO(data), _KEYS[suite], sink=lambda name: io.BytesIO())
    except BundleError:
        return None


def _seal_raw(plaintext: bytes, suite: IntakeSuite) -> bytes:
    """Seal arbitrary plaintext under a genuine header, to reach the entry parser."""
    out = io.BytesIO()
    writer = StreamWriter(out, _KEYS[suite].public_key(), chunk_exponent=12)
    writer.write(plaintext)
    writer.close()
    return out.getvalue()


@_FUZZ
@given(data=st.binary(max_size=3000), suite=st.sampled_from(IntakeSuite))
def test_fuzz_random_bytes(data: bytes, suite: IntakeSuite) -> None:
    """Random bytes never parse and raise only BundleError."""
    assert _parse(data, suite) is None


@_FUZZ
@given(
    head=st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 30), st.integers(0, 1)),
    rest=st.binary(max_size=3000),
    suite=st.sampled_from(IntakeSuite),
)
def test_fuzz_plausible_headers(head: tuple[int, int, int, int], rest: bytes, suite: IntakeSuite) -> None:
    """A real magic with near-valid header fields and random rest raises only BundleError."""
    assert _parse(MAGIC + bytes(head) + rest, suite) is None


@_FUZZ
@given(
    suite=st.sampled_from(IntakeSuite),
    edits=st.lists(
        st.tuples(st.sampled_from(["flip", "insert", "delete"]), st.integers(0, 10**6), st.integers(1, 255)),
        min_size=1,
        max_size=4,
    ),
)
def test_fuzz_mutated_valid_bundles(suite: IntakeSuite, edits: list[tuple[str, int, int]]) -> None:
    """Flips, insertions and deletions in a valid bundle raise only BundleError."""
    data = bytearray(_VALID[suite])
    for kind, position, value in edits:
        position %= len(data) + (kind == "insert")
        if kind == "flip":
            data[position] ^= value
        elif kind == "insert":
            data[position:position] = bytes([value])
        elif len(data) > 1:
            del data[position]
    opened = _parse(bytes(data), suite)
    # Edits can cancel out (the same flip twice): only then may the bundle still open.
    assert (opened is not None) == (bytes(data) == _VALID[suite])


def _entry_soup() -> st.SearchStrategy[bytes]:
    """Plaintexts that look like entry streams: real tags, lengths and JSON, mis-assembled."""
    u32 = st.integers(0, 2**32 - 1).map(lambda n: n.to_bytes(4, "big"))
    u16 = st.integers(0, 300).map(lambda n: n.to_bytes(2, "big"))
    small_len = st.integers(0, 40).map(lambda n: n.to_bytes(4, "big"))
    json_doc = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
        max_leaves=8,
    ).map(lambda v: json.dumps(v).encode())
    record = json_doc.map(lambda doc: b"R" + len(doc).to_bytes(4, "big") + doc)
    pieces = st.one_of(
        record,
        st.sampled_from([b"R", b"A", b"E", b"\x00\x00\x00\x00", b"\x00", b"..", b"a/b", b"\xff\xfe"]),
        u32,
        u16,
        small_len,
        json_doc,
        st.binary(max_size=40),
        st.text(max_size=8).map(str.encode),
    )
    return st.lists(pieces, min_size=1, max_size=12).map(b"".join).filter(bool)


@_FUZZ
@given(plaintext=_entry_soup(), suite=st.sampled_from(IntakeSuite))
def test_fuzz_entry_parser_behind_genuine_encryption(plaintext: bytes, suite: IntakeSuite) -> None:
    """Any plaintext sealed with a genuine header either parses or raises only BundleError."""
    opened = _parse(_seal_raw(plaintext, suite), suite)
    if opened is not None:
        assert plaintext[:1] == b"R" and plaintext[-1:] == b"E"
        assert isinstance(opened.record, dict)


def test_fuzz_oracle_accepts_a_valid_entry_stream() -> None:
    """The raw-plaintext helper builds bundles the parser accepts (the fuzzer can reach success)."""
    doc = b'{"a": 1}'
    plaintext = b"R" + len(doc).to_bytes(4, "big") + doc + b"A\x00\x01x" + b"\x00\x00\x00\x02hi"
    plaintext += b"\x00\x00\x00\x00" + hashlib.sha256(b"hi").digest() + b"E"
    opened = _parse(_seal_raw(plaintext, IntakeSuite.X25519), IntakeSuite.X25519)
    assert opened is not None and opened.record == {"a": 1}
    assert [(a.name, a.size) for a in opened.attachments] == [("x", 2)]
    assert _parse(_seal_raw(plaintext + b"E", IntakeSuite.X25519), IntakeSuite.X25519) is None
