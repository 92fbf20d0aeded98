"""Sealed bundles: round trips, every kind of damage, S12 and S14."""
from __future__ import annotations

import gc
import hashlib
import io
import os
from pathlib import Path
from unittest import mock

import pytest
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given, settings
from hypothesis import strategies as st

from keys import _bundle_format
from keys._bundle_format import PREFIX_BYTES, TAG_BYTES, wrapped_key_length
from keys.bundle import BundleSealer, open_bundle, seal_bundle
from keys.errors import BundleError
from keys.intake import IntakePrivateKey, IntakePublicKey, IntakeSuite, generate_intake_key
from tests.intake_records import RECORD, SMALL_CHUNKS, record_bytes, small_bundle


def _open(data: bytes, key: IntakePrivateKey) -> dict[str, bytes]:
    received: dict[str, io.BytesIO] = {}

    def sink(name: str) -> io.BytesIO:
        received[name] = io.BytesIO()
        return received[name]

    open_bundle(io.BytesIO(data), key, sink=sink)
    return {name: buf.getvalue() for name, buf in received.items()}


def _chunk_offsets(data: bytes, suite: IntakeSuite) -> list[int]:
    start = PREFIX_BYTES + wrapped_key_length(suite)
    step = (1 << SMALL_CHUNKS) + TAG_BYTES
    return list(range(start, len(data), step))


def test_round_trip_with_attachments_of_a_few_mb(private_key: IntakePrivateKey, tmp_path: Path) -> None:
    """A record and attachments of 3 MB, 1 MB and 0 bytes come back byte for byte."""
    files = {"recording.ogg": os.urandom(3_000_000), "scan.pdf": os.urandom(1_000_001), "empty.txt": b""}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    sealed = tmp_path / "t.sealed"
    with sealed.open("wb") as out:
        handles = [(name, (tmp_path / name).open("rb")) for name in files]
        infos = seal_bundle(out, private_key.public_key(), record_bytes(), handles)
        for _, handle in handles:
            handle.close()
    received: dict[str, io.BytesIO] = {}
    with sealed.open("rb") as source:
        opened = open_bundle(source, private_key, sink=lambda n: received.setdefault(n, io.BytesIO()))
    assert opened.record == RECORD
    assert opened.suite is private_key.suite
    assert opened.attachments == infos
    assert {n: b.getvalue() for n, b in received.items()} == files
    assert [a.sha256 for a in opened.attachments] == [hashlib.sha256(d).hexdigest() for d in files.values()]


@settings(max_examples=40, deadline=None)
@given(size=st.integers(min_value=0, max_value=3 * 4096 + 50), exponent=st.sampled_from([12, 13]))
def test_round_trip_at_every_chunk_boundary(size: int, exponent: int) -> None:
    """Plaintexts ending on, before or after a chunk boundary all round-trip."""
    key = _X25519_KEY
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    out = io.BytesIO()
    seal_bundle(out, key.public_key(), b"{}", [("a", io.BytesIO(data))], chunk_exponent=exponent)
    assert _open(out.getvalue(), key) == {"a": data}


_X25519_KEY = generate_intake_key(IntakeSuite.X25519)


def test_s14_flipped_byte_anywhere_is_refused(private_key: IntakePrivateKey) -> None:
    """Flipping any single bit of any byte of a bundle gives BundleError."""
    data = small_bundle(private_key)
    for position in range(len(data)):
        damaged = bytearray(data)
        damaged[position] ^= 1 << (position % 8)
        with pytest.raises(BundleError):
            _open(bytes(damaged), private_key)


def test_truncated_bundle_is_refused_at_every_length(private_key: IntakePrivateKey) -> None:
    """Every proper prefix of a bundle, including ones ending on a chunk boundary, is refused."""
    data = small_bundle(private_key)
    assert len(_chunk_offsets(data, private_key.suite)) == 3
    for length in range(len(data)):
        with pytest.raises(BundleError):
            _open(data[:length], private_key)


def test_dropped_last_chunk_is_refused(private_key: IntakePrivateKey) -> None:
    """Cutting the bundle exactly before its final chunk is caught by the last-chunk flag."""
    data = small_bundle(private_key)
    last = _chunk_offsets(data, private_key.suite)[-1]
    with pytest.raises(BundleError, match="cannot be opened"):
        _open(data[:last], private_key)


