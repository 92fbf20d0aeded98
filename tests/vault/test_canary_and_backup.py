"""No plaintext on disk (S02) and encrypted backups with restore drills (S08)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.factories import ADMIN, ADMIN_PASSPHRASE, Created, canary_record, leaks, record
from vault import backup, store, testimonies
from vault.errors import IntegrityError, InvalidInput
from vault.verify import verify_vault


def test_s02_canary_never_appears_in_raw_bytes(
    created: Created, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Canary in Latin, Hangul NFC/NFD and Hanja: absent from archive, WAL, backup and temp dir."""
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    archive = created.archive
    unlocked = archive.unlock(ADMIN, ADMIN_PASSPHRASE)
    with archive.open_vault(unlocked) as vault:
        tid = testimonies.add(vault.conn, canary_record(), actor=vault.actor)
        for _ in range(30):  # enough rows to spill into several pages and the WAL
            testimonies.add(vault.conn, canary_record(), actor=vault.actor)
        testimonies.revise(vault.conn, tid, canary_record().text + " revised", actor=vault.actor)
        assert testimonies.search(vault.conn, "카나리아새똥")  # it is really there, and indexed
        # scan while the WAL is full, before any checkpoint
        assert leaks([archive.root]) == []
        backup.create(vault, tmp_path / "backup")
    assert tempfile.gettempdir() == str(private_tmp)
    assert leaks([archive.root, tmp_path / "backup", private_tmp]) == []


def test_s08_backup_is_keyed_and_restores(created: Created, tmp_path: Path) -> None:
    archive = created.archive
    with archive.open_vault(archive.unlock(ADMIN, ADMIN_PASSPHRASE)) as vault:
        ids = [testimonies.add(vault.conn, record(), actor=vault.actor) for _ in range(3)]
        backup.create(vault, tmp_path / "b")
    raw = (tmp_path / "b" / "vault.db").read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    summary = backup.restore(tmp_path / "b", tmp_path / "restored", ADMIN, ADMIN_PASSPHRASE)
    assert summary.counts["testimonies"] == 3
    restored = type(archive)(tmp_path / "restored")
    with restored.open_vault(restored.unlock(ADMIN, ADMIN_PASSPHRASE)) as vault:
        assert sorted(s.id for s in testimonies.list_all(vault.conn)) == sorted(ids)
        assert testimonies.search(vault.conn, "hyesan")
        assert verify_vault(vault).ok


def test_s08_backup_source_code_uses_no_unkeyed_export() -> None:
    """The backup module never uses iterdump, VACUUM INTO or an unkeyed ATTACH."""
    source = Path(backup.__file__).read_text()
    code = source.split('"""', 2)[2]  # skip the module docstring, which names them
    assert "iterdump" not in code and "VACUUM INTO" not in code.upper()
    assert 'KEY \\"x' in code


def test_s08_restore_drill_refuses_a_tampered_backup(created: Created, tmp_path: Path) -> None:
    archive = created.archive
    with archive.open_vault(archive.unlock(ADMIN, ADMIN_PASSPHRASE)) as vault:
        for _ in range(3):
            testimonies.add(vault.conn, record(), actor=vault.actor)
        backup.create(vault, tmp_path / "b")
    manifest = tmp_path / "b" / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"testimonies": 3', '"testimonies": 4'))
    with pytest.raises(IntegrityError, match="manifest"):
        backup.restore(tmp_path / "b", tmp_path / "r", ADMIN, ADMIN_PASSPHRASE)
    assert not (tmp_path / "r").exists()


def test_s08_restore_drill_refuses_a_damaged_database(created: Created, tmp_path: Path) -> None:
    archive = created.archive
    with archive.open_vault(archive.unlock(ADMIN, ADMIN_PASSPHRASE)) as vault:
        for _ in range(20):
            testimonies.add(vault.conn, record(), actor=vault.actor)
        backup.create(vault, tmp_path / "b")
    db = tmp_path / "b" / "vault.db"
    data = bytearray(db.read_bytes())
    data[len(data) - 1500] ^= 0x55
    db.write_bytes(bytes(data))
    with pytest.raises(IntegrityError):
        backup.restore(tmp_path / "b", tmp_path / "r", ADMIN, ADMIN_PASSPHRASE)
    assert not (tmp_path / "r").exists()


def test_backup_refuses_an_existing_folder(created: Created, tmp_path: Path) -> None:
    (tmp_path / "exists").mkdir()
    with created.archive.open_vault(created.archive.unlock(ADMIN, ADMIN_PASSPHRASE)) as vault:
        with pytest.raises(InvalidInput):
            backup.create(vault, tmp_path / "exists")


def test_archive_folder_and_files_are_private(created: Created) -> None:
    root = created.archive.root
    assert root.stat().st_mode & 0o077 == 0
    for path in root.rglob("*"):
        assert path.stat().st_mode & 0o077 == 0, path


def test_world_readable_archive_is_refused(created: Created) -> None:
    created.archive.root.chmod(0o755)
    from vault.errors import StorageError

    with pytest.raises(StorageError, match="chmod 700"):
        created.archive.unlock(ADMIN, ADMIN_PASSPHRASE)
    created.archive.root.chmod(0o700)


def test_checkpoint_empties_the_wal(created: Created) -> None:
    with created.archive.open_vault(created.archive.unlock(ADMIN, ADMIN_PASSPHRASE)) as vault:
        testimonies.add(vault.conn, record(), actor=vault.actor)
        store.checkpoint(vault.conn)
        wal = Path(str(created.archive.vault_path) + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0


def test_s08_a_version_1_backup_with_plain_digests_still_restores(created: Created, tmp_path: Path) -> None:
    """Backups written before the record digests were keyed (manifest version 1) restore and drill."""
    import json

    archive = created.archive
    with archive.open_vault(archive.unlock(ADMIN, ADMIN_PASSPHRASE)) as vault:
        ids = [testimonies.add(vault.conn, record(), actor=vault.actor) for _ in range(3)]
        backup.create(vault, tmp_path / "b")
        plain = {tid: testimonies.digest(vault.conn, tid) for tid in ids}
        manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
        assert not set(plain.values()) & set(manifest["digests"].values())
        old = {**manifest, "version": 1, "digests": plain}
        backup._write_manifest(tmp_path / "b", old, vault.key)  # as the version-1 writer did
    assert backup.restore(tmp_path / "b", tmp_path / "r", ADMIN, ADMIN_PASSPHRASE).counts["testimonies"] == 3
