"""Backup destinations: the admin chooses among the backup folder and mounted sticks, sees the
room and the size needed, and a full or read-only stick gives a refusal in words and loses nothing.

The sticks are real file systems: tmpfs mounts in a private mount namespace (``unshare``), one
roomy, one too small, one read-only (tests/webui/_backup_sticks.py drives the web app there)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from webui import backup_places

ROOT = Path(__file__).resolve().parents[2]


def test_mount_points_under_the_roots_with_their_read_only_flag(tmp_path: Path) -> None:
    """Only storage mounted at or under the roots counts; octal escapes (a space) are read; "ro" is seen."""
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
        "/dev/sdb1 /media/kim/MY\\040STICK vfat rw,nosuid,nodev 0 0\n"
        "/dev/sdc1 /run/media/lee/OLD vfat ro,nosuid 0 0\n"
        "/dev/sdd1 /mnt ext4 rw 0 0\n"
        "tmpfs /mediafake tmpfs rw 0 0\n"
        "proc /mnt/proc proc rw 0 0\n", encoding="utf-8")
    found = list(backup_places.mount_points((Path("/media"), Path("/run/media"), Path("/mnt")), mounts))
    assert found == [(Path("/media/kim/MY STICK"), False), (Path("/run/media/lee/OLD"), True), (Path("/mnt"), False)]


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare for private mounts")
def test_choosing_a_stick_full_and_read_only_sticks_and_verifying_there(tmp_path: Path) -> None:
    media = tmp_path / "media"
    sticks = media / "admin"
    flags = ["--mount"] if os.geteuid() == 0 else ["--mount", "--map-root-user"]
    shell = (f'mkdir -p "{sticks}/STICK" "{sticks}/FULL" "{sticks}/RO" && '
             f'mount -t tmpfs -o size=64m tmpfs "{sticks}/STICK" && '
             f'mount -t tmpfs -o size=2m tmpfs "{sticks}/FULL" && head -c 1900k /dev/zero > "{sticks}/FULL/filler" && '
             f'mount -t tmpfs -o ro,size=64m tmpfs "{sticks}/RO" && mkdir "{sticks}/TINY" && '
             f'mount -t tmpfs -o size=4k tmpfs "{sticks}/TINY" && '
             f'exec "{sys.executable}" -m tests.webui._backup_sticks "{tmp_path / "work"}" "{media}"')
    result = subprocess.run(["unshare", *flags, "sh", "-c", shell], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.splitlines()[-1])
    assert out["need"] > 148 * 1024, "the full stick must be too small for the test to mean anything"
    assert set(out["listed"]) == {"archive-backups", "STICK", "FULL", "RO"}  # not TINY: no storage device
    assert out["disabled"] == ["FULL", "RO"]  # offered, but not choosable, each saying why
    assert out["states"] == ["yes", "not enough room", "read-only", "yes"]  # the folder, then by mount point
    assert out["RO_status"] == 303 and "cannot be written: it is read-only" in out["RO_page"]
    assert out["FULL_status"] == 303 and "There is not enough room on" in out["FULL_page"]
    assert "Nothing was left there and the archive is unchanged" in out["FULL_during_write"]
    assert out["FULL_left"] == ["admin/FULL/filler"]  # what the full stick had taken was removed, its folder too
    assert out["STICK_status"] == 303 and out["STICK_backup"]
    assert any(f.endswith("vault.db") for f in out["STICK_files"])
    assert all(f.startswith("testimony-backups/backup-") for f in out["STICK_files"])
    assert out["STICK_plaintext"] == []  # only ciphertext on the stick
    assert out["verified"] and out["archive_ok"]
