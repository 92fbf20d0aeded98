"""Strict JSON decoding shared by every parser of untrusted records."""
from __future__ import annotations

import json
from typing import Any


def loads(text: str) -> Any:
    """Decode JSON, refusing duplicate keys and NaN/Infinity with ``ValueError``.

    Two readers could otherwise see two different records in one document
    (the last duplicate wins in one parser, the first in another). Deep nesting
    raises ``RecursionError``; callers translate both into their own error.
    """
    return json.loads(text, object_pairs_hook=_without_duplicates, parse_constant=_no_constant)


def _without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for key, value in pairs:
        if key in doc:
            raise ValueError(f"duplicate key: the field {key!r} is given twice")
        doc[key] = value
    return doc


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")
