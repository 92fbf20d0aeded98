"""Korean person guesses that name things, organisations or places, by kind (pure: no I/O).

Kiwi's proper-noun tag and the unknown-word rules also fire on products, services, sites,
ships, storms, titles and abbreviations. A guess (a person proposed without a name's
evidence: no surname shape with Kiwi's proper-noun tag, no cue, no age, no vocative) is
not a person when its own words or the words around it say what kind of thing it is.
(Examples here are made up, as in tests/redaction/test_korean_things.py.)

Dropped (they identify no one):

- an all-capital abbreviation that glosses the Hangul term before it in brackets
  (``순자산가치(NAV)``), and the same abbreviation anywhere else in the text;
- a quoted name right after a noun of a product, a programme or a storm (``신메뉴 '바삭킹'``,
  ``태풍 '라파엘'``, ``스마트폰 '누리폰X'``); films, dramas and books are left out: they are
  often named after people;
- a phrase that opens with a noun of a storm, a ship or a craft, the name after it
  (``여객선 무궁호``, ``허리케인 로잘린``);
- a word ending in 호 or 함 (the suffix of ships and spacecraft) in a sentence about a ship,
  a launch or a disaster (``누리별호 발사``), unless it has a name's shape (a surname and one
  or two syllables: ``이진호 사건``, even when Kiwi knows it);
- a word of everyday life in the North, of escape or of resettlement that the analyser does not
  know (``손전화``, ``돈주``, ``두부밥``, ``강제북송``, ``정착금``: ``vault/data/lexicon_ko_common.tsv``);
- one word made of a common noun and the head of a unit of security or detention, a kind of unit
  every town has (``변방구류소``, a border lock-up; ``예심과``, a pre-trial section);
- a demonstrative written onto a noun of a work (``이영화``, ``이책``: this film), and an
  indefinite determiner written onto a noun (``왠말``, ``별짓``): 별, 웬, 각, 몇, 온, 딴 open
  no given name.

Relabelled, still proposed as guesses (the word may still be an identifier; its label was
wrong):

- organisations (a maker, a brand, a broadcaster, an owner or an institution is an
  organisation far more often than a person): an all-capital abbreviation followed, after a
  space, only by common nouns Kiwi knows (``KNB 통신``, ``VPN 서비스``); a phrase whose head
  (its last noun) names a product, a service, something online, food or drink, or a figure of
  trade (``해오름 맥주 판매량``, ``누리샘 홈페이지``), with no word of a name's shape before the
  head (``박철민 홈페이지`` stays a person); a phrase that opens with a noun of a brand, a site,
  an app or a service (``브랜드 루미엘``, ``사이트 도토리넷``); one word of four syllables or more
  ending in an institution (``해오름전자``). Events, laws, diseases, works and vehicles are
  left out: they are often named after a person (a law or a case named after someone) or a
  country (a country's aircraft);
- places: one word of four syllables or more ending in a building or a public place
  (``누리별백화점``); a word ending in 진, 향 or 촌 right after a Chinese county, town or township
  (``안도현 명월진``: given names end in 진 too, so not anywhere else).

Spans with evidence of their own (score at or above the review threshold) are not touched.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from vault.redaction._kiwi import Analysis, Morph, analysis, known_alone, only_common_nouns
from vault.redaction.korean import SURNAMES_1, SURNAMES_2, WORK_NOUNS
from vault.redaction.lexicons import korean_everyday
from vault.redaction.review import LOW_SCORE
from vault.redaction.spans import LOCATION, ORG, PERSON, Span

_GUESSING = frozenset({"korean_proper_nouns", "korean_surnames", "english_names"})
_ACRONYM = re.compile(r"[A-Z]{2,6}(?![A-Za-z])")
_HANGUL_WORD = re.compile("[가-힣]")
_GLOSS = re.compile(r"[가-힣]\(([A-Z]{2,6})[)\s]")
# Heads of things named by a brand: products and their parts, services and software, what
# lives online, food and drink, figures of trade.
THING_HEADS = frozenset("""제품 신제품 상품 모델 기종 버전 기능 서비스 앱 어플 애플리케이션 소프트웨어 운영체제
시스템 플랫폼 요금제 단말기 폰 스마트폰 휴대폰 카메라 노트북 태블릿 기기 장비 부품 칩 배터리 렌즈
페이지 계정 사이트 블로그 채널 게시판 메신저 홈페이지 커뮤니티 카페 앱스토어
버거 라면 맥주 와인 소주 커피 음료 과자 아이스크림 메뉴 소스 향수 화장품 립스틱 세제
매출 판매량 주가 요금 출시 판매 상영 방영 광고""".split())
# Nouns that put the name of a storm, a ship or a craft after them (태풍 라파엘, 여객선 무궁호).
CRAFT_NOUNS = frozenset("""태풍 허리케인 사이클론 여객선 화물선 유조선 선박 어선 잠수함 구축함 군함 위성 로켓
탐사선 우주선""".split())
# Nouns that put the name of a brand, a site, an app or a service after them (브랜드 루미엘).
BRAND_NOUNS = frozenset("""브랜드 앱 어플 애플리케이션 사이트 커뮤니티 플랫폼 메신저 서비스 게임 쇼핑몰""".split())
# Nouns after which a quoted name is a product, a programme or a storm (not works, often
# named after people; not newspapers, organisations).
_QUOTE_CATEGORIES = CRAFT_NOUNS | frozenset("""신제품 제품 상품 신메뉴 메뉴 앱 어플 스마트폰 휴대폰 노트북 태블릿
프로그램 예능 캠페인 과자 라면 음료 맥주 소주 모델 차량""".split())
_QUOTES = "'‘\"“『《〈「<"
# A sentence about a ship, a launch or a disaster.
_SHIP_CONTEXT = re.compile("여객선|화물선|유조선|어선|선박|함정|군함|잠수함|구축함|호위함|침몰|인양|선체|선장|선원|"
                           "승선|승객|항해|출항|입항|좌초|발사체|발사|로켓|위성|우주선|탐사선|참사|희생자|유가족|"
                           "실종자|사고|사건")
_SHIP_NAME = re.compile(r"([가-힣]{2,}?)(?:호|함)(?=$|[^가-힣]|[은는이가을를의에와과도])")
# Heads that end the one-word name of an institution (해오름전자, 가온미래연구원) or of a building
# or a public place (누리별백화점, 새봄기념관): two syllables or more, after two or more.
INSTITUTION_ENDS = tuple("""연구원 연구소 위원회 대학교 대학원 은행 공단 공사 재단 협회 연맹 학회 경찰서 소방서
보건소 법원 검찰청 시청 구청 군청 도청 학교 방송국 신문사 신문 일보 그룹 전자 증권 보험 건설 항공 통신
제약 센터 연대 모임""".split())
PLACE_ENDS = tuple("""백화점 기념관 박물관 미술관 도서관 과학관 체육관 문화관 휴양림 수목원 관찰소 교도소
구치소 공항 터미널 호텔 극장 공원 경기장 해수욕장 광장""".split())
# Nouns of works that a demonstrative points at (이영화: this film).
_DEMONSTRATIVES = frozenset("이 그 저 요".split())
# Determiners of no particular one: 별 (special), 웬/왠 (what), 각 (each), 몇 (some), 온 (whole), 딴 (other).
_INDEFINITE = frozenset("별 웬 왠 각 몇 온 딴".split())
# Heads of the units of security and detention every town has, and the sections of an office (과).
_UNIT_HEADS = ("구류소", "구류장", "구치소", "집결소", "교화소", "관리소", "수용소", "단련대", "감옥", "교도소",
               "분주소", "보안서", "보위부", "변방대", "과")


def is_guess(span: Span) -> bool:
    """A person proposed by a guessing rule without a name's evidence."""
    return span.label == PERSON and span.score < LOW_SCORE and \
        bool(_GUESSING & set(span.detector.split("+")))


