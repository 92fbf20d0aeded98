"""Atomic, durable key-file writes survive kill -9 at any point (S11)."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from keys.atomic import atomic_writer, write_atomic

WRITER = r"""
import sys
from pathlib import Path
from keys.atomic import write_atomic
path = Path(sys.argv[1])
print("ready", flush=True)
i = 0
while True:
    i += 1
    body = (b"%d:" % i) + bytes([i % 251]) * (64 * 1024)
    write_atomic(path, body)
"""


def _is_whole(data: bytes) -> bool:
    head, _, body = data.partition(b":")
    if not head.isdigit() or len(body) != 64 * 1024:
        return False
    return body == bytes([int(head) % 251]) * (64 * 1024)


def test_s11_kill_during_writes_leaves_old_or_new_file(tmp_path: Path) -> None:
    """Killing a writer at random moments always leaves one whole version, mode 0600."""
    path = tmp_path / "keyring"
    write_atomic(path, b"0:" + bytes([0]) * (64 * 1024))
    rng = random.Random(1234)
    root = Path(__file__).resolve().parents[2]
    for _ in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, cwd=root
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        # let it run through a random number of replacements before killing it
        deadline_reads = rng.randint(1, 200)
        for _ in range(deadline_reads):
            os.stat(path)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert _is_whole(path.read_bytes())
        assert (os.stat(path).st_mode & 0o777) == 0o600
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "keyring"]
    # a temp file from the killed write may remain; it is never the keyring itself
    assert all(name.startswith(".keyring.") and name.endswith(".tmp") for name in leftovers)


def test_write_atomic_replaces_content(tmp_path: Path) -> None:
    path = tmp_path / "f"
    write_atomic(path, b"one")
    write_atomic(path, b"two")
    assert path.read_bytes() == b"two"


def test_atomic_writer_leaves_the_old_file_and_no_temporary_on_error(tmp_path: Path) -> None:
    target = tmp_path / "bundle.tbundle"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_writer(target, suffix=".part") as handle:
        handle.write(b"half of the new")
        raise RuntimeError("interrupted")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.tbundle"]


def test_atomic_writer_without_replace_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "photo.png"
    with atomic_writer(target, replace=False) as handle:
        handle.write(b"first")
    assert target.read_bytes() == b"first" and oct(target.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(FileExistsError), atomic_writer(target, replace=False) as handle:
        handle.write(b"second")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photo.png"]
