"""The per-testimony list of sensitive terms, with generated variants (any label).

Each term entered at intake (a name, a place, a nickname) is found:
- after S30 normalisation, case-folded, with or without spaces, hyphens, dots or
  underscores between its letters (Kim Chol-su, kimcholsu, KIM CHOL SU, 김 철수);
- in any romanisation: Hangul terms and Latin terms are compared on the phonetic key of
  ``romanise`` (김철수 finds Kim Chol-su, Gim Cheol-su, Kim Chul-soo);
- in the South Korean spelling of a North Korean Hangul term (리철수 finds 이철수);
- for a Hangul full name (surname + given name), the given name alone.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from vault.errors import RedactionError
from vault.redaction.detectors._base import make_span
from vault.redaction.gazetteer import _dueum
from vault.redaction.korean import SURNAMES_1
from vault.redaction.normalise import fold, normalise
from vault.redaction.romanise import hangul_keys, is_hangul_syllable, phonetic_key
from vault.redaction.spans import LABELS, PERSON, Span

_SEP = r"[\s\-_.·‧・'’]*"
_LATIN_WORD = re.compile(r"[a-z\u00e0-\u024f]+")


def _flexible(term: str) -> str:
    """Return a pattern for ``term`` allowing separators between any two of its letters."""
    chars = [c for c in term if c.strip() and c not in "-_.·‧・'’"]
    return _SEP.join(re.escape(c) for c in chars)


class SensitiveTermsDetector:
    """Find every variant of the given terms."""

    name = "sensitive_terms"
    label = PERSON

    def __init__(self, terms: Iterable[str], *, label: str = PERSON) -> None:
        if label not in LABELS:
            raise RedactionError(f"unknown label {label!r} for sensitive terms")
        self.label = label
        forms: set[str] = set()
        given: set[str] = set()
        keys: set[str] = set()
        for term in terms:
            folded = fold(term).strip()
            if len(folded.replace(" ", "")) < 2:
                continue
            forms.add(folded)
            bare = folded.replace(" ", "").replace("-", "")
            if bare and all(is_hangul_syllable(c) for c in bare):
                alt = _dueum(bare)
                if alt:
                    forms.add(alt)
                for variant in filter(None, (bare, alt)):
                    keys |= {k for k in hangul_keys(variant) if len(k) >= 3}
                    if len(variant) == 3 and variant[0] in SURNAMES_1:
                        given.add(variant[1:])
            else:
                key = phonetic_key(folded)
                if len(key) >= 3:
                    keys.add(key)
        pattern = "|".join(sorted((_flexible(f) for f in forms if _flexible(f)), key=len, reverse=True))
        self._regex = re.compile(pattern) if pattern else None
        gpattern = "|".join(re.escape(g) for g in sorted(given - forms))
        self._given = re.compile(rf"(?<![가-힣]){gpattern}") if gpattern else None
        self._keys = frozenset(keys)
        self._max_words = 4

    def detect(self, text: str) -> Iterator[Span]:
        """Yield a span for each occurrence of any variant of any term."""
        norm = normalise(text)
        folded = norm.folded
        if self._regex is not None:
            for m in self._regex.finditer(folded):
                if m.end() > m.start():
                    yield make_span(norm, m.start(), m.end(), self.label, 1.0, self.name, "sensitive term")
        if self._given is not None:
            for m in self._given.finditer(folded):
                yield make_span(norm, m.start(), m.end(), self.label, 0.7, self.name,
                                "given name of a sensitive term")
        if not self._keys:
            return
        words = [(m.start(), m.end()) for m in _LATIN_WORD.finditer(folded)]
        for i in range(len(words)):
            joined = ""
            for j in range(i, min(i + self._max_words, len(words))):
                if j > i and words[j][0] - words[j - 1][1] > 2:
                    break
                joined += folded[words[j][0]:words[j][1]]
                if phonetic_key(joined) in self._keys:
                    yield make_span(norm, words[i][0], words[j][1], self.label, 0.9, self.name,
                                    "romanised variant of a sensitive term")
