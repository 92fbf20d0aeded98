"""Korean person guesses that name things or organisations, by kind (vault/redaction/things.py).

Every sentence is made up for these tests ([SYNTHETIC]); none comes from an eval set. Each kind
has its counterpart: a real name of the same shape, or with its own evidence, stays a person.
"""
from __future__ import annotations

import pytest

from vault.redaction import detect
from vault.redaction.lists import list_items
from vault.redaction.spans import GUESS_NOTE, LOCATION, ORG, PERSON, Span


def _covering(text: str, word: str, label: str) -> list[str]:
    """Surfaces of the spans of ``label`` that overlap ``word`` (its first occurrence)."""
    at = text.index(word)
    return [text[s.start:s.end] for s in detect(text)
            if s.label == label and s.start < at + len(word) and at < s.end]


@pytest.mark.parametrize(("text", "word"), [
    # an abbreviation glossing the Hangul term before it, and the same abbreviation again
    ("[SYNTHETIC] 보고서는 순자산가치(NAV)를 기준으로 했고, NAV는 해마다 달랐다.", "NAV"),
    ("[SYNTHETIC] 보고서는 순자산가치(NAV)를 기준으로 했고, NAV는 해마다 달랐다.", "NAV는"),
    ("[SYNTHETIC] 경비대는 감시장비(TMS)를 새로 들였다.", "TMS"),
    # a quoted name after a noun of a product, a programme or a storm
    ("[SYNTHETIC] 회사가 내놓은 신메뉴 '바삭킹'이 인기를 끌었다.", "바삭킹"),
    ("[SYNTHETIC] 제 12호 태풍 '라파엘'이 북상하고 있다.", "라파엘"),
    ("[SYNTHETIC] 스마트폰 '누리폰X'는 다음 달 나온다.", "누리폰"),
    # a storm, a ship or a craft named after its kind
    ("[SYNTHETIC] 지난달 허리케인 로잘린이 해안을 덮쳤다.", "로잘린"),
    ("[SYNTHETIC] 여객선 무궁호가 침몰해 승객들이 실종됐다.", "무궁호"),
    # -호 in a sentence about a ship or a launch
    ("[SYNTHETIC] 그 위성은 누리별호 발사 뒤 궤도에 올랐다.", "누리별호"),
    # a demonstrative written onto a noun of a work: this film, this book, this song
    ("[SYNTHETIC] 그 일을 다룬 이영화는 지루했다.", "이영화"),
    ("[SYNTHETIC] 이책은 어렵다.", "이책"),
    ("[SYNTHETIC] 이노래 듣고 울었다.", "이노래"),
    # an indefinite determiner written onto a noun
    ("[SYNTHETIC] 왠말인지 모르겠다.", "왠말"),
    ("[SYNTHETIC] 웬말이냐 정말.", "웬말"),
    ("[SYNTHETIC] 그때 별짓을 다했다.", "별짓"),
])
def test_things_are_not_proposed(text: str, word: str) -> None:
    at = text.index(word)
    assert not [s for s in detect(text) if s.start < at + len(word) and at < s.end and s.label in (PERSON, ORG)]


@pytest.mark.parametrize(("text", "word"), [
    # an abbreviation before common nouns: a broadcaster, an agency, a service
    ("[SYNTHETIC] 그는 KNB 통신에 그 사실을 알렸다.", "KNB"),
    ("[SYNTHETIC] 청년들은 VPN 서비스로 외국 방송을 봤다.", "VPN"),
    # a proper noun before a noun of a product, a service, a site or trade: its maker or owner
    ("[SYNTHETIC] 해오름 맥주 판매량이 크게 늘었다.", "해오름"),
    ("[SYNTHETIC] 누리샘 홈페이지에 글이 올라왔다.", "누리샘"),
    ("[SYNTHETIC] 새로 나온 미르폰 신제품은 값이 비쌌다.", "미르폰"),
    # a brand or a site named after its kind
    ("[SYNTHETIC] 브랜드 루미엘이 새 가방을 내놓았다.", "루미엘"),
    ("[SYNTHETIC] 사이트 도토리넷에 사진이 올라왔다.", "도토리넷"),
    # one word ending in the name of an institution
    ("[SYNTHETIC] 해오름전자가 공장을 지었다.", "해오름전자"),
])
def test_makers_brands_and_broadcasters_are_organisations(text: str, word: str) -> None:
    assert _covering(text, word, ORG)
    assert not _covering(text, word, PERSON)


