"""Intake key pairs and sealed intake bundles (HPKE, RFC 9180).

A field kit holds only an :class:`IntakePublicKey`; it can seal bundles that only
the holder of the matching :class:`IntakePrivateKey` (kept inside the vault) can
open. Two suites, both with HKDF-SHA256 and AES-256-GCM:

- ``hybrid``: ML-KEM-768 + X25519, post-quantum (the default; testimonies stay
  dangerous for longer than X25519 is expected to resist a quantum computer);
- ``x25519``: plain DHKEM(X25519), for interoperability.

The bundle format is in :mod:`keys._bundle_format` and ``docs/formats.md``.
"""
from __future__ import annotations

import base64
import binascii
import enum
import hashlib
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519

from keys.errors import IntakeKeyError

_X25519_BYTES = 32
_MLKEM768_PUBLIC_BYTES = 1184
_MLKEM768_SEED_BYTES = 64
_FINGERPRINT_LABEL = b"testimony/v1/intake-fingerprint\x00"
_PRIVATE_MAGIC = b"TIK1"  # raw private key bytes: magic, suite id, key material
PUBLIC_FILE_FORMAT = "testimony-intake-public-key/1"
_PUBLIC_FILE_MAX = 16 * 1024
_BASE64_LINE = 64

HpkePublicKey = x25519.X25519PublicKey | hpke.MLKEM768X25519PublicKey
HpkePrivateKey = x25519.X25519PrivateKey | hpke.MLKEM768X25519PrivateKey


class IntakeSuite(enum.Enum):
    """The HPKE suites a bundle may be sealed with; values are the wire ids."""

    HYBRID = 1
    X25519 = 2

    @property
    def label(self) -> str:
        """Name used in ``intake.pub`` and on the command line."""
        return _LABELS[self]

    @classmethod
    def from_label(cls, label: str) -> IntakeSuite:
        for suite, name in _LABELS.items():
            if name == label:
                return suite
        raise IntakeKeyError(f"unknown intake suite {label!r}")

    @property
    def hpke_suite(self) -> hpke.Suite:
        kem = hpke.KEM.MLKEM768_X25519 if self is IntakeSuite.HYBRID else hpke.KEM.X25519
        return hpke.Suite(kem, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)

    @property
    def enc_length(self) -> int:
        """Bytes of the HPKE encapsulated key for this suite."""
        kem = hpke.KEM.MLKEM768_X25519 if self is IntakeSuite.HYBRID else hpke.KEM.X25519
        return kem.enc_length()

    @property
    def public_key_length(self) -> int:
        if self is IntakeSuite.HYBRID:
            return _MLKEM768_PUBLIC_BYTES + _X25519_BYTES
        return _X25519_BYTES

    @property
    def private_key_length(self) -> int:
        if self is IntakeSuite.HYBRID:
            return _MLKEM768_SEED_BYTES + _X25519_BYTES
        return _X25519_BYTES


_LABELS = {IntakeSuite.HYBRID: "hybrid-mlkem768-x25519", IntakeSuite.X25519: "x25519"}
DEFAULT_SUITE = IntakeSuite.HYBRID


@dataclass(frozen=True)
class IntakePublicKey:
    """A public intake key: safe to carry, it can seal but never open.

    Holds only public bytes: ML-KEM-768 encapsulation key || X25519 public key for
    the hybrid suite, the X25519 public key alone for the classic one.
    """

    suite: IntakeSuite
    key_bytes: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.key_bytes) != self.suite.public_key_length:
            raise IntakeKeyError(
                f"an intake public key of suite {self.suite.label} is "
                f"{self.suite.public_key_length} bytes, not {len(self.key_bytes)}"
            )
        self.hpke_key()  # validates the encoding once, at construction
        x_public = x25519.X25519PublicKey.from_public_bytes(self.key_bytes[-_X25519_BYTES:])
        try:
            # A low-order point gives an all-zero shared secret: refuse it here, with a
            # clear error, instead of failing inside HPKE when someone seals.
            x25519.X25519PrivateKey.generate().exchange(x_public)
        except ValueError:
            raise IntakeKeyError("the intake public key is not a valid key") from None

    def hpke_key(self) -> HpkePublicKey:
        """Return the key as the object ``cryptography``'s HPKE expects."""
        try:
            if self.suite is IntakeSuite.HYBRID:
                return hpke.MLKEM768X25519PublicKey(
                    mlkem.MLKEM768PublicKey.from_public_bytes(
                        self.key_bytes[:_MLKEM768_PUBLIC_BYTES]
                    ),
                    x25519.X25519PublicKey.from_public_bytes(
                        self.key_bytes[_MLKEM768_PUBLIC_BYTES:]
                    ),
                )
            return x25519.X25519PublicKey.from_public_bytes(self.key_bytes)
        except ValueError:
            raise IntakeKeyError("the intake public key is not a valid key") from None

    @property
    def fingerprint(self) -> str:
        """Six groups of five digits, to be read aloud and compared by phone.

        Derived from SHA-256 over a label, the suite id and the key: about 99 bits,
        each 5-byte slice reduced modulo 100,000 (as Signal's safety numbers).
        """
        digest = hashlib.sha256(
            _FINGERPRINT_LABEL + bytes([self.suite.value]) + self.key_bytes
        ).digest()
        groups = (int.from_bytes(digest[i * 5 : i * 5 + 5], "big") % 100_000 for i in range(6))
        return " ".join(f"{group:05d}" for group in groups)

    def to_text(self) -> str:
        """Serialise as the ``intake.pub`` text file (see ``docs/formats.md``)."""
        encoded = base64.b64encode(self.key_bytes).decode("ascii")
        lines = [
            "# Public intake key of a testimony archive. It can seal, it cannot open.",
            "# Before using it, compare the fingerprint with the archive by phone.",
            f"format: {PUBLIC_FILE_FORMAT}",
            f"suite: {self.suite.label}",
            f"fingerprint: {self.fingerprint}",
            "key:",
        ]
        lines += [encoded[i : i + _BASE64_LINE] for i in range(0, len(encoded), _BASE64_LINE)]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_text(cls, text: str) -> IntakePublicKey:
        """Parse an ``intake.pub`` file strictly; the fingerprint line must match."""
        if len(text) > _PUBLIC_FILE_MAX:
            raise IntakeKeyError("intake public key file is too large")
        lines = [line.rstrip("\r") for line in text.split("\n")]
        body = [line for line in lines if line and not line.startswith("#")]
        expected = ("format: ", "suite: ", "fingerprint: ", "key:")
        if len(body) < 5 or any(not body[i].startswith(p) for i, p in enumerate(expected)):
            raise IntakeKeyError("not an intake public key file")
        if body[0][len("format: ") :] != PUBLIC_FILE_FORMAT:
            raise IntakeKeyError(f"unsupported intake public key format {body[0][8:]!r}")
        if body[3] != "key:":
            raise IntakeKeyError("not an intake public key file")
        suite = IntakeSuite.from_label(body[1][len("suite: ") :])
        try:
            key_bytes = base64.b64decode("".join(body[4:]), validate=True)
        except (binascii.Error, ValueError):
            raise IntakeKeyError("the key in the intake public key file is not base64") from None
        key = cls(suite, key_bytes)
        if body[2][len("fingerprint: ") :] != key.fingerprint:
            raise IntakeKeyError("the fingerprint in the intake public key file does not match its key")
        return key


