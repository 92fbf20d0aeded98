"""Adversary: a careless operator (S27, S28, S11).

kill -9 and a full disk at every stage of intake import, release publish, vault-key rotation,
backup and restore. Afterwards the archive verifies (both integrity checks, content hashes,
audit chain), no acknowledged testimony is lost, and the interrupted operation can be redone.

Kill points are chosen from a counting run: every file-system step (fsync, replace, copy,
mkdir, ...) and every writing SQL statement (BEGIN, INSERT, UPDATE, DELETE, COMMIT, PRAGMA
rekey, checkpoints), thinned evenly to at most ``MAX_KILLS`` per operation.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.adversary import _operator

ROOT = Path(__file__).resolve().parents[2]
MAX_KILLS = 10
WRITES = ("os.", "shutil.", "'INSERT'", "'UPDATE'", "'DELETE'", "'BEGIN'", "'COMMIT'", "rekey", "wal_checkpoint",
          "'REPLACE'", "sqlcipher_export", "ATTACH", "DETACH")
MUST = ("os.replace", "os.fsync", "'COMMIT'", "shutil.")
#: Steps killed at every time they occur: the key change itself, the export, and every atomic replace.
ALWAYS = ("'rekey'", "sqlcipher_export", "os.replace")
#: Free bytes left on the full disk: from nothing to enough for most but not all of the work.
LEVELS = (0, 4096, 32768, 131072, 524288, 2097152)


def _child(stage: str, root: Path, kill_at: int | None = None) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "tests.adversary._operator", "operate", stage, str(root)]
    if kill_at is not None:
        argv += ["--kill-at", str(kill_at)]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)


def kill_points(calls: list[str]) -> list[int]:
    """1-based call numbers to kill at: every critical step, then must-kill steps and writes spread evenly."""
    def where(words: tuple[str, ...]) -> list[int]:
        return [i + 1 for i, label in enumerate(calls) if any(w in label for w in words)]

    chosen = set(where(ALWAYS))
    for pool in (where(MUST), where(WRITES)):
        spare = MAX_KILLS - len(chosen)
        if spare > 0 and pool:
            chosen.update(pool[:: max(1, len(pool) // spare)][:spare])
    chosen.add(len(calls))  # the very last step
    return sorted(chosen)


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("operator")
    made = {}
    for stage in _operator.STAGES:
        _operator.prepare(stage, base / stage)
        made[stage] = base / stage
    return made


@pytest.mark.parametrize("stage", _operator.STAGES)
def test_s27_kill_9_at_every_stage_loses_nothing(stage: str, templates: dict[str, Path], tmp_path: Path) -> None:
    """SIGKILL at each file-system step and write of the operation; then verify, count, redo."""
    counting = tmp_path / "count"
    shutil.copytree(templates[stage], counting)
    result = _child(stage, counting)
    assert result.returncode == 0, result.stderr
    calls = json.loads(result.stdout.splitlines()[-1])["calls"]
    points = kill_points(calls)
    assert len(points) >= 3

    def run(point: int) -> tuple[int, Path, subprocess.CompletedProcess[str]]:
        trial = tmp_path / f"kill-{point}"
        shutil.copytree(templates[stage], trial)
        return point, trial, _child(stage, trial, point)

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(run, points))
    for point, trial, outcome in runs:
        assert outcome.returncode == -signal.SIGKILL, (point, calls[point - 1], outcome.stderr[-2000:])
        try:
            _operator.check(stage, trial)
        except AssertionError as exc:
            raise AssertionError(f"{stage}: killed at call {point} ({calls[point - 1]}): {exc}") from exc


def test_s27_kill_9_inside_the_rekey_statement(tmp_path: Path) -> None:
    """SIGKILL while PRAGMA rekey rewrites a 3 MB vault (1 to 25 ms into it): the vault opens with the
    old or the new key through the admin's slot, verifies, lost nothing, and rotates again."""
    template = tmp_path / "template"
    _operator.prepare("rekey", template, bulk=300)
    counting = tmp_path / "count"
    shutil.copytree(template, counting)
    result = _child("rekey", counting)
    assert result.returncode == 0, result.stderr
    calls = json.loads(result.stdout.splitlines()[-1])["calls"]
    (rekey_call,) = [i + 1 for i, label in enumerate(calls) if "'rekey'" in label]

    def run(delay_ms: int) -> tuple[int, Path, subprocess.CompletedProcess[str]]:
        trial = tmp_path / f"during-{delay_ms}"
        shutil.copytree(template, trial)
        argv = [sys.executable, "-m", "tests.adversary._operator", "operate", "rekey", str(trial),
                "--kill-at", str(rekey_call), "--after", str(delay_ms / 1000)]
        return delay_ms, trial, subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(run, (1, 5, 10, 15, 20, 25)))
    for delay_ms, trial, outcome in runs:
        assert outcome.returncode == -signal.SIGKILL, (delay_ms, outcome.stderr[-2000:])
        try:
            _operator.check("rekey", trial)
        except AssertionError as exc:
            raise AssertionError(f"killed {delay_ms} ms into PRAGMA rekey: {exc}") from exc


