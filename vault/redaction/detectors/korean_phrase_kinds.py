"""What kind of name a Korean noun phrase is: a place, a body or a person (a guess for the reviewer).

The last noun decides first: a place's head (시, 군, 수용소, 섬) makes a place, a body's head (보위부,
학과, 일보) a body; a well-known body is one whatever its head; a phrase that opens with a gazetteer
place and has no other head is that place. Anything else is a person. Pure: no I/O.
"""
from __future__ import annotations

import re

from vault.redaction._kiwi import Morph
from vault.redaction.gazetteer import gazetteer
from vault.redaction.korean import ORG_ENDINGS, ORG_HEADS, PLACE_HEADS
from vault.redaction.lexicons import known_organisations
from vault.redaction.spans import LOCATION, ORG, PERSON

# Where one is beside a place (류경호텔 앞, 혜산역 근처), and the place words a name written as one word
# ends in (호텔, 역, 시장).
_WHERE_BY = frozenset("앞 뒤 옆 근처 부근 인근 건너편 맞은편 주변 쪽".split())
_PLACE_WORD_ENDS = tuple(h for h in PLACE_HEADS if len(h) >= 2) + ("역", "항")
# Heads that end a body's name written as one word (경제학부, 금속공학과, 기계공장, 도인민위원회).
_COMPOUND_ORG_HEADS = ("학부", "학과", "대학", "대학교", "대학원", "공장", "기업소", "회사", "연구소", "위원회",
                       "보위부", "안전부", "병원", "학교")
_ISLANDS = ("섬", "반도", "제도", "군도")
_GLOSS_AT_END = re.compile(r"\([^()]*\)$")


def phrase_label(surface: str, tail: tuple[Morph, ...]) -> str:
    """Return LOCATION, ORG or PERSON for the phrase ``surface`` whose last word's morphemes are ``tail``."""
    heads = [m.form for m in tail if m.tag.startswith("NN")]
    last = heads[-1] if heads else ""
    words = [_GLOSS_AT_END.sub("", w).casefold() for w in surface.split()]
    if words and (words[0] in known_organisations() or words[-1] in known_organisations()):
        return ORG  # 북한인권정보센터(NKDB), 미 국무부: a well-known body, whatever its head word
    if len(words) > 1 and words[-1] in _WHERE_BY and words[-2].endswith(_PLACE_WORD_ENDS):
        return LOCATION  # 류경호텔 앞: in front of a place
    if last in PLACE_HEADS and not (surface.startswith(last) and len(surface) > len(last)) \
            or last.endswith(_ISLANDS) and len(last) > 2:
        return LOCATION  # 카마르섬: no name ends in 섬 or 반도 (리명철: 리 opening a name is the surname)
    if last in ORG_HEADS or len(last) > 2 and last.endswith(_COMPOUND_ORG_HEADS):
        return ORG  # 경제학부, 금속공학과: a body's unit written as one word after the body
    if len(heads) == 1 and any(last.endswith(e) and len(last) > len(e) + 1 for e in ORG_ENDINGS):
        return ORG  # 새누리당, 가상일보: one proper noun with an organisation's ending
    gaz = gazetteer()
    compact = surface.replace(" ", "")
    first_word = surface.split()[0] if surface.split() else surface
    for size in range(min(len(compact), gaz.max_hangul), 1, -1):
        hit = gaz.hangul.get(compact[:size])
        # A name the gazetteer calls ambiguous (도문, 대련: also common words elsewhere) is a
        # place when Kiwi reads it as a proper noun and it is a whole word of its own.
        if hit is not None and (not hit[1] or compact[:size] == first_word):
            return LOCATION
    return PERSON
