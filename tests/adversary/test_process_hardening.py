"""Process hardening at start (S25): no core dumps, not dumpable, private umask, private folder, swap advice."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from tests.factories import Created
from vault import hardening
from webui import derivations

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, os, resource, ctypes, ctypes.util, sys
from pathlib import Path
from vault.hardening import harden_process
hardened = harden_process()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
probe = Path(sys.argv[1])
probe.write_bytes(b"x")
print(json.dumps({"core": list(resource.getrlimit(resource.RLIMIT_CORE)), "dumpable": libc.prctl(3, 0, 0, 0, 0),
                  "reported": hardened.dumpable, "mode": probe.stat().st_mode & 0o777}))
"""


def test_s25_no_core_dumps_not_dumpable_private_files(tmp_path: Path) -> None:
    """After hardening: RLIMIT_CORE is (0, 0), PR_GET_DUMPABLE is 0, a new file is 0600."""
    out = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "probe")], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    facts = json.loads(out)
    assert facts == {"core": [0, 0], "dumpable": 0, "reported": 0, "mode": 0o600}


def test_s25_cli_refuses_group_or_world_readable_archive(created: Created) -> None:
    """Every command refuses an archive folder with group/other bits, even one needing no passphrase."""
    root = created.archive.root
    os.chmod(root, 0o755)
    try:
        result = subprocess.run([sys.executable, "-c", "from cli import main; main()", "--archive", str(root), "verify-export", "x"],
                                cwd=ROOT, capture_output=True, text=True)
    finally:
        os.chmod(root, 0o700)
    assert result.returncode == 1
    assert "readable by other users" in result.stderr and "Traceback" not in result.stderr


def test_cli_accepts_private_archive_and_missing_folder(created: Created, tmp_path: Path) -> None:
    """A 0700 archive and a folder that does not exist yet pass the start-up check."""
    for root in (created.archive.root, tmp_path / "not-yet"):
        result = CliRunner().invoke(main, ["--archive", str(root), "--help"])
        assert result.exit_code == 0, result.output


def _fake_block(sys_root: Path, device: int, *, name: str, uuid: str | None = None,
                slaves: tuple[str, ...] = ()) -> None:
    node = sys_root / "devices" / name
    node.mkdir(parents=True)
    if uuid is not None:
        (node / "dm").mkdir()
        (node / "dm" / "uuid").write_text(uuid + "\n")
    (node / "slaves").mkdir()
    for slave in slaves:
        (node / "slaves" / slave).symlink_to(sys_root / "devices" / slave)
    link = sys_root / "dev" / "block" / f"{os.major(device)}:{os.minor(device)}"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(node)


def _swaps(tmp_path: Path, *names: Path) -> Path:
    table = tmp_path / "swaps"
    rows = "".join(f"{n}\tfile\t1024\t0\t-2\n" for n in names)
    table.write_text("Filename\tType\tSize\tUsed\tPriority\n" + rows)
    return table


def test_swap_warning_for_plain_swap_only(tmp_path: Path) -> None:
    """Swap on a plain disk warns; dm-crypt, LVM over dm-crypt and zram do not; no swap is silent."""
    swapfile = tmp_path / "swapfile"
    swapfile.write_bytes(b"")
    device = swapfile.stat().st_dev
    cases = {
        "plain": dict(name="vda1"),
        "crypt": dict(name="dm-0", uuid="CRYPT-LUKS2-abc-cryptswap"),
        "zram": dict(name="zram0"),
    }
    expected = {"plain": 1, "crypt": 0, "zram": 0}
    for label, spec in cases.items():
        sys_root = tmp_path / f"sys-{label}"
        _fake_block(sys_root, device, **spec)  # type: ignore[arg-type]
        found = hardening.swap_warnings(proc_swaps=_swaps(tmp_path, swapfile), sys_root=sys_root)
        assert len(found) == expected[label], (label, found)
    stacked = tmp_path / "sys-lvm"
    (stacked / "devices").mkdir(parents=True)
    crypt = stacked / "devices" / "dm-0"
    (crypt / "dm").mkdir(parents=True)
    (crypt / "dm" / "uuid").write_text("CRYPT-LUKS2-x")
    (crypt / "slaves").mkdir()
    _fake_block(stacked, device, name="dm-1", uuid="LVM-abc", slaves=("dm-0",))
    assert hardening.swap_warnings(proc_swaps=_swaps(tmp_path, swapfile), sys_root=stacked) == []
    assert hardening.swap_warnings(proc_swaps=_swaps(tmp_path), sys_root=stacked) == []
    warning = hardening.swap_warnings(proc_swaps=_swaps(tmp_path, tmp_path / "gone"), sys_root=stacked)
    assert len(warning) == 1 and "not encrypted" in warning[0]


