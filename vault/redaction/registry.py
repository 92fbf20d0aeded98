"""The default detectors, and ``detect``: run them, propagate, merge overlaps."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from vault.errors import RedactionError
from vault.redaction import _kiwi
from vault.redaction.chinese_places import places_by_shape
from vault.redaction.compounds import ordinary_words
from vault.redaction.detectors._base import Detector
from vault.redaction.detectors.ages import AgeDetector
from vault.redaction.detectors.chinese_names import ChineseNameDetector
from vault.redaction.detectors.contacts import ContactDetector
from vault.redaction.detectors.cue_names import CueNameDetector
from vault.redaction.detectors.dates import COUNTED_FROM, TIME_OF_DAY, DateDetector
from vault.redaction.detectors.english_names import EnglishNameDetector
from vault.redaction.detectors.english_words import ORG_WORDS
from vault.redaction.detectors.id_numbers import IdNumberDetector
from vault.redaction.detectors.korean_proper_nouns import KoreanProperNounDetector, has_hangul
from vault.redaction.detectors.korean_surnames import KoreanSurnameDetector
from vault.redaction.detectors.misspelt_places import MisspeltPlaceDetector
from vault.redaction.detectors.money import MoneyDetector
from vault.redaction.detectors.organisations import OrganisationDetector
from vault.redaction.detectors.places import GazetteerDetector
from vault.redaction.detectors.romanised_names import RomanisedNameDetector
from vault.redaction.detectors.sensitive_terms import SensitiveTermsDetector
from vault.redaction.evidence import at_a_place, weigh
from vault.redaction.function_words import screen
from vault.redaction.lists import list_items, places_among_places
from vault.redaction.name_extent import whole_korean_names
from vault.redaction.place_extent import widen_places
from vault.redaction.propagate import propagate
from vault.redaction.public_names import mark_public
from vault.redaction.review import LOW_SCORE, merge_overlaps
from vault.redaction.spans import DATE, LOCATION, ORG, PERSON, Span

DEFAULT_DETECTORS: tuple[Detector, ...] = (
    ContactDetector(),
    IdNumberDetector(),
    DateDetector(),
    AgeDetector(),
    MoneyDetector(),
    GazetteerDetector(),
    MisspeltPlaceDetector(),
    OrganisationDetector(),
    CueNameDetector(),
    ChineseNameDetector(),
    RomanisedNameDetector(),
    EnglishNameDetector(),
    KoreanProperNounDetector(),
    KoreanSurnameDetector(),
)
LANGUAGES = ("auto", "en", "ko")
_NAMES = frozenset({"PERSON", "LOCATION", "ORG"})


def detect(text: str, *, lang: str = "auto", sensitive_terms: Iterable[str | tuple[str, str]] = (),
           detectors: Sequence[Detector] = DEFAULT_DETECTORS) -> list[Span]:
    """Return the merged, propagated spans of every identifier found in ``text``.

    ``lang`` is checked but does not switch detectors off: every detector for a script
    present in the text runs (Korean analysis whenever there is Hangul), because a
    Korean name quoted in an English testimony must not be missed. ``sensitive_terms`` are strings
    (labelled PERSON) or ``(term, label)`` pairs, e.g. ``("혜산", "LOCATION")``.
    """
    if lang not in LANGUAGES:
        raise RedactionError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    if not text:
        return []
    korean = has_hangul(text)
    active: list[Detector] = [
        d for d in detectors if korean or "ko" not in getattr(d, "languages", ())
    ]
    by_label: dict[str, list[str]] = {}
    for item in sensitive_terms:
        term, label = (item, PERSON) if isinstance(item, str) else item
        if term and term.strip():
            by_label.setdefault(label, []).append(term)
    for label, terms in sorted(by_label.items()):
        active.append(SensitiveTermsDetector(terms, label=label))
    spans: list[Span] = []
    for detector in active:
        spans.extend(detector.detect(text))
    if korean:
        spans = screen(text, spans, trusted=frozenset({SensitiveTermsDetector.name}))
        spans = whole_korean_names(text, weigh(text, spans))
        spans = ordinary_words(text, spans, trusted=frozenset({SensitiveTermsDetector.name}))
        spans = at_a_place(text, spans, trusted=frozenset({SensitiveTermsDetector.name}))
        spans = places_among_places(text, spans, trusted=frozenset({SensitiveTermsDetector.name}))
    spans = widen_places(text, places_by_shape(text, spans))
    spans.extend(list_items(text, spans, evidenced=[s for s in spans if s.score >= LOW_SCORE]))
    spans.extend(propagate(text, spans))
    return mark_public(text, bridge(text, merge_overlaps(spans)))


_CONNECTORS = frozenset("∼~〜-–·/&")
_INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,3}")
_STREET = "street address"
_KO_COUNTED = re.compile(r"(?:하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|열흘|보름|\d{1,2}\s?(?:일|주))\s?(?:뒤|전|후)")
_NUMBERED_UNIT = re.compile(r"제?\d{1,5}\s?(?:군단|사단|여단|연대|대대|중대|소대|부대|분대|경비대|구분대)")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_DATE_GAP = re.compile(r"\s|,\s?|\s?[-–—~∼〜]\s?|\s(?i:on|at|of|or|in|to|until|till|through|and)\s|T")  # T: 2019-06-12T14:30


def _duration(span: Span) -> bool:
    """Is the span a duration only (two years, 3일간), not a date a duration was found inside?"""
    return "duration" in span.reason and "date" not in span.reason.replace("duration", "") and "year" not in span.reason


def _joined(text: str, prev: Span, span: Span) -> bool:
    gap = text[prev.end:span.start]
    if len(gap) == 1 and gap in _CONNECTORS and not span.label == prev.label == DATE:
        return span.label in _NAMES and prev.label in _NAMES
    if gap == " " and span.label == prev.label == PERSON and _INITIALS.fullmatch(text, prev.start, prev.end):
        return True  # J.H. Lee, S.H. Park: the initials and the surname are one name
    if span.label == prev.label == DATE and gap == " " and COUNTED_FROM.fullmatch(text, prev.start, prev.end) \
            and span.score >= LOW_SCORE and not _duration(span):
        return True  # "two days after Chuseok in 2011": counted from a date, a date
    if span.label == prev.label == DATE and gap == " " and prev.score >= LOW_SCORE and not _duration(prev) \
            and _KO_COUNTED.fullmatch(text, span.start, span.end):
        return True  # 2011년 추석 이틀 뒤: the same, in Korean
    if span.label == prev.label == DATE and gap.startswith(",") and _YEAR.search(text, prev.start, prev.end) \
            and _YEAR.search(text, span.start, span.end):
        return False  # "left in 2017, June 3, 2020", "1950년생, 1997년 사망": two dates, each with its year
    if span.label == prev.label == DATE:
        # One date written in parts: "10 p.m. on Friday", "Friday, 3 March", "2000 or 2001", "Chuseok in 2009",
        # "Nov. 3, 2016 - 14:05", "February to May 2016". A duration or a relative date proposed for review stays apart.
        # A time of day alone is proposed to stay; beside a date it is part of it.
        scores = [s.score for s in (prev, span) if TIME_OF_DAY not in s.reason] or [LOW_SCORE]
        return min(scores) >= LOW_SCORE and _DATE_GAP.fullmatch(gap) is not None \
            and not _duration(prev) and not _duration(span)
    if gap == " " and prev.label == DATE and span.label == ORG and not _YEAR.search(text, prev.start, prev.end) \
            and text[max(0, prev.start - 4):prev.start].lower() == "the " \
            and text[span.start:span.end].split()[-1].lower() in ORG_WORDS:
        return True  # the February 8 Vinalon Complex: an enterprise named after a day, no date
    if gap == " " and span.label == prev.label == ORG and _NUMBERED_UNIT.fullmatch(text[prev.start:prev.end].split()[-1]) \
            and _NUMBERED_UNIT.fullmatch(text, span.start, span.end):
        return True  # 제9군단 12사단 3연대: one unit named down the chain of command, one mask
    # The parts of one postal address: "12 Main Street, Suite 4, Springfield, IL 62701".
    return gap in (",", ", ") and span.label == prev.label == LOCATION and (_STREET in prev.reason or _STREET in span.reason)


def bridge(text: str, spans: list[Span]) -> list[Span]:
    """Join two spans of names separated by one connector (김포∼제주, 막탄-카모테스섬), and the
    parts of a postal address separated by commas.

    The connector alone would stay readable between two masks and tell how the two
    names are written; one span over both is what a reader should see.
    """
    out: list[Span] = []
    for span in spans:
        if out and _joined(text, out[-1], span):
            prev = out.pop()
            best = span if prev.label == DATE and span.label == ORG else prev if prev.score >= span.score else span
            reasons = [s.reason for s in (prev, span) if not _duration(s)]  # a date counted from another: a date
            span = Span(prev.start, span.end, best.label, max(prev.score, span.score),
                        "+".join(sorted(set(prev.detector.split("+")) | set(span.detector.split("+")))),
                        "; ".join(dict.fromkeys(r for r in reasons if r)))
        out.append(span)
    return out


#: Analysed once in the background at server start-up (synthetic, identifies no one).
_WARM_UP = "[SYNTHETIC] 김철수는 2009년 양강도 혜산에서 청진으로 갔다. Kim Chol-su left Hyesan for Yanji."


def preload(then: Callable[[float], None] | None = None) -> None:
    """Load the Korean analyser and every detector's word lists in a background thread."""
    _kiwi.preload(then=then, warm=lambda: detect(_WARM_UP))