def _inside(found: Analysis, start: int, end: int) -> list[Morph]:
    return [m for m in found.between(start, end) if m.start >= start and m.end <= end]


def _content(found: Analysis, span: Span) -> list[Morph]:
    """The morphemes of the span without the particles, endings and symbols at its end."""
    inside = _inside(found, span.start, span.end)
    while inside and inside[-1].tag.startswith(("J", "S", "E", "VC")):
        inside.pop()
    return inside


def _surname_shaped(word: str) -> bool:
    """A surname and one or two syllables (two and one or two for 황보, 남궁 ...)."""
    stem = re.match(r"[가-힣]+", word)
    if stem is None:
        return False
    w = stem.group()
    if w[:2] in SURNAMES_2:
        return 3 <= len(w) <= 4
    return w[0] in SURNAMES_1 and 2 <= len(w) <= 3


def _glossed(text: str) -> frozenset[str]:
    """Abbreviations written in brackets right after a Hangul word (가치(NAV))."""
    return frozenset(m.group(1) for m in _GLOSS.finditer(text))


def _glossed_acronym(text: str, span: Span, glossed: frozenset[str]) -> bool:
    m = _ACRONYM.match(text, span.start, span.end)
    return m is not None and m.group() in glossed


def _acronym_before_nouns(text: str, span: Span, found: Analysis) -> bool:
    """KNB 통신, VPN 서비스: the abbreviation, a space, then only common nouns Kiwi knows up to
    the first particle (inside the span, or in the next word when the span is the abbreviation)."""
    m = _ACRONYM.match(text, span.start, span.end)
    if m is None or not text.startswith(" ", m.end()):
        return False
    end = span.end
    if end <= m.end() + 1:
        nxt = re.match(r" ([가-힣]+)", text[m.end():])
        if nxt is None:
            return False
        end = m.end() + nxt.end()
    after = [x for x in _inside(found, m.end(), end) if re.search("[가-힣]", x.form)]
    while after and after[-1].tag.startswith("J"):
        after.pop()
    return bool(after) and all(x.tag in ("NNG", "XSN", "NNB") and not x.oov for x in after)


