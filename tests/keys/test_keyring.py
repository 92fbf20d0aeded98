"""Keyslots: Argon2id-wrapped secrets, strict parsing, atomic writes (S03, S07, S10, S11)."""
from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

import pytest

from keys.errors import CorruptKeyring, KeysError, UnlockFailed, UnsupportedVersion
from keys.keyring import Keyring, Role
from keys.profiles import MINIMUM, SENSITIVE, TEST_ONLY


@pytest.fixture
def ring(tmp_path: Path) -> Keyring:
    return Keyring.create(tmp_path / "keyring", profile=TEST_ONLY)


def test_unlock_returns_the_wrapped_secret(ring: Keyring) -> None:
    """A user's passphrase opens their slot and yields their role and secret."""
    secret = secrets.token_bytes(32)
    ring.add("archivist1", "a long passphrase", Role.ARCHIVIST, secret)
    unlocked = ring.unlock("archivist1", "a long passphrase")
    assert unlocked.secret == secret
    assert unlocked.role is Role.ARCHIVIST
    assert unlocked.username == "archivist1"


def test_s03_wrong_passphrase_and_unknown_user_give_one_error(ring: Keyring) -> None:
    """Unknown user and wrong passphrase raise the same error with the same message."""
    ring.add("admin", "right passphrase", Role.ADMIN, secrets.token_bytes(32))
    with pytest.raises(UnlockFailed) as wrong:
        ring.unlock("admin", "wrong passphrase")
    with pytest.raises(UnlockFailed) as unknown:
        ring.unlock("nobody", "right passphrase")
    assert str(wrong.value) == str(unknown.value)


def test_usernames_are_not_readable_in_the_file(ring: Keyring) -> None:
    """The keyring file holds a tag of each user name, never the name."""
    ring.add("Kim-Unique-User", "passphrase one", Role.RESEARCHER, secrets.token_bytes(32))
    raw = ring.path.read_bytes()
    assert b"Kim-Unique-User" not in raw
    assert b"kim-unique-user" not in raw.lower()


def test_s10_slot_stores_salt_and_parameters(tmp_path: Path) -> None:
    """Each slot carries its own 16-byte salt and the Argon2id parameters used."""
    ring = Keyring.create(tmp_path / "keyring", profile=TEST_ONLY)
    ring.add("a", "passphrase a", Role.ADMIN, secrets.token_bytes(32))
    ring.add("b", "passphrase b", Role.ADMIN, secrets.token_bytes(32))
    slots = ring.slots()
    assert slots[0].salt != slots[1].salt
    assert all(len(s.salt) == 16 for s in slots)
    assert all(s.kdf.memory_kib == TEST_ONLY.memory_kib for s in slots)


def test_s10_default_profile_meets_documented_minimum() -> None:
    """The default profile is at least 256 MiB, t=3, p=4."""
    assert SENSITIVE.memory_kib >= 256 * 1024 and SENSITIVE.time_cost >= 3 and SENSITIVE.parallelism >= 4
    assert SENSITIVE.is_at_least(MINIMUM)


def test_s10_sensitive_keyring_refuses_weak_slot_parameters(tmp_path: Path) -> None:
    """A production keyring whose slot claims cheap parameters does not parse."""
    path = tmp_path / "keyring"
    ring = Keyring.create(path, profile=TEST_ONLY)
    ring.add("a", "passphrase a", Role.ADMIN, secrets.token_bytes(32))
    doc = json.loads(path.read_text())
    doc["profile"] = "sensitive"
    path.write_text(json.dumps(doc))
    with pytest.raises(CorruptKeyring):
        Keyring(path).slots()


def test_s10_every_flipped_byte_of_a_slot_fails_to_unlock(ring: Keyring) -> None:
    """Flipping any byte of the file makes the slot unusable: parse error or unlock failure."""
    ring.add("admin", "right passphrase", Role.ADMIN, secrets.token_bytes(32))
    original = ring.path.read_bytes()
    for index in range(len(original)):
        damaged = bytearray(original)
        damaged[index] ^= 0x01
        ring.path.write_bytes(bytes(damaged))
        with pytest.raises(KeysError):
            ring.unlock("admin", "right passphrase")
    ring.path.write_bytes(original)
    assert ring.unlock("admin", "right passphrase").role is Role.ADMIN


def test_aad_binds_role(ring: Keyring) -> None:
    """Changing a slot's role in the file (researcher -> admin) breaks the slot."""
    ring.add("r", "researcher pass", Role.RESEARCHER, secrets.token_bytes(32))
    doc = json.loads(ring.path.read_text())
    doc["slots"][0]["role"] = "admin"
    ring.path.write_text(json.dumps(doc))
    with pytest.raises(UnlockFailed):
        ring.unlock("r", "researcher pass")


@pytest.mark.parametrize(
    ("mutate", "error"),
    [
        (lambda d: d.update(version=2), UnsupportedVersion),
        (lambda d: d.update(format="other"), CorruptKeyring),
        (lambda d: d.update(extra=1), CorruptKeyring),
        (lambda d: d["slots"][0].update(wrapped="AAAA"), CorruptKeyring),
        (lambda d: d["slots"][0].update(salt="AAAA"), CorruptKeyring),
        (lambda d: d["slots"][0]["kdf"].update(m=-1), CorruptKeyring),
        (lambda d: d["slots"].append(dict(d["slots"][0])), CorruptKeyring),
    ],
)
def test_strict_parsing_refuses_malformed_files(ring: Keyring, mutate, error) -> None:  # type: ignore[no-untyped-def]
    """Unknown versions, extra keys, wrong lengths and duplicates are refused before decryption."""
    ring.add("a", "passphrase a", Role.ADMIN, secrets.token_bytes(32))
    doc = json.loads(ring.path.read_text())
    mutate(doc)
    ring.path.write_text(json.dumps(doc))
    with pytest.raises(error):
        ring.slots()


