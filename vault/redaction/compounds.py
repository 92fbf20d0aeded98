"""Korean person guesses that are ordinary words, by kind (pure: no I/O).

The surname rules of ``korean_surnames`` guess a name from a word that opens with a surname
syllable and that Kiwi does not read as one known word; Kiwi's proper-noun tag guesses
the rest. Some kinds of such words are compounds of common words, never names:

- a Sino-Korean prefix before a known noun (신기술, 고기압, 반정부, 소규모, 범국민, 부적절한):
  신, 고, 소, 반, 범 are surnames too, but a given name is not a word Kiwi knows after
  them. 최 is left out: it is the fourth commonest surname (최우선 and 최연승 look alike);
- a determiner before a noun of time, place, degree or amount (이때, 이곳, 한순간, 이정도,
  한차례, 이세상): 이 and 한 are surnames, but these nouns are never given names;
- a head word of a place, an organisation, a role or an office used alone (장마당, 시장,
  보위부, 아버지, 감독): the lexicons of ``korean`` say what they are; a role glued to its
  gender (여감독, 남배우, 여교사);
- laughter and tears written in letters inside a guess (``공포영화 ᅲᅲᄏ``): the guess is cut
  there and what is left of it kept only if it still holds a proper noun or an unknown word;
- an editorial marker in square brackets (``[SYNTHETIC]``, ``[REDACTED]``, ``[인물]``,
  ``[PERSON]``): the marker of a synthetic text, or a mask already applied, is not a name
  (a name in brackets, ``[김철수]``, is still one).

A span with evidence of its own (a cue, a surname with a title, an age, a vocative, a term
the archivist listed) is never touched. Guesses that name things (ships, storms, glossed
abbreviations, a film pointed at) or organisations (brands, makers, broadcasters) are
sorted out by ``things``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from vault.redaction._kiwi import Analysis, Morph, analysis
from vault.redaction.korean import OFFICES, ORG_HEADS, PLACE_HEADS, ROLE_WORDS
from vault.redaction.spans import LABELS, LOCATION, ORG, PERSON, Span
from vault.redaction.things import sort_things

_NAMES = frozenset({PERSON, LOCATION, ORG})
# Reasons of the surname rules that guess from the shape of a word alone.
_SHAPE_GUESSES = ("surname followed by syllables", "two syllables that are not one known word",
                  "three syllables opening with a surname")
# Nouns a determiner points with (이때, 한순간, 이정도): time, place, degree, amount, turn.
DETERMINED_NOUNS = frozenset("""때 곳 밖 땅 쪽 번 줄 편 날 해 달 정도 순간 세상 시절 이후 이전 시간
마디 사람 차례 부분 만큼 동안 다음 무렵 자리 장면 대목 가운데 사이 중간 순서 무엇 방향 세계
일생 평생 자체 동네 나라 집안 사회""".split())
_DETERMINERS = frozenset("이 그 저 요 한 두 세 네 전 별 왠 현 단 모 여 양 주 각 첫 몇 온".split())
_LEXICON = PLACE_HEADS | ORG_HEADS | ROLE_WORDS | OFFICES
# Editorial markers: a synthetic text's marker, a redaction note, a mask this engine renders.
_MARKER_WORDS = ("SYNTHETIC|REDACTED|REMOVED|DELETED|WITHHELD|ANONYMI[SZ]ED|PSEUDONYMI[SZ]ED|"
                 + "|".join(LABELS) + "|인물|장소|기관|날짜|나이|금액|연락처|번호|비공개|삭제")
_MARKER = re.compile(r"\[\s*(?:" + _MARKER_WORDS + r")(?:\s?\d{1,4})?\s*\]", re.IGNORECASE)
_HANGUL = re.compile(r"[가-힣]")


def _shape_guess(span: Span) -> bool:
    return span.label == PERSON and span.detector == "korean_surnames" and span.reason.startswith(_SHAPE_GUESSES)


def _guess(span: Span) -> bool:
    """A person found only from the shape of a word or Kiwi's proper-noun tag."""
    return _shape_guess(span) or (span.label == PERSON and span.detector == "korean_proper_nouns")


