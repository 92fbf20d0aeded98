"""The shared Korean morphological analyser (kiwipiepy, model shipped on PyPI, offline).

Loading its model takes seconds: the web server starts loading it in the background
at start-up (:func:`preload`), and pages that need it can tell a wait remains
(:func:`loading`). Whoever needs it first otherwise loads it; it is loaded once.
"""
from __future__ import annotations

import bisect
import re
import threading
import time
import warnings
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

# Tags that make up the noun stem of a word (eojeol) before its particles and endings.
NOUN_STEM_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "NP", "SN", "SL", "SH", "XSN", "XPN", "XR"})
_WORD = re.compile(r"[^\s\"'“‘「『《〈]\S*")  # a word; an opening quote before it is not part of it


class Morph(NamedTuple):
    """One morpheme: form, part-of-speech tag, offsets in the analysed text, OOV flag."""

    form: str
    tag: str
    start: int
    end: int
    oov: bool


class Eojeol(NamedTuple):
    """A space-separated word: its offsets, the end of its noun stem, its morphemes."""

    start: int
    end: int
    stem_end: int  # == start when the word does not open with a noun
    first: int  # index of its first morpheme in the analysis
    last: int  # index one past its last morpheme


class _Loader:
    """The analyser, loaded once by whichever thread asks first (the others wait)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # held while loading
        self.starting = threading.Lock()  # guards starting the background thread
        self.kiwi: Any = None
        self.thread: threading.Thread | None = None

    def get(self) -> Any:
        with self.lock:
            if self.kiwi is None:
                self.kiwi = _load()
            return self.kiwi


_loader = _Loader()


def _load() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # kiwipiepy warns about optional features
        from kiwipiepy import Kiwi

        # No typo or multi-word dictionaries: 2.5x faster, and names are not typos.
        kiwi = Kiwi(num_workers=0, load_typo_dict=False, load_multi_dict=False)
        # A narrower beam (default 8) is 10% faster for a 0.2-point loss of name recall.
        kiwi.global_config.cutoff_threshold = 5.0
        return kiwi


def _analyser() -> Any:
    return _loader.get()


def preload(then: Callable[[float], None] | None = None, warm: Callable[[], object] | None = None) -> None:
    """Start loading the analyser in a background thread (once; nothing if already loaded).

    ``warm`` runs after the load (a first analysis: Kiwi and the detectors' word lists
    set themselves up on first use); ``then`` is called with the seconds all of it took.
    """
    loader = _loader

    def load() -> None:
        started = time.perf_counter()
        loader.get()
        if warm is not None:
            warm()
        if then is not None:
            then(time.perf_counter() - started)

    with loader.starting:
        if loader.kiwi is not None or loader.thread is not None:
            return
        loader.thread = threading.Thread(target=load, name="korean-analyser-load", daemon=True)
        loader.thread.start()


def loading() -> bool:
    """True while a background load started by :func:`preload` has not finished."""
    loader = _loader
    return loader.thread is not None and loader.thread.is_alive()


_BREAK = re.compile(r"\n+|(?<=[.!?。？！])\s+")
_SPACE = re.compile(r"\s+")
_CHUNK = 1000
_LONGEST = 4 * _CHUNK  # a piece with no sentence end is cut at a space, or else hard, beyond this


def _chunks(text: str) -> list[tuple[int, int]]:
    """Cut text at line and sentence ends into pieces of about ``_CHUNK`` characters.

    Kiwi slows down more than linearly on long inputs (a 150,000-character string takes
    twice as long as its paragraphs one by one, a million characters with no sentence end
    take minutes); names do not cross sentence ends. A stretch longer than ``_LONGEST``
    with no sentence end is cut at its last space before that length, or else hard.
    """
    out: list[tuple[int, int]] = []
    start = 0
    last_break = 0
    for m in _BREAK.finditer(text):
        if m.start() - start > _CHUNK and last_break > start:
            out.append((start, last_break))
            start = last_break
        _cut_long(text, out, start, m.start())
        start = out[-1][1] if out and out[-1][1] > start else start
        last_break = m.end()
    if len(text) - start > _CHUNK and start < last_break < len(text):
        out.append((start, last_break))
        start = last_break
    _cut_long(text, out, start, len(text))
    start = out[-1][1] if out and out[-1][1] > start else start
    out.append((start, len(text)))
    return out


def _cut_long(text: str, out: list[tuple[int, int]], start: int, end: int) -> None:
    """Append pieces of at most ``_LONGEST`` while ``text[start:end]`` is longer than that."""
    while end - start > _LONGEST:
        spaces = [m.end() for m in _SPACE.finditer(text, start + _CHUNK, start + _LONGEST)]
        cut = spaces[-1] if spaces else start + _LONGEST
        out.append((start, cut))
        start = cut


@lru_cache(maxsize=16)
def analyse(text: str) -> tuple[Morph, ...]:
    """Return the morphemes of ``text`` (memoised: several detectors share them)."""
    if not text:
        return ()
    kiwi = _analyser()
    out: list[Morph] = []
    for start, end in _chunks(text):
        if not text[start:end].strip():
            continue
        for t in kiwi.tokenize(text[start:end], match_options=0):
            out.append(Morph(t.form, t.tag.split("-")[0], start + t.start, start + t.start + t.len, bool(t.oov)))
    return tuple(out)


def _copula_read_into(text: str, m: Morph, nxt: Morph) -> bool:
    """Has Kiwi read the copula's 이 into the noun (박정순이 + 에요 for 박정순이에요)? After a
    closed syllable the copula is written 이에요, after an open one 예요: 순 is closed, so the
    noun is 박정순."""
    if nxt.start != nxt.end or nxt.start != m.end:
        return False
    if m.end - m.start < 3 or text[m.end - 1] != "이":
        return False
    before = ord(text[m.end - 2]) - 0xAC00
    return 0 <= before < 11172 and before % 28 != 0


@lru_cache(maxsize=16)
def eojeols(text: str) -> tuple[Eojeol, ...]:
    """Return the words of ``text`` with the morphemes that fall inside each."""
    morphs = analyse(text)
    starts = [m.start for m in morphs]
    out = []
    for w in _WORD.finditer(text):
        first = bisect.bisect_left(starts, w.start())
        last = bisect.bisect_left(starts, w.end(), first)
        stem_end = w.start()
        for k, m in enumerate(morphs[first:last], first):
            if m.tag not in NOUN_STEM_TAGS or m.start != stem_end and m.start > stem_end:
                break
            stem_end = m.end
            if k + 1 < len(morphs) and morphs[k + 1].tag == "VCP" and _copula_read_into(text, m, morphs[k + 1]):
                stem_end -= 1
                break
        out.append(Eojeol(w.start(), w.end(), stem_end, first, last))
    return tuple(out)


# What a word is when read alone: a common noun, an adverb, a determiner or a numeral Kiwi knows.
_WORD_TAGS = frozenset({"NNG", "MAG", "MM", "NR", "NP"})


@lru_cache(maxsize=4096)
def known_alone(word: str) -> bool:
    """Does Kiwi read ``word`` by itself as one word it knows (제일, 현주소, 전방위)?

    In a sentence the analyser may cut such a word after a syllable that is also a surname
    (제+일, 현+주소); read alone, it is the word it is.
    """
    found = _analyser().tokenize(word, match_options=0)
    return len(found) == 1 and found[0].len == len(word) and found[0].tag in _WORD_TAGS and not found[0].oov


class Analysis(NamedTuple):
    """The morphemes of one text and their start offsets, for finding those of a span."""

    morphs: tuple[Morph, ...]
    starts: tuple[int, ...]

    def between(self, start: int, end: int) -> tuple[Morph, ...]:
        """Return the morphemes that overlap ``[start, end)`` (in O(log n + k))."""
        lo = bisect.bisect_left(self.starts, start - 8)  # a morpheme starts at most a few chars before
        hi = bisect.bisect_left(self.starts, end)
        return tuple(m for m in self.morphs[lo:hi] if m.start < end and start < m.end)


@lru_cache(maxsize=16)
def analysis(text: str) -> Analysis:
    """Return :func:`analyse` of ``text`` with its start offsets (memoised).

    Ask once per text and keep the answer: each lookup in a memo compares the whole text
    unless it is the very same string object, and a detector asks once per candidate.
    """
    morphs = analyse(text)
    return Analysis(morphs, tuple(m.start for m in morphs))



def only_common_nouns(word: str, *, also: Callable[[str], bool] = lambda form: False) -> bool:
    """Is ``word`` (Hangul only) made of common nouns Kiwi knows (인권단체, 정부), or of morphemes
    ``also`` accepts: no part of a name?"""
    if not word or not all("\uac00" <= c <= "\ud7a3" for c in word):
        return False
    return all(m.tag in ("NNG", "XSN") and not m.oov or also(m.form) for m in analysis(word).morphs)