def test_truncated_keyring_is_a_clear_error(ring: Keyring) -> None:
    ring.add("a", "passphrase a", Role.ADMIN, secrets.token_bytes(32))
    ring.path.write_bytes(ring.path.read_bytes()[:50])
    with pytest.raises(CorruptKeyring, match="damaged"):
        ring.unlock("a", "passphrase a")


def test_change_passphrase_rewraps_only_that_slot(ring: Keyring) -> None:
    """After a change the old passphrase fails, the new one works, other slots are untouched."""
    secret = secrets.token_bytes(32)
    ring.add("a", "old passphrase", Role.ADMIN, secret)
    ring.add("b", "other passphrase", Role.ARCHIVIST, secret)
    before_b = [s for s in ring.slots() if s.role is Role.ARCHIVIST][0]
    ring.change_passphrase("a", "old passphrase", "new passphrase")
    with pytest.raises(UnlockFailed):
        ring.unlock("a", "old passphrase")
    assert ring.unlock("a", "new passphrase").secret == secret
    assert [s for s in ring.slots() if s.role is Role.ARCHIVIST][0] == before_b


def test_add_refuses_duplicate_user(ring: Keyring) -> None:
    ring.add("a", "passphrase a", Role.ADMIN, secrets.token_bytes(32))
    with pytest.raises(KeysError, match="already"):
        ring.add("a", "passphrase b", Role.ADMIN, secrets.token_bytes(32))


def test_remove_deletes_the_slot(ring: Keyring) -> None:
    ring.add("a", "passphrase a", Role.ADMIN, secrets.token_bytes(32))
    ring.remove("a")
    with pytest.raises(UnlockFailed):
        ring.unlock("a", "passphrase a")


def test_totp_fields_survive_update(ring: Keyring) -> None:
    unlocked = ring.add("a", "passphrase a", Role.ADMIN, secrets.token_bytes(32))
    ring.update(unlocked, "passphrase a", totp_secret=b"0123456789", totp_last_step=42)
    again = ring.unlock("a", "passphrase a")
    assert again.totp_secret == b"0123456789" and again.totp_last_step == 42


def test_s11_keyring_file_mode_is_0600(ring: Keyring) -> None:
    assert (os.stat(ring.path).st_mode & 0o777) == 0o600


def _count_slot_derivations(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Record the label of every Argon2id run the keyring makes (the real function still runs)."""
    from keys import keyring as keyring_module

    calls: list[bytes] = []
    real = keyring_module.derive_key

    def counting(secret: bytes, salt: bytes, profile: object, *, label: bytes) -> bytes:
        calls.append(label)
        return real(secret, salt, profile, label=label)  # type: ignore[arg-type]

    monkeypatch.setattr(keyring_module, "derive_key", counting)
    return calls


def test_sign_in_with_a_code_derives_the_passphrase_key_once(ring: Keyring, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unlock + recording the used TOTP step costs one passphrase derivation; the step is stored
    sealed (a replay after re-reading the file is refused) and the file still refuses a flipped byte."""
    from keys import totp
    from keys.keyring import LABEL_SLOT

    secret = totp.generate_secret()
    ring.add("a", "passphrase a", Role.ADMIN, secrets.token_bytes(32), totp_secret=secret)
    now = 1_800_000_000.0
    calls = _count_slot_derivations(monkeypatch)
    unlocked = ring.unlock("a", "passphrase a")
    totp.verify_and_consume(ring, unlocked, "passphrase a", totp.code_at(secret, now), now=now)
    assert calls.count(LABEL_SLOT) == 1
    again = ring.unlock("a", "passphrase a")
    assert again.totp_last_step == totp.step_at(now)
    with pytest.raises(totp.TotpRejected):
        totp.verify_and_consume(ring, again, "passphrase a", totp.code_at(secret, now), now=now)
    document = json.loads(ring.path.read_bytes())
    wrapped = bytearray(base64.b64decode(document["slots"][0]["wrapped"]))
    wrapped[-1] ^= 1
    document["slots"][0]["wrapped"] = base64.b64encode(bytes(wrapped)).decode()
    ring.path.write_text(json.dumps(document))
    with pytest.raises(UnlockFailed):
        ring.unlock("a", "passphrase a")


def test_a_held_key_never_undoes_a_passphrase_change(ring: Keyring) -> None:
    """A sign-in that opened the slot before the passphrase changed cannot reseal it under the old one."""
    from keys import totp

    secret = totp.generate_secret()
    ring.add("a", "passphrase a", Role.ADMIN, secrets.token_bytes(32), totp_secret=secret)
    stale = ring.unlock("a", "passphrase a")
    ring.change_passphrase("a", "passphrase a", "passphrase b")
    now = 1_800_000_000.0
    with pytest.raises(totp.TotpRejected):
        totp.verify_and_consume(ring, stale, "passphrase a", totp.code_at(secret, now), now=now)
    with pytest.raises(UnlockFailed):
        ring.unlock("a", "passphrase a")
    assert ring.unlock("a", "passphrase b").username == "a"
