"""Where the public evaluation sets are: ``shared/eval`` beside the repository (``../shared/eval``).

CI always has them, so a test that needs them fails with a clear message when they are
absent; it never skips. A git worktree nested deeper finds them in the nearest folder up
that holds ``shared/eval``; ``TESTIMONY_EVAL_DIR`` names another place.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ENV = "TESTIMONY_EVAL_DIR"


def _places() -> list[Path]:
    explicit = os.environ.get(ENV)
    return [Path(explicit)] if explicit else [parent / "shared" / "eval" for parent in REPO.parents]


def located() -> Path:
    """Where the sets are, or (absent) the first place looked: for constants at import time;
    a test reads the files only after :func:`eval_dir` (e.g. through a fixture) has checked."""
    return next((place for place in _places() if (place / "score.py").is_file()), _places()[0])


def eval_dir() -> Path:
    """The folder holding score.py, the labelled JSONL sets and faces/ (or the test fails)."""
    explicit = os.environ.get(ENV)
    places = _places()
    for place in places:
        if (place / "score.py").is_file() and (place / "faces").is_dir():
            return place
    pytest.fail(f"the evaluation sets (score.py, faces/) were not found at {places[0]}"
                f"{' or further up' if not explicit else ''}: put shared/eval beside the repository, or set {ENV}",
                pytrace=False)
