"""The shortcuts taken for speed skip only work that could find nothing.

English text never loads the Korean analyser; a pattern that is skipped when its text
lacks every string it ``needs`` still finds what it always found; the gazetteer tries
names of several words only from their first word.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.eval_data import REPO
from vault.redaction import detect
from vault.redaction.detectors._regex import RegexDetector
from vault.redaction.detectors.places import _LATIN_WORD, _first_words, places_in
from vault.redaction.gazetteer import gazetteer
from vault.redaction.normalise import normalise
from vault.redaction.registry import DEFAULT_DETECTORS

_PROBE = """
import sys
from vault.redaction import detect
found = detect("[SYNTHETIC] Kim Chol-su met Ri Yong-ho in Hyesan on 3 May 2009; 王小明 and Иван too.")
assert found, "nothing found"
print("kiwipiepy" in sys.modules)
detect("[SYNTHETIC] 김철수는 혜산에서 왔다.")
print("kiwipiepy" in sys.modules)
"""


def test_english_text_never_loads_the_korean_analyser() -> None:
    """Only a text with Hangul loads Kiwi (its model is most of the start-up and memory)."""
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True,
                          cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert done.stdout.split() == ["False", "True"]


# One text per pattern that has ``needs``: each must still be found with the shortcut.
_GATED_EXAMPLES = {
    "e-mail address": "write to kim.cs@example.org today",
    "messenger handle after the app's name": "my WeChat id is kim_cs1990 and",
    "@handle": "follow @kim_chol_su now",
    "a handle named as one (…이라는 아이디)": "위챗에서 \"해바라기77\"이라는 아이디를 썼어요.",
    "a handle named as one (username was ...)": "her username on the forum was sunflower77, and",
    "the last digits of a number": "her WhatsApp number ends in 4471; she",
    "year of the North's Juche calendar": "the decree of Juche 98 (2009) was read out",
    "day of a lunar month": "섣달 그믐에 떠났다.",
    "reference of a case with its year": "the appeal (PA/01234/2016) succeeded",
    "NHS number": "her NHS number is 943 476 5919",
    "e-mail address written out": "write to kim [at] example [dot] org",
    "bank account number": "국민은행 계좌 123-45-678901로 받았다",
    "National Insurance number": "her National Insurance number is QQ 12 34 56 C",
    "prisoner's number": "my prisoner number was 217; 수감번호 218번",
    "news agency in a byline": "(서울=가상통신) 그는 말했다.",
    "Chinese vehicle plate": "the car 吉A12345 left",
    "season": "in the spring of 2009 we left",
    "holiday": "home for Lunar New Year's Day, and on the Day of the Sun",
    "part of a dated period": "at the end of 2009 we left",
    "number after 'a boy of' or 'a woman of'": "a boy of twelve crossed",
    "century": "since the early 20th century people",
    "date in Chinese or Japanese units": "on 2009年3月5日 he left",
    "the number of a resettlement class": "하나원 142기로 수료했어요",
    "number of a case or a file": "사건번호: 2019-0412 / 피해자",
    "the party's numbered office": "그녀는 39호실 산하 회사에서 일했다",
    "phone number said in Korean digits": "제 번호는 공일공 일이삼사 오육칠팔이에요",
}


def test_every_gated_pattern_has_an_example() -> None:
    reasons = {p.reason for d in DEFAULT_DETECTORS if isinstance(d, RegexDetector)
               for p in d.patterns if p.needs}
    assert reasons == set(_GATED_EXAMPLES)


@pytest.mark.parametrize("reason,text", sorted(_GATED_EXAMPLES.items()))
def test_gated_patterns_still_match(reason: str, text: str) -> None:
    for detector in DEFAULT_DETECTORS:
        if not isinstance(detector, RegexDetector):
            continue
        for pattern in detector.patterns:
            if pattern.reason != reason:
                continue
            subject = normalise(text).text if (detector.cased or pattern.cased) else normalise(text).folded
            matches = list(pattern.regex.finditer(subject))
            assert matches, f"{reason}: the example does not match"
            for m in matches:  # the gate's promise: every match holds one of the strings
                assert any(needed in m.group() for needed in pattern.needs), (reason, m.group())
    assert any(reason in s.reason for s in detect(text)), f"{reason} lost in detect"


@pytest.mark.parametrize("text", ["camp 15", "Kwan-li-so No. 16", "15호 관리소", "camps 22 and 25",
                                  "no. 12 kyohwaso", "the DMZ", "the military demarcation line", "판문점"])
def test_camps_and_border_lines_still_found(text: str) -> None:
    assert any(s.label == "LOCATION" for s in detect(text))


def test_several_word_places_start_with_a_known_first_word() -> None:
    gaz = gazetteer()
    several = [k for k in gaz.exact if " " in k and k.isascii()]
    assert several, "the gazetteer has names of several words"
    for key in several:
        assert _LATIN_WORD.match(key).group() in _first_words(), key  # type: ignore[union-attr]
        hits = [(a, b) for a, b, *_ in places_in(normalise(f"we went to {key} then"))]
        assert (11, 11 + len(key)) in hits or any(a <= 11 and b >= 11 + len(key) for a, b in hits), key