def test_reordered_chunks_are_refused(private_key: IntakePrivateKey) -> None:
    """Swapping two full chunks is caught by the chunk counter in the nonce."""
    data = small_bundle(private_key)
    first, second, third = _chunk_offsets(data, private_key.suite)
    swapped = data[:first] + data[second:third] + data[first:second] + data[third:]
    with pytest.raises(BundleError):
        _open(swapped, private_key)


def test_trailing_bytes_are_refused(private_key: IntakePrivateKey) -> None:
    """Anything appended after the final chunk is refused."""
    data = small_bundle(private_key)
    for extra in (b"\x00", b"x" * TAG_BYTES, os.urandom(5000)):
        with pytest.raises(BundleError):
            _open(data + extra, private_key)


def test_wrong_key_is_refused(private_key: IntakePrivateKey) -> None:
    """Another intake key of the same suite cannot open the bundle."""
    other = generate_intake_key(private_key.suite)
    with pytest.raises(BundleError, match="sealed to another intake key"):
        _open(small_bundle(private_key), other)


def test_wrong_suite_is_refused(private_key: IntakePrivateKey) -> None:
    """A key of the other suite is refused with a message naming both suites."""
    other_suite = IntakeSuite.X25519 if private_key.suite is IntakeSuite.HYBRID else IntakeSuite.HYBRID
    with pytest.raises(BundleError, match=other_suite.label):
        _open(small_bundle(private_key), generate_intake_key(other_suite))


def test_rewritten_suite_id_is_refused(private_key: IntakePrivateKey) -> None:
    """Relabelling the suite byte (to the other suite or an unknown one) is refused."""
    data = bytearray(small_bundle(private_key))
    for suite_id in (1, 2, 0, 3, 255):
        if suite_id == private_key.suite.value:
            continue
        data[9] = suite_id
        with pytest.raises(BundleError):
            _open(bytes(data), private_key)


@pytest.mark.parametrize("version", [0, 2, 255])
def test_wrong_version_is_refused(private_key: IntakePrivateKey, version: int) -> None:
    """A bundle of another format version is refused, saying which version."""
    data = bytearray(small_bundle(private_key))
    data[8] = version
    with pytest.raises(BundleError, match=f"unsupported bundle version {version}"):
        _open(bytes(data), private_key)


def test_not_a_bundle_is_refused(private_key: IntakePrivateKey) -> None:
    """A JPEG, an empty file, a text file are 'not a sealed intake bundle'."""
    for data in (b"", b"\xff\xd8\xff\xe0" + os.urandom(100), b'{"text": "plain"}'):
        with pytest.raises(BundleError, match="not a sealed intake bundle"):
            _open(data, private_key)


def test_header_is_bound_to_key_wrap(private_key: IntakePrivateKey) -> None:
    """Changing the chunk size in the header makes the HPKE unwrap fail (header is HPKE info)."""
    data = bytearray(small_bundle(private_key))
    data[10] = SMALL_CHUNKS + 1
    with pytest.raises(BundleError, match="cannot be opened"):
        _open(bytes(data), private_key)


def test_two_bundles_of_the_same_input_differ(private_key: IntakePrivateKey) -> None:
    """Sealing is randomised: equal inputs give unrelated bundles."""
    first, second = small_bundle(private_key), small_bundle(private_key)
    assert first != second
    assert first[:PREFIX_BYTES] == second[:PREFIX_BYTES]


def test_attachment_name_with_path_is_refused_at_sealing(private_key: IntakePrivateKey) -> None:
    """A path-traversal or control-character name never enters a bundle."""
    for name in ("../etc/passwd", "a/b", "a\\b", "..", "", "x\u202egpj.exe", "a\x00b", "é" * 200):
        sealer = BundleSealer(io.BytesIO(), private_key.public_key())
        sealer.add_record(b"{}")
        with pytest.raises(BundleError):
            sealer.add_attachment(name, io.BytesIO(b"x"))


@pytest.mark.parametrize(
    "record",
    [b"[]", b'{"a": 1, "a": 2}', b'{"a": NaN}', b"{", b"\xff{}", b"", b"[" * 100_000 + b"]" * 100_000],
    ids=["array", "duplicate-key", "nan", "truncated", "not-utf8", "empty", "deep"],
)
def test_bad_record_is_refused_at_sealing(private_key: IntakePrivateKey, record: bytes) -> None:
    """Only a strict JSON object can be sealed as the record."""
    sealer = BundleSealer(io.BytesIO(), private_key.public_key())
    with pytest.raises(BundleError):
        sealer.add_record(record)


_PRIVATE_TYPES = (
    IntakePrivateKey,
    x25519.X25519PrivateKey,
    mlkem.MLKEM768PrivateKey,
)


