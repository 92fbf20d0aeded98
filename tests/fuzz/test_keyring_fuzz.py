"""Hypothesis fuzzing of the keyring parser (S10, S29): only KeysError, never a crash or a weak slot."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keys import keyring
from keys.errors import KeysError
from keys.keyring import Keyring, Role
from keys.profiles import MINIMUM, TEST_ONLY

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _valid(tmp: Path) -> bytes:
    ring = Keyring.create(tmp / "keyring", profile=TEST_ONLY)
    ring.add("admin", "admin passphrase", Role.ADMIN, b"\x01" * 32)
    ring.add("rita", "rita passphrase 1", Role.RESEARCHER, b"\x02" * 32)
    return (tmp / "keyring").read_bytes()


def _sensitive_doc() -> dict[str, Any]:
    """A well-formed keyring document claiming the sensitive profile (slots never unwrapped)."""
    slot = {"id": "0" * 16, "role": "admin", "user_tag": "A" * 43 + "=", "salt": "A" * 22 + "==",
            "kdf": {"m": MINIMUM.memory_kib, "t": MINIMUM.time_cost, "p": MINIMUM.parallelism},
            "wrapped": "A" * 80}
    return {"format": "testimony-keyring", "version": 1, "profile": "sensitive", "user_salt": "A" * 22 + "==",
            "user_kdf": {"m": 19456, "t": 2, "p": 1}, "slots": [slot]}


def _parse(raw: bytes) -> bool:
    try:
        keyring.parse(raw)
    except KeysError:
        return False
    return True


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_keyring_random_bytes_only_keys_error(raw: bytes) -> None:
    """Random bytes never parse and raise only KeysError."""
    assert not _parse(raw)


PATHS = [("format",), ("version",), ("profile",), ("user_salt",), ("user_kdf",), ("user_kdf", "m"), ("slots",),
         ("slots", 0), ("slots", 0, "id"), ("slots", 0, "role"), ("slots", 0, "user_tag"), ("slots", 0, "salt"),
         ("slots", 0, "kdf"), ("slots", 0, "kdf", "m"), ("slots", 0, "kdf", "t"), ("slots", 0, "kdf", "p"),
         ("slots", 0, "wrapped")]


@FUZZ
@given(path=st.sampled_from(PATHS), value=JSON_VALUES, drop=st.booleans())
def test_fuzz_keyring_field_mutations_only_keys_error(path: tuple[Any, ...], value: Any, drop: bool) -> None:
    """Any field of a sensitive keyring replaced by any JSON value (or removed): KeysError, or a keyring
    whose every slot still costs at least the documented minimum."""
    doc = _sensitive_doc()
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    if drop and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = copy.deepcopy(value)
    raw = json.dumps(doc).encode()
    try:
        header, slots = keyring.parse(raw)
    except KeysError:
        return
    if header.profile.name == "sensitive":
        assert all(s.kdf.is_at_least(MINIMUM) for s in slots)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0), bit=st.integers(0, 7))
def test_fuzz_keyring_flipped_bit_never_unlocks_silently(tmp_path: Path, position: int, bit: int) -> None:
    """Flip any bit of a real keyring: parsing fails, or the unlock fails, or it yields the same secret."""
    folder = tmp_path / "ring"
    folder.mkdir(exist_ok=True)
    (folder / "keyring").unlink(missing_ok=True)
    data = bytearray(_valid(folder))
    index = position % len(data)
    data[index] ^= 1 << bit
    (folder / "keyring").write_bytes(bytes(data))
    try:
        unlocked = Keyring(folder / "keyring").unlock("admin", "admin passphrase")
    except KeysError:
        return
    assert unlocked.secret == b"\x01" * 32 and unlocked.role is Role.ADMIN
