"""S13: verify knows whether the last issued recovery shares rebuild the current vault key."""
from __future__ import annotations

import secrets
from pathlib import Path

from tests.vault.test_cli import as_admin, files, initialised  # noqa: F401  (fixtures)
from vault import recovery_shares, store
from vault.archive import Archive


def test_s13_verify_reports_shares_of_another_key_until_new_ones_are_issued(initialised: dict[str, Path]) -> None:
    f = initialised
    assert "all checks hold" in as_admin(f, "verify")
    archive = Archive(f["archive"])
    passphrase = f["p"].read_text().strip()
    with archive.open_vault(archive.unlock("admin", passphrase)) as admin:
        with store.transaction(admin.conn):  # what a rotation killed before its PRAGMA rekey leaves
            recovery_shares.record_issue(admin.conn, actor=admin.actor, key=secrets.token_bytes(32))
    out = as_admin(f, "verify", ok=False)
    assert recovery_shares.MISMATCH in out
    fresh = f["tmp"] / "fresh-shares"
    as_admin(f, "recovery-shares", "--shares", "2/3", "--shares-out", fresh)
    assert len(fresh.read_text().splitlines()) == 3
    assert "all checks hold" in as_admin(f, "verify")
    # the fresh set rebuilds the key: two of the three give access back
    two = f["tmp"] / "two"
    two.write_text("\n".join(fresh.read_text().splitlines()[:2]) + "\n")
    as_admin(f, "recover", "--shares-file", two, "--new-passphrase-file", f["q"])
    assert "all checks hold" in as_admin(f, "verify", passphrase="q")
