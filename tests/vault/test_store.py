"""The SQLCipher store: settings at open, wrong keys, tampering, rekey (S01, S03, S04, S06)."""
from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

import pytest

from tests.factories import ADMIN, ADMIN_PASSPHRASE, Created, record
from vault import recovery_shares, store, testimonies
from vault.archive import OpenVault
from vault.errors import StorageError
from vault.rekey import rotate_vault_key
from vault.verify import check_database, verify_vault


def test_s01_every_connection_has_the_required_settings(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "x.db", secrets.token_bytes(32))
    try:
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        for pragma, expected in store.REQUIRED.items():
            assert str(conn.execute(f"PRAGMA {pragma}").fetchone()[0]) == expected, pragma
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # S01 (revised): SQLCipher's allocator wrapper is off; S01b protects the process instead.
        assert store.REQUIRED["cipher_memory_security"] == "0"
        assert conn.execute("PRAGMA cipher_memory_security").fetchone()[0] == "0"
    finally:
        conn.close()


def test_s01_ensure_settings_refuses_a_weakened_connection(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "x.db", secrets.token_bytes(32))
    try:
        conn.execute("PRAGMA temp_store = FILE")
        with pytest.raises(StorageError, match="temp_store"):
            store.ensure_settings(conn)
    finally:
        conn.close()


def test_s01_stdlib_sqlite3_connection_is_refused(tmp_path: Path) -> None:
    plain = sqlite3.connect(tmp_path / "plain.db")
    try:
        with pytest.raises(StorageError, match="sqlcipher3"):
            store.ensure_settings(plain)  # type: ignore[arg-type]
    finally:
        plain.close()


def test_s01_stdlib_sqlite3_cannot_read_the_vault(created: Created) -> None:
    plain = sqlite3.connect(created.archive.vault_path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT * FROM sqlite_master").fetchall()
    finally:
        plain.close()


def test_s03_wrong_key_is_one_clear_error(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    key = secrets.token_bytes(32)
    store.connect(tmp_path / "x.db", key).close()
    with pytest.raises(StorageError, match="wrong key"):
        store.connect(tmp_path / "x.db", secrets.token_bytes(32))
    captured = capfd.readouterr()
    assert key.hex() not in captured.err + captured.out
    assert "hmac" not in captured.err.lower()


def _flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_s04_flipped_byte_fails_cipher_integrity_check(vault: OpenVault) -> None:
    """A flipped byte in a data page opens, and verify's cipher_integrity_check names the page."""
    for _ in range(30):  # large texts: the middle of the file is overflow pages of text
        testimonies.add(vault.conn, record(text="[SYNTHETIC TEST] " + "z" * 20_000), actor=vault.actor)
    store.checkpoint(vault.conn)
    path = vault.archive.vault_path
    vault.close()
    _flip_byte(path, (path.stat().st_size // 2) + 100)
    conn = store.connect(path, vault.key)
    try:
        problems = check_database(conn, "vault.db")
    finally:
        conn.close()
    assert any("HMAC" in p for p in problems), problems


@pytest.mark.parametrize("cut", [100, 4096, 8192])
def test_s04_truncated_database_is_reported(vault: OpenVault, cut: int) -> None:
    """A partly truncated last page fails the checks; a whole missing page fails at open."""
    for _ in range(20):
        testimonies.add(vault.conn, record(), actor=vault.actor)
    store.checkpoint(vault.conn)
    path = vault.archive.vault_path
    vault.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - cut])
    try:
        conn = store.connect(path, vault.key)
    except StorageError as error:
        assert "damaged" in str(error)
        return
    try:
        problems = check_database(conn, "vault.db")
    finally:
        conn.close()
    assert problems


def test_s06_rekey_refuses_with_concurrent_reader(created: Created) -> None:
    """With another connection open, rekey is refused and the old key still works."""
    unlocked = created.archive.unlock(ADMIN, ADMIN_PASSPHRASE)
    reader = created.archive.open_vault(unlocked)
    try:
        with pytest.raises(StorageError, match="another connection"):
            rotate_vault_key(created.archive, unlocked, ADMIN_PASSPHRASE)
    finally:
        reader.close()
    again = created.archive.unlock(ADMIN, ADMIN_PASSPHRASE)
    assert again.secret == unlocked.secret
    with created.archive.open_vault(again) as vault:
        assert verify_vault(vault).ok


def test_s06_rekey_switches_keys_and_old_key_fails(created: Created) -> None:
    unlocked = created.archive.unlock(ADMIN, ADMIN_PASSPHRASE)
    with created.archive.open_vault(unlocked) as vault:
        tid = testimonies.add(vault.conn, record(), actor=vault.actor)
    rotation = rotate_vault_key(created.archive, unlocked, ADMIN_PASSPHRASE)
    assert len(rotation.shares) == 5
    with pytest.raises(StorageError):
        store.connect(created.archive.vault_path, unlocked.secret)
    # the database file alone (no WAL) opens with the new key only
    assert not Path(str(created.archive.vault_path) + "-wal").exists() or \
        Path(str(created.archive.vault_path) + "-wal").stat().st_size == 0
    fresh = created.archive.unlock(ADMIN, ADMIN_PASSPHRASE)
    assert fresh.secret != unlocked.secret
    with created.archive.open_vault(fresh) as vault:
        assert testimonies.get(vault.conn, tid, actor=vault.actor).summary.id == tid
        assert verify_vault(vault).ok


def test_s06_interrupted_rotation_is_finished_at_next_unlock(created: Created) -> None:
    """A crash after the rekey but before the slot update loses nothing (and no recovery share goes unnoticed)."""
    archive = created.archive
    unlocked = archive.unlock(ADMIN, ADMIN_PASSPHRASE)
    new_key = secrets.token_bytes(32)
    archive.keyring.update(unlocked, ADMIN_PASSPHRASE, pending_secret=new_key)
    conn = store.connect(archive.vault_path, unlocked.secret)
    conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    store.checkpoint(conn)
    conn.close()
    # "crash" here: the slot still has the old key as current
    recovered = archive.unlock(ADMIN, ADMIN_PASSPHRASE)
    assert recovered.secret == new_key and recovered.pending_secret is None
    with archive.open_vault(recovered) as vault:
        # This hand-made rotation issued no shares of the new key: verify says so (S13).
        assert verify_vault(vault).problems == [recovery_shares.MISMATCH]


def test_s07_passphrase_change_leaves_database_unchanged(created: Created) -> None:
    import hashlib

    before = hashlib.sha256(created.archive.vault_path.read_bytes()).hexdigest()
    created.archive.keyring.change_passphrase(ADMIN, ADMIN_PASSPHRASE, "a brand new passphrase")
    after = hashlib.sha256(created.archive.vault_path.read_bytes()).hexdigest()
    assert before == after
    created.archive.unlock(ADMIN, "a brand new passphrase")
