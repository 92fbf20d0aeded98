"""The redaction engine: detectors -> spans -> decisions -> renderers (pure, no I/O).

    >>> from vault.redaction import detect, propose, render
    >>> text = "Kim Chol-su left Hyesan in 2008."
    >>> released = render(text, propose(detect(text)), pseudonym_key=b"k" * 32)
"""
from __future__ import annotations

from vault.redaction._kiwi import loading as analyser_loading
from vault.redaction.normalise import find_forbidden_controls, has_forbidden_controls, normalise
from vault.redaction.registry import DEFAULT_DETECTORS, detect
from vault.redaction.registry import preload as preload_analyser
from vault.redaction.render import render
from vault.redaction.review import (
    Action,
    Decision,
    Merged,
    decision_from_dict,
    decision_to_dict,
    merge_decisions,
    merge_overlaps,
    propose,
    span_key,
)
from vault.redaction.spans import GUESS_NOTE, LABELS, Span

__all__ = [
    "DEFAULT_DETECTORS", "GUESS_NOTE", "LABELS", "Action", "Decision", "Merged", "Span", "analyser_loading", "decision_from_dict",
    "decision_to_dict", "detect", "find_forbidden_controls", "has_forbidden_controls",
    "merge_decisions", "merge_overlaps", "normalise", "preload_analyser", "propose", "render", "span_key",
]
