"""Where a backup can go: the configured backup folder, and every mounted place under the
mount roots (``WebConfig.backup_mount_roots``: a USB stick under /media/<user>/, /run/media/<user>/
or /mnt/...).

The admin chooses one from a list this module makes on the server; the form sends only the
place's id (a hash of its path), never a path, so nothing typed reaches the disk. For each
place the page shows whether it can be written, its free space and the backups already there
(each can be verified with a restore drill). On a removable place the backups go into its
``testimony-backups`` folder. Whatever is written is the encrypted backup of ``vault.backup``:
nothing in plaintext.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from vault.archive import Archive

MOUNTS = Path("/proc/self/mounts")
FOLDER = "testimony-backups"
BACKUP_NAME = re.compile(r"^backup-\d{8}T\d{6}Z$")
#: File systems that are never a place for a backup (kernel interfaces, read-only images).
NOT_STORAGE = frozenset({"proc", "sysfs", "devpts", "devtmpfs", "cgroup", "cgroup2", "securityfs", "debugfs",
                         "tracefs", "bpf", "autofs", "mqueue", "hugetlbfs", "fusectl", "configfs", "pstore",
                         "binfmt_misc", "squashfs", "iso9660", "efivarfs", "nsfs"})
#: Smaller than this is no storage device (a placeholder mount): not offered.
MIN_SIZE = 1024 * 1024
#: Room to spare beyond the estimate (databases are exported page by page, not copied).
MARGIN = 1.1


@dataclass(frozen=True)
class Place:
    id: str  # what the form sends: a hash of the folder's path
    folder: Path  # where this place's backups are
    mount: Path  # what the admin sees: the configured folder, or the mount point
    default: bool  # the configured backup folder
    writable: bool
    free: int  # bytes free for an unprivileged writer; 0 when unknown
    backups: tuple[tuple[str, int], ...]  # (name, size in bytes), newest first


def place_id(folder: Path) -> str:
    return hashlib.sha256(str(folder).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _unescape(field: str) -> str:
    """Mount points in /proc/self/mounts write space, tab, newline and backslash as octal escapes."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def mount_points(roots: Iterable[Path], mounts: Path = MOUNTS) -> Iterator[tuple[Path, bool]]:
    """(mount point, read-only) for every mount at or under one of ``roots``."""
    try:
        lines = mounts.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    except OSError:
        return
    seen: set[Path] = set()
    for line in lines:
        fields = line.split()
        if len(fields) < 4:
            continue
        point = Path(_unescape(fields[1]))
        if point in seen or fields[2] in NOT_STORAGE or not any(point == r or r in point.parents for r in roots):
            continue
        seen.add(point)
        yield point, "ro" in fields[3].split(",")


def _backups(folder: Path) -> tuple[tuple[str, int], ...]:
    try:
        found = [p for p in folder.iterdir() if p.is_dir() and BACKUP_NAME.match(p.name)]
    except OSError:
        return ()
    sized = [(p.name, sum(f.stat().st_size for f in p.rglob("*") if f.is_file())) for p in found]
    return tuple(sorted(sized, reverse=True))


def _size(path: Path) -> int:
    try:
        return shutil.disk_usage(path).total
    except OSError:
        return 0


def _free(path: Path) -> int:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return 0


def _writable(path: Path, read_only: bool) -> bool:
    return not read_only and os.access(path, os.W_OK | os.X_OK)


def places(default: Path, roots: Iterable[Path], mounts: Path = MOUNTS) -> list[Place]:
    """The configured folder first, then each mounted place, by mount point."""
    existing = default if default.is_dir() else default.parent
    out = [Place(place_id(default), default, default, True, _writable(existing, False), _free(existing),
                 _backups(default))]
    for point, read_only in sorted(mount_points(roots, mounts)):
        folder = point / FOLDER
        if folder == default or point == default or _size(point) < MIN_SIZE:
            continue
        out.append(Place(place_id(folder), folder, point, False, _writable(point, read_only), _free(point),
                         _backups(folder)))
    return out


def find(found: Iterable[Place], chosen: str) -> Place | None:
    return next((p for p in found if p.id == chosen), None)


def needed(archive: Archive) -> int:
    """About how many bytes a backup of ``archive`` takes: its databases, keyring and attachments."""
    total = 0
    for name in ("vault.db", "vault.db-wal", "reading-room.db", "reading-room.db-wal", "keyring"):
        path = archive.root / name
        if path.is_file():
            total += path.stat().st_size
    blobs = archive.root / "blobs"
    if blobs.is_dir():
        total += sum(p.stat().st_size for p in blobs.iterdir() if p.is_file())
    return total


def has_room(place: Place, size: int) -> bool:
    return place.free >= size * MARGIN


def problem_of(exc: OSError) -> str:
    """Which catalogue key words an operating-system refusal for the admin."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "backup.place_full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "backup.place_read_only"
    if exc.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO):
        return "backup.place_gone"
    return "backup.place_failed"
