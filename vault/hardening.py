"""Process hardening at start-up (S25, and the swap advice of docs/threat-model.md).

::

    harden_process()            no core dumps, not dumpable (no ptrace by peers), umask 077
    start(root, check_swap=)    all of the below, as the CLI calls it
    ensure_private_archive(a)   refuse an archive folder that group or others can read
    swap_warnings()             one line per active swap area that is not encrypted

A crash dump or a swapped-out page of an unlocked process holds keys and plaintext:
the first two cannot be undone from inside Python, so they are prevented at start.
Swap is the machine owner's choice; the product can only warn.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import resource
import stat
from dataclasses import dataclass
from pathlib import Path

from vault.archive import Archive

#: From <linux/prctl.h>.
PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3
PRIVATE_UMASK = 0o077


@dataclass(frozen=True)
class Hardened:
    """What ``harden_process`` achieved (a failure to set one is reported, not hidden)."""

    core_limit: tuple[int, int]
    dumpable: int | None  # None when prctl is unavailable (not Linux)
    umask: int


def start(archive_root: Path, *, check_swap: bool) -> list[str]:
    """Harden this process, refuse a readable archive folder; return swap warnings if asked."""
    harden_process()
    ensure_private_archive(Archive(Path(archive_root)))
    return swap_warnings() if check_swap else []


def harden_process() -> Hardened:
    """Forbid core dumps, make the process non-dumpable, and create files private to the owner."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    dumpable = _set_not_dumpable()
    os.umask(PRIVATE_UMASK)
    return Hardened(resource.getrlimit(resource.RLIMIT_CORE), dumpable, _current_umask())


def ensure_private_archive(archive: Archive) -> None:
    """Refuse an existing archive whose folder has any group or other bit (raises StorageError).

    A folder that does not exist yet is left alone: ``testimony init`` creates it 0700.
    """
    if archive.exists():
        archive.ensure_exists()


def swap_warnings(*, proc_swaps: Path = Path("/proc/swaps"), sys_root: Path = Path("/sys")) -> list[str]:
    """One warning for each active swap area that is neither dm-crypt nor zram (RAM)."""
    try:
        lines = proc_swaps.read_text().splitlines()[1:]
    except OSError:
        return []
    found = []
    for line in lines:
        fields = line.split()
        if len(fields) < 2:
            continue
        name = fields[0].replace("\\040", " ")
        if not _is_protected_swap(name, sys_root):
            found.append(
                f"warning: swap {name} is not encrypted: memory of an unlocked archive (keys, testimonies) "
                "may be written to disk; use encrypted swap or none (see docs/threat-model.md)"
            )
    return found


def _is_protected_swap(name: str, sys_root: Path) -> bool:
    try:
        info = os.stat(name)
    except OSError:
        return False  # cannot tell: say so rather than assume
    device = info.st_rdev if stat.S_ISBLK(info.st_mode) else info.st_dev
    node = sys_root / "dev" / "block" / f"{os.major(device)}:{os.minor(device)}"
    return _encrypted_or_ram(node, depth=0)


def _encrypted_or_ram(node: Path, *, depth: int) -> bool:
    """True if this block device is zram, dm-crypt, or stacked (LVM, partition) on dm-crypt."""
    if depth > 8:
        return False
    try:
        real = node.resolve(strict=True)
    except OSError:
        return False
    if real.name.startswith("zram"):
        return True
    try:
        if (real / "dm" / "uuid").read_text().startswith("CRYPT-"):
            return True
    except OSError:
        pass  # not a device-mapper device
    candidates = []
    slaves = real / "slaves"
    if slaves.is_dir():
        candidates = sorted(slaves.iterdir())
    elif (real / "partition").exists():
        candidates = [real.parent]  # a partition: judge its disk (never dm-crypt, so False)
    return bool(candidates) and all(_encrypted_or_ram(c, depth=depth + 1) for c in candidates)


def _set_not_dumpable() -> int | None:
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return None
    libc = ctypes.CDLL(libc_name, use_errno=True)
    if not hasattr(libc, "prctl"):
        return None
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")
    return int(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def _current_umask() -> int:
    mask = os.umask(PRIVATE_UMASK)
    os.umask(mask)
    return mask