def _head(found: Analysis, span: Span) -> Morph | None:
    pieces = _content(found, span)
    if len(pieces) < 2:
        return None
    last = pieces[-1]
    if last.tag == "XSN" and len(pieces) >= 3:
        last = pieces[-2]
    return last if last.tag == "NNG" and not last.oov else None


def _name_like(text: str, found: Analysis, start: int, end: int) -> bool:
    """A word of a name's shape that is not one common noun Kiwi knows (박철민, not 라면)."""
    if not _surname_shaped(text[start:end]):
        return False
    pieces = [m for m in _inside(found, start, end) if not m.tag.startswith("J")]
    return not (len(pieces) == 1 and pieces[0].tag == "NNG" and not pieces[0].oov)


def _product(text: str, span: Span, found: Analysis) -> bool:
    head = _head(found, span)
    if head is None or head.form not in THING_HEADS:
        return False
    return not any(_name_like(text, found, w.start(), w.end())
                   for w in re.finditer(r"\S+", text[:head.start]) if w.start() >= span.start)


_WORD_BEFORE = re.compile(r"(?<![가-힣])([가-힣]+) $")


def _opened_by(text: str, span: Span, found: Analysis, nouns: frozenset[str]) -> bool:
    """Does the phrase open with one of ``nouns`` as a word of its own, a name after it, or is it
    a name right after one of them (허리케인 로잘린, where the name alone was found)?"""
    words = text[span.start:span.end].split()
    if len(words) < 2:
        before = _WORD_BEFORE.search(text, max(0, span.start - 10), span.start)
        return before is not None and before.group(1) in nouns
    first = _inside(found, span.start, span.start + len(words[0]))
    return len(first) == 1 and first[0].tag == "NNG" and not first[0].oov and first[0].form in nouns


def _quoted_after_category(text: str, span: Span) -> bool:
    if span.start == 0 or text[span.start - 1] not in _QUOTES:
        return False
    word = re.search(r"([가-힣]+)\s?$", text[max(0, span.start - 12):span.start - 1])
    return word is not None and word.group(1).endswith(tuple(_QUOTE_CATEGORIES))


def _ship(text: str, span: Span, found: Analysis) -> bool:
    m = _SHIP_NAME.match(text, span.start, span.end)
    return m is not None and not _surname_shaped(text[span.start:m.end()]) and _SHIP_CONTEXT.search(text) is not None


def _determined(found: Analysis, span: Span) -> bool:
    pieces = _content(found, span)
    if len(pieces) != 2 or pieces[0].tag != "MM" or pieces[0].start != span.start or pieces[1].start != pieces[0].end:
        return False
    noun = pieces[1]
    if noun.tag != "NNG" or noun.oov:
        return False
    return (pieces[0].form in _DEMONSTRATIVES and noun.form in WORK_NOUNS) or pieces[0].form in _INDEFINITE


