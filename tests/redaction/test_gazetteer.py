"""The curated gazetteer: structure, spellings and generalisation."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction.detectors.places import GazetteerDetector
from vault.redaction.gazetteer import gazetteer


def test_every_parent_exists_and_chains_end_at_a_root() -> None:
    """Each place's parent is in the gazetteer; no chain loops."""
    gaz = gazetteer()
    for place in gaz.places.values():
        assert place.parent is None or place.parent in gaz.places, place.id
        chain = gaz.parent_chain(place.id)
        assert chain[-1].parent is None, place.id


def test_north_korean_counties_generalise_to_their_province() -> None:
    """Every North Korean county or city below a province generalises to that province."""
    gaz = gazetteer()
    counties = [p for p in gaz.places.values() if p.id.startswith("kp-") and p.kind in ("county", "city")
                and p.parent not in (None, "kp")]
    assert len(counties) > 100
    for county in counties:
        assert gaz.generalise(county.id).kind in ("province", "city"), county.id


@pytest.mark.parametrize(("surface", "place_id"), [
    ("양강도", "kp-ryanggang"), ("량강도", "kp-ryanggang"), ("兩江道", "kp-ryanggang"),
    ("Ryanggang", "kp-ryanggang"), ("Yanggang-do", "kp-ryanggang"),
    ("Hyesan", "kp-ryanggang-혜산"), ("惠山", "kp-ryanggang-혜산"), ("혜산시", "kp-ryanggang-혜산"),
    ("Chŏngjin", "kp-nhg-청진"), ("Cheongjin", "kp-nhg-청진"), ("Ch'ongjin", "kp-nhg-청진"),
    ("용천군", "kp-nph-룡천"), ("图们", "cn-tumen"), ("Yodok camp", "kp-camp-15"),
])
def test_spellings_find_the_place(surface: str, place_id: str) -> None:
    """North and South Korean Hangul, Hanja, Hanzi and romanisations all find the place."""
    place = gazetteer().find(surface)
    assert place is not None and place.id == place_id


def test_known_english_words_are_not_taken_for_romanisations() -> None:
    """'Chilean' shares a phonetic key with Jilin but is an English word."""
    assert list(GazetteerDetector().detect("A Chilean friend helped.")) == []


def test_suffix_taken_only_before_a_particle() -> None:
    """혜산시에서 -> 혜산시; 한국시간 is not a city."""
    det = GazetteerDetector()
    text = "혜산시에서 한국시간으로"
    assert [text[s.start:s.end] for s in det.detect(text)] == ["혜산시", "한국"]


def test_only_sino_korean_names_take_the_souths_first_syllable() -> None:
    """The South writes 양강도 and 요녕성 where the North writes 량강도 and 료녕성; 러시아, 라오스 and 뉴욕
    are foreign names written as heard, the same in both."""
    places = gazetteer().places
    assert places["kp-ryanggang"].ko_name == "양강도"
    assert places["cn-liaoning"].ko_name == "요녕성"
    for place in places.values():
        if place.ko and place.id.split("-")[0] not in ("kp", "kr", "cn"):
            assert place.ko_name == place.ko[0], place.id


def test_a_route_through_laos_reads_laos() -> None:
    text = "[SYNTHETIC] 곤명에서 라오스 국경을 넘어서 비엔티안으로 갔어요."
    assert rendered(text) == "[SYNTHETIC] 운남성에서 라오스 국경을 넘어서 라오스로 갔어요."


def test_the_cities_of_hearings_are_places() -> None:
    text = "[SYNTHETIC] The Commission held hearings in Seoul, Tokyo, London and Washington."
    assert rendered(text) == ("[SYNTHETIC] The Commission held hearings in South Korea, Japan, the United Kingdom "
                              "and the United States.")
