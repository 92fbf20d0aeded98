"""A careless operator's five long operations, each with its set-up and its after-crash checks.

Used by test_careless_operator.py in child processes::

    python -m tests.adversary._operator operate STAGE ROOT [--kill-at N]   # SIGKILL at hooked call N
    python -m tests.adversary._operator disk-full STAGE MOUNT LEVEL...     # in a small private tmpfs

``prepare`` builds the state before the operation (something already acknowledged, so a
crash can be shown to lose nothing), ``operate`` runs it, ``check`` asserts afterwards that
the archive verifies, nothing acknowledged is lost, and the operation can be run again.
"""
from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from keys import recovery
from keys.atomic import write_atomic
from keys.bundle import seal_bundle
from keys.errors import KeysError
from keys.intake import IntakeSuite
from keys.keyring import Role
from tests.factories import add_testimony, approved_release, new_archive, open_as, record
from vault import backup, intake_import, recovery_shares, releases, store, testimonies
from vault.archive import Archive, OpenVault
from vault.errors import VaultError
from vault.rekey import rotate_vault_key
from vault.verify import verify_vault

STAGES = ("import", "publish", "rekey", "backup", "restore")
PASS = {"admin": "admin passphrase 1", "alice": "alice passphrase 1", "bob": "bob passphrase 12"}
BUNDLE = "field.sealed"


# --- set-up ---------------------------------------------------------------------------------

def prepare(stage: str, root: Path, *, bulk: int = 0) -> None:
    """Build ``root/archive`` (and what the stage needs) with two acknowledged testimonies.

    ``bulk`` more testimonies make the database big enough for a long-running statement.
    """
    created = new_archive(root / "archive", admin="admin", passphrase=PASS["admin"], threshold=1, share_count=1,
                          users={"alice": (Role.ARCHIVIST, PASS["alice"]), "bob": (Role.ARCHIVIST, PASS["bob"])})
    archive = created.archive
    _deliver(root)(created.shares)
    with _open(archive, "admin") as admin:
        for n in range(2):
            add_testimony(admin, record(text=f"[SYNTHETIC TEST] acknowledged {n} in Hyesan."))
        for n in range(bulk):
            add_testimony(admin, record(text=f"[SYNTHETIC TEST] bulk {n} " + "lorem ipsum " * 300))
        if stage == "import":
            public = intake_import.create_intake_key(admin, suite=IntakeSuite.X25519)
            doc = json.dumps({"language": "en", "text": "[SYNTHETIC TEST] sealed in the field.",
                              "interview_date": "2024-01-02", "consent": "research",
                              "witness": {"name": "Field Person"}, "sensitive_terms": [], "events": []})
            out = io.BytesIO()
            seal_bundle(out, public, doc.encode(), [("photo.png", io.BytesIO(_png()))])
            (archive.folder("inbox") / BUNDLE).write_bytes(out.getvalue())
    if stage == "publish":
        with _open(archive, "alice") as alice, _open(archive, "bob") as bob:
            for text in ("[SYNTHETIC TEST] The witness left Hyesan in 2008.",
                         "[SYNTHETIC TEST] The witness crossed near Onsong in 2009."):
                approved_release(alice, bob, add_testimony(alice, record(text=text)), accept_suppression=True)
            first = releases.list_releases(bob.conn, status="approved")[0]
            releases.publish(bob, first.id, accept_suppression=True)
    if stage == "restore":
        with _open(archive, "admin") as admin:
            backup.create(admin, root / "backup")
        (root / "backup.sha256").write_text(json.dumps(_hashes(root / "backup")))


# --- the operations -------------------------------------------------------------------------

def operate(stage: str, root: Path) -> None:
    archive = Archive(root / "archive")
    if stage == "import":
        with _open(archive, "admin") as admin:
            outcomes = list(intake_import.import_bundles(admin, intake_import.inbox_bundles(archive)))
            assert [o.status for o in outcomes] == ["imported"], outcomes
    elif stage == "publish":
        with _open(archive, "bob") as bob:
            (pending,) = releases.list_releases(bob.conn, status="approved")
            releases.publish(bob, pending.id, accept_suppression=True)
    elif stage == "rekey":
        rotate_vault_key(archive, archive.unlock("admin", PASS["admin"]), PASS["admin"], threshold=1, share_count=1,
                         deliver=_deliver(root))
    elif stage == "rekey-cli":  # what an operator types: `testimony rekey --shares-out FILE`
        from cli import main

        (root / "passphrase").write_text(PASS["admin"] + "\n")
        main.main(["--archive", str(root / "archive"), "--user", "admin", "--passphrase-file", str(root / "passphrase"),
                   "rekey", "--shares", "1/1", "--shares-out", str(root / "shares.txt")], standalone_mode=False)
    elif stage == "backup":
        with _open(archive, "admin") as admin:
            backup.create(admin, root / "backup")
    elif stage == "restore":
        backup.restore(root / "backup", root / "restored", "admin", PASS["admin"])
    else:
        raise ValueError(stage)


