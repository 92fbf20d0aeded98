"""Researcher filters as one hierarchy: nested or apart, never half-overlapping."""
from __future__ import annotations

from vault.filter_tree import Option, period_options, place_options, place_path, places_under, span


def test_periods_nest_broader_first() -> None:
    assert span("2000-2009") == (2000, 2009) and span("2013") == (2013, 2013)
    assert span("*") is None and span("unknown") is None
    options = period_options(["2010-2019", "2000-2009", "*", "1990-1999", "2000-2019", "2013"])
    assert options == [Option("1990-1999", 0), Option("2000-2019", 0), Option("2000-2009", 1),
                       Option("2010-2019", 1), Option("2013", 2)]


def test_places_go_country_region_province() -> None:
    assert place_path("Ryanggang") == ("North Korea", "Northern border (DPRK)", "Ryanggang")
    assert place_path("Northeast China") == ("China", "Northeast China")
    assert place_path("Shandong") == ("China", "Shandong")
    assert place_path("North Korea") == ("North Korea",)
    assert place_path("Atlantis [SYNTHETIC]") == ("Atlantis [SYNTHETIC]",)
    shown = [(o.depth, o.value) for o in place_options(["Ryanggang", "Jilin", "North Korea"])]
    assert shown == [(0, "China"), (1, "Northeast China"), (2, "Jilin"),
                     (0, "North Korea"), (1, "Northern border (DPRK)"), (2, "Ryanggang")]


def test_a_broader_place_finds_everything_under_it() -> None:
    border = places_under("Northern border (DPRK)")
    assert {"Northern border (DPRK)", "Ryanggang", "North Hamgyong", "Chagang"} <= set(border)
    assert "Kangwon" not in border and "North Korea" not in border
    korea = places_under("North Korea")
    assert set(border) <= set(korea) and "Kangwon" in korea and "Jilin" not in korea
    assert places_under("Ryanggang") == ["Ryanggang"]
