"""The keyring file format, version 1: roles, keyslots, and strict parsing of the JSON.

Parsing refuses anything unexpected (:class:`keys.errors.CorruptKeyring`): unknown or missing
keys, out-of-range KDF parameters, non-canonical base64, duplicate slots. ``keys.keyring``
reads and writes the file; this module only says what its bytes may be.
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from keys.errors import CorruptKeyring, UnsupportedVersion
from keys.kdf import SALT_BYTES
from keys.profiles import BY_NAME, MINIMUM, SENSITIVE, Profile

FORMAT = "testimony-keyring"


VERSION = 1


MAX_FILE_BYTES = 1 << 20


MAX_SLOTS = 1000


class Role(StrEnum):
    ADMIN = "admin"
    ARCHIVIST = "archivist"
    RESEARCHER = "researcher"
    INTERVIEWER = "interviewer"


#: Roles whose slot secret is the vault key.
VAULT_ROLES = frozenset({Role.ADMIN, Role.ARCHIVIST})


@dataclass(frozen=True)
class Slot:
    id: str
    role: Role
    user_tag: bytes
    salt: bytes
    kdf: Profile
    wrapped: bytes

    def aad(self) -> bytes:
        return canonical(
            {
                "format": FORMAT,
                "version": VERSION,
                "id": self.id,
                "role": self.role.value,
                "user_tag": b64(self.user_tag),
                "salt": b64(self.salt),
                "kdf": kdf_dict(self.kdf),
            }
        )


@dataclass(frozen=True)
class Unlocked:
    """What a successful unlock yields; ``secret`` is the slot's key."""

    slot_id: str
    role: Role
    username: str
    secret: bytes = field(repr=False)
    totp_secret: bytes | None = field(default=None, repr=False)
    totp_last_step: int = -1
    #: A new key staged during a rotation, so that a crash mid-rotation loses nothing.
    pending_secret: bytes | None = field(default=None, repr=False)
    #: The key-encryption key this slot was opened with, and the salt it belongs to: lets
    #: ``update`` rewrap the slot (e.g. record a used TOTP step) without a second Argon2id
    #: run. Never stored; compared against the slot on disk before it is used.
    kek: bytes | None = field(default=None, repr=False, compare=False)
    kek_salt: bytes | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Header:
    profile: Profile
    user_salt: bytes
    user_kdf: Profile


def parse(raw: bytes) -> tuple[Header, list[Slot]]:
    """Parse keyring bytes; anything unexpected raises :class:`CorruptKeyring`."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CorruptKeyring("keyring file is damaged (not valid JSON)") from None
    _expect_keys(doc, {"format", "version", "profile", "user_salt", "user_kdf", "slots"}, "keyring")
    if doc["format"] != FORMAT:
        raise CorruptKeyring("not a keyring file")
    if doc["version"] != VERSION:
        raise UnsupportedVersion(f"keyring version {doc['version']!r} is not supported")
    profile = BY_NAME.get(doc["profile"]) if isinstance(doc["profile"], str) else None
    if profile is None:
        raise CorruptKeyring("keyring names an unknown profile")
    header = Header(profile, unb64(doc["user_salt"], SALT_BYTES), _parse_kdf(doc["user_kdf"]))
    if not isinstance(doc["slots"], list) or len(doc["slots"]) > MAX_SLOTS:
        raise CorruptKeyring("keyring slots are damaged")
    slots = [_parse_slot(item, profile) for item in doc["slots"]]
    if len({s.id for s in slots}) != len(slots) or len({s.user_tag for s in slots}) != len(slots):
        raise CorruptKeyring("keyring has duplicate slots")
    return header, slots


def _parse_slot(item: Any, floor: Profile) -> Slot:
    _expect_keys(item, {"id", "role", "user_tag", "salt", "kdf", "wrapped"}, "keyslot")
    slot_id = item["id"]
    if not isinstance(slot_id, str) or len(slot_id) != 16 or not _is_hex(slot_id):
        raise CorruptKeyring("keyslot id is damaged")
    try:
        role = Role(item["role"])
    except ValueError:
        raise CorruptKeyring("keyslot role is damaged") from None
    kdf = _parse_kdf(item["kdf"])
    if floor is SENSITIVE and not kdf.is_at_least(MINIMUM):
        raise CorruptKeyring("keyslot KDF parameters are below the minimum")
    wrapped = unb64(item["wrapped"], None)
    if not 12 + 16 < len(wrapped) <= 4096:
        raise CorruptKeyring("keyslot ciphertext has a wrong length")
    return Slot(slot_id, role, unb64(item["user_tag"], 32), unb64(item["salt"], SALT_BYTES), kdf, wrapped)


def _parse_kdf(item: Any) -> Profile:
    _expect_keys(item, {"m", "t", "p"}, "KDF parameters")
    m, t, p = item["m"], item["t"], item["p"]
    for value, low, high in ((m, 8, 4 * 1024 * 1024), (t, 1, 64), (p, 1, 64)):
        if type(value) is not int or not low <= value <= high:
            raise CorruptKeyring("KDF parameters are out of range")
    return Profile("stored", memory_kib=m, time_cost=t, parallelism=p)


def _expect_keys(item: Any, keys: set[str], what: str) -> None:
    if not isinstance(item, dict) or set(item) != keys:
        raise CorruptKeyring(f"{what} is damaged")


def kdf_dict(profile: Profile) -> dict[str, int]:
    return {"m": profile.memory_kib, "t": profile.time_cost, "p": profile.parallelism}


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(value: Any, length: int | None) -> bytes:
    if not isinstance(value, str) or len(value) > 8192:
        raise CorruptKeyring("keyring field is damaged")
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise CorruptKeyring("keyring field is damaged") from None
    if length is not None and len(data) != length:
        raise CorruptKeyring("keyring field has a wrong length")
    if base64.b64encode(data).decode("ascii") != value:
        # Non-canonical base64 (changed padding bits) decodes to the same bytes: refuse it
        # so that every changed byte of the file is noticed.
        raise CorruptKeyring("keyring field is damaged")
    return data


def _is_hex(value: str) -> bool:
    return all(c in "0123456789abcdef" for c in value)
