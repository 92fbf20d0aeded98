"""Identifiers in page addresses: checked before they reach the vault (anything else is 404)."""
from __future__ import annotations

import re

from flask import abort

_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def checked_id(value: str) -> str:
    """A testimony, release or attachment id from a URL, or 404 (never a database error)."""
    if not _ID.match(value):
        abort(404)
    return value