# --- after a crash or a full disk -----------------------------------------------------------

def check(stage: str, root: Path) -> None:
    """Raise AssertionError unless the archive verifies, lost nothing, and the stage can be redone."""
    archive = Archive(root / "archive")
    if stage in ("rekey", "rekey-cli"):
        _check_recovery_shares(archive, root)
    with _open(archive, "admin") as admin:
        report = verify_vault(admin)
        if not report.ok and stage == "publish":
            # Killed between the vault's commit and the reading room's: verify names the missing
            # extract, and the documented repair (`testimony release sync`) restores it.
            assert all(p.startswith("reading-room.db: published extract") for p in report.problems), report
            releases.sync(admin)
        _ensure_sound(admin)
    if stage == "import":
        with _open(archive, "admin") as admin:
            ledger = _count(admin, "SELECT count(*) FROM audit WHERE action = 'intake.import'")
            assert ledger <= 1
            bundles = list(archive.folder("inbox").rglob(BUNDLE + "*"))
            assert bundles, "the sealed bundle was lost"
            again = list(intake_import.import_bundles(admin, bundles))
            assert {o.status for o in again} <= {"imported", "already-imported"}, again
            assert _count(admin, "SELECT count(*) FROM audit WHERE action = 'intake.import'") == 1
            assert len(testimonies.list_all(admin.conn)) == 3
            assert _count(admin, "SELECT count(*) FROM attachments") == 1  # the photo came with it
            _ensure_sound(admin)
    elif stage == "publish":
        with _open(archive, "bob") as bob:
            statuses = sorted(r.status for r in releases.list_releases(bob.conn))
            assert statuses in (["approved", "published"], ["published", "published"]), statuses
            if "approved" in statuses:
                (pending,) = releases.list_releases(bob.conn, status="approved")
                releases.publish(bob, pending.id, accept_suppression=True)
            releases.sync(bob)
            assert releases.verify_reading_room(bob) == []
            assert len(releases.published_extracts(bob.conn, 5)) == 2
            _ensure_sound(bob)
    elif stage in ("rekey", "rekey-cli"):
        rotate_vault_key(archive, archive.unlock("admin", PASS["admin"]), PASS["admin"], threshold=1, share_count=1,
                         deliver=_deliver(root))
        with _open(archive, "admin") as admin:
            _ensure_sound(admin)
            assert recovery.combine(_delivered(root)) == admin.key, "the new shares do not rebuild the new key"
    elif stage == "backup":
        partial = root / "backup"
        if partial.exists():
            try:
                summary = backup.restore(partial, root / "from-partial", "admin", PASS["admin"])
            except (VaultError, KeysError):
                pass  # refused with a clear error: fine
            else:
                assert summary.counts["testimonies"] == 2, summary
        with _open(archive, "admin") as admin:
            redo = backup.create(admin, root / "backup-again")
        assert backup.restore(redo.path, root / "from-again", "admin", PASS["admin"]).counts["testimonies"] == 2
    elif stage == "restore":
        assert _hashes(root / "backup") == json.loads((root / "backup.sha256").read_text()), "the backup changed"
        summary = backup.restore(root / "backup", root / "restored-again", "admin", PASS["admin"])
        assert summary.counts["testimonies"] == 2
    with _open(archive, "admin") as admin:
        _ensure_sound(admin)


def _deliver(root: Path) -> Callable[[list[str]], None]:
    """Where the operator keeps the recovery shares: a file written durably, replaced per new set."""
    return lambda shares: write_atomic(root / "shares.txt", "".join(f"{s}\n" for s in shares).encode())


def _delivered(root: Path) -> list[str]:
    return (root / "shares.txt").read_text().splitlines()


def _check_recovery_shares(archive: Archive, root: Path) -> None:
    """After a crash in a rotation: the last delivered shares rebuild the key that opens the vault,
    or verify says they do not (and the rotation, run again, hands out a set that does)."""
    with _open(archive, "admin") as admin:
        rebuilt = recovery.combine(_delivered(root))
        problems = verify_vault(admin).problems
        current = admin.key
    if rebuilt == current:
        assert recovery_shares.MISMATCH not in problems, problems
    else:
        assert problems == [recovery_shares.MISMATCH], (
            "the delivered recovery shares do not rebuild the vault key and verify does not say so", problems)
        rotate_vault_key(archive, archive.unlock("admin", PASS["admin"]), PASS["admin"], threshold=1,
                         share_count=1, deliver=_deliver(root))
    with _open(archive, "admin") as admin:
        assert recovery.combine(_delivered(root)) == admin.key
        assert verify_vault(admin).ok