def test_serve_warns_about_unencrypted_swap(created: Created, monkeypatch: pytest.MonkeyPatch) -> None:
    """`testimony serve` warns once, before it starts serving, when memory is not locked and swap is plain."""
    import waitress

    served: list[dict[str, object]] = []
    monkeypatch.setattr(waitress, "serve", lambda app, **options: served.append(options))
    monkeypatch.setattr(derivations, "serve_below_staff", lambda: None)  # not the test runner's own thread
    monkeypatch.setattr(hardening, "swap_state", lambda: hardening.SwapState(("/dev/vda2",), ("/dev/vda2",)))
    monkeypatch.setenv("TESTIMONY_SECRET_KEY", "ab" * 32)
    result = CliRunner().invoke(main, ["--archive", str(created.archive.root), "serve"])
    assert result.exit_code == 0, result.output
    assert "swap /dev/vda2 is not encrypted" in result.output and served
    assert result.output.count("WARNING") == 1 and "LimitMEMLOCK=infinity" in result.output


# -- S01b: memory locked against swap, or one loud warning with the fix ---------------

CLI = [sys.executable, "-c", "from cli import main; main()"]
#: Run a command as a non-root user would be: no CAP_IPC_LOCK, a 64 KiB lock limit.
UNPRIVILEGED = ["setpriv", "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock", "prlimit", "--memlock=65536"]


def _needs_root_tools() -> None:
    if os.geteuid() != 0 or not shutil.which("setpriv") or not shutil.which("prlimit"):
        pytest.skip("needs root (CAP_IPC_LOCK), setpriv and prlimit to compare a locked and an unlocked process")


_MLOCK_PROBE = ("import ctypes, ctypes.util, sys; libc = ctypes.CDLL(ctypes.util.find_library('c'));"
                " sys.exit(0 if libc.mlockall(1 | 2) == 0 else 1)")


def _kernel_allows_mlockall() -> bool:
    """Whether the kernel lets a child of this process lock all its memory (false inside a user
    namespace, as under `make test`: CAP_IPC_LOCK there does not count for the lock limit)."""
    return subprocess.run([sys.executable, "-c", _MLOCK_PROBE], check=False).returncode == 0


def test_s01b_doctor_reports_locked_memory_where_allowed_and_the_limit_where_not(tmp_path: Path) -> None:
    _needs_root_tools()
    allowed = subprocess.run([*CLI, "--archive", str(tmp_path / "a"), "doctor"], cwd=ROOT, capture_output=True,
                             text=True)
    if _kernel_allows_mlockall():
        assert allowed.returncode == 0, allowed.stderr
        assert "memory: locked" in allowed.stdout
    else:  # the report says so, with the reason, instead of claiming a lock it does not hold
        assert "memory: not locked (" in allowed.stdout and "memory: locked" not in allowed.stdout
    assert "core dumps: off" in allowed.stdout and "(dumpable): no" in allowed.stdout
    refused = subprocess.run([*UNPRIVILEGED, *CLI, "--archive", str(tmp_path / "a"), "doctor"], cwd=ROOT,
                             capture_output=True, text=True)
    assert "memory: not locked (the memory-lock limit is 64 KiB, not unlimited)" in refused.stdout
    swap = hardening.swap_state()
    if swap.unprotected:
        assert refused.returncode == 1 and "LimitMEMLOCK=infinity" in refused.stdout
    else:  # swap off or encrypted: nothing can reach a disk, nothing to do
        assert refused.returncode == 0 and "nothing to do" in refused.stdout


