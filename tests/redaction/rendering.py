"""What a reader of a release sees: the engine's proposals applied as they are."""
from __future__ import annotations

from vault.redaction import detect, propose
from vault.redaction.render import render


def rendered(text: str) -> str:
    """Return ``text`` with every proposed decision applied (a fixed pseudonym key)."""
    return render(text, propose(detect(text)), pseudonym_key=bytes(32))
