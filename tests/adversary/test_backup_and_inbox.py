"""Found while attacking: what a seized backup and a seized inbox told (S02, S08).

* ``manifest.json`` of a backup held the plain SHA-256 digest of every record: whoever holds
  the backup could confirm a guess of a testimony's content offline. Now the digests are keyed.
* Imported sealed bundles stayed in ``inbox/imported/`` for ever: a second copy of every
  testimony under the intake key. Now they are kept until the next backup, at most 30 days.
"""
from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from cli.main import main
from keys.bundle import seal_bundle
from keys.intake import IntakePublicKey, IntakeSuite
from tests.adversary.conftest import PASS, Populated
from tests.factories import ADMIN, ADMIN_PASSPHRASE, copy_archive
from tests.intake_records import record_bytes
from vault import audit, backup, intake_import, intake_retention, store, testimonies
from vault.archive import Archive, OpenVault


def test_s08_backup_manifest_holds_no_plain_record_digest(populated: Populated, tmp_path: Path) -> None:
    """No record's content digest (as the audit log keeps it) appears in manifest.json; the restore
    drill still checks every record against the manifest."""
    manifest = (populated.backup / "manifest.json").read_text()
    with populated.open("admin") as admin:
        ids = [s.id for s in testimonies.list_all(admin.conn)]
        plain = {testimonies.digest(admin.conn, tid) for tid in ids}
        plain |= {e.content_hash for e in audit.entries(admin.conn)} - {audit.NO_CONTENT}
    assert ids and plain
    assert not [d for d in plain if d in manifest], "a plain record digest is readable in the backup"
    assert sorted(json.loads(manifest)["digests"]) == sorted(ids)
    summary = backup.restore(populated.backup, tmp_path / "restored", "admin", PASS["admin"])
    assert summary.counts["testimonies"] == len(ids)


def test_s08_restore_refuses_a_record_that_differs_from_the_keyed_manifest(populated: Populated,
                                                                          tmp_path: Path) -> None:
    """The keyed digests still catch a record rolled back in the backup's vault.db: a manifest
    from an older backup of the same archive (valid MAC) does not match the newer vault.db."""
    copy = Archive(tmp_path / "archive")
    copy_archive(populated.archive.root, copy.root)  # the shared archive stays as it is
    with copy.open_vault(copy.unlock("admin", PASS["admin"])) as admin:
        older = tmp_path / "older"
        backup.create(admin, older)
        testimonies.add(admin.conn, testimonies.get(admin.conn, populated.testimony_id, actor=admin.actor).record,
                        actor=admin.actor)
        newer = tmp_path / "newer"
        backup.create(admin, newer)
    shutil.copy2(older / "manifest.json", newer / "manifest.json")
    shutil.copy2(older / "manifest.mac", newer / "manifest.mac")
    try:
        backup.restore(newer, tmp_path / "restored", "admin", PASS["admin"])
    except Exception as exc:  # noqa: BLE001 -- the message is what matters
        assert "does not match the backup's manifest" in str(exc)
    else:
        raise AssertionError("a vault.db that differs from the manifest was restored")


def _seal(vault: OpenVault, name: str) -> Path:
    public = IntakePublicKey.from_text(intake_import.public_key_path(vault.archive).read_text())
    path = vault.archive.folder("inbox") / name
    with path.open("wb") as out:
        seal_bundle(out, public, record_bytes(), [])
    return path


def _imported(vault: OpenVault) -> list[str]:
    folder = vault.archive.folder("inbox") / "imported"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_s02_imported_bundles_are_purged_after_a_backup_or_30_days(vault: OpenVault, tmp_path: Path) -> None:
    intake_import.create_intake_key(vault, suite=IntakeSuite.X25519)
    _seal(vault, "first.sealed")
    assert [o.status for o in intake_import.import_bundles(vault, intake_import.inbox_bundles(vault.archive))] \
        == ["imported"]
    stranger = vault.archive.folder("inbox") / "imported" / "not-in-ledger.sealed"
    stranger.write_bytes(b"a file nobody imported")
    assert _imported(vault) == ["first.sealed", "not-in-ledger.sealed"]
    # within its retention: kept
    assert intake_retention.purge(vault).removed == []
    assert intake_retention.purge(vault, now=datetime.now(UTC) + timedelta(days=29)).removed == []
    # 30 days after import: deleted, whether or not a backup was taken
    gone = intake_retention.purge(vault, now=datetime.now(UTC) + timedelta(days=31))
    assert [p.name for p in gone.removed] == ["first.sealed"] and gone.kept == 1
    # a backup taken after an import ends that bundle's retention at once
    _seal(vault, "second.sealed")
    list(intake_import.import_bundles(vault, intake_import.inbox_bundles(vault.archive)))
    assert _imported(vault) == ["not-in-ledger.sealed", "second.sealed"]
    backup.create(vault, tmp_path / "backup")
    assert _imported(vault) == ["not-in-ledger.sealed"], "a file the ledger does not know is never deleted"


def test_cli_intake_purge(vault: OpenVault, tmp_path: Path) -> None:
    """`testimony intake purge` deletes what is past retention and says how many it kept."""
    intake_import.create_intake_key(vault, suite=IntakeSuite.X25519)
    _seal(vault, "one.sealed")
    list(intake_import.import_bundles(vault, intake_import.inbox_bundles(vault.archive)))
    root = vault.archive.root
    with store.transaction(vault.conn):  # a backup recorded after the import, as `testimony backup` does
        audit.append(vault.conn, actor=vault.actor, action="backup.create", obj="archive")
    vault.close()
    (tmp_path / "p").write_text(ADMIN_PASSPHRASE + "\n")
    result = CliRunner().invoke(main, ["--archive", str(root), "--user", ADMIN, "--passphrase-file",
                                       str(tmp_path / "p"), "intake", "purge"])
    assert result.exit_code == 0, result.output
    assert "1 imported bundle(s) deleted, 0 kept" in result.output
    assert not (root / "inbox" / "imported" / "one.sealed").exists()