def test_s01b_loud_warning_only_when_unlocked_memory_can_reach_plain_swap(tmp_path: Path) -> None:
    swapfile = tmp_path / "swapfile"
    swapfile.write_bytes(b"")
    plain_root, crypt_root = tmp_path / "sys-plain", tmp_path / "sys-crypt"
    _fake_block(plain_root, swapfile.stat().st_dev, name="vda1")
    _fake_block(crypt_root, swapfile.stat().st_dev, name="dm-0", uuid="CRYPT-LUKS2-abc-cryptswap")
    plain = hardening.swap_state(proc_swaps=_swaps(tmp_path, swapfile), sys_root=plain_root)
    crypt = hardening.swap_state(proc_swaps=_swaps(tmp_path, swapfile), sys_root=crypt_root)
    off = hardening.swap_state(proc_swaps=_swaps(tmp_path), sys_root=plain_root)
    unlocked = hardening.MemoryLock(False, "the memory-lock limit is 8 MiB, not unlimited")
    warning = hardening.memory_warning(unlocked, plain)
    assert warning is not None and warning.startswith("WARNING") and str(swapfile) in warning
    assert "LimitMEMLOCK=infinity" in warning and "swapoff" in warning
    assert hardening.memory_warning(hardening.MemoryLock(True), plain) is None
    assert hardening.memory_warning(unlocked, crypt) is None
    assert hardening.memory_warning(unlocked, off) is None
    report = hardening.memory_report(unlocked, plain)
    assert report[:2] == ["memory: not locked (the memory-lock limit is 8 MiB, not unlimited)",
                          f"swap: on, NOT encrypted ({swapfile})"]
    assert sum("WARNING" in line for line in report) == 1
    assert hardening.memory_report(unlocked, crypt)[1] == f"swap: on, encrypted ({swapfile})"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _proc_field(pid: int, name: str, table: str = "status") -> str:
    for line in Path(f"/proc/{pid}/{table}").read_text().splitlines():
        if line.startswith(name):
            return line[len(name):].strip()
    raise AssertionError(f"{name} not in /proc/{pid}/{table}")


def test_s01b_serve_process_is_locked_without_core_dumps_and_says_so_once(created: Created) -> None:
    """The real `testimony serve`: core limit 0, all memory locked, and one start-up report."""
    _needs_root_tools()
    env = {**os.environ, "TESTIMONY_SECRET_KEY": "ab" * 32}
    server = subprocess.Popen([*CLI, "--archive", str(created.archive.root), "serve", "--port", str(_free_port())],
                              cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        said = []
        for line in server.stderr:  # the start-up report comes before the "serving" line
            said.append(line.strip())
            if line.startswith("serving "):
                break
        assert sum(line.startswith("memory:") for line in said) == 1
        assert _proc_field(server.pid, "Max core file size", "limits").split()[:2] == ["0", "0"]
        if not _kernel_allows_mlockall():  # inside a user namespace: the report must not claim a lock
            assert said[0].startswith("memory: not locked ("), said
            assert int(_proc_field(server.pid, "VmLck:").split()[0]) == 0
            return
        assert said[:3] == ["memory: locked (nothing this process holds can be written to swap)", "swap: off",
                            "nothing to do"] or hardening.swap_state().active, said
        locked_kb = int(_proc_field(server.pid, "VmLck:").split()[0])
        resident_kb = int(_proc_field(server.pid, "VmRSS:").split()[0])
        assert locked_kb >= resident_kb > 0  # every resident page is locked
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()