def _ensure_sound(vault: OpenVault) -> None:
    report = verify_vault(vault)
    assert report.ok, report.problems
    texts = [testimonies.original_text(vault.conn, s.id) for s in testimonies.list_all(vault.conn)]
    for n in range(2):
        assert any(f"acknowledged {n} in Hyesan" in t for t in texts), f"acknowledged testimony {n} lost"


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 120, 150)).save(out, format="PNG")
    return out.getvalue()


def _open(archive: Archive, user: str) -> OpenVault:
    return open_as(archive, user, PASS[user])


def _count(vault: OpenVault, sql: str) -> int:
    return int(vault.conn.execute(sql).fetchone()[0])


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- kill -9 at the N-th hooked call ----------------------------------------------------------

_HOOKS: list[tuple[Any, str]] = [
    (os, "fsync"), (os, "replace"), (os, "rename"), (os, "unlink"), (os, "mkdir"), (os, "chmod"),
    (shutil, "copy2"), (shutil, "copyfile"), (shutil, "copytree"), (shutil, "rmtree"),
    (store.Connection, "execute"), (store.Connection, "commit"),
]


def install_kill_hooks(kill_at: int | None, trace: list[str], *, after_seconds: float | None = None) -> None:
    """Count calls to file-system steps and SQL statements; SIGKILL this process at call ``kill_at``.

    With ``after_seconds`` the call starts and the kill lands that long after, inside it.
    """
    for owner, name in _HOOKS:
        original = getattr(owner, name)
        label = f"{getattr(owner, '__name__', owner)}.{name}"

        def hooked(*args: Any, __original: Callable[..., Any] = original, __label: str = label,
                   **kwargs: Any) -> Any:
            sql = args[1] if __label.endswith(".execute") and len(args) > 1 else None
            trace.append(f"sql {str(sql).split(None, 2)[:2]}" if sql is not None else __label)
            if len(trace) == kill_at:
                sys.stdout.flush()
                if after_seconds is None:
                    os.kill(os.getpid(), signal.SIGKILL)
                threading.Timer(after_seconds, os.kill, (os.getpid(), signal.SIGKILL)).start()
            return __original(*args, **kwargs)

        setattr(owner, name, hooked)


def _main_operate(stage: str, root: Path, kill_at: int | None, after_seconds: float | None = None) -> None:
    trace: list[str] = []
    install_kill_hooks(kill_at, trace, after_seconds=after_seconds)
    operate(stage, root)
    print(json.dumps({"calls": trace}))


def _main_disk_full(stage: str, mount: Path, levels: list[int]) -> None:
    """For each free-space level: fresh state, fill the disk, operate, free the disk, check."""
    template = mount / "template"
    prepare(stage, template)
    results = []
    for level in levels:
        trial = mount / "trial"
        shutil.rmtree(trial, ignore_errors=True)
        shutil.copytree(template, trial)
        filler = mount / "filler"
        _fill(filler, leave=level)
        outcome: dict[str, Any] = {"level": level}
        try:
            operate(stage, trial)
            outcome["error"] = None
        except (VaultError, KeysError) as exc:
            outcome["error"] = f"{type(exc).__name__}: {exc}"
        except OSError as exc:
            outcome["error"] = f"OSError errno={exc.errno}: {exc}"
            outcome["unclear"] = exc.errno != errno.ENOSPC
        except Exception as exc:  # noqa: BLE001 -- reported as an unclear error by the test
            outcome["error"] = f"{type(exc).__name__}: {exc}"
            outcome["unclear"] = True
        filler.unlink()
        try:
            check(stage, trial)
            outcome["check"] = "ok"
        except Exception as exc:  # noqa: BLE001 -- the test prints what broke
            outcome["check"] = f"{type(exc).__name__}: {exc}"
        results.append(outcome)
    print(json.dumps(results))


def _fill(filler: Path, *, leave: int) -> None:
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        block = b"\0" * 65536
        while True:
            try:
                if os.write(fd, block) == 0:
                    break
            except OSError:
                if len(block) == 1:
                    break
                block = block[: len(block) // 2]
    finally:
        os.close(fd)
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - leave))


if __name__ == "__main__":
    command, stage_name = sys.argv[1], sys.argv[2]
    if command == "operate":
        at = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--kill-at" else None
        delay = float(sys.argv[7]) if len(sys.argv) > 7 and sys.argv[6] == "--after" else None
        _main_operate(stage_name, Path(sys.argv[3]), at, delay)
    elif command == "disk-full":
        _main_disk_full(stage_name, Path(sys.argv[3]), [int(v) for v in sys.argv[4:]])
    else:
        raise SystemExit(f"unknown command {command}")
