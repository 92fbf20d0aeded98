"""Korean person guesses need evidence to be proposed for masking.

Two detectors guess: Kiwi's proper-noun tag (``korean_proper_nouns``: it also tags products,
titles of works, newspapers and brands) and the unknown-word rules of ``korean_surnames``
(a word opening with a surname syllable that Kiwi does not know: 전방위, 신성장). A guess is
still shown to the reviewer, but it is proposed for masking (score at or above
``review.LOW_SCORE``) only with positive evidence:

- the shape of a Korean name *and* Kiwi's proper-noun tag: 2-4 syllables opening with a
  surname (two independent signals; for the surname rules the surname is the guess itself);
- a person cue next to it: a title, kinship word or honorific after it (씨, 선수, 언니,
  기자), an introducing word, a family word or an office before it (본명, 아버지, 반탐처장), an age in brackets
  after it (``(34)``, ``(63·여)``);
- a list or pair with a name that has evidence (``김철수·보람``, ``보람과 김철수``).

Names the archivist listed (sensitive terms), vocatives, surname-and-title forms and the
other detectors are evidence themselves and are not touched. Pure: no I/O.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from vault.redaction.detectors.korean_titles import office_at_end
from vault.redaction.korean import PERSON_CUES_AFTER, PERSON_CUES_BEFORE, ROLE_WORDS, SURNAMES_1, SURNAMES_2
from vault.redaction.review import LOW_SCORE
from vault.redaction.spans import GUESS_NOTE, LOCATION, PERSON, Span

GUESS_SCORE = 0.3  # below LOW_SCORE: shown for review, proposed as KEEP
_GUESSING = ("korean_proper_nouns", "korean_surnames")
_HANGUL = re.compile(r"[가-힣]")
_STEM = re.compile(r"[가-힣]+")
_CUE_AFTER = re.compile(r"\s?(?:" + "|".join(sorted(PERSON_CUES_AFTER, key=len, reverse=True)) + r")(?![가-힣])"
                        r"|\s?(?:" + "|".join(sorted(PERSON_CUES_AFTER, key=len, reverse=True)) + r")"
                        r"(?:[은는이가을를의와과도에게한테께서로]|이다|였다|이었다)"
                        r"|\s?\(\s?\d{1,3}\s?(?:세|살)?\s?(?:[·,]\s?[남여]\s?)?\)")
_BEFORE = frozenset(PERSON_CUES_BEFORE) | ROLE_WORDS
_NAMING = frozenset(PERSON_CUES_BEFORE) | {"이름", "성함"}
_PAIR_GAP = re.compile(r"^(?:\s?[,·、/]\s?|(?:와|과|이랑|랑|하고|및|또는|그리고)\s)$")


_ACRONYM = re.compile(r"^[A-Z]{2,6}\)?$")
# 에서 marks where something happens or the body that does it (회령에서, 보위부에서); a person takes
# 에게서 or 한테서 instead, so a "person" right before 에서 is a place the rules did not know.
_WHERE = re.compile(r"에서(?![가-힣]*\s?(?:처럼|만큼))")


def _acronym_in_korean(text: str, span: Span) -> bool:
    """An all-capital abbreviation in a Korean sentence (SNS, CCTV, KTX) names a thing, not a person."""
    if span.label != PERSON or span.detector not in ("english_names", "korean_proper_nouns") \
            or not _ACRONYM.match(text[span.start:span.end].strip()):
        return False
    return bool(_HANGUL.search(text[max(0, span.start - 20):span.end + 20]))


def is_guess(span: Span) -> bool:
    """Return True for a person span that only a guessing rule proposed."""
    if span.label != PERSON or span.detector not in _GUESSING:
        return False
    if span.detector == "korean_surnames":
        return span.score < 0.6  # 0.6 and above: vocative, -이 before a particle, surname with a title
    return True


def _name_shaped(surface: str) -> bool:
    """2-3 syllables opening with a surname (3-4 with a two-syllable one), a particle at most after."""
    surface = surface.strip()
    stem = _STEM.match(surface)
    if stem is None or len(surface) - stem.end() > 0:
        return False
    word = stem.group()
    if word[:2] in SURNAMES_2:
        return 3 <= len(word) <= 4
    return word[0] in SURNAMES_1 and 2 <= len(word) <= 3


def cued(text: str, span: Span) -> bool:
    stem = _STEM.match(text, span.start)
    stem_end = stem.end() if stem else span.end
    for end in {span.end, stem_end}:
        if _CUE_AFTER.match(text, end):
            return True
    before = text[max(0, span.start - 12):span.start].rstrip()
    word = re.search(r"([가-힣]+)$", before)
    # A family or role word stands beside the name it introduces (남동생 철호); with a particle it is
    # the subject, and the word after it is not its name (어머니는 손전화를). Naming words take one
    # (본명은 김철수).
    # An office stands before the name of its holder (반탐처장 김철, 대변인 정하늘).
    return word is not None and (word.group(1) in _BEFORE or word.group(1)[:-1] in _NAMING
                                 or before.endswith(word.group(1)) and office_at_end(word.group(1)) > 0)


def weigh(text: str, spans: Sequence[Span]) -> list[Span]:
    """Return the spans with Korean person guesses without evidence scored below the review threshold."""
    evidenced: list[Span] = []
    doubtful: list[int] = []
    out = list(spans)
    for i, span in enumerate(out):
        if _acronym_in_korean(text, span) and not cued(text, span):
            doubtful.append(i)
            continue
        if not is_guess(span) or not _HANGUL.search(text[span.start:span.end]):
            if span.label == PERSON and span.score >= LOW_SCORE:
                evidenced.append(span)
            continue
        surface = text[span.start:span.end]
        if (span.detector == "korean_proper_nouns" and "NNP" in span.reason and _name_shaped(surface)) \
                or cued(text, span):
            evidenced.append(span)
        else:
            doubtful.append(i)
    for i in doubtful:
        span = out[i]
        paired = any(
            _PAIR_GAP.match(text[span.end:other.start] if other.start >= span.end else text[other.end:span.start])
            for other in evidenced if other.end <= span.start or other.start >= span.end)
        if paired:
            continue
        out[i] = Span(span.start, span.end, span.label, min(span.score, GUESS_SCORE), span.detector,
                      (span.reason + "; " if span.reason else "") + GUESS_NOTE)
    return out


def at_a_place(text: str, spans: Sequence[Span], *, trusted: frozenset[str] = frozenset()) -> list[Span]:
    """Return the spans with a person directly before 에서 read as a place (도문에서, 모극장에서).

    It stays masked; it reads ``[장소]에서`` instead of a pseudonym where no person can stand. The
    archivist's own terms keep their label.
    """
    return [Span(s.start, s.end, LOCATION, s.score, s.detector, s.reason + "; before 에서: a place")
            if s.label == PERSON and s.detector not in trusted and _WHERE.match(text, s.end) else s
            for s in spans]
