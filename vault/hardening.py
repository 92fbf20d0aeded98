"""Process hardening at start-up (S25, S01b, and the swap advice of docs/threat-model.md).

::

    harden_process()            no core dumps, not dumpable (no ptrace by peers), umask 077
    lock_memory()               mlockall(MCL_CURRENT | MCL_FUTURE) where the limit allows it
    start(root, check_swap=)    all of the above, as the CLI calls it, plus the loud warning
    ensure_private_archive(a)   refuse an archive folder that group or others can read
    swap_warnings()             one line per active swap area that is not encrypted
    memory_report()             what ``testimony doctor`` and ``serve`` say about memory and swap

A crash dump or a swapped-out page of an unlocked process holds keys and plaintext:
the first two cannot be undone from inside Python, so they are prevented at start.
Locked memory is never written to swap; where the lock limit forbids locking, swap
that is off or encrypted is just as good, and anything else gets one loud warning
with the fix. SQLCipher's own allocator wrapper (``cipher_memory_security``) is off
(S01): it covered SQLite's allocations only, and cost most of the store's speed.
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
#: From <sys/mman.h> and <linux/capability.h>.
MCL_CURRENT = 1
MCL_FUTURE = 2
CAP_IPC_LOCK = 14
LOCK_FIX = (
    "to fix it, start the server with an unlimited memory-lock limit (systemd: LimitMEMLOCK=infinity "
    "in the service; a shell: `ulimit -l unlimited` as root before starting), or turn swap off "
    "(`swapoff -a`), or encrypt it (encrypted swap in /etc/crypttab)"
)


@dataclass(frozen=True)
class MemoryLock:
    """The outcome of :func:`lock_memory`: ``reason`` says why memory is not locked."""

    locked: bool
    reason: str = ""


@dataclass(frozen=True)
class SwapState:
    """Active swap areas, and those that are neither dm-crypt nor zram."""

    active: tuple[str, ...]
    unprotected: tuple[str, ...]


#: mlockall is process-wide: the outcome of the first attempt is the process's state.
_memory_lock: list[MemoryLock] = []


@dataclass(frozen=True)
class Hardened:
    """What ``harden_process`` achieved (a failure to set one is reported, not hidden)."""

    core_limit: tuple[int, int]
    dumpable: int | None  # None when prctl is unavailable (not Linux)
    umask: int


def start(archive_root: Path, *, check_swap: bool) -> list[str]:
    """Harden this process, lock its memory, refuse a readable archive folder.

    With ``check_swap``, return the loud warning (memory not locked and swap neither off
    nor encrypted), if any.
    """
    harden_process()
    lock = lock_memory()
    ensure_private_archive(Archive(Path(archive_root)))
    if not check_swap:
        return []
    warning = memory_warning(lock, swap_state())
    return [warning] if warning else []


def lock_memory() -> MemoryLock:
    """Lock every present and future page of this process in RAM (S01b); once per process.

    Attempted only where it cannot fail later: with CAP_IPC_LOCK (root) or an unlimited
    RLIMIT_MEMLOCK. Under a finite limit, MCL_FUTURE would make any allocation beyond it
    fail (a crash in the middle of a write), so the limit is reported instead.
    """
    if not _memory_lock:
        _memory_lock.append(_try_lock())
    return _memory_lock[0]


def _try_lock() -> MemoryLock:
    limit = resource.getrlimit(resource.RLIMIT_MEMLOCK)[0]
    if limit != resource.RLIM_INFINITY and not _has_capability(CAP_IPC_LOCK):
        return MemoryLock(False, f"the memory-lock limit is {_size(limit)}, not unlimited")
    libc_name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(libc_name, use_errno=True) if libc_name else None
    if libc is None or not hasattr(libc, "mlockall"):
        return MemoryLock(False, "this system has no mlockall")
    if libc.mlockall(MCL_CURRENT | MCL_FUTURE) != 0:
        reason = f"mlockall failed: {os.strerror(ctypes.get_errno())}"
        # A failed mlockall may leave some pages locked and MCL_FUTURE set (seen inside a user
        # namespace, where CAP_IPC_LOCK does not lift the limit): undo it, or a later
        # allocation past the limit would fail in the middle of a write.
        libc.munlockall()
        return MemoryLock(False, reason)
    return MemoryLock(True)


def _has_capability(bit: int, status: Path = Path("/proc/self/status")) -> bool:
    try:
        for line in status.read_text().splitlines():
            if line.startswith("CapEff:"):
                return bool(int(line.split()[1], 16) >> bit & 1)
    except (OSError, ValueError, IndexError):
        pass
    return False


def _size(limit: int) -> str:
    return f"{limit // 1024:,} KiB" if limit < 1 << 20 else f"{limit / (1 << 20):,.0f} MiB"


def swap_state(*, proc_swaps: Path = Path("/proc/swaps"), sys_root: Path = Path("/sys")) -> SwapState:
    """Which swap areas are active and which of them are not encrypted (unknown counts as not)."""
    try:
        lines = proc_swaps.read_text().splitlines()[1:]
    except OSError:
        return SwapState((), ())
    names = [line.split()[0].replace("\\040", " ") for line in lines if len(line.split()) >= 2]
    return SwapState(tuple(names), tuple(n for n in names if not _is_protected_swap(n, sys_root)))


def memory_warning(lock: MemoryLock, swap: SwapState) -> str | None:
    """The loud warning when plaintext in this process's memory can reach a swap disk, else None."""
    if lock.locked or not swap.unprotected:
        return None
    return ("WARNING: memory is not locked (" + lock.reason + ") and swap " + ", ".join(swap.unprotected)
            + " is not encrypted: keys and testimonies in this process's memory may be written to that disk "
            "and stay there. " + LOCK_FIX + ".")


def memory_report(lock: MemoryLock, swap: SwapState) -> list[str]:
    """Plain lines for ``testimony doctor`` and ``serve``: memory, swap, and what to do."""
    lines = ["memory: locked (nothing this process holds can be written to swap)" if lock.locked
             else f"memory: not locked ({lock.reason})"]
    if not swap.active:
        lines.append("swap: off")
    elif not swap.unprotected:
        lines.append("swap: on, encrypted (" + ", ".join(swap.active) + ")")
    else:
        lines.append("swap: on, NOT encrypted (" + ", ".join(swap.unprotected) + ")")
    warning = memory_warning(lock, swap)
    if warning:
        lines.append(warning)
    elif lock.locked:
        lines.append("nothing to do")
    else:
        lines.append("nothing to do: swap is off or encrypted, so unlocked memory cannot reach a disk in the clear")
    return lines


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
    return [
        f"warning: swap {name} is not encrypted: memory of an unlocked archive (keys, testimonies) "
        "may be written to disk; use encrypted swap or none (see docs/threat-model.md)"
        for name in swap_state(proc_swaps=proc_swaps, sys_root=sys_root).unprotected
    ]


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
