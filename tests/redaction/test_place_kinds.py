"""Places by kind: the head word inside the span, directions, the DMZ family, camps written out."""
from __future__ import annotations

import pytest

from vault.redaction import detect


@pytest.mark.parametrize(("text", "expected"), [
    ("He was born in Kilju county.", ["Kilju county"]),
    ("They hid in Heilongjiang province.", ["Heilongjiang province"]),
    ("She worked in Hunchun city.", ["Hunchun city"]),
    ("We lived in north Seoul.", ["north Seoul"]),
    ("He crossed the DMZ.", ["DMZ"]),
    ("Soldiers guard the military demarcation line.", ["military demarcation line"]),
    ("Held at No. 16 camp.", ["No. 16 camp"]),
    ("Sent to camps 22 and 25.", ["camps 22 and 25"]),
    ("Moved to Kyo-hwa-so No. 12.", ["Kyo-hwa-so No. 12"]),
    ("그는 휴전선을 넘었다.", ["휴전선"]),
])
def test_place_kinds(text: str, expected: list[str]) -> None:
    assert [text[s.start:s.end] for s in detect(text) if s.label == "LOCATION"] == expected
