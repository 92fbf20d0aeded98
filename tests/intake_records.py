"""Fixtures for sealed intake: one key pair per suite, small multi-chunk bundles."""
from __future__ import annotations

import io
import json

import pytest

from keys.bundle import seal_bundle
from keys.intake import IntakePrivateKey, IntakeSuite, generate_intake_key

# Fictional canaries: Latin, Hangul (NFC; NFD is derived in the tests), Hanja.
CANARY_LATIN = "Zebulon Quartermaine-Okonkwo"
CANARY_HANGUL = "걸뱅이혜산댁"
CANARY_HANJA = "乞丐惠山宅"
RECORD = {
    "language": "ko",
    "text": f"{CANARY_LATIN} {CANARY_HANGUL} {CANARY_HANJA}",
    "interview_date": "2026-01-02",
    "consent": "research",
    "witness": {"name": CANARY_HANGUL, "aliases": [], "sex": "female", "birth_year": 1980, "origin": "x"},
    "sensitive_terms": [CANARY_LATIN],
    "events": [],
}
SMALL_CHUNKS = 12  # 4 KiB chunks: several chunks from a few KiB of plaintext


@pytest.fixture(scope="session", params=list(IntakeSuite), ids=lambda s: s.label)
def private_key(request: pytest.FixtureRequest) -> IntakePrivateKey:
    return generate_intake_key(request.param)


def record_bytes() -> bytes:
    return json.dumps(RECORD, ensure_ascii=False).encode("utf-8")


def small_bundle(private_key: IntakePrivateKey, attachment: bytes = b"\x07" * 9000) -> bytes:
    """A bundle of three 4 KiB chunks (record, one attachment)."""
    out = io.BytesIO()
    seal_bundle(
        out,
        private_key.public_key(),
        record_bytes(),
        [("photo.jpg", io.BytesIO(attachment))],
        chunk_exponent=SMALL_CHUNKS,
    )
    return out.getvalue()
