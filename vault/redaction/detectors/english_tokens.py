"""English text cut into word tokens, each knowing whether it opens a sentence or stands alone on its line.

Read by the English name detector; pure, no I/O.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from vault.redaction.detectors.english_words import ABBREVIATIONS, FUNCTION_WORDS, PARTICIPLE_TAILS

_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’.-]*[A-Za-z\u00c0-\u024f]|[A-Za-z]")
_NEWLINE = re.compile("\n")
_SENTENCE_END_RE = re.compile(r"[.!?:;\"“”'‘’()\[\]*\-–—•\n|>]")


def is_cap(tok: str) -> bool:
    """Does the word open with a capital?"""
    return tok[0].isupper()


class Token:
    """One word: where it is, its lower case, and whether it opens a sentence or stands alone on its line."""

    __slots__ = ("start", "end", "word", "low", "initial", "alone", "comma_before", "quoted_title")

    def __init__(self, start: int, end: int, word: str, initial: bool, comma_before: bool) -> None:
        self.start, self.end, self.word = start, end, word
        self.low = word.lower().replace("’", "'")
        self.initial = initial
        self.alone = False
        self.comma_before = comma_before
        self.quoted_title = False


def tokens_of(subject: str) -> list[Token]:
    """Return the words of ``subject`` (a possessive's 's and a participle after a hyphen left out)."""
    tokens: list[Token] = []
    last_end = 0
    prev: Token | None = None
    for m in _TOKEN.finditer(subject):
        start, end = m.span()
        word = m.group()
        if word.endswith(("'s", "’s")):
            word, end = word[:-2], end - 2
        elif "-" in word and word.rsplit("-", 1)[1] in PARTICIPLE_TAILS:
            word = word.rsplit("-", 1)[0]  # Seoul-based: the name is Seoul, "based" stays readable
            end = start + len(word)
        gap = subject[last_end:start]
        if prev is None:
            initial = not gap.strip() or _SENTENCE_END_RE.search(gap) is not None
        elif gap == " ":
            initial = False  # the common case, decided without a search
        else:
            initial = _SENTENCE_END_RE.search(gap) is not None
            if initial and gap.strip() == "." and (len(prev.word) == 1 and prev.word.isupper()
                                                   or prev.low in ABBREVIATIONS):
                initial = False
        tok = Token(start, end, word, initial, "," in gap)
        tokens.append(tok)
        prev = tok
        last_end = m.end()
    # A word alone on its line (signatures, greetings) is marked. Only the first word of
    # a line can be alone (any other has a word before it on its line).
    line_start = 0
    k = 0
    for line_end in [m.start() for m in _NEWLINE.finditer(subject)] + [len(subject)]:
        while k < len(tokens) and tokens[k].start < line_start:
            k += 1
        if k < len(tokens) and tokens[k].start < line_end:
            tok = tokens[k]
            if not subject[line_start:tok.start].strip() and \
                    subject[tok.end:line_end].strip() in ("", ",", ":", "-"):
                tok.alone = True
        line_start = line_end + 1
    _mark_quoted_titles(subject, tokens)
    return tokens


_QUOTES = "\"“”'‘’"


def _sentence_runs(tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """Yield (first, one past the last) token index of each run that opens a sentence, a quote or a bracket."""
    i = 0
    while i < len(tokens):
        j = i + 1
        while j < len(tokens) and not tokens[j].initial:
            j += 1
        yield i, j
        i = j


def _content(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.low not in FUNCTION_WORDS]


def _mark_quoted_titles(subject: str, tokens: list[Token]) -> None:
    """Mark the words of a title in quotes, every word that is no function word capitalised ("Now On My Way
    to Meet You"): the capitals are the title's, not a name's."""
    if not any(q in subject for q in _QUOTES):
        return
    for i, j in _sentence_runs(tokens):
        before = subject[tokens[i - 1].end if i else 0:tokens[i].start].rstrip()
        after = subject[tokens[j - 1].end:tokens[j - 1].end + 2].lstrip(",.!?")[:1]  # "Camp," Fictional Times
        content = _content(tokens[i:j])
        if before[-1:] in _QUOTES and after and after in _QUOTES and len(content) >= 2 \
                and all(is_cap(t.word) for t in content):
            for t in tokens[i:j]:
                t.quoted_title = True


def title_case_sentences(tokens: list[Token]) -> list[bool]:
    """Mark tokens of sentences written in title case (headings): capitals say nothing there."""
    flags = [False] * len(tokens)
    for i, j in _sentence_runs(tokens):
        content = _content(tokens[i:j])
        if len(content) >= 2 and sum(is_cap(t.word) for t in content) >= 0.8 * len(content):
            flags[i:j] = [True] * (j - i)
    return flags
