"""Server-side bar charts: geometry for inline SVG (no JavaScript, no inline styles).

Counts below k arrive as ``None`` from ``vault.reading_room`` and are drawn as an
empty bar labelled "< k"; this module never sees the suppressed number.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vault.reading_room import Bar

ROW_HEIGHT = 22
BAR_AREA = 360
LABEL_WIDTH = 230


@dataclass(frozen=True)
class SvgBar:
    label: str
    shown: str  # the count, or "< k"
    suppressed: bool
    y: int
    width: int


@dataclass(frozen=True)
class SvgChart:
    id: str
    title_key: str
    bars: tuple[SvgBar, ...]
    height: int
    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA

    @property
    def width(self) -> int:
        return self.label_width + self.bar_area + 60


def chart(chart_id: str, title_key: str, bars: Sequence[Bar], k: int) -> SvgChart:
    largest = max((b.count for b in bars if b.count is not None), default=0)
    out = []
    for index, bar in enumerate(bars):
        if bar.count is None:
            out.append(SvgBar(bar.label, f"< {k}", True, index * ROW_HEIGHT, 0))
        else:
            width = max(2, round(BAR_AREA * bar.count / largest)) if largest else 0
            out.append(SvgBar(bar.label, str(bar.count), False, index * ROW_HEIGHT, width))
    return SvgChart(chart_id, title_key, tuple(out), max(ROW_HEIGHT, len(out) * ROW_HEIGHT))
