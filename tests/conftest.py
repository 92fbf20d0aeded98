"""Fixtures shared by the whole suite, built by tests/factories.py.

Archives in tests use the TEST_ONLY Argon2 profile: the real profile costs
0.6 s and 256 MiB per unlock.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.factories import ADMIN, ADMIN_PASSPHRASE, Created, new_archive, open_as
from vault import hardening
from vault.archive import OpenVault

# Commands run in-process (CliRunner) would mlockall the whole test runner for the rest of
# the session; the tests of S01b lock memory in processes of their own instead.
hardening._memory_lock[:] = [hardening.MemoryLock(False, "not attempted inside the test runner")]

# Property tests check what is true, never how fast: Hypothesis's default 200 ms deadline per
# example is a timing assertion, and it failed once on the 2-core CI machine under load.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


@pytest.fixture
def created(tmp_path: Path) -> Created:
    """A new archive with one administrator, and its recovery shares."""
    return new_archive(tmp_path / "archive")


@pytest.fixture
def vault(created: Created) -> Iterator[OpenVault]:
    """The vault of a new archive, opened by its administrator."""
    opened = open_as(created.archive, ADMIN, ADMIN_PASSPHRASE)
    try:
        yield opened
    finally:
        opened.close()
