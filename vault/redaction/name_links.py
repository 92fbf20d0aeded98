"""One person, one pseudonym within a text: a given name alone takes the number of its full name.

A testimony names a friend in full and then by her given name (``옆집 김순옥`` ... ``순옥이가``,
``Kim Chol-su`` ... ``Chol-su``, ``Grace Lee`` ... ``Grace``). Each part alone would get a
pseudonym of its own, and a reader would count two people. A given name is linked to a full name
only when exactly one full name pseudonymised in the same text has it as its first or last word
(in Hangul, as its given name). A surname alone is never linked: a family shares it (``Zhang Wei``
and his mother ``Mrs. Zhang``), so a part after a title (``Ms. Doe-Kim``) or a known surname
(``Kim``, ``Zhang``, ``Smith``) keeps a number of its own. Pure; no I/O.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from vault.redaction.detectors.romanised_names import CHINESE_SURNAMES_PINYIN, KOREAN_SURNAMES_LATIN
from vault.redaction.korean import SURNAMES_1, closed_syllable
from vault.redaction.lexicons import english_proper
from vault.redaction.review import Action, Decision

_TITLE_BEFORE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?|\bMadam)\s$", re.IGNORECASE)
_LATIN_PART = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def _given(surface: str) -> str | None:
    """The given name a Hangul part stands for (순옥, 순옥이 -> 순옥), or None."""
    if not all("가" <= c <= "힣" for c in surface):
        return None
    if len(surface) == 3 and surface.endswith("이") and closed_syllable(surface[1]):
        return surface[:2]  # the familiar -이 after a closed syllable
    return surface if len(surface) == 2 else None


def _hangul_full_name(word: str) -> bool:
    """A surname and a two-syllable given name (김순옥), not a familiar form (순옥이)."""
    return len(word) == 3 and word[0] in SURNAMES_1 and _given(word) is None and _given(word[1:]) == word[1:]


def _surname(low: str) -> bool:
    """A surname the word lists know, and no given name (Kim, Zhang, Smith)."""
    kinds = english_proper().get(low, frozenset())
    return low in KOREAN_SURNAMES_LATIN or low in CHINESE_SURNAMES_PINYIN or "surname" in kinds and "given" not in kinds


def full_names(text: str, decisions: Iterable[Decision]) -> dict[str, str]:
    """Return the given names in ``text`` mapped to the one full name each belongs to."""
    named = [d.span for d in decisions if d.action is Action.PSEUDONYMISE and d.span.label == "PERSON"]
    fulls = {text[s.start:s.end] for s in named}
    latin_full = [f for f in fulls if len(f.split()) >= 2 and f.isascii()]
    hangul_full = {f: f.split()[-1] for f in fulls if f.split() and _hangul_full_name(f.split()[-1])}
    links: dict[str, str] = {}
    titled = set()
    for span in named:
        part = text[span.start:span.end]
        if _TITLE_BEFORE.search(text, max(0, span.start - 8), span.start):
            titled.add(part)  # Ms. Doe-Kim: a surname, wherever else it stands
        if part in links or part in latin_full or part in hangul_full:
            continue
        if _LATIN_PART.fullmatch(part):
            low = part.casefold()
            owners = set() if _surname(low) else \
                {f for f in latin_full if low in (f.split()[0].casefold(), f.split()[-1].casefold())}
        else:
            given = _given(part)
            owners = {f for f, name in hangul_full.items() if given is not None and name[1:] == given}
        if len({owner.casefold() for owner in owners}) == 1:
            links[part] = owners.pop()  # JANE DOE and Jane Doe are one name
    return {part: full for part, full in links.items() if part not in titled}
