"""SQLCipher connections with the settings every archive database must have (S01).

Only this module opens database files. Every connection is keyed with a raw
32-byte key (no per-open PBKDF2) and checked before use: a connection that does
not have every required setting is closed and refused.
"""
from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3
from sqlcipher3 import dbapi2

from vault.errors import StorageError

KEY_BYTES = 32


class Connection(dbapi2.Connection):  # type: ignore[misc]  # sqlcipher3 has no types: its class is Any
    """A SQLCipher connection that holds a shared lock on ``<db>.lock`` while open.

    Rekeying takes that lock exclusively, so it can tell when another connection,
    in this process or another, is open (S06).
    """

    _lock_fd: int | None = None

    def hold_lock(self, path: Path) -> None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StorageError("the database is being rekeyed or restored; try again in a moment") from None
        self._lock_fd = fd

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the database alone for the block, or raise :class:`StorageError` at once."""
        if self._lock_fd is None:
            raise StorageError("connection holds no lock")
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StorageError(
                "another connection to the database is open (web server, another command): close it first"
            ) from None
        try:
            yield
        finally:
            if self._lock_fd is not None:
                fcntl.flock(self._lock_fd, fcntl.LOCK_SH)

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None

#: pragma -> value every open connection must report (SECURITY.md S01).
REQUIRED = {
    "cipher_use_hmac": "1",
    "cipher_plaintext_header_size": "0",
    "secure_delete": "1",
    "foreign_keys": "1",
    "trusted_schema": "0",
    "synchronous": "2",
    "temp_store": "2",
    # OFF: SQLCipher's default since 4.5.0. ON wipes and mlocks every SQLite allocation
    # (ingest 0.13x, search 0.08x of plain SQLite) while Python's heap holds the same
    # plaintext; the whole process is protected instead (vault.hardening, S01b).
    "cipher_memory_security": "0",
}

# Up to 256 MiB of decrypted pages per connection (allocated as used; SQLite's default
# is 2 MiB). A page read from the OS cache costs plain SQLite a copy but SQLCipher a
# decryption and an HMAC check: at 100,000 testimonies the default cache made
# search 0.66x and ingest 0.63x of plain; with this, 0.99x and 0.80x (bench/README.md).
CACHE_KIB = -262144

_SETUP = (
    "PRAGMA cipher_memory_security = OFF",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    "PRAGMA trusted_schema = OFF",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA busy_timeout = 10000",
)


def connect(path: Path, key: bytes) -> Connection:
    """Open (or create) the SQLCipher database at ``path`` with a raw key.

    Raises :class:`StorageError` for a wrong key, a file that is not an archive
    database, or a library that lacks a required setting.
    """
    if len(key) != KEY_BYTES:
        raise ValueError("database keys are 32 bytes")
    if not path.exists():
        # SQLite gives the -wal and -shm files the database file's mode.
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        conn: Connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, factory=Connection)
    except dbapi2.Error as exc:
        raise StorageError(f"cannot open database {path.name}: {exc}") from None
    try:
        conn.hold_lock(path.with_name(path.name + ".lock"))
        # SQLCipher otherwise writes decryption failures to stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        for statement in _SETUP:
            conn.execute(statement)
        try:
            # Reads page 1 only, so a damaged later page is left for verify to name.
            conn.execute("PRAGMA user_version").fetchone()
        except dbapi2.DatabaseError as exc:
            if "malformed" in str(exc):
                raise StorageError(f"{path.name} is damaged (truncated or corrupt): restore it from a backup") from None
            raise StorageError(f"{path.name}: wrong key, or not an archive database (or its first page is damaged)") from None
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except dbapi2.DatabaseError:
            raise StorageError(f"{path.name} is damaged (its schema cannot be read): restore it from a backup") from None
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA cache_size = {CACHE_KIB:d}")  # reads the schema: only once the key is known good
        ensure_settings(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def ensure_settings(conn: Connection) -> None:
    """Raise :class:`StorageError` unless ``conn`` has every S01 setting."""
    if not isinstance(conn, dbapi2.Connection):
        raise StorageError("archive databases must be opened with sqlcipher3, not sqlite3")
    row = conn.execute("PRAGMA cipher_version").fetchone()
    if row is None or not str(row[0]).startswith("4."):
        raise StorageError("SQLCipher 4 is required (the standard sqlite3 module cannot open archives)")
    wrong = []
    for pragma, expected in REQUIRED.items():
        value = conn.execute(f"PRAGMA {pragma}").fetchone()
        if value is None or str(value[0]) != expected:
            wrong.append(pragma)
    if wrong:
        raise StorageError("database connection is missing required settings: " + ", ".join(wrong))


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """Run a block in one write transaction; roll back on any error.

    A full disk becomes a clear :class:`StorageError` and nothing is written.
    Inside another transaction it becomes a savepoint, so a caller can make several
    API calls (a testimony and the intake ledger entry) commit or fail together.
    """
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK TO nested")
            conn.execute("RELEASE nested")
            raise
        conn.execute("RELEASE nested")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except dbapi2.OperationalError as exc:
        _rollback(conn)
        raise StorageError(_describe(exc)) from None
    except BaseException:
        _rollback(conn)
        raise
    try:
        conn.execute("COMMIT")
    except dbapi2.OperationalError as exc:
        _rollback(conn)
        raise StorageError(_describe(exc)) from None


def _rollback(conn: Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def checkpoint(conn: Connection) -> None:
    """Move the WAL into the database file and truncate it (S06, S09)."""
    try:
        row = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except dbapi2.OperationalError as exc:  # a full disk during rekey surfaces here as "table is locked"
        raise StorageError(_describe(exc)) from None
    if row is not None and row[0] != 0:
        raise StorageError("could not checkpoint the write-ahead log (another connection is busy)")


def _describe(exc: dbapi2.OperationalError) -> str:
    text = str(exc)
    if "full" in text.lower() or getattr(exc, "errno", None) == errno.ENOSPC:
        return "the disk is full: nothing was saved; free space and try again"
    return f"the database refused the write: {text}"


def check_database(conn: Connection, label: str) -> list[str]:
    """Run ``cipher_integrity_check`` (no rows) and ``integrity_check`` (``ok``)."""
    problems = [f"{label}: {row[0]}" for row in conn.execute("PRAGMA cipher_integrity_check")]
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except dbapi2.DatabaseError as exc:
        # A page that fails its HMAC cannot be read at all.
        return [*problems, f"{label}: unreadable page(s): {exc}"]
    if result != ["ok"]:
        problems.extend(f"{label}: {line}" for line in result[:20])
    return problems
