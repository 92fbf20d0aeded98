"""A detector made of regular expressions run on the normalised, case-folded text."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from vault.redaction.detectors._base import make_span
from vault.redaction.normalise import Normalised, normalise
from vault.redaction.spans import Span

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[a-z]{2}")


@dataclass(frozen=True)
class Pattern:
    """One pattern: ``group`` is the part to redact; ``validate`` may reject or rescore."""

    regex: re.Pattern[str]
    label: str
    score: float
    reason: str
    group: int | tuple[int, ...] = 0  # a tuple: the first of these groups that took part
    cased: bool = False  # run on the case-preserving form instead of the folded one
    script: str = ""  # "ko": needs Hangul in the text, "en": needs Latin letters
    validate: Callable[[str], float | None] | None = field(default=None)
    # Every match holds one of these strings (in the form the pattern runs on): a text
    # with none of them is skipped without running the regular expression (speed only).
    needs: tuple[str, ...] = ()


class RegexDetector:
    """Run a list of patterns over the folded normal form of the text."""

    name = "regex"
    label = "DATE"
    patterns: tuple[Pattern, ...] = ()
    cased = False  # match the case-preserving form instead of the folded one

    def keep(self, norm: Normalised, pattern: Pattern, start: int, end: int) -> bool:
        """Return False to drop a match (``start``, ``end`` in the normal form) after all."""
        return True

    def detect(self, text: str) -> Iterator[Span]:
        """Yield a span for each match of each pattern (validated)."""
        norm = normalise(text)
        hangul = _HANGUL.search(norm.text) is not None
        latin = _LATIN.search(norm.folded) is not None
        for pattern in self.patterns:
            if pattern.script == "ko" and not hangul or pattern.script == "en" and not latin:
                continue
            subject = norm.text if (self.cased or pattern.cased) else norm.folded
            if pattern.needs and not any(needed in subject for needed in pattern.needs):
                continue
            for m in pattern.regex.finditer(subject):
                group = pattern.group
                if isinstance(group, tuple):
                    group = next((g for g in group if m.start(g) >= 0), group[0])
                start, end = m.span(group)
                if start < 0 or start >= end:
                    continue
                if not self.keep(norm, pattern, start, end):
                    continue
                score = pattern.score
                if pattern.validate is not None:
                    checked = pattern.validate(m.group(group))
                    if checked is None:
                        continue
                    score = checked
                yield make_span(norm, start, end, pattern.label, score, self.name, pattern.reason)
