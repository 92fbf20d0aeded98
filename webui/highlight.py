"""Where a researcher's search terms matched: a snippet of an extract around the first match,
cut into plain and matched pieces for the template to wrap in ``<mark>`` (escaped as usual).

Latin terms match at the start of a word, as the search does (``words : term*``); Korean terms
match anywhere (the search indexes character pairs).
"""
from __future__ import annotations

import re

from vault.search import is_cjk, query_terms

SNIPPET = 300  # characters shown per result
LEAD = 80  # characters before the first match


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    parts = [re.escape(t) if is_cjk(t) else r"(?<!\w)" + re.escape(t) + r"\w*"
             for t in sorted(set(terms), key=len, reverse=True) if t]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def snippet(text: str, query: str) -> list[tuple[str, bool]]:
    """``text`` cut to about SNIPPET characters around the first match, as (piece, matched) pairs."""
    pattern = _pattern(query_terms(query)) if query.strip() else None
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - LEAD) if first else 0
    if start:
        space = text.find(" ", start, start + 20)  # begin at a word where one is near
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET)
    window = text[start:end]
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    last = 0
    for found in (pattern.finditer(window) if pattern else ()):
        if found.start() > last:
            pieces.append((window[last:found.start()], False))
        pieces.append((found.group(), True))
        last = found.end()
    if last < len(window):
        pieces.append((window[last:], False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces
