"""Audit chain, content hashes and signed checkpoints (S05, S26)."""
from __future__ import annotations

import json

import pytest

from keys import signing
from tests.factories import record
from vault import audit, store, testimonies
from vault.archive import OpenVault
from vault.errors import VaultError
from vault.verify import verify_vault


def _add(vault: OpenVault, n: int = 3) -> list[str]:
    return [testimonies.add(vault.conn, record(), actor=vault.actor) for _ in range(n)]


def test_s26_each_change_writes_one_entry_in_its_transaction(vault: OpenVault) -> None:
    before = len(audit.entries(vault.conn))
    tid = testimonies.add(vault.conn, record(), actor=vault.actor)
    items = audit.entries(vault.conn)
    assert len(items) == before + 1
    last = items[-1]
    assert (last.action, last.object, last.actor) == ("testimony.create", f"testimony:{tid}", vault.actor)
    assert last.content_hash == testimonies.digest(vault.conn, tid)


def test_s26_failed_change_leaves_no_entry(vault: OpenVault) -> None:
    """A refused write rolls back together with its audit entry."""
    before = len(audit.entries(vault.conn))
    bad = record(events=[{"violation_type": "not_a_type"}])
    with pytest.raises(VaultError):
        testimonies.add(vault.conn, bad, actor=vault.actor)
    assert len(audit.entries(vault.conn)) == before
    assert testimonies.list_all(vault.conn) == []


def test_s26_entries_hold_no_names_or_free_text(vault: OpenVault) -> None:
    testimonies.add(vault.conn, record(), actor=vault.actor)
    dump = json.dumps([e.__dict__ for e in audit.entries(vault.conn)])
    for needle in ("Test Person", "Hyesan", "admin"):
        assert needle not in dump


def test_s26_append_outside_a_transaction_is_refused(vault: OpenVault) -> None:
    with pytest.raises(VaultError):
        audit.append(vault.conn, actor=vault.actor, action="testimony.read", obj="testimony:x")


def test_s26_reads_are_audited(vault: OpenVault) -> None:
    tid = _add(vault, 1)[0]
    testimonies.get(vault.conn, tid, actor=vault.actor)
    assert audit.entries(vault.conn)[-1].action == "testimony.read"


@pytest.mark.parametrize("tamper", ["edit", "delete", "reorder"])
def test_s26_verify_names_the_tampered_entry(vault: OpenVault, tamper: str) -> None:
    _add(vault, 4)
    target = 3
    if tamper == "edit":
        vault.conn.execute("UPDATE audit SET actor = 'U-forged' WHERE seq = ?", (target,))
    elif tamper == "delete":
        vault.conn.execute("DELETE FROM audit WHERE seq = ?", (target,))
    else:
        vault.conn.execute("UPDATE audit SET seq = 1000 WHERE seq = ?", (target,))
        vault.conn.execute("UPDATE audit SET seq = ? WHERE seq = ?", (target, target + 1))
        vault.conn.execute("UPDATE audit SET seq = ? WHERE seq = 1000", (target + 1,))
    report = verify_vault(vault)
    assert not report.ok
    assert any(f"audit entry {target}" in p for p in report.problems), report.problems


def test_s05_record_changed_behind_the_archive_is_named(vault: OpenVault) -> None:
    """An edit that bypasses the API (or an old page spliced back) breaks the content hash."""
    tid = _add(vault, 2)[0]
    vault.conn.execute("UPDATE testimony_versions SET text = 'rolled back' WHERE testimony_id = ?", (tid,))
    report = verify_vault(vault)
    assert any(tid in p for p in report.problems)


def test_s05_record_restored_from_an_older_copy_is_named(vault: OpenVault) -> None:
    """Rolling one record back to an earlier version is detected."""
    tid = _add(vault, 1)[0]
    old_text = testimonies.original_text(vault.conn, tid)
    testimonies.revise(vault.conn, tid, "second version", actor=vault.actor)
    # roll back: drop version 2 and point the record at version 1 again
    vault.conn.execute("DELETE FROM testimony_versions WHERE testimony_id = ? AND version = 2", (tid,))
    vault.conn.execute("UPDATE testimonies SET current_version = 1 WHERE id = ?", (tid,))
    assert testimonies.original_text(vault.conn, tid) == old_text
    assert any(tid in p for p in verify_vault(vault).problems)


def test_s05_record_inserted_behind_the_archive_is_named(vault: OpenVault) -> None:
    vault.conn.execute(
        "INSERT INTO testimonies (id, status, language, consent, current_version, created_at, updated_at)"
        " VALUES ('T-forged', 'submitted', 'en', 'research', 1, 'x', 'x')"
    )
    assert any("T-forged" in p for p in verify_vault(vault).problems)


def test_s26_checkpoints_verify_without_the_vault_key(vault: OpenVault) -> None:
    _add(vault, 2)
    with store.transaction(vault.conn):
        audit.sign_checkpoint(vault.conn, vault.secret("audit_signing_key"))
    public = signing.public_key(vault.secret("audit_signing_key"))
    document = json.loads(json.dumps(audit.export_log(vault.conn, public)))
    assert audit.verify_export(document) == []
    document["entries"][1][2] = "U-forged"
    assert any("entry 2" in p for p in audit.verify_export(document))


def test_s26_forged_checkpoint_signature_is_refused(vault: OpenVault) -> None:
    public = signing.public_key(vault.secret("audit_signing_key"))
    document = audit.export_log(vault.conn, public)
    document["checkpoints"][0]["signature"] = "00" * 64
    assert any("bad signature" in p for p in audit.verify_export(document))


def test_clean_archive_verifies(vault: OpenVault) -> None:
    tid = _add(vault, 3)[0]
    testimonies.revise(vault.conn, tid, "v2", actor=vault.actor)
    testimonies.set_status(vault.conn, tid, "in_review", actor=vault.actor)
    report = verify_vault(vault)
    assert report.ok, report.problems
    assert report.checked["testimony"] == 3
