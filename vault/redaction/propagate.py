"""Propagation: every string found once is found wherever else it occurs in the text."""
from __future__ import annotations

import bisect
from collections.abc import Iterable

from vault.redaction.lexicons import english_common
from vault.redaction.normalise import normalise
from vault.redaction.spans import DATE, GUESS_NOTE, Span

# Short, numeric or low-confidence matches are not propagated: they would flood the text.
_MIN_LEN = 2
_NO_PROPAGATE_BELOW = 0.35


def _word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


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
    """Return new spans for other occurrences of the strings the given spans cover.

    Matching is on the folded normal form (S30), so a name found as "Kim" is also found
    as "KIM" or "Кim"; Latin strings only match as whole words.
    """
    norm = normalise(text)
    folded = norm.folded
    spans_list = list(spans)
    surfaces: dict[str, Span] = {}
    for span in spans_list:
        if span.score < _NO_PROPAGATE_BELOW and GUESS_NOTE not in span.reason or span.label == DATE:
            continue  # a date's patterns find it wherever it is; spread, "March" masked the Arduous March
        # Text that normalises to itself (plain ASCII and Hangul) has the same offsets folded.
        surface = (folded[span.start:span.end] if norm.starts is None
                   else normalise(text[span.start:span.end]).folded).strip()
        if len(surface) < _MIN_LEN or surface.isdigit() and len(surface) < 5:
            continue
        best = surfaces.get(surface)
        if best is None or span.score > best.score:
            surfaces[surface] = span
    if not surfaces:
        return []
    covered = _union([(s.start, s.end) for s in spans_list])
    out: list[Span] = []
    for surface, source in surfaces.items():
        common = surface in english_common()
        latin_left = _word_char(surface[0])
        latin_right = _word_char(surface[-1])
        pos = folded.find(surface)
        while pos >= 0:
            end = pos + len(surface)
            if not (latin_left and pos > 0 and _word_char(folded[pos - 1])) and \
                    not (latin_right and end < len(folded) and _word_char(folded[end])):
                start, stop = norm.span(pos, end)
                # Mr. Young, then "the young man": a name that is a common word is the word in lower case.
                lower_word = common and not text[start:start + 1].isupper()
                if not lower_word and not _inside(covered, start, stop):
                    guess = GUESS_NOTE in source.reason  # a guess stays a guess wherever it is
                    out.append(Span(start, stop, source.label, round(source.score * (1 if guess else 0.9), 3),
                                    "propagation", f"same string as a {source.label} found by {source.detector}"
                                    + (f"; {GUESS_NOTE}" if guess else "")))
            pos = folded.find(surface, pos + 1)
    return out
