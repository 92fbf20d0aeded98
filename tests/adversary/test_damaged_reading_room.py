"""Adversary finding: a damaged reading-room.db made `testimony verify` crash (S04).

One byte flipped in the middle of reading-room.db: verify reports the damage in one line,
as it does for vault.db, and exits non-zero -- no Python traceback.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.adversary.conftest import PASS, Populated
from tests.factories import copy_archive

ROOT = Path(__file__).resolve().parents[2]


def _flip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2 + 100] ^= 0xFF
    path.write_bytes(bytes(data))


def test_s04_verify_reports_a_damaged_reading_room_in_one_line(populated: Populated, tmp_path: Path) -> None:
    root = tmp_path / "archive"
    copy_archive(populated.archive.root, root)
    for leftover in root.glob("reading-room.db-*"):
        leftover.unlink()
    _flip_middle(root / "reading-room.db")
    (tmp_path / "p").write_text(PASS["admin"] + "\n")
    result = subprocess.run(
        [sys.executable, "-c", "from cli import main; main()", "--archive", str(root), "--user", "admin", "--passphrase-file",
         str(tmp_path / "p"), "verify"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    problems = [line for line in result.stdout.splitlines() if line.startswith("PROBLEM: ")]
    assert len(problems) == 1 and "reading-room.db" in problems[0], result.stdout
    assert any("damaged" in line for line in problems), result.stdout
