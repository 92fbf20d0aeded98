"""An official named by body, office and name, the particle after a name, the units one served in and the
schools one left (made-up lines): what a reader sees."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect
from vault.redaction.detectors.korean_titles import office_at_end
from vault.redaction.korean import agreeing_particle
from vault.redaction.spans import PERSON


@pytest.mark.parametrize(("text", "expected"), [
    # The body is generalised with its place, the office stays readable, the name is a person's.
    ("[SYNTHETIC] 회령시 보위부 반탐처장 김철이 왔다.", "[SYNTHETIC] 함경북도 보위부 반탐처장 인물 1409가 왔다."),
    ("[SYNTHETIC] 보위부 반탐과장 리철호가 나를 심문했다.", "[SYNTHETIC] 보위부 반탐과장 인물 3001이 나를 심문했다."),
    ("[SYNTHETIC] 온성군 안전부 수사과장 박영남이 때렸다.", "[SYNTHETIC] 함경북도 안전부 수사과장 인물 6186이 때렸다."),
    ("[SYNTHETIC] 청진시당 책임비서 한동수가 연설했다.", "[SYNTHETIC] 함경북도 당 책임비서 인물 8828이 연설했다."),
    ("[SYNTHETIC] 도 보위국 예심과장 윤창호는 나를 때렸다.", "[SYNTHETIC] 도 보위국 예심과장 인물 5700은 나를 때렸다."),
    ("[SYNTHETIC] 신의주세관 세관장 오영진은 돈을 요구했다.", "[SYNTHETIC] 평안북도 세관 세관장 인물 6034는 돈을 요구했다."),
    # The office opens the phrase: no body, and the office is no surname and given name (반탐 is no 반 + 탐).
    ("[SYNTHETIC] 반탐처장 김철은 왔다.", "[SYNTHETIC] 반탐처장 인물 1409는 왔다."),
    ("[SYNTHETIC] 그는 영업부장 박민수를 만났다.", "[SYNTHETIC] 그는 영업부장 인물 1503을 만났다."),
    ("[SYNTHETIC] 국정원 대변인 정하늘이 밝혔다.", "[SYNTHETIC] 국정원 대변인 인물 6999가 밝혔다."),
    # An office glued to a town: the mayor, or the market, goes with the town.
    ("[SYNTHETIC] 혜산시장 김철은 시장을 둘러보았다.", "[SYNTHETIC] 양강도 시장 인물 1409는 시장을 둘러보았다."),
    # A town's market written as one word keeps its head (it read 양강도 장에서).
    ("[SYNTHETIC] 나는 혜산시장에서 장사를 했다.", "[SYNTHETIC] 나는 양강도 시장에서 장사를 했다."),
    ("[SYNTHETIC] 회령시장 앞에서 만났다.", "[SYNTHETIC] 함경북도 시장 앞에서 만났다."),
    # Guards: an office with no name, a market's trader, an office after a known workplace.
    ("[SYNTHETIC] 통일부 대변인은 기자회견에서 말했다.", "[SYNTHETIC] 통일부 대변인은 기자회견에서 말했다."),
    ("[SYNTHETIC] 혜산 시장 상인 김순희가 말했다.", "[SYNTHETIC] 양강도 시장 상인 인물 9515가 말했다."),
    ("[SYNTHETIC] 무산광산 지배인 김정호 동무가 말했다.", "[SYNTHETIC] 함경북도 광산 지배인 인물 8645 동무가 말했다."),
    ("[SYNTHETIC] 중대장 김명철과 소대장 리영호가 왔다.", "[SYNTHETIC] 중대장 인물 9088과 소대장 인물 2926이 왔다."),
])
def test_a_body_an_office_and_a_name_read_apart(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_the_name_after_an_office_is_proposed_as_a_person() -> None:
    text = "[SYNTHETIC] 회령시 보위부 반탐처장 김철이 왔다."
    (name,) = [s for s in detect(text) if s.label == PERSON]
    assert text[name.start:name.end] == "김철" and name.score >= 0.8


@pytest.mark.parametrize(("word", "size"), [("반탐처장", 2), ("지배인", 3), ("책임비서", 4), ("혜산", 0), ("언니", 0)])
def test_an_office_at_the_end_of_a_word(word: str, size: int) -> None:
    assert office_at_end(word) == size


@pytest.mark.parametrize(("text", "expected"), [
    # A particle in the form the name calls for is grammar, re-chosen after the mask (it read 인물 1409 왔다).
    ("[SYNTHETIC] 반탐처장 김철이 왔다.", "[SYNTHETIC] 반탐처장 인물 1409가 왔다."),
    ("[SYNTHETIC] 어제 김철이 왔다.", "[SYNTHETIC] 어제 인물 1409가 왔다."),
    ("[SYNTHETIC] 나는 김수가 보고 싶었다.", "[SYNTHETIC] 나는 인물 2836이 보고 싶었다."),
])
def test_the_particle_after_a_two_syllable_name_stays_grammar(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize(("before", "syllable", "agrees"), [
    ("철", "이", True), ("수", "가", True), ("희", "를", True), ("만", "의", True),
    ("수", "이", False), ("철", "가", False), ("카", "와", False), ("우", "에", False),
])
def test_a_particle_agrees_with_the_syllable_before_it(before: str, syllable: str, agrees: bool) -> None:
    assert agreeing_particle(before, syllable) is agrees


@pytest.mark.parametrize(("text", "expected"), [
    # A unit named down the chain of command is one mask, not one per level.
    # A school named after its town keeps what it is, with its province.
    ("[SYNTHETIC] 저는 1998년에 혜산제1중학교를 졸업하고 제9군단 12사단 3연대에 입대했습니다.",
     "[SYNTHETIC] 저는 1998년에 양강도 중학교를 졸업하고 [기관]에 입대했습니다."),
    ("[SYNTHETIC] 회령고등중학교를 나왔다.", "[SYNTHETIC] 함경북도 고등중학교를 나왔다."),
    # A guard post is a place with a head of its own (it read 양강도를 지켰슴다).
    ("[SYNTHETIC] 우리 중대는 양강도 김정숙군 10호 초소를 지켰슴다.", "[SYNTHETIC] 우리 중대는 양강도 초소를 지켰슴다."),
    ("[SYNTHETIC] 혜산 초소에서 근무했다.", "[SYNTHETIC] 양강도 초소에서 근무했다."),
])
def test_units_schools_and_posts(text: str, expected: str) -> None:
    assert rendered(text) == expected


def test_a_permit_number_that_opens_with_its_province_is_one_number() -> None:
    text = "[SYNTHETIC] 통행증 번호는 양강-2011-0458이었다."
    assert rendered(text) == "[SYNTHETIC] 통행증 번호는 [번호]였다."  # it read 양강-[연락처]였다


@pytest.mark.parametrize(("text", "expected"), [
    # The same in English: the body, then its office and the name (each read as one span before).
    ("[SYNTHETIC] The Hoeryong MSS Chief Kim Chol beat him.", "[SYNTHETIC] The North Hamgyong MSS Chief Person 1409 beat him."),
    ("[SYNTHETIC] Onsong County Security Department Director Pak Yong-nam came.",
     "[SYNTHETIC] North Hamgyong Security Department Director Person 6186 came."),
    ("[SYNTHETIC] Before Upper Tribunal Judge Smithson", "[SYNTHETIC] Before Upper Tribunal Judge Person 2824"),
    ("[SYNTHETIC] Chinese Foreign Ministry Spokesman Hua Chunying said so.",
     "[SYNTHETIC] Chinese Foreign Ministry Spokesman Person 3327 said so."),
    # An office with its field (Secretary of State) opening a sentence is all office.
    ("[SYNTHETIC] Secretary of State John Kerry spoke.", "[SYNTHETIC] Secretary of State Person 5127 spoke."),
    ("[SYNTHETIC] Minister of Unification Kim Yeon-chul visited Hanawon.",
     "[SYNTHETIC] Minister of Unification Person 517 visited Hanawon."),
    ("[SYNTHETIC] Portraits of Kim Il Sung hung on the wall.", "[SYNTHETIC] Portraits of Kim Il Sung hung on the wall."),
    # Whose office it is, by a people's word, is no body to mask.
    ("[SYNTHETIC] South Korean President Moon Jae-in met him.", "[SYNTHETIC] South Korean President Person 9587 met him."),
    # A tribunal's building, a firm of lawyers, the bodies every asylum decision names.
    ("[SYNTHETIC] Heard at Field House on 12 March 2017.", "[SYNTHETIC] Heard at [LOCATION] in 2017."),
    ("[SYNTHETIC] For the Appellant: Mr J Holt, Counsel, instructed by Fictional Law LLP.",
     "[SYNTHETIC] For the Appellant: Mr Person 8886, Counsel, instructed by [ORG]."),
    ("[SYNTHETIC] The Home Office refused her claim, and the First-tier Tribunal dismissed her appeal.",
     "[SYNTHETIC] The Home Office refused her claim, and the First-tier Tribunal dismissed her appeal."),
    ("[SYNTHETIC] She went to the White House.", "[SYNTHETIC] She went to the White House."),
])
def test_an_office_between_a_body_and_a_name_in_english(text: str, expected: str) -> None:
    assert rendered(text) == expected