def _content(found: Analysis, span: Span) -> list[Morph]:
    """The morphemes inside the span without the particles after them."""
    inside = [m for m in found.between(span.start, span.end) if m.start >= span.start and m.end <= span.end]
    while inside and inside[-1].tag.startswith("J"):
        inside.pop()
    return inside


def _prefixed(pieces: list[Morph]) -> bool:
    """신+기술, 고+기압, 부+적절+한: a prefix and known words after it."""
    if len(pieces) < 2 or pieces[0].tag != "XPN" or pieces[0].form == "최":
        return False
    rest = pieces[1:]
    return all(m.tag in ("NNG", "NR", "XR", "XSA", "ETM") and not m.oov for m in rest) and \
        sum(m.end - m.start for m in rest) >= 2


def _determined(pieces: list[Morph]) -> bool:
    """이+때, 한+순간, 이+정도: a determiner and a noun it points with."""
    return len(pieces) == 2 and pieces[0].tag == "MM" and pieces[0].form in _DETERMINERS \
        and pieces[1].tag == "NNG" and not pieces[1].oov and pieces[1].form in DETERMINED_NOUNS


def _marker(text: str, span: Span) -> bool:
    """Is the span (part of) an editorial marker in square brackets?"""
    for m in _MARKER.finditer(text, max(0, span.start - 40), min(len(text), span.end + 40)):
        if m.start() <= span.start and span.end <= m.end() + 1 and m.start() < span.end:
            return True
    return False


# ㅋㅋ, ᄏᄏ, ᅲᅲ, ㄷㄷ: letters without syllables; one letter before a title is a person (ㄱ씨, ㄴ모 군).
_LAUGHTER = re.compile(r"[\u1100-\u11ff\u3131-\u318e]{2,}|[\u1100-\u11ff\u3131-\u318e](?!\s?(?:씨|모|군|양))")


def _without_laughter(text: str, span: Span, found: Analysis) -> list[Span]:
    """Cut a guessed name at laughter and tears written in letters (공포영화 ᅲᅲᄏ, ᄏᄏ웃음줘서).

    No name holds them. Each piece between them stays only if it still holds what made the
    guess (a proper noun, a word Kiwi does not know, Latin or Hanja); pieces of known words
    and grammar are ordinary words. A name written in decomposed jamo is composed by
    normalisation before it gets here, so it is not cut.
    """
    out = []
    pos = span.start
    for cut in [*_LAUGHTER.finditer(text, span.start, span.end), None]:
        end = span.end if cut is None else cut.start()
        piece = text[pos:end]
        a = pos + len(piece) - len(piece.lstrip(" .,!?~^;:()'\"-"))
        b = pos + len(piece.rstrip(" .,!?~^;:()'\"-"))
        if a < b and any((m.tag in ("NNP", "SL", "SH") or m.oov) and _LAUGHTER.sub("", m.form)
                         for m in found.between(a, b)):
            out.append(Span(a, b, span.label, span.score, span.detector, span.reason))
        if cut is not None:
            pos = cut.end()
    return out


def ordinary_words(text: str, spans: Iterable[Span], *, trusted: frozenset[str] = frozenset()) -> list[Span]:
    """Return the spans without the person guesses that are ordinary words of the kinds above."""
    out: list[Span] = []
    found: Analysis | None = None
    for span in spans:
        if span.detector in trusted or span.label not in _NAMES:
            out.append(span)
            continue
        if _marker(text, span):
            continue
        if _guess(span) and _LAUGHTER.search(text, span.start, span.end):
            found = found or analysis(text)
            out.extend(_without_laughter(text, span, found))
            continue
        if _guess(span) and _HANGUL.search(text[span.start:span.end]):
            found = found or analysis(text)
            pieces = _content(found, span)
            stem = "".join(m.form for m in pieces)
            if stem in _LEXICON and stem == text[span.start:span.start + len(stem)]:
                continue
            if stem[:1] in "여남" and stem[1:] in ROLE_WORDS | OFFICES and stem == text[span.start:span.start + len(stem)]:
                continue  # 여감독, 남배우, 여교사: a role with its gender, not the surname 여 or 남
            if _shape_guess(span) and (_prefixed(pieces) or _determined(pieces)):
                continue
        out.append(span)
    return sort_things(text, out)
