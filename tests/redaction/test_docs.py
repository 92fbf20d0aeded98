"""The archivist's guide documents every action and every label."""
from __future__ import annotations

from pathlib import Path

from vault.redaction import LABELS, Action

DOC = Path(__file__).resolve().parents[2] / "docs" / "redaction.md"


def test_every_action_and_label_is_documented() -> None:
    """docs/redaction.md names each Action and each label."""
    text = DOC.read_text(encoding="utf-8")
    for action in Action:
        assert f"`{action.name}`" in text, action
    for label in LABELS:
        assert f"`{label}`" in text, label
