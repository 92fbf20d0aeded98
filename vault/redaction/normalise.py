"""S30 normalisation with an offset map back to the original text, and S31 checks.

Matching runs on a normalised copy of the text: NFKC, zero-width / bidi controls and
Hangul fillers removed, decomposed Hangul composed (NFC), Cyrillic and Greek
homoglyphs folded to Latin. ``Normalised.text`` keeps letter case (English name
heuristics need it); ``Normalised.folded`` is the same string case-folded character by
character so both share one offset map. ``Normalised.span(a, b)`` maps a range of the
normalised text back to the smallest range of the original that produced it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# S30/S31: characters removed before matching (zero-width, soft hyphen, bidi controls).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# Hangul fillers are not category Cf, so NFKC keeps them: strip them explicitly.
HANGUL_FILLERS = "\u115f\u1160\u3164\uffa0"
# More characters that show nothing (found while attacking): invisible mathematical operators,
# the combining grapheme joiner, the Mongolian vowel separator, variation selectors, tag characters.
OTHER_INVISIBLE = ("\u2061\u2062\u2063\u2064\u034f\u180e"
                   + "".join(chr(c) for c in (*range(0xFE00, 0xFE10), *range(0xE0000, 0xE0080),
                                              *range(0xE0100, 0xE01F0))))
# Line and paragraph separators: not stripped for matching (they separate words) but refused (S31).
LINE_SEPARATORS = "\u2028\u2029"
STRIPPED = frozenset(ZERO_WIDTH + BIDI_CONTROLS + HANGUL_FILLERS + OTHER_INVISIBLE)
#: S31: every character a release must not carry; besides these, any format character (category Cf).
FORBIDDEN = STRIPPED | frozenset(LINE_SEPARATORS)
_STRIP_RE = re.compile("[" + re.escape("".join(sorted(STRIPPED))) + "]")

# Confusable skeleton: Cyrillic and Greek letters that look like Latin ones (NFKC keeps
# them; Cyrillic K is not folded by NFKC). Upper and lower case, mapped case-preserving.
_HOMOGLYPHS = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
    "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
    "Ԛ": "Q", "Ԝ": "W", "Ү": "Y", "Һ": "H", "Ӏ": "I", "Ԁ": "D", "Ь": "b", "Г": "r",
    # Cyrillic small
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j",
    "ԛ": "q", "ԝ": "w", "ү": "y", "һ": "h", "ӏ": "l", "ԁ": "d", "ь": "b", "г": "r",
    "п": "n", "и": "u", "ѵ": "v", "ԍ": "g",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ς": "c", "ω": "w",
    # Latin look-alikes outside ASCII that NFKC keeps
    "ı": "i", "ȷ": "j", "ɡ": "g", "ɑ": "a", "ꞵ": "b",
}

# Pieces handled as one unit: a conjoining-jamo syllable, or a base plus combining marks.
_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a"
_PIECE = re.compile(
    r"[\u1100-\u115e][\u1161-\u11a7]+[\u11a8-\u11ff]*"  # decomposed Hangul syllable
    r"|[\uac00-\ud7a3][\u11a8-\u11ff]+"  # syllable + trailing jamo
    r"|.[" + _MARKS + r"]+"  # base + combining marks
    r"|(?P<fast>[\x00-\x7f\uac00-\ud7a3]+(?![\u11a8-\u11ff" + _MARKS + r"]))"  # plain runs
    r"|.",
    re.S,
)
_NEEDS_WORK = re.compile(r"[^\x00-\x7f\uac00-\ud7a3]")


@dataclass(frozen=True)
class Normalised:
    """A normalised copy of ``original`` with a per-character map back to it."""

    original: str
    text: str
    folded: str
    starts: tuple[int, ...] | None  # None: identity map (nothing changed but case)
    ends: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` (end > start) to the original text's indices."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def _fold_char(ch: str) -> str:
    low = ch.casefold()
    if len(low) == 1:
        return low
    low = ch.lower()
    return low if len(low) == 1 else ch


@lru_cache(maxsize=4096)
def _normalise_piece(piece: str) -> str:
    """Return the case-preserving normal form of one piece (cached: pieces repeat)."""
    out = unicodedata.normalize("NFKC", piece)
    out = _STRIP_RE.sub("", out)
    out = "".join(_HOMOGLYPHS.get(c, c) for c in out)
    return unicodedata.normalize("NFC", out)


@lru_cache(maxsize=64)
def normalise(text: str) -> Normalised:
    """Return the S30 normal form of ``text`` with its offset map (memoised)."""
    if _NEEDS_WORK.search(text) is None:
        return Normalised(text, text, text.lower(), None, None)
    stripped_idx: list[int] = []
    kept: list[str] = []
    for i, ch in enumerate(text):
        if ch not in STRIPPED:
            kept.append(ch)
            stripped_idx.append(i)
    s1 = "".join(kept)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _PIECE.finditer(s1):
        piece = m.group()
        a, b = m.start(), m.end()
        if m.lastgroup == "fast":
            # One output char per input char.
            out.append(piece)
            starts.extend(stripped_idx[a:b])
            ends.extend(i + 1 for i in stripped_idx[a:b])
            continue
        norm = _normalise_piece(piece)
        if not norm:
            continue
        out.append(norm)
        o_start, o_end = stripped_idx[a], stripped_idx[b - 1] + 1
        starts.extend([o_start] * len(norm))
        ends.extend([o_end] * len(norm))
    cased = "".join(out)
    folded = "".join(_fold_char(c) for c in cased) if not cased.isascii() else cased.lower()
    return Normalised(text, cased, folded, tuple(starts), tuple(ends))


def fold(text: str) -> str:
    """Return the folded normal form of ``text`` alone (for keys and comparisons)."""
    return normalise(text).folded


def is_forbidden(ch: str) -> bool:
    """True for a character that shows nothing or changes text direction (S31)."""
    return ch in FORBIDDEN or unicodedata.category(ch) == "Cf"


def describe(ch: str) -> str:
    """``U+XXXX NAME`` of one character (for reviewers and gate reasons)."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED')}"


def find_forbidden_controls(text: str) -> list[tuple[int, str]]:
    """Return ``(index, 'U+XXXX NAME')`` for each invisible or bidi character (S31)."""
    return [(m.start(), describe(m.group())) for m in _NEEDS_WORK.finditer(text) if is_forbidden(m.group())]


def has_forbidden_controls(text: str) -> bool:
    """Return True when ``text`` holds any character a release must not carry (S31)."""
    return any(is_forbidden(m.group()) for m in _NEEDS_WORK.finditer(text))
