"""The contacts a witness gives: a payment card, a messenger app named before its handle (made-up lines)."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered


@pytest.mark.parametrize(("text", "expected"), [
    # A card's number in groups of four, nineteen digits (it stood readable).
    ("[SYNTHETIC] I sent money to his bank card 6222 0212 3456 7890 123.",
     "[SYNTHETIC] I sent money to his bank card [ID_NUMBER]."),
    ("[SYNTHETIC] Card: 4111-1111-1111-1111.", "[SYNTHETIC] Card: [ID_NUMBER]."),
    # A messenger app after a broker is no broker's name; QQ is an app (위챗 and QQ read 인물 N).
    ("[SYNTHETIC] 브로커 위챗 아이디는 lee_broker88이고 QQ는 123456789입니다.",
     "[SYNTHETIC] 브로커 위챗 아이디는 [연락처]고 QQ는 [연락처]입니다."),
    # Guards: a broker's surname is still a name; a phone in groups of four is still a phone.
    ("[SYNTHETIC] 브로커 김씨에게 연락했다.", "[SYNTHETIC] 브로커 인물 7634에게 연락했다."),
    ("[SYNTHETIC] Call 010 1234 5678 now.", "[SYNTHETIC] Call [CONTACT] now."),
])
def test_contacts_a_witness_gives(text: str, expected: str) -> None:
    assert rendered(text) == expected
