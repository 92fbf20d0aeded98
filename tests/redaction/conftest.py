"""Shared fixtures for the redaction engine's tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests import eval_data


@pytest.fixture()
def eval_dir() -> Path:
    """The public evaluation sets (../shared/eval beside the repository); absent, the test fails."""
    return eval_data.eval_dir()


@pytest.fixture()
def pseudonym_key() -> bytes:
    """A fixed 32-byte key for pseudonym tests."""
    return bytes(range(32))
