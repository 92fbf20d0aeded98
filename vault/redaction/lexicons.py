"""Word lists shipped in ``vault/data`` (loaded once, on first use, read-only)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    raw = resources.files("vault").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in raw.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def english_common() -> frozenset[str]:
    """Return lower-case common English words (not names)."""
    return frozenset(_lines("lexicon_en_common.tsv"))


@lru_cache(maxsize=1)
def korean_everyday() -> frozenset[str]:
    """Return Korean words of everyday life in the North, of escape and of resettlement (손전화, 돈주,
    강제북송, 정착금): no one's name, though the analyser does not know many of them."""
    return frozenset(_lines("lexicon_ko_common.tsv"))


@lru_cache(maxsize=1)
def english_peoples() -> frozenset[str]:
    """Return lower-case nationalities and peoples (Korean, Jordanian, Uyghur), singular and plural."""
    return frozenset(word + plural for word in _lines("lexicon_en_peoples.tsv") for plural in ("", "s"))


@lru_cache(maxsize=1)
def english_proper() -> dict[str, frozenset[str]]:
    """Return lower-case proper noun -> kinds ('given', 'surname', 'place', 'proper')."""
    kinds: dict[str, set[str]] = {}
    for line in _lines("lexicon_en_proper.tsv"):
        word, _, kind = line.partition("\t")
        kinds.setdefault(word, set()).add(kind)
    return {word: frozenset(k) for word, k in kinds.items()}


@lru_cache(maxsize=1)
def known_organisations() -> dict[str, str]:
    """Return case-folded well-known organisation names -> their kind ("public" or "company")."""
    kinds = {}
    for line in _lines("lexicon_organisations.tsv"):
        kind, _, name = line.partition("\t")
        kinds[name.casefold()] = kind
    return kinds


def figure_key(name: str) -> str:
    """Return the form public figures are looked up by: case-folded, without spaces and hyphens."""
    return "".join(c for c in name.casefold() if c not in " -‐")


@lru_cache(maxsize=1)
def public_figures() -> frozenset[str]:
    """Return the lookup forms (see :func:`figure_key`) of public figures no witness shares."""
    return frozenset(figure_key(line) for line in _lines("lexicon_public_figures.tsv"))
