"""Proper nouns in Hangul found by the Kiwi analyser (PERSON, LOCATION, ORG).

Kiwi tags proper nouns NNP. Each one is widened to the whole compound noun it opens
or closes inside its word (경북지역, 파주시), joined with neighbouring proper nouns
across a space (마크 러팔로, 영국 맨체스터), and with a following head noun of a place or
organisation (텍사스 북부, 온성 보위부). Hanja runs (SH) and out-of-vocabulary nouns are
taken too. The label is a guess for the reviewer: gazetteer or place head -> LOCATION,
organisation head -> ORG, otherwise PERSON.
"""
from __future__ import annotations

from collections.abc import Iterator

from vault.redaction._kiwi import Morph, analyse
from vault.redaction.detectors._base import make_span
from vault.redaction.gazetteer import gazetteer
from vault.redaction.korean import ORG_HEADS, PLACE_HEADS, SURNAMES_1
from vault.redaction.normalise import normalise
from vault.redaction.spans import LOCATION, ORG, PERSON, Span

_NOUNISH = frozenset({"NNG", "NNP", "NNB", "NR", "SN", "SL", "SH", "XSN", "XPN", "XR"})
_SEEDS = frozenset({"NNP", "SH"})


def has_hangul(text: str) -> bool:
    """Return True when ``text`` holds any Hangul syllable or jamo."""
    return any("\uac00" <= c <= "\ud7a3" or "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f"
               for c in text)


def _is_seed(m: Morph) -> bool:
    if m.tag in _SEEDS:
        return True
    return m.oov and m.tag.startswith("NN") and m.end - m.start >= 2


class KoreanProperNounDetector:
    """Hangul proper nouns and the compounds they head."""

    name = "korean_proper_nouns"
    label = PERSON
    languages = frozenset({"ko"})

    def detect(self, text: str) -> Iterator[Span]:
        """Yield spans for proper-noun phrases of Korean text."""
        norm = normalise(text)
        subject = norm.text
        if not has_hangul(subject):
            return
        morphs = analyse(subject)
        n = len(morphs)
        i = 0
        while i < n:
            if not _is_seed(morphs[i]):
                i += 1
                continue
            lo, hi = i, i
            # Widen to the compound inside the word, both ways.
            while lo > 0 and morphs[lo - 1].end == morphs[lo].start and morphs[lo - 1].tag in _NOUNISH:
                lo -= 1
            while True:
                while hi + 1 < n and morphs[hi + 1].start == morphs[hi].end and morphs[hi + 1].tag in _NOUNISH:
                    hi += 1
                # Across one space: another proper noun, or a head noun of a place/org.
                if hi + 1 < n and morphs[hi + 1].start - morphs[hi].end == 1 and \
                        subject[morphs[hi].end] == " ":
                    nxt = morphs[hi + 1]
                    if _is_seed(nxt) or (nxt.tag == "NNG" and (nxt.form in PLACE_HEADS or nxt.form in ORG_HEADS)):
                        hi += 1
                        continue
                break
            start, end = morphs[lo].start, morphs[hi].end
            surface = subject[start:end]
            label = self._label(surface, morphs[lo:hi + 1])
            score = 0.8 if morphs[i].tag == "NNP" else 0.6
            yield make_span(norm, start, end, label, score, self.name,
                            f"proper noun ({morphs[i].tag}) per Kiwi")
            i = hi + 1

    @staticmethod
    def _label(surface: str, morphs: tuple[Morph, ...]) -> str:
        last = morphs[-1].form
        if last in PLACE_HEADS:
            return LOCATION
        if last in ORG_HEADS:
            return ORG
        gaz = gazetteer()
        compact = surface.replace(" ", "")
        for size in range(min(len(compact), gaz.max_hangul), 1, -1):
            hit = gaz.hangul.get(compact[:size])
            if hit is not None and not hit[1]:
                return LOCATION
        if 2 <= len(compact) <= 4 and compact[0] in SURNAMES_1 and all(
                "\uac00" <= c <= "\ud7a3" for c in compact):
            return PERSON
        return PERSON