class IntakePrivateKey:
    """The private half of an intake key pair; lives only inside the unlocked vault.

    Not a dataclass on purpose: no ``repr`` or equality that could print or
    compare key material.
    """

    __slots__ = ("_suite", "_raw", "_hpke_key")

    def __init__(self, suite: IntakeSuite, raw: bytes) -> None:
        if len(raw) != suite.private_key_length:
            raise IntakeKeyError("malformed intake private key")
        try:
            if suite is IntakeSuite.HYBRID:
                self._hpke_key: HpkePrivateKey = hpke.MLKEM768X25519PrivateKey(
                    mlkem.MLKEM768PrivateKey.from_seed_bytes(raw[:_MLKEM768_SEED_BYTES]),
                    x25519.X25519PrivateKey.from_private_bytes(raw[_MLKEM768_SEED_BYTES:]),
                )
            else:
                self._hpke_key = x25519.X25519PrivateKey.from_private_bytes(raw)
        except ValueError:
            raise IntakeKeyError("malformed intake private key") from None
        self._suite = suite
        self._raw = bytes(raw)

    def __repr__(self) -> str:
        return f"<IntakePrivateKey suite={self._suite.label}>"

    @property
    def suite(self) -> IntakeSuite:
        return self._suite

    def hpke_key(self) -> HpkePrivateKey:
        """Return the key as the object ``cryptography``'s HPKE expects."""
        return self._hpke_key

    def public_key(self) -> IntakePublicKey:
        if self._suite is IntakeSuite.HYBRID:
            seed, x_raw = self._raw[:_MLKEM768_SEED_BYTES], self._raw[_MLKEM768_SEED_BYTES:]
            mlkem_pub = mlkem.MLKEM768PrivateKey.from_seed_bytes(seed).public_key()
            x_pub = x25519.X25519PrivateKey.from_private_bytes(x_raw).public_key()
            key_bytes = mlkem_pub.public_bytes_raw() + x_pub.public_bytes_raw()
        else:
            key_bytes = x25519.X25519PrivateKey.from_private_bytes(self._raw).public_key().public_bytes_raw()
        return IntakePublicKey(self._suite, key_bytes)


def generate_intake_key(suite: IntakeSuite = DEFAULT_SUITE) -> IntakePrivateKey:
    """Create a fresh intake key pair of ``suite``."""
    if suite is IntakeSuite.HYBRID:
        seed = mlkem.MLKEM768PrivateKey.generate().private_bytes_raw()
        raw = seed + x25519.X25519PrivateKey.generate().private_bytes_raw()
    else:
        raw = x25519.X25519PrivateKey.generate().private_bytes_raw()
    return IntakePrivateKey(suite, raw)


def private_key_to_bytes(key: IntakePrivateKey) -> bytes:
    """Serialise a private key for storage inside the vault (never on disk in clear).

    Layout: ``b"TIK1"`` || suite id (1 byte) || ML-KEM-768 seed (64) || X25519 (32)
    for the hybrid suite, ``b"TIK1"`` || suite id || X25519 (32) for the classic one.
    """
    return _PRIVATE_MAGIC + bytes([key.suite.value]) + key._raw


def private_key_from_bytes(data: bytes) -> IntakePrivateKey:
    """Parse the output of :func:`private_key_to_bytes` strictly."""
    if len(data) < len(_PRIVATE_MAGIC) + 1 or data[: len(_PRIVATE_MAGIC)] != _PRIVATE_MAGIC:
        raise IntakeKeyError("malformed intake private key")
    try:
        suite = IntakeSuite(data[len(_PRIVATE_MAGIC)])
    except ValueError:
        raise IntakeKeyError("malformed intake private key") from None
    return IntakePrivateKey(suite, data[len(_PRIVATE_MAGIC) + 1 :])
