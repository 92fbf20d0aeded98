"""Fixtures for import tests: an archive, its passphrase file, and running ``testimony`` in-process."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from tests.factories import ADMIN, ADMIN_PASSPHRASE, Created
from vault import testimonies
from vault.verify import verify_vault


@dataclass(frozen=True)
class Cli:
    created: Created
    passphrase_file: Path

    def run(self, *args: str | Path) -> Result:
        argv = ["--archive", str(self.created.archive.root), "--user", ADMIN,
                "--passphrase-file", str(self.passphrase_file), *[str(a) for a in args]]
        return CliRunner().invoke(main, argv, catch_exceptions=False)

    def count(self) -> int:
        with self.opened() as vault:
            return len(testimonies.list_all(vault.conn))

    def opened(self):  # type: ignore[no-untyped-def]
        return self.created.archive.open_vault(self.created.archive.unlock(ADMIN, ADMIN_PASSPHRASE))

    def ensure_verified(self) -> None:
        with self.opened() as vault:
            report = verify_vault(vault)
        assert report.ok, report.problems


@pytest.fixture
def cli(created: Created, tmp_path: Path) -> Cli:
    path = tmp_path / "passphrase"
    path.write_text(ADMIN_PASSPHRASE + "\n", encoding="utf-8")
    return Cli(created, path)
