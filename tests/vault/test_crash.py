"""Kill -9 during concurrent writes (S27) and a full disk (S28)."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ADMIN, ADMIN_PASSPHRASE, Created
from vault import testimonies
from vault.verify import verify_vault

ROOT = Path(__file__).resolve().parents[2]

WRITER = r"""
import sys
from pathlib import Path
from tests.factories import record
from vault import testimonies
from vault.archive import Archive
archive = Archive(Path(sys.argv[1]))
vault = archive.open_vault(archive.unlock(sys.argv[2], sys.argv[3]))
print("ready", flush=True)
while True:
    tid = testimonies.add(vault.conn, record(text="[SYNTHETIC TEST] " + "x" * 3000), actor=vault.actor)
    print(tid, flush=True)  # acknowledged: the transaction has committed
"""


def _start(created: Created) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(created.archive.root), ADMIN, ADMIN_PASSPHRASE],
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )


def test_s27_kill_9_during_concurrent_inserts_loses_nothing_acknowledged(created: Created) -> None:
    rng = random.Random(27)
    acknowledged: set[str] = set()
    for _round in range(4):
        writers = [_start(created), _start(created)]
        try:
            for proc in writers:
                assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
            for _ in range(rng.randint(3, 40)):
                for proc in writers:
                    assert proc.stdout is not None
                    acknowledged.add(proc.stdout.readline().decode().strip())
        finally:
            for proc in writers:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                assert proc.stdout is not None
                proc.stdout.close()
        with created.archive.open_vault(created.archive.unlock(ADMIN, ADMIN_PASSPHRASE)) as vault:
            present = {s.id for s in testimonies.list_all(vault.conn)}
            assert acknowledged <= present
            report = verify_vault(vault)
            assert report.ok, report.problems


DISK_FULL = r"""
import os, sys
from pathlib import Path
from tests.factories import ADMIN, ADMIN_PASSPHRASE, add_testimony, new_archive, open_as, record
from vault import testimonies
from vault.errors import StorageError
from vault.verify import verify_vault

mount = Path(sys.argv[1])
archive = new_archive(mount / "archive").archive
vault = open_as(archive, ADMIN, ADMIN_PASSPHRASE)
first = add_testimony(vault)
filler = mount / "filler"
with filler.open("wb", buffering=0) as handle:  # unbuffered: close has nothing left to flush
    try:
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    except OSError:
        pass
try:
    testimonies.add(vault.conn, record(text="[SYNTHETIC TEST] " + "y" * 600_000), actor=vault.actor)
except StorageError as error:
    print("ERROR:", error)
else:
    print("NO ERROR")
filler.unlink()
ids = [s.id for s in testimonies.list_all(vault.conn)]
print("IDS:", ids == [first])
print("VERIFY:", verify_vault(vault).ok)
"""


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare for a private tmpfs")
def test_s28_disk_full_is_a_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    """On a full 3 MiB tmpfs the write fails cleanly and the archive still verifies."""
    mount = tmp_path / "small"
    mount.mkdir()
    flags = ["--mount"] if os.geteuid() == 0 else ["--mount", "--map-root-user"]
    script = tmp_path / "disk_full.py"
    script.write_text(DISK_FULL)
    shell = f'mount -t tmpfs -o size=3m tmpfs "{mount}" && exec "{sys.executable}" "{script}" "{mount}"'
    result = subprocess.run(
        ["unshare", *flags, "sh", "-c", shell], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert "ERROR: the disk is full: nothing was saved" in result.stdout
    assert "IDS: True" in result.stdout
    assert "VERIFY: True" in result.stdout
