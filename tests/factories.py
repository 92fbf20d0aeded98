"""Builders for test records, archives and canaries."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vault.archive import Archive
from vault.records import TestimonyInput, parse

ADMIN = "admin"
ADMIN_PASSPHRASE = "correct horse battery staple"

#: A canary in Latin, Hangul and Hanja; tests search raw bytes for every encoding of it.
CANARY_LATIN = "Zyxwquonk Canarybird"
CANARY_HANGUL = "카나리아새똥"
CANARY_HANJA = "金絲雀鳥糞"


@dataclass(frozen=True)
class Created:
    archive: Archive
    shares: list[str]


def record(**overrides: Any) -> TestimonyInput:
    """A valid testimony record; fields can be overridden."""
    doc: dict[str, Any] = {
        "language": "en",
        "text": "[SYNTHETIC TEST] The witness left Hyesan, Ryanggang in 2009.",
        "interview_date": "2024-05-01",
        "consent": "research",
        "witness": {"name": "Test Person", "sex": "female", "birth_year": 1985, "origin": "Hyesan"},
        "sensitive_terms": ["Test Person"],
        "events": [{"violation_type": "arbitrary_detention", "date": "2009-03", "place": "Hyesan"}],
    }
    doc.update(overrides)
    return parse(doc)


def canary_record() -> TestimonyInput:
    text = f"[SYNTHETIC TEST] {CANARY_LATIN} met {CANARY_HANGUL} ({CANARY_HANJA}) in 혜산."
    return record(
        language="ko",
        text=text,
        witness={"name": CANARY_LATIN, "aliases": [CANARY_HANGUL, CANARY_HANJA], "origin": CANARY_HANGUL},
        sensitive_terms=[CANARY_LATIN, CANARY_HANGUL, CANARY_HANJA],
    )


def canary_encodings() -> dict[str, bytes]:
    """Every byte form in which a canary could leak."""
    import unicodedata

    forms: dict[str, bytes] = {}
    for name, text in (("latin", CANARY_LATIN), ("hangul", CANARY_HANGUL), ("hanja", CANARY_HANJA)):
        for norm in ("NFC", "NFD"):
            value = unicodedata.normalize(norm, text)
            forms[f"{name}-{norm}-utf8"] = value.encode("utf-8")
            forms[f"{name}-{norm}-utf16le"] = value.encode("utf-16-le")
            forms[f"{name}-{norm}-utf16be"] = value.encode("utf-16-be")
    forms["latin-lower"] = CANARY_LATIN.split()[0].lower().encode()
    return forms


def files_under(*roots: Path) -> Iterator[Path]:
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                if path.is_file() and not path.is_symlink():
                    yield path


def leaks(roots: list[Path]) -> list[str]:
    """Return "file: form" for every canary form found in raw bytes under ``roots``."""
    found = []
    forms = canary_encodings()
    for path in files_under(*roots):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for form, needle in forms.items():
            if needle in data:
                found.append(f"{path}: {form}")
    return found
