"""A detector made of regular expressions run on the normalised, case-folded text."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from vault.redaction.detectors._base import make_span
from vault.redaction.normalise import Normalised, normalise
from vault.redaction.spans import Span

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[a-z]{2}")
# The tokens of a folded text: a run of digits, a run of letters, or one other visible character.
_TOKEN = re.compile(r"(\d+)|[^\W\d_]+|[^\w\s]")


def start_keys(*openings: str) -> frozenset[str]:
    """The keys under which matches opening with these words, digits or symbols are looked for.

    Each opening is given by what it starts with: a run of digits is "0", a word its first
    three letters case-folded ("mondays" and "monday" are both "mon"; "at the age of" is
    "at"), any other character itself.
    """
    keys = set()
    for opening in openings:
        token = _TOKEN.match(opening)
        if token is None:
            raise ValueError(f"{opening!r} does not open with a token")
        keys.add("0" if token.lastindex else token.group()[:3].casefold())
    return frozenset(keys)


@lru_cache(maxsize=8)
def token_starts(folded: str) -> dict[str, list[int]]:
    """Where each token of ``folded`` begins, by key (see :func:`start_keys`), in order."""
    index: dict[str, list[int]] = {}
    for m in _TOKEN.finditer(folded):
        key = "0" if m.lastindex else m.group()[:3]
        found = index.get(key)
        if found is None:
            index[key] = [m.start()]
        else:
            found.append(m.start())
    return index


def anchored(regex: re.Pattern[str], subject: str, folded: str, starts: Iterable[str]) -> Iterator[re.Match[str]]:
    """Yield what ``regex.finditer(subject)`` yields when every match begins a token in ``starts``.

    The regular expression is tried only where such a token begins (``folded`` is the
    folded form of ``subject``, same length): the regex engine no longer walks every
    position of the text for each pattern. Which patterns may be anchored this way is
    checked against plain ``finditer`` by tests/redaction/test_anchored_patterns.py.
    """
    index = token_starts(folded)
    end = 0
    for pos in sorted(p for key in starts for p in index.get(key, ())):
        if pos < end:
            continue  # inside the previous match, as finditer goes on after it
        m = regex.match(subject, pos)
        if m is not None:
            yield m
            end = max(m.end(), pos + 1)


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
    # Every match begins a token with one of these keys (see ``start_keys``): the pattern is
    # tried only there (speed only).
    starts: frozenset[str] = frozenset()


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
        checked: dict[tuple[int, str], float | None] = {}  # one validation per string and pattern kind
        for pattern in self.patterns:
            if pattern.script == "ko" and not hangul or pattern.script == "en" and not latin:
                continue
            subject = norm.text if (self.cased or pattern.cased) else norm.folded
            if pattern.needs and not any(needed in subject for needed in pattern.needs):
                continue
            found = anchored(pattern.regex, subject, norm.folded, pattern.starts) if pattern.starts \
                else pattern.regex.finditer(subject)
            for m in found:
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
                    # Two patterns may find the same string (a phone number in groups): validated once.
                    key = (id(pattern.validate), m.group(group))
                    if key not in checked:
                        checked[key] = pattern.validate(key[1])
                    rescored = checked[key]
                    if rescored is None:
                        continue
                    score = rescored
                yield make_span(norm, start, end, pattern.label, score, self.name, pattern.reason)
