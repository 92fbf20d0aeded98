"""Names every reader knows: public figures and public bodies, marked so that review proposes to
keep them readable (a person confirms).

North Korea's leaders, news media, parties, international bodies and the nationwide organs named
alone (the bowibu, 보위부, Hanawon) point at no witness; pseudonymised or masked, they make an
extract unreadable ("Person 517 and Person 8980 hang in every home"). The mark is given after
overlaps are merged and only when the whole span is such a name, so a name of a witness merged into
the same span ("the Onsong bowibu", "김정은 김철수") is never proposed to stay. Pure; no I/O.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from vault.redaction._kiwi import only_common_nouns
from vault.redaction.detectors.organisations import is_nationwide_organ
from vault.redaction.gazetteer import is_country
from vault.redaction.lexicons import english_common, figure_key, known_organisations, public_figures
from vault.redaction.spans import ORG, PERSON, PUBLIC_FIGURE, WELL_KNOWN, Span


def _plain_words(words: list[str]) -> bool:
    """Are these words ordinary ones (era, title): lower-case English, or Korean nouns Kiwi knows
    and countries' names?"""
    for word in words:
        if word.isascii():
            if not word.islower() or word not in english_common():
                return False
        elif not only_common_nouns(word, also=is_country):
            return False
    return True


# Honorifics the North writes onto a leader's name (김일성동지, 김정은원수님).
_HONORIFIC = re.compile(r"(?<=[가-힣]{3})(?:동지|원수님|원수|장군님|장군|수령님|위원장님|님)$")


def _figure(surface: str) -> bool:
    """A public figure's name, alone or with ordinary words around it (김정은 시대, Kim Jong Un era, 수령
    김일성동지)."""
    words = [_HONORIFIC.sub("", w) for w in surface.split()]
    openings = 1 if surface.isascii() else len(words)  # an English title is cut off by the detectors
    return any(figure_key("".join(words[first:first + size])) in public_figures()
               and _plain_words(words[:first]) and _plain_words(words[first + size:])
               for first in range(openings) for size in range(len(words) - first, 0, -1))


# A country in one syllable before its body, as Korean news writes it (미 국무부, 중 외교부, 러 국방부).
_COUNTRY_SHORT = frozenset("미 중 일 러 영 독 불".split())
_GLOSSED = re.compile(r"(.+?)\s?\(([^()]+)\)")


def _public_body(surface: str) -> bool:
    """A public body's name, alone or with ordinary words after it (유엔 인권이사회), or an organ named alone,
    with ordinary words after it or not (보위부, 보위부 구류장)."""
    plain = surface.removeprefix("the ").removeprefix("The ")
    glossed = _GLOSSED.fullmatch(plain)
    if glossed is not None and glossed.group(2).isupper():
        plain = glossed.group(1)  # 북한인권정보센터(NKDB): the body's name, then its abbreviation
    words = plain.split()
    if len(words) > 1 and (words[0] in _COUNTRY_SHORT or is_country(words[0])):
        words = words[1:]  # 미 국무부, 중국 외교부: whose body it is
    if len(words) > 1 and is_nationwide_organ(words[0]) and _plain_words(words[1:]):
        return True  # 보위부 구류장, 안전부 감방: the organ's own rooms, in every county
    return is_nationwide_organ(plain) or any(
        known_organisations().get(" ".join(words[:size]).casefold()) == "public" and _plain_words(words[size:])
        for size in range(len(words), 0, -1))


def mark_public(text: str, spans: Iterable[Span]) -> list[Span]:
    """Return ``spans`` with public figures and public bodies marked (see the module's doc)."""
    out = []
    for span in spans:
        if "sensitive_terms" in span.detector.split("+"):
            out.append(span)  # what the interviewer marked sensitive is never proposed to stay
            continue
        surface = text[span.start:span.end]
        mark = PUBLIC_FIGURE if span.label == PERSON and _figure(surface) else \
            WELL_KNOWN if span.label == ORG and _public_body(surface) else ""
        if mark:
            span = Span(span.start, span.end, span.label, span.score, span.detector,
                        "; ".join(r for r in (span.reason, mark) if r))
        out.append(span)
    return out
