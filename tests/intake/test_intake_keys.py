"""Intake key pairs, the intake.pub file, raw private-key bytes."""
from __future__ import annotations

import base64
import re

import pytest

from keys.errors import IntakeKeyError
from keys.intake import (
    DEFAULT_SUITE,
    IntakePrivateKey,
    IntakePublicKey,
    IntakeSuite,
    generate_intake_key,
    private_key_from_bytes,
    private_key_to_bytes,
)


def test_default_suite_is_hybrid_post_quantum() -> None:
    """The default suite is ML-KEM-768 + X25519."""
    assert DEFAULT_SUITE is IntakeSuite.HYBRID
    assert generate_intake_key().suite is IntakeSuite.HYBRID


def test_public_key_file_round_trip(private_key: IntakePrivateKey) -> None:
    """intake.pub parses back to the same key, and names its suite."""
    public = private_key.public_key()
    text = public.to_text()
    assert IntakePublicKey.from_text(text) == public
    assert f"suite: {private_key.suite.label}\n" in text
    assert len(public.key_bytes) == private_key.suite.public_key_length


def test_public_key_file_accepts_crlf(private_key: IntakePrivateKey) -> None:
    """A file that went through a Windows editor still parses."""
    text = private_key.public_key().to_text().replace("\n", "\r\n")
    assert IntakePublicKey.from_text(text) == private_key.public_key()


def test_fingerprint_is_six_groups_of_five_digits(private_key: IntakePrivateKey) -> None:
    """The fingerprint can be read aloud in any language."""
    assert re.fullmatch(r"\d{5}( \d{5}){5}", private_key.public_key().fingerprint)


def test_fingerprint_differs_between_keys() -> None:
    """Two fresh keys do not share a fingerprint."""
    assert generate_intake_key().public_key().fingerprint != generate_intake_key().public_key().fingerprint


def test_edited_key_in_file_is_refused(private_key: IntakePrivateKey) -> None:
    """Changing one character of the key makes the fingerprint line disagree."""
    text = private_key.public_key().to_text()
    lines = text.split("\n")
    key_line = lines.index("key:") + 1
    original = lines[key_line]
    lines[key_line] = ("B" if original[0] != "B" else "C") + original[1:]
    with pytest.raises(IntakeKeyError):
        IntakePublicKey.from_text("\n".join(lines))


def test_substituted_key_with_old_fingerprint_is_refused() -> None:
    """Swapping in another key while keeping the expected fingerprint line is caught."""
    genuine = generate_intake_key(IntakeSuite.X25519).public_key()
    forged = generate_intake_key(IntakeSuite.X25519).public_key().to_text()
    forged = re.sub(r"fingerprint: .*", f"fingerprint: {genuine.fingerprint}", forged)
    with pytest.raises(IntakeKeyError, match="fingerprint"):
        IntakePublicKey.from_text(forged)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda t: t.replace("testimony-intake-public-key/1", "testimony-intake-public-key/2"),
        lambda t: t.replace("suite: ", "suite: quantum-"),
        lambda t: t.replace("key:\n", "key:\n!!!!"),
        lambda t: t.replace("format: ", "formt: "),
        lambda t: "",
        lambda t: t + "A" * 20000,
    ],
    ids=["version", "suite", "base64", "field-name", "empty", "huge"],
)
def test_malformed_public_key_file_is_refused(private_key: IntakePrivateKey, mutate) -> None:  # type: ignore[no-untyped-def]
    """Every malformed intake.pub gives IntakeKeyError."""
    with pytest.raises(IntakeKeyError):
        IntakePublicKey.from_text(mutate(private_key.public_key().to_text()))


def test_wrong_length_public_key_is_refused() -> None:
    """A key of the wrong length for its suite is refused."""
    with pytest.raises(IntakeKeyError):
        IntakePublicKey(IntakeSuite.HYBRID, b"\x01" * 32)


def test_private_key_bytes_round_trip(private_key: IntakePrivateKey) -> None:
    """Raw private bytes (for storage in the vault) rebuild the same key pair."""
    data = private_key_to_bytes(private_key)
    assert data[:4] == b"TIK1" and data[4] == private_key.suite.value
    again = private_key_from_bytes(data)
    assert again.suite is private_key.suite
    assert again.public_key() == private_key.public_key()


@pytest.mark.parametrize(
    "data",
    [b"", b"TIK1", b"TIK1\x03" + b"\x00" * 32, b"TIK2\x02" + b"\x01" * 32, b"TIK1\x01" + b"\x01" * 95],
    ids=["empty", "no-suite", "unknown-suite", "magic", "short"],
)
def test_malformed_private_key_bytes_are_refused(data: bytes) -> None:
    """Malformed raw private bytes give IntakeKeyError, never another exception."""
    with pytest.raises(IntakeKeyError):
        private_key_from_bytes(data)


def test_private_key_repr_holds_no_key_material(private_key: IntakePrivateKey) -> None:
    """Printing a private key (in a log or traceback) shows no key bytes."""
    raw = private_key_to_bytes(private_key)[5:]
    shown = repr(private_key)
    assert raw.hex() not in shown and base64.b64encode(raw).decode() not in shown
    assert "suite=" in shown


def test_s14_public_key_file_holds_no_private_material(private_key: IntakePrivateKey) -> None:
    """Nothing of the private key, in any encoding, is in intake.pub."""
    raw = private_key_to_bytes(private_key)[5:]
    text = private_key.public_key().to_text()
    decoded = base64.b64decode("".join(text.split("key:\n", 1)[1].split()))
    parts = [raw[:32], raw[-32:]]  # ML-KEM seed half and X25519 scalar (or the scalar twice)
    for part in parts:
        assert part not in decoded
        assert part.hex() not in text
        assert base64.b64encode(part).decode()[:40] not in text


def test_s14_public_key_object_reaches_no_private_key(private_key: IntakePrivateKey) -> None:
    """An IntakePublicKey holds only bytes and an enum: no private-key object is reachable."""
    public = private_key.public_key()
    assert set(vars(public)) == {"suite", "key_bytes"}
    assert isinstance(public.key_bytes, bytes)
    assert not hasattr(public.hpke_key(), "private_bytes")


@pytest.mark.parametrize("suite", list(IntakeSuite), ids=lambda s: s.label)
def test_low_order_x25519_point_is_refused(suite: IntakeSuite) -> None:
    """An X25519 part that would make an all-zero shared secret is refused as a key."""
    mlkem_part = generate_intake_key(IntakeSuite.HYBRID).public_key().key_bytes[:1184]
    prefix = mlkem_part if suite is IntakeSuite.HYBRID else b""
    for point in (bytes(32), b"\x01" + bytes(31)):
        with pytest.raises(IntakeKeyError):
            IntakePublicKey(suite, prefix + point)
