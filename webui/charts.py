"""Server-side bar charts: geometry for inline SVG (no JavaScript, no inline styles).

Counts below k arrive as ``None`` from ``vault.reading_room`` and are drawn as an
empty bar labelled "< k"; this module never sees the suppressed number.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vault.room_search import Bar

#: Colours of the SVG charts, drawn as SVG attributes (not CSS) so that what
#: ``tests/webui/test_chart_contrast.py`` checks is what is shown: text >= 4.5:1 and
#: bars >= 3:1 against the background (WCAG 2.1, 1.4.3 and 1.4.11).
PALETTE = {
    "background": "#ffffff",
    "text": "#1d232a",
    "bar": "#1f5f8b",
    "suppressed": "#5b6570",  # the dashed outline of a bar whose count is below k
}

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
