"""Korean spans made only of grammar are not names.

Kiwi tags every morpheme; a proposed person, place or organisation whose Hangul is all
endings, particles, copulas, verbs, adjectives, adverbs, pronouns or bound nouns (입니다,
있는, 절대, 그곳, 가) is a misreading by a heuristic, never an identifier. Proposing it
would print a pseudonym in place of ordinary words in a published extract. Pure: no I/O.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from vault.redaction._kiwi import Analysis, analysis
from vault.redaction.spans import CONTACT, LOCATION, ORG, PERSON, Span

# Kiwi (Sejong) tags of grammar and of words that never name anyone on their own.
_GRAMMAR_PREFIXES = ("J", "E", "VC", "VV", "VA", "VX", "XS")
_GRAMMAR_TAGS = frozenset({"MAG", "MAJ", "MM", "NP", "NNB", "IC"})
_NAMES = frozenset({PERSON, LOCATION, ORG})
_HANGUL = re.compile(r"[가-힣]")
_PHONE_LIKE = re.compile(r"^[\d\s+()./-]{7,}$")
# Letters without syllables (ㅋㅋ, ᄏᄏᄏ, ᅲᅲ, ㄷㄷ): laughter and tears in chat, never a name
# (checked after composing, so a name written in decomposed jamo is still a name).
_JAMO_ONLY = re.compile(r"^[\u1100-\u11ff\u3131-\u318e\uffa0-\uffdc\s.,!?~^;:()'\"-]+$")


def _is_grammar(tag: str) -> bool:
    return tag.startswith(_GRAMMAR_PREFIXES) or tag in _GRAMMAR_TAGS


def only_grammar(found: Analysis, start: int, end: int) -> bool:
    """Return True when every Hangul morpheme inside ``[start, end)`` of the analysed text is grammar."""
    inside = [m for m in found.between(start, end)
              if m.start >= start and m.end <= end and _HANGUL.search(m.form)]
    return bool(inside) and all(_is_grammar(m.tag) for m in inside)


def screen(text: str, spans: Iterable[Span], *, trusted: frozenset[str] = frozenset()) -> list[Span]:
    """Drop name spans that are only grammar; a phone number is CONTACT, never a name.

    Spans from ``trusted`` detectors (terms the archivist listed) are never dropped, nor a
    surname with its title (이 씨, 김모): Kiwi reads 이 and 한 as determiners, but the title
    is the evidence that a person is meant.
    """
    out: list[Span] = []
    found: Analysis | None = None
    for span in spans:
        surface = text[span.start:span.end]
        if span.label in _NAMES and _PHONE_LIKE.match(surface.strip()) and sum(c.isdigit() for c in surface) >= 7:
            span = Span(span.start, span.end, CONTACT, span.score, span.detector, span.reason)
        elif span.label in _NAMES and span.detector not in trusted and "letter used as a name" not in span.reason \
                and _JAMO_ONLY.match(unicodedata.normalize("NFC", surface)):
            continue
        elif (span.label in _NAMES and span.detector not in trusted and "surname with" not in span.reason
              and _HANGUL.search(surface)
              and not re.search(r"[A-Za-z0-9\u4e00-\u9fff]", surface)
              and only_grammar(found := found or analysis(text), span.start, span.end)):
            continue
        out.append(span)
    return out
