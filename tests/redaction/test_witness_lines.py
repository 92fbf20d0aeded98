"""How a report introduces its witnesses (made-up lines): a letter for a name after what they are, an age
in brackets after a name, the organ's own rooms."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered


@pytest.mark.parametrize(("text", "expected"), [
    # A letter standing for a name is no part of the kind of person before it (it read 북한(여, ...)은).
    ("[SYNTHETIC] 북한이탈주민 A씨(여, 40대, 2018년 탈북, 함경북도 회령시 출신)는 다음과 같이 증언하였다.",
     "[SYNTHETIC] 북한이탈주민 인물 9401(여, 40대, 2018년 탈북, 함경북도 출신)은 다음과 같이 증언하였다."),
    # The particle after brackets follows the word before them, not the age inside (it read 20대)는).
    ("[SYNTHETIC] 피해자 리순옥(당시 23세)은 온성군 집결소에서 강제낙태를 당했다.",
     "[SYNTHETIC] 피해자 인물 6661(당시 20대)은 함경북도 집결소에서 강제낙태를 당했다."),
    ("[SYNTHETIC] 그 마을(회령시)은 작았다.", "[SYNTHETIC] 그 마을(함경북도)은 작았다."),
    ("[SYNTHETIC] 김철호(42)는 말했다.", "[SYNTHETIC] 인물 8031(40대)은 말했다."),
    # The organ's own rooms are in every county: they name no one (it read [기관]에서).
    ("[SYNTHETIC] 보위부 구류장에서 구타가 있었다.", "[SYNTHETIC] 보위부 구류장에서 구타가 있었다."),
    ("[SYNTHETIC] 회령 보위부 구류장에 있었다.", "[SYNTHETIC] 함경북도 보위부 구류장에 있었다."),
])
def test_a_report_introduces_its_witnesses(text: str, expected: str) -> None:
    assert rendered(text) == expected
