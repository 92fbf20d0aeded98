"""Shared fixtures for the redaction engine's tests."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO.parent / "shared" / "eval"


@pytest.fixture()
def eval_dir() -> Path:
    """The public evaluation sets (../shared/eval beside the repository), or skip."""
    if not (EVAL_DIR / "score.py").is_file():
        pytest.skip(f"evaluation sets not found at {EVAL_DIR} (they live beside the repository)")
    return EVAL_DIR


@pytest.fixture()
def pseudonym_key() -> bytes:
    """A fixed 32-byte key for pseudonym tests."""
    return bytes(range(32))
