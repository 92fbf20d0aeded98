"""Chinese place names the gazetteer does not know, by their shape (pure: no I/O).

Villages, towns and townships of north-east China are too many for any gazetteer, and a
witness's route passes through them. Their names have a shape of their own:

- in Hangul (the Korean transcription of Mandarin), an administrative head after the name
  (시 city, 현 county, 진 town, 향 township, 촌 village, 구 district, 툰 and 둔 hamlet, 거우
  gully, 좡 farmstead) and syllables that close on no consonant but ㄴ or ㅇ: Mandarin has no
  other final, so the transcription never writes one (싼허진, 바이허촌, 라오허구; a Korean
  word such as 학습진 or 결석촌 does not have this shape);
- in Latin script, a word made only of pinyin syllables whose last syllable is such a head
  (Shidaozhen, Laotougou, Sanhecun);
- in Hangul, a guess that ends in the head of an autonomous or special region, whatever its
  syllables (내몽골 자치구, 광서장족자치구, 라선 경제특구).

Only guesses change: a person guessed from a proper-noun tag or from a capitalised word,
with no evidence of a name, becomes a place when it has this shape. A name with evidence (a
surname and a cue, a title) is left as it is.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from vault.redaction.spans import GUESS_NOTE, LOCATION, PERSON, Span

_HANGUL_HEADS = ("거우", "시", "현", "진", "향", "촌", "구", "툰", "둔", "좡")
_HANGUL_WORD = re.compile(r"[가-힣]+")
_REGION_HEADS = ("자치구", "자치주", "자치현", "자치향", "자치기", "특별시", "직할시", "특별자치도", "특별행정구",
                 "경제특구", "특구")
_FINAL_N, _FINAL_NG = 4, 21  # ㄴ and ㅇ as the jong index of a syllable
_INITIALS = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINALS = (r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|"
           r"ia|ie|iu|ua|uo|ue|ui|ve|a|o|e|i|u|v)")
_PINYIN_HEADS = r"(?:zhen|xiang|cun|tun|gou|zhuang|xian|qu)"
_PINYIN_PLACE = re.compile(rf"(?:{_INITIALS}{_FINALS}){{1,4}}?{_PINYIN_HEADS}", re.IGNORECASE)
_GUESSING = frozenset({"korean_proper_nouns", "korean_surnames", "english_names", "propagation"})


def _mandarin_syllable(syllable: str) -> bool:
    """A Hangul syllable with no final, or with ㄴ or ㅇ (the only finals Mandarin has)."""
    jong = (ord(syllable) - 0xAC00) % 28
    return jong in (0, _FINAL_N, _FINAL_NG)


def hangul_place_shape(word: str) -> bool:
    """Does ``word`` look like a Chinese place in Korean transcription (싼허진, 바이허촌)?"""
    for head in _HANGUL_HEADS:
        if word.endswith(head) and len(word) - len(head) >= 2:
            stem = word[:-len(head)]
            return all(_mandarin_syllable(c) for c in stem)
    return False


def pinyin_place_shape(word: str) -> bool:
    """Is ``word`` pinyin syllables ending in a place head (Shidaozhen, Laotougou)?"""
    return len(word) >= 6 and word[:1].isupper() and word[1:].islower() \
        and _PINYIN_PLACE.fullmatch(word) is not None


def _is_guess(span: Span) -> bool:
    if span.label != PERSON:
        return False
    detectors = set(span.detector.split("+"))
    if not detectors <= _GUESSING:
        return False
    return GUESS_NOTE in span.reason or "english_names" in detectors and span.score < 0.8


def places_by_shape(text: str, spans: Iterable[Span]) -> list[Span]:
    """Return the spans with person guesses shaped like Chinese place names relabelled as places."""
    out: list[Span] = []
    for span in spans:
        surface = text[span.start:span.end]
        if _is_guess(span):
            word = _HANGUL_WORD.fullmatch(surface)
            if (word is not None and hangul_place_shape(surface)) or (surface.isascii() and pinyin_place_shape(surface)) \
                    or (surface.endswith(_REGION_HEADS) and _HANGUL_WORD.match(surface) is not None):
                reason = span.reason.replace("; " + GUESS_NOTE, "").replace(GUESS_NOTE, "")
                span = Span(span.start, span.end, LOCATION, max(span.score, 0.5), span.detector,
                            (reason + "; " if reason else "") + "shaped like a Chinese place name")
        out.append(span)
    return out
