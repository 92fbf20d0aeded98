"""Numbered schema migrations, applied in order and recorded in ``user_version``."""
from __future__ import annotations

import re
from importlib import resources

from vault.store import Connection, transaction

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def available() -> list[tuple[int, str]]:
    """Return ``(number, sql)`` for every shipped migration, in order."""
    found = []
    for entry in resources.files("vault.migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {numbers}")
    return found


def current_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection) -> int:
    """Apply every migration newer than the database; return the new version."""
    version = current_version(conn)
    for number, sql in available():
        if number <= version:
            continue
        with transaction(conn):
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number:d}")
        version = number
    return version


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements (no semicolons inside literals here)."""
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]