def _everyday(text: str, span: Span, found: Analysis) -> bool:
    """Is the guess's noun stem, its particle aside, a word of everyday life (손전화를, 강제북송이), or a
    phrase of such words and common nouns (탈북어민 강제북송 사건)?"""
    pieces = _content(found, span)
    words = korean_everyday()
    stem = text[span.start:pieces[-1].end] if pieces else ""
    if any(s in words or s.replace(" ", "") in words for s in (text[span.start:span.end].strip(), stem)):
        return True
    parts = stem.split()
    return len(parts) > 1 and any(p in words for p in parts) and all(
        p in words or only_common_nouns(p, also=lambda form: form in words) for p in parts)


def _generic_unit(text: str, span: Span, found: Analysis) -> bool:
    """Is the guess one word made of a common noun and the head of a unit of security or detention,
    a kind of unit every town has (변방구류소: a border lock-up; 예심과: the pre-trial section)?"""
    pieces = _content(found, span)
    stem = text[span.start:pieces[-1].end] if pieces else ""
    if not stem.isalpha() or not "가" <= stem[0] <= "힣":
        return False
    return any(stem.endswith(head) and len(stem) - len(head) >= 2 and known_alone(stem[:-len(head)])
               for head in _UNIT_HEADS)


def _one_word_ending(text: str, span: Span, found: Analysis, ends: tuple[str, ...]) -> bool:
    """A single word of four syllables or more that ends in one of ``ends`` (its particle aside)."""
    pieces = _content(found, span)
    if not pieces:
        return False
    stem = text[span.start:pieces[-1].end]
    if not re.fullmatch("[가-힣]{4,}", stem):
        return False
    return any(stem.endswith(end) and len(stem) - len(end) >= 2 for end in ends)


def kind_of(text: str, span: Span, found: Analysis, glossed: frozenset[str]) -> str | None:
    """Return "drop", ORG or LOCATION for a person guess of the kinds above, None for any other span.

    A quoted name after a storm, product or programme noun is dropped even when it has a name's
    shape (태풍 '라파엘'): the noun before it says what it is, more than the shape of its syllables.
    """
    if span.label == PERSON and set(span.detector.split("+")) <= _GUESSING | {"cue_names"} and _everyday(text, span, found):
        return "drop"  # 어머니는 손전화를, 장사꾼들을 돈주라고 불렀다: a cue does not make a thing a name
    if span.label == PERSON and set(span.detector.split("+")) <= _GUESSING and _quoted_after_category(text, span):
        return "drop"
    if not is_guess(span):
        return None
    if _glossed_acronym(text, span, glossed) or _quoted_after_category(text, span) \
            or _opened_by(text, span, found, CRAFT_NOUNS) or _ship(text, span, found) or _determined(found, span) \
            or _generic_unit(text, span, found):
        return "drop"
    if _acronym_before_nouns(text, span, found) or _product(text, span, found) \
            or _opened_by(text, span, found, BRAND_NOUNS) or _one_word_ending(text, span, found, INSTITUTION_ENDS):
        return ORG
    if _one_word_ending(text, span, found, PLACE_ENDS) or _town_after_county(text, span):
        return LOCATION
    return None


# A Chinese county, town or township, then a word ending in 진, 향 or 촌 (안도현 명월진, 월청향 마패촌):
# the town, township or village inside it.
_COUNTY_BEFORE = re.compile(r"[가-힣]{1,6}(?:현|진|향)\s$")


def _town_after_county(text: str, span: Span) -> bool:
    return text[span.end - 1] in "진향촌" and _COUNTY_BEFORE.search(text, max(0, span.start - 8), span.start) is not None


_AS_ORG = "a maker, brand, owner, broadcaster or institution: an organisation"
_AS_PLACE = "a building or public place by its last word: a place"


def sort_things(text: str, spans: Iterable[Span]) -> list[Span]:
    """Return the spans without the guesses that name things, organisations and places relabelled."""
    spans = list(spans)
    if not any(is_guess(s) or s.start > 0 and text[s.start - 1] in _QUOTES
               or s.label == PERSON and _HANGUL_WORD.match(text, s.start) for s in spans):
        return spans
    found = analysis(text)
    glossed = _glossed(text)
    out = []
    for span in spans:
        kind = kind_of(text, span, found, glossed)
        if kind == "drop":
            continue
        if kind in (ORG, LOCATION):
            span = Span(span.start, span.end, kind, span.score, span.detector,
                        span.reason + "; " + (_AS_ORG if kind == ORG else _AS_PLACE))
        out.append(span)
    return out
