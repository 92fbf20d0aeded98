"""Chart colours meet WCAG 2.1 contrast, decided by computation (axe cannot judge SVG text).

Text (labels and counts) needs >= 4.5:1 against the chart background (1.4.3); bars and the
outline of a suppressed bar are graphical objects that need >= 3:1 (1.4.11). The ratio is
WCAG's: (L1 + 0.05) / (L2 + 0.05) with L the relative luminance of sRGB colours.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from webui.charts import PALETTE

REPO = Path(__file__).resolve().parents[2]


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    match = re.fullmatch(r"#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})", colour)
    assert match, f"not a #rrggbb colour: {colour}"
    r, g, b = (_channel(int(part, 16)) for part in match.groups())
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula_gives_the_known_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-fails grey
    assert contrast("#aab4be", "#ffffff") < 3  # the old outline of a suppressed bar


@pytest.mark.parametrize(("part", "minimum"), [("text", 4.5), ("bar", 3.0), ("suppressed", 3.0)])
def test_chart_palette_contrast(part: str, minimum: float) -> None:
    ratio = contrast(PALETTE[part], PALETTE["background"])
    assert ratio >= minimum, f"{part} {PALETTE[part]} on {PALETTE['background']}: {ratio:.2f}:1 < {minimum}:1"


def test_no_stylesheet_overrides_the_chart_palette() -> None:
    """The colours checked above are the ones drawn: no CSS rule sets fill or stroke in a chart."""
    css = (REPO / "webui" / "static" / "app.css").read_text(encoding="utf-8")
    for selector, body in re.findall(r"([^{}]*)\{([^}]*)\}", css):
        if "svg.bars" in selector:
            assert not re.search(r"\b(fill|stroke|color)\s*:", body), (selector.strip(), body)


def test_chart_template_draws_only_palette_colours() -> None:
    template = (REPO / "webui" / "templates" / "researcher" / "chart.svg").read_text(encoding="utf-8")  # charts.html includes it
    colours = re.findall(r'(?:fill|stroke)="([^"]+)"', template)
    assert colours and set(colours) <= {"none"} | {f"{{{{ palette.{k} }}}}" for k in PALETTE}, colours
