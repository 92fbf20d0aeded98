"""``testimony verify``: prove the archive is whole and untampered (S04, S05, S26).

Checks, in order: both SQLCipher and SQLite integrity checks on every database;
the audit chain; that every audited object still has the content hash of its
last recorded version (catches an old page spliced back or a record rolled
back); and the signatures of audit checkpoints.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from keys import signing
from vault import attachments, audit, recovery_shares, releases, testimonies
from vault.archive import OpenVault, user_digest
from vault.imports import notes
from vault.releases import decisions
from vault.store import Connection, check_database

#: object kind (the part before ":" in an audit object id) -> current content hash. Every
#: module that audits its own records with a content hash is named here.
DIGESTS: dict[str, Callable[[Connection, str], str]] = {
    "testimony": testimonies.digest,
    "user": user_digest,
    decisions.KIND: decisions.digest,
    releases.KIND: releases.digest,
    attachments.store.KIND: attachments.store.digest,
    "notes": notes.digest,
}


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_vault(vault: OpenVault) -> Report:
    report = Report()
    conn = vault.conn
    report.problems += check_database(conn, "vault.db")
    if report.problems:
        report.problems.append("vault.db is damaged: content checks skipped; restore from a backup")
        return report
    items = audit.entries(conn)
    report.checked["audit entries"] = len(items)
    report.problems += audit.verify_chain(items)
    latest = audit.latest_digests(conn)
    for obj, expected in latest.items():
        kind, _, object_id = obj.partition(":")
        function = DIGESTS.get(kind)
        if function is None:
            continue
        report.checked[kind] = report.checked.get(kind, 0) + 1
        if function(conn, object_id) != expected:
            report.problems.append(f"{obj}: content differs from its last audited version")
    for kind, table, column in (("testimony", "testimonies", "id"), ("user", "users", "id"),
                                ("attachment", "attachments", "id")):
        # B608: the interpolated SQL names are module constants, never input
        for (object_id,) in conn.execute(f"SELECT {column} FROM {table}"):  # noqa: S608  # nosec B608
            if f"{kind}:{object_id}" not in latest:
                report.problems.append(f"{kind}:{object_id}: present but never audited (inserted behind the archive's back)")
    report.problems += attachments.store.check_blobs(vault)
    report.problems += _verify_checkpoints(vault, items)
    report.problems += releases.verify_reading_room(vault)
    report.problems += recovery_shares.check(conn, vault.key)
    return report


def _verify_checkpoints(vault: OpenVault, items: list[audit.Entry]) -> list[str]:
    public = signing.public_key(vault.secret("audit_signing_key"))
    checkpoints = audit.export_log(vault.conn, public)["checkpoints"]
    return audit.verify_checkpoints(items, checkpoints, public)
