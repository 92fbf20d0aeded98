"""The narrative keeps the anonymity the metadata promises (vault.releases.narrative, gate reason ``narrative``)."""
from __future__ import annotations

import re

import pytest

from tests.release_world import World, add, record
from vault import anonymity, releases
from vault.anonymity import Levels
from vault.errors import InvalidInput
from vault.releases import decisions, gate, narrative
from vault.releases import metadata as release_metadata

REPRODUCTION = ("I was born on 1975 in North Hamgyong, in Hoeryong. I left in winter 2009 with my aunt. "
                "I reached South Korea in 2011.")
KOREAN = ("나는 1975년 함경북도 회령에서 태어났다. 2009년 겨울에 34살 때 두만강을 건너 탈북했고 "
          "2011년 3월에 한국에 입국했다. 나는 75년생이다.")
FACTS = narrative.Facts(anonymity.DEFAULT_LEVELS, birth_year=1975, exit_year=2009, arrival_year=2011,
                        origin_text="Hoeryong")


def _alone(year: str, text: str) -> bool:
    """Is ``year`` written as a year of its own (not as the end of a period such as 2000-2009)?"""
    return re.search(rf"(?<![\d~-]){year}(?![\d~-])", text) is not None


def _kinds(text: str, facts: narrative.Facts = FACTS) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start:f.end]) for f in narrative.findings(text, facts)]


def test_reproduction_is_refused_and_the_fix_passes() -> None:
    found = _kinds(REPRODUCTION)
    assert ("place", "Hoeryong") in found  # a city below the released province level
    assert ("date", "1975") in found and ("date", "winter 2009") in found and ("date", "2011") in found
    fixed = narrative.fix(REPRODUCTION, FACTS)
    assert narrative.findings(fixed, FACTS) == []
    for finer in ("1975", "2009", "2011"):
        assert not _alone(finer, fixed)
    assert "Hoeryong" not in fixed and "winter" not in fixed
    assert "1970-1979" in fixed and "2000-2009" in fixed and "2010-2019" in fixed and "North Hamgyong" in fixed


def test_korean_places_dates_ages_and_own_years() -> None:
    found = _kinds(KOREAN)
    assert ("place", "회령") in found
    assert ("date", "1975년") in found and ("date", "2009년 겨울") in found and ("date", "2011년 3월") in found
    assert ("age", "34살") in found
    assert any(kind in ("date", "own-year") and "75" in text for kind, text in found if text != "1975년")
    fixed = narrative.fix(KOREAN, FACTS)
    assert narrative.findings(fixed, FACTS) == []
    for finer in ("1975", "2009", "2011"):
        assert not _alone(finer, fixed)
    for finer in ("회령", "34살", "75년생", "겨울"):
        assert finer not in fixed
    assert "1970~1979년" in fixed and "30~39세" in fixed and "두만강" in fixed  # a border river stays


@pytest.mark.parametrize(("text", "country", "expected"), [
    ("함경북도 회령에서 태어났다.", False, "함경북도에서 태어났다."),       # the region is already named
    ("양강도 혜산에서 태어났다.", True, "북한에서 태어났다."),             # not "북한 북한에서"
    ("신의주로 가는 다리에서 넘겨졌다.", True, "북한으로 가는 다리에서 넘겨졌다."),  # 로 -> 으로 after 북한
    ("회령은 작은 도시다.", False, "함경북도는 작은 도시다."),             # 은 -> 는 after 도
])
def test_a_generalised_korean_place_reads_as_korean(text: str, country: bool, expected: str) -> None:
    levels = Levels(origin_region=1) if country else anonymity.DEFAULT_LEVELS
    facts = narrative.Facts(levels, birth_year=None, exit_year=None, arrival_year=None, origin_text=None)
    assert narrative.fix(text, facts) == expected


def test_own_years_in_forms_the_date_detector_misses() -> None:
    text = "We called it the winter of '75. Everyone born in 1975 knew."
    found = _kinds(text)
    assert any("'75" in t for _, t in found) and any("1975" in t for _, t in found)
    assert narrative.findings(narrative.fix(text, FACTS), FACTS) == []


def test_coarser_levels_need_coarser_text() -> None:
    """Origin shown only as a country: a province is too fine; 20-year periods: a 10-year one is too fine."""
    coarse = narrative.Facts(Levels(age_band=2, origin_region=2, exit_period=2), 1975, 2009, 2011)
    text = "I lived in North Hamgyong until 2000-2009, aged between 30 and 39."
    kinds = {k for k, _ in _kinds(text, coarse)}
    assert kinds == {"place", "date", "age"}
    fixed = narrative.fix(text, coarse)
    assert "North Korea" in fixed and "2000-2019" in fixed and "between 20 and 39" in fixed
    assert narrative.findings(fixed, coarse) == []
    assert _kinds(text, FACTS) == []  # at the default levels the same text is fine


