"""What every detector is, and how it turns normalised matches into spans."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from vault.redaction.normalise import Normalised
from vault.redaction.spans import Span


class Detector(Protocol):
    """A detector finds one kind of identifier in text."""

    name: str
    label: str

    def detect(self, text: str) -> Iterator[Span]:
        """Yield spans of ``text`` (original indices)."""
        ...


def make_span(norm: Normalised, start: int, end: int, label: str, score: float,
              detector: str, reason: str) -> Span:
    """Return a span of the original text from normalised offsets."""
    a, b = norm.span(start, end)
    return Span(a, b, label, score, detector, reason)
