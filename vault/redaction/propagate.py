"""Propagation: every string found once is found wherever else it occurs in the text."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from vault.redaction.normalise import normalise
from vault.redaction.spans import Span

# Short or generic matches are not propagated: they would flood the text.
_MIN_LEN = 2
_NO_PROPAGATE_BELOW = 0.35


def _boundary(ch: str) -> str:
    if ch.isascii() and ch.isalnum():
        return r"(?<![a-z0-9])", r"(?![a-z0-9])"
    return "", ""


def _union(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _inside(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    """Return True when [start, end) lies within the union of already-found ranges."""
    i = bisect.bisect_right(covered, (start, 1 << 62)) - 1
    return i >= 0 and covered[i][0] <= start and end <= covered[i][1]


def propagate(text: str, spans: Iterable[Span]) -> list[Span]:
    """Return new spans for other occurrences of the strings the given spans cover."""
    norm = normalise(text)
    folded = norm.folded
    spans_list = list(spans)
    surfaces: dict[str, Span] = {}
    for span in spans_list:
        if span.score < _NO_PROPAGATE_BELOW:
            continue
        surface = normalise(text[span.start:span.end]).folded.strip()
        if len(surface) < _MIN_LEN or surface.isdigit() and len(surface) < 5:
            continue
        best = surfaces.get(surface)
        if best is None or span.score > best.score:
            surfaces[surface] = span
    if not surfaces:
        return []
    parts = []
    for surface in sorted(surfaces, key=len, reverse=True):
        left, _ = _boundary(surface[0])
        _, right = _boundary(surface[-1])
        parts.append(f"{left}{re.escape(surface)}{right}")
    regex = re.compile("|".join(parts))
    covered = _union([(s.start, s.end) for s in spans_list])
    out: list[Span] = []
    for m in regex.finditer(folded):
        source = surfaces.get(m.group())
        if source is None:
            continue
        start, end = norm.span(m.start(), m.end())
        if _inside(covered, start, end):
            continue
        out.append(Span(start, end, source.label, round(source.score * 0.9, 3), "propagation",
                        f"same string as a {source.label} found by {source.detector}"))
    return out