def test_s13_kill_9_during_rekey_never_leaves_the_key_without_shares(tmp_path: Path) -> None:
    """Found while attacking: killed during `testimony rekey --shares-out FILE` after the database was
    rekeyed, the next unlock finished the rotation quietly, the new shares were never written, the old
    ones rebuilt a dead key and verify said all checks hold. Now, at every kill point from the share
    delivery on: the shares in FILE rebuild the key that opens the vault, or verify says they do not."""
    template = tmp_path / "template"
    _operator.prepare("rekey-cli", template)
    counting = tmp_path / "count"
    shutil.copytree(template, counting)
    result = _child("rekey-cli", counting)
    assert result.returncode == 0, result.stderr
    calls = json.loads(result.stdout.splitlines()[-1])["calls"]
    (rekey_call,) = [i + 1 for i, label in enumerate(calls) if "'rekey'" in label]
    after = list(range(rekey_call, len(calls) + 1))
    points = sorted({rekey_call - 1, rekey_call, *after[:: max(1, len(after) // 6)], len(calls)})

    def run(point: int) -> tuple[int, Path, subprocess.CompletedProcess[str]]:
        trial = tmp_path / f"kill-{point}"
        shutil.copytree(template, trial)
        return point, trial, _child("rekey-cli", trial, point)

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(run, points))
    for point, trial, outcome in runs:
        assert outcome.returncode == -signal.SIGKILL, (point, calls[point - 1], outcome.stderr[-2000:])
        try:
            _operator.check("rekey-cli", trial)
        except AssertionError as exc:
            raise AssertionError(f"killed at call {point} ({calls[point - 1]}): {exc}") from exc


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare for a private tmpfs")
@pytest.mark.parametrize("stage", _operator.STAGES)
def test_s28_disk_full_at_every_stage_is_clear_and_loses_nothing(stage: str, tmp_path: Path) -> None:
    """On a 24 MiB tmpfs filled to leave 0 B .. 2 MiB: a clear error or success, then all checks hold."""
    mount = tmp_path / "small"
    mount.mkdir()
    flags = ["--mount"] if os.geteuid() == 0 else ["--mount", "--map-root-user"]
    levels = " ".join(str(v) for v in LEVELS)
    shell = (f'mount -t tmpfs -o size=24m tmpfs "{mount}" && exec "{sys.executable}" -m tests.adversary._operator '
             f'disk-full {stage} "{mount}" {levels}')
    result = subprocess.run(["unshare", *flags, "sh", "-c", shell], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-3000:]
    outcomes = json.loads(result.stdout.splitlines()[-1])
    assert [o["level"] for o in outcomes] == list(LEVELS)
    for outcome in outcomes:
        assert not outcome.get("unclear"), outcome
        assert outcome["check"] == "ok", outcome
    errors = [o["error"] for o in outcomes if o["error"]]
    assert errors, "the disk was never full enough to fail the operation: the test proves nothing"
    assert all("Traceback" not in e and len(e) > 12 for e in errors)