def test_origin_town_unknown_to_the_gazetteer() -> None:
    facts = narrative.Facts(anonymity.DEFAULT_LEVELS, origin_text="Saebyeolgol")
    found = narrative.findings("Back home in Saebyeolgol we were poor.", facts)
    assert [(f.kind, f.replacement) for f in found] == [("origin", "[place withheld]")]


def test_every_finding_is_worded_in_both_languages_without_codes_or_offsets() -> None:
    levels = {"place": "province", "date": "period-10", "age": "band-5", "own-year": "withheld", "origin": "country"}
    for kind in narrative.KINDS:
        item = narrative.Finding(kind, 33, 43, "1970-1979", levels[kind], False)
        for lang in ("en", "ko"):
            words = narrative.describe(item, 2, lang)
            assert words and "33" not in words and "43" not in words and "--" not in words
            assert not re.search(r"S\d\d", words)
            assert bool(re.search(r"[가-힣]", words)) == (lang == "ko")


def test_every_gate_reason_has_page_words_in_both_languages() -> None:
    found = tuple(narrative.findings(REPRODUCTION, FACTS))
    for code in gate.CODES:
        reason = gate.Reason(code, "cli text", findings=found if code == gate.NARRATIVE else ())
        for lang in ("en", "ko"):
            lines = gate.words(reason, lang)
            assert lines and all(line.strip() for line in lines)
            page = " ".join(lines)
            assert "--" not in page and not re.search(r"S\d\d", page) and "`" not in page
            assert not re.search(r"\b\d+-\d+\b(?! )", page.replace("1970-1979", "").replace("2000-2009", "")
                                 .replace("2010-2019", ""))  # no offsets (periods are not offsets)
            assert bool(re.search(r"[가-힣]", page)) == (lang == "ko")


def test_gate_refuses_the_reproduction_and_publishes_after_the_fix(world: World) -> None:
    tid = add(world, record(REPRODUCTION, birth_year=1975, exit_year=2009, origin="Hoeryong"))
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid)
    releases.approve(world.bob, proposal.id)
    reasons = releases.check(world.bob, proposal.id, accept_suppression=True)
    assert [r.code for r in reasons] == [gate.NARRATIVE]
    assert len(reasons[0].findings) >= 3 and "--fix-text" in reasons[0].message
    fixed = releases.generalise_text(world.bob, proposal.id, accept_suppression=True)
    assert releases.check(world.bob, proposal.id, accept_suppression=True) == []
    for finer in ("1975", "2009", "2011"):
        assert not _alone(finer, fixed.text)
    done = releases.publish(world.bob, proposal.id, accept_suppression=True)
    assert done.status == "published"
    actions = [a for (a,) in world.bob.conn.execute("SELECT action FROM audit WHERE object = ?",
                                                     (releases.object_id(proposal.id),))]
    assert "release.generalise" in actions


def test_event_facts_beside_an_extract_obey_the_released_levels() -> None:
    meta = release_metadata.Metadata(event_periods=("2005-2009", "2010-2014"),
                                              event_provinces=("Ryanggang",))
    assert releases.shown_metadata(meta, Levels(exit_period=0)).event_provinces == ("Ryanggang",)
    coarse = releases.shown_metadata(meta, Levels(origin_region=2, exit_period=2))
    assert coarse.event_provinces == () and coarse.event_periods == ("2000-2019",)
    assert releases.shown_metadata(meta, Levels(exit_period=3)).event_periods == ()


def test_generalise_text_refuses_a_published_release(world: World) -> None:
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid)
    releases.approve(world.bob, proposal.id)
    releases.generalise_text(world.bob, proposal.id, accept_suppression=True)
    releases.publish(world.bob, proposal.id, accept_suppression=True)
    with pytest.raises(InvalidInput, match="only a proposal"):
        releases.generalise_text(world.bob, proposal.id)


def test_with_suppression_accepted_the_text_follows_the_facts_the_room_would_show(world: World) -> None:
    """A lone extract's facts are withheld by the reading room: its text may not state province or years."""
    tid = add(world, record(REPRODUCTION, birth_year=1975, exit_year=2009, origin="Hoeryong"))
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid)
    releases.approve(world.bob, proposal.id)
    releases.generalise_text(world.bob, proposal.id)  # at the release's own levels: province, 10 years
    assert releases.check(world.bob, proposal.id) != []  # k refuses
    reasons = releases.check(world.bob, proposal.id, accept_suppression=True)
    assert [r.code for r in reasons] == [gate.NARRATIVE]  # the province and periods are finer than withheld
    fixed = releases.generalise_text(world.bob, proposal.id, accept_suppression=True)
    assert "North Hamgyong" not in fixed.text and "1970-1979" not in fixed.text
    assert releases.check(world.bob, proposal.id) == []
    assert releases.publish(world.bob, proposal.id).status == "published"