@pytest.mark.parametrize(("text", "name"), [
    ("[SYNTHETIC] 박철민 홈페이지에 글이 올라왔다.", "박철민"),            # a name's shape before a site
    ("[SYNTHETIC] 이진호 사건은 아직 풀리지 않았다.", "이진호"),            # -호 names a person too
    ("[SYNTHETIC] 최명호가 침몰한 배에서 살아남았다고 말했다.", "최명호"),  # -호 beside a shipwreck
    ("[SYNTHETIC] 김영호 씨는 여객선 선장이었다.", "김영호"),
    ("[SYNTHETIC] 이영화 씨가 증언했다.", "이영화"),                        # 이 + 영화 with a cue: a name
    ("[SYNTHETIC] 별이가 울면서 엄마를 불렀다.", "별이"),                   # 별 opens a given name with -이
    ("[SYNTHETIC] 브로커 리명호 씨가 사이트 주소를 알려 주었다.", "리명호"),
    ("[SYNTHETIC] 박선영 선생이 신메뉴 '바삭킹'을 만들었다.", "박선영"),
])
def test_names_of_the_same_shape_are_still_persons(text: str, name: str) -> None:
    assert any(name in p for p in _covering(text, name, PERSON))


@pytest.mark.parametrize(("text", "phrase"), [
    ("[SYNTHETIC] 그 일은 팔라친스키, 아이에게 어떤 일이 생길지 몰랐다.", "아이에게 어떤"),  # a particle, then more
    ("[SYNTHETIC] 마르티노, 동생에게 어떤 말을 했다.", "동생에게 어떤"),
    ("[SYNTHETIC] 새로 산 것 외에, 카르보냐 누적 점수도 늘었다.", "외에"),                # a bound noun first
    ("[SYNTHETIC] 로렌치오, 외에 다른 사람은 없었다.", "외에 다른"),
])
def test_phrases_between_commas_are_not_list_items(text: str, phrase: str) -> None:
    assert not _covering(text, phrase, PERSON)


@pytest.mark.parametrize(("text", "name"), [
    ("[SYNTHETIC] 김철수 씨, 마르티노, 로렌치오에게 연락했다.", "로렌치오"),  # a name with its particle
    ("[SYNTHETIC] 박영호 씨, 별하, 솔미가 왔다.", "솔미"),
])
def test_names_with_a_particle_in_a_list_stay_persons(text: str, name: str) -> None:
    assert any(name in p for p in _covering(text, name, PERSON))


def test_one_word_ending_in_a_building_is_a_place() -> None:
    text = "[SYNTHETIC] 누리별백화점에서 불이 났다."
    assert _covering(text, "누리별백화점", LOCATION)
    assert not _covering(text, "누리별백화점", PERSON)


def test_an_institution_ending_with_a_cue_stays_a_person() -> None:
    text = "[SYNTHETIC] 선우은행 씨가 그날 일을 말했다."  # a two-syllable surname + 은행, then 씨
    assert _covering(text, "선우은행", PERSON)


def test_a_relabelled_guess_still_anchors_its_list() -> None:
    """하늘·해오름전자: the item beside an organisation guess is covered, with its label."""
    text = "[SYNTHETIC] 하늘·해오름전자는 합병했다."
    at = text.index("해오름전자")
    anchor = Span(at, at + len("해오름전자"), ORG, 0.3, "korean_proper_nouns",
                  "proper noun (NNP) per Kiwi; " + GUESS_NOTE + "; an organisation")
    items = list_items(text, [anchor], evidenced=[])
    assert [(text[s.start:s.end], s.label) for s in items] == [("하늘", ORG)]
