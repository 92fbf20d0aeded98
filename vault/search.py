"""Full-text indexing that works for English and Korean inside SQLCipher (FTS5).

Latin-script text goes through FTS5's ``unicode61`` tokenizer (``Hyesan`` finds
``Hyesan,``). Korean has particles glued to nouns and compounds without spaces,
so Hangul and Han runs are also indexed as overlapping character bigrams:
``혜산`` finds ``혜산에서`` and ``양강도혜산시``.
"""
from __future__ import annotations

import re
import unicodedata

_CJK = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"\w+")
MAX_QUERY_TERMS = 16


def index_fields(text: str) -> tuple[str, str]:
    """Return ``(words, grams)`` column values for ``text``."""
    folded = unicodedata.normalize("NFKC", text)
    grams = []
    for run in _CJK.findall(folded):
        grams.extend(_bigrams(run))
    return folded, " ".join(grams)


def compile_query(query: str) -> str | None:
    """Turn what a person typed into an FTS5 MATCH expression (all terms required).

    Returns ``None`` when the query has no searchable term.
    """
    folded = unicodedata.normalize("NFKC", query).casefold()
    clauses = []
    for token in _WORD.findall(folded)[:MAX_QUERY_TERMS]:
        for part in _split_scripts(token):
            if _CJK.fullmatch(part):
                if len(part) == 1:
                    clauses.append(f"grams : {_quote(part)}*")
                else:
                    clauses.append(f"grams : {_quote(' '.join(_bigrams(part)))}")
            else:
                clauses.append(f"words : {_quote(part)}*")
    return " AND ".join(clauses) if clauses else None


def is_cjk(term: str) -> bool:
    """True if ``term`` is Korean (or other CJK) script, searched by character pairs."""
    return _CJK.fullmatch(term) is not None


def query_terms(query: str) -> list[str]:
    """The terms ``compile_query`` searches for, folded (for showing where they matched)."""
    folded = unicodedata.normalize("NFKC", query).casefold()
    return [part for token in _WORD.findall(folded)[:MAX_QUERY_TERMS] for part in _split_scripts(token)]


def _split_scripts(token: str) -> list[str]:
    parts, last = [], 0
    for match in _CJK.finditer(token):
        if match.start() > last:
            parts.append(token[last : match.start()])
        parts.append(match.group())
        last = match.end()
    if last < len(token):
        parts.append(token[last:])
    return [p for p in parts if p]


def _bigrams(run: str) -> list[str]:
    run = unicodedata.normalize("NFC", run)
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'
