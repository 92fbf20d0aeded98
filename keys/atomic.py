"""Durable, atomic writing of files (S11): temporary file -> fsync -> rename -> fsync the folder."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_writer(path: Path, *, mode: int = 0o600, prefix: str | None = None, suffix: str = ".tmp",
                  replace: bool = True) -> Iterator[BinaryIO]:
    """Yield a file to write ``path``'s new content into; a crash leaves the old file or the new one.

    The file is a temporary one in the same folder. On a clean exit it is fsynced, renamed
    over ``path`` and the folder is fsynced. With ``replace=False`` it is linked to ``path``
    instead, which raises :class:`FileExistsError` when ``path`` exists (never overwrites).
    On any exception the temporary file is removed and ``path`` is untouched.
    """
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}." if prefix is None else prefix, suffix=suffix, dir=folder)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
            os.unlink(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def write_atomic(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` so a crash leaves either the old or the new file."""
    with atomic_writer(path, mode=mode) as handle:
        handle.write(data)


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in ``folder`` durable."""
    dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
