"""Where rows come from: an input file (or uploaded bytes), and what a reader of its format does.

Every reader has two passes. ``check()`` reads the whole file and raises
InvalidInput (one line) if the file itself is malformed, before anything is stored;
it returns how many rows there are. ``rows()`` reads it again and yields each row.
Files are only ever read: nothing here writes a copy anywhere.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol, runtime_checkable

from vault.errors import InvalidInput
from vault.imports.rows import SourceRow

FORMATS = ("csv", "xlsx", "jsonl", "martus", "uwazi")
MAX_FILE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Input:
    """A file to import: its name (for messages), how to open it, and the folder its attachments are in."""

    name: str
    open: Callable[[], BinaryIO]
    folder: Path | None = None

    @classmethod
    def from_path(cls, path: Path) -> Input:
        if not path.is_file():
            raise InvalidInput(f"{path.name}: no such file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput(f"{path.name}: larger than {MAX_FILE_BYTES // 1024**2} MiB; split it into parts")
        return cls(path.name, lambda: path.open("rb"), path.parent)

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> Input:
        """An upload held in memory (never written to disk in plaintext)."""
        return cls(name, lambda: io.BytesIO(data), None)

    def head(self, size: int = 4096) -> bytes:
        with self.open() as handle:
            return handle.read(size)


class Reader(Protocol):
    format: str
    headers: list[str]

    def check(self) -> int: ...

    def rows(self) -> Iterator[SourceRow]: ...


@runtime_checkable
class SheetReader(Reader, Protocol):
    """A reader of columns a person maps to fields (CSV, XLSX, Uwazi): it shows its first rows."""

    def preview(self, count: int = 3) -> list[list[Any]]: ...