def _reachable(root: object) -> list[object]:
    """Every object reachable from ``root`` through references Python can see."""
    seen: dict[int, object] = {}
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type | type(gc)):
            continue
        seen[id(obj)] = obj
        stack.extend(gc.get_referents(obj))
    return list(seen.values())


def test_s14_sealing_side_holds_no_private_key(private_key: IntakePrivateKey) -> None:
    """A sealer, its stream and the public key reach no private-key object at all."""
    out = io.BytesIO()
    sealer = BundleSealer(out, IntakePublicKey.from_text(private_key.public_key().to_text()))
    sealer.add_record(record_bytes())
    sealer.add_attachment("a", io.BytesIO(b"x" * 10000))
    reachable = _reachable(sealer)
    sealer.close()
    reachable += _reachable(sealer)
    hpke_private = type(private_key.hpke_key())
    assert not [obj for obj in reachable if isinstance(obj, (*_PRIVATE_TYPES, hpke_private))]
    assert not hasattr(sealer._stream, "_aead")  # the content key is dropped at close


def test_s14_nothing_the_sealer_has_opens_the_bundle(private_key: IntakePrivateKey) -> None:
    """Keys made from the public key's bytes, or fresh ones, cannot open the bundle."""
    data = small_bundle(private_key)
    public_bytes = private_key.public_key().key_bytes
    candidates = [generate_intake_key(private_key.suite) for _ in range(3)]
    suite = private_key.suite
    for offset in range(0, len(public_bytes) - suite.private_key_length + 1, 97):
        candidates.append(IntakePrivateKey(suite, public_bytes[offset : offset + suite.private_key_length]))
    assert len(candidates) > 3
    for candidate in candidates:
        with pytest.raises(BundleError):
            _open(data, candidate)


class _RecordingAESGCM:
    """Wraps AESGCM and records every (key, nonce) it encrypts under."""

    calls: list[tuple[bytes, bytes]] = []

    def __init__(self, key: bytes) -> None:
        self._inner = AESGCM(key)
        self._recorded_key = bytes(key)

    def encrypt(self, nonce: bytes, data: bytes, associated_data: bytes | None) -> bytes:
        _RecordingAESGCM.calls.append((self._recorded_key, bytes(nonce)))
        return self._inner.encrypt(nonce, data, associated_data)


@settings(max_examples=15, deadline=None)
@given(sizes=st.lists(st.integers(min_value=0, max_value=20_000), min_size=1, max_size=6))
def test_s12_no_repeated_key_nonce_across_chunks_and_bundles(sizes: list[int]) -> None:
    """Across every chunk of every bundle sealed, no (key, nonce) pair repeats."""
    _RecordingAESGCM.calls = []
    public = _X25519_KEY.public_key()
    with mock.patch.object(_bundle_format, "AESGCM", _RecordingAESGCM):
        for size in sizes:
            seal_bundle(io.BytesIO(), public, b"{}", [("a", io.BytesIO(b"\x00" * size))], chunk_exponent=12)
    calls = _RecordingAESGCM.calls
    assert len(calls) >= len(sizes)
    assert len(set(calls)) == len(calls)
    assert len({key for key, _ in calls}) == len(sizes)  # one fresh content key per bundle


class _Zeros(io.RawIOBase):
    """A readable stream of ``size`` zero bytes that never exists in memory at once."""

    def __init__(self, size: int) -> None:
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        n = min(len(buffer), self._left)
        buffer[:n] = bytes(n)
        self._left -= n
        return n


def test_large_attachment_streams_in_bounded_memory(tmp_path: Path) -> None:
    """Sealing and opening a 64 MB attachment never allocates more than a few MB at once."""
    import tracemalloc

    key = _X25519_KEY
    size = 64 * 1024 * 1024
    sealed = tmp_path / "big.sealed"
    tracemalloc.start()
    try:
        with sealed.open("wb") as out:
            seal_bundle(out, key.public_key(), b"{}", [("big.bin", io.BufferedReader(_Zeros(size)))])
        _, seal_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        counted = [0]

        class _Counter:
            def write(self, data: bytes) -> None:
                counted[0] += len(data)

        with sealed.open("rb") as source:
            opened = open_bundle(source, key, sink=lambda name: _Counter())
        _, open_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert counted[0] == size and opened.attachments[0].size == size
    assert seal_peak < 8 * 1024 * 1024, seal_peak
    assert open_peak < 8 * 1024 * 1024, open_peak
