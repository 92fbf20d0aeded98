"""Which language the sentence around a replacement is written in, and what a replacement reads in Chinese.

A replacement follows the sentence it stands in, not the whole text: one Hangul character in an English
testimony must not turn every replacement Korean, and a note in Chinese characters that a witness kept
reads 吉林省 and 人物 7, not Jilin and Person 7. Pure; no I/O.
"""
from __future__ import annotations

import re

from vault.redaction.detectors.korean_proper_nouns import has_hangul
from vault.redaction.gazetteer import gazetteer
from vault.redaction.review import Action

_SENTENCE_END = re.compile(r"[!?。\n]|\.(?=\s|$|[\"”’')])")  # not the point of 2.8 or 3.5
_LATIN = re.compile(r"[A-Za-z]")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[가-힣ㄱ-ㅣ]")
# Bracketed editorial markers ([SYNTHETIC], [인물]) and asides in round brackets (김철수(Kim Chol-su)를: a
# gloss in another script) say nothing of the sentence's language.
_MARKER = re.compile(r"\[[^\]\n]{0,40}\]|\([^()\n]{0,40}\)")


def _around(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, the span and editorial markers left out."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    return _MARKER.sub(" ", text[left:start] + " " + text[end:right])


def sentence_is_korean(text: str, start: int, end: int) -> bool:
    """Return whether the sentence around ``text[start:end]`` (the span left out) is Korean.

    A span with a Korean particle right after it is read in Korean (Yanji에서, "엄마는 혜산에"), whatever
    the sentence. Otherwise the sentence's letters decide; a Hangul syllable counts as two Latin
    letters, as a Korean word is about half as long as an English one.
    """
    if end < len(text) and "가" <= text[end] <= "힣":
        return True
    rest = _around(text, start, end)
    hangul, latin = len(_HANGUL.findall(rest)), len(_LATIN.findall(rest))
    if hangul == latin == 0:
        return has_hangul(text[start:end])
    return 2 * hangul > latin


def has_ideographs(text: str) -> bool:
    """Does ``text`` hold a Chinese character anywhere (asked once per text, before any sentence is)?"""
    return _IDEOGRAPH.search(text) is not None


def sentence_is_chinese(text: str, start: int, end: int) -> bool:
    """Is the sentence around ``text[start:end]`` written in Chinese characters, with no Hangul and fewer
    Latin letters than characters (他叫金哲，住在图们)?"""
    rest = _around(text, start, end)
    ideographs = len(_IDEOGRAPH.findall(rest))
    return ideographs >= 2 and not _HANGUL.search(rest) and ideographs > len(_LATIN.findall(rest))


# What a replacement reads in Chinese: a place by its Chinese name, a pseudonym and a mask by Chinese words.
_ZH_WORDS = {"PERSON": "人物", "LOCATION": "地点", "ORG": "机构", "DATE": "日期", "AGE": "年龄", "MONEY": "金额",
             "CONTACT": "联系方式", "ID_NUMBER": "编号"}


def in_chinese(shown: str, label: str, action: Action) -> str:
    """Return the English replacement ``shown`` as a Chinese sentence reads it (Jilin -> 吉林省, Person 7 -> 人物 7)."""
    if action is Action.GENERALISE and label == "LOCATION":
        place = gazetteer().find(shown)
        return place.zh_name if place is not None else shown
    if action is Action.PSEUDONYMISE:
        return _ZH_WORDS.get(label, label) + shown[shown.rfind(" "):]
    if action is Action.MASK and shown == f"[{label}]":
        return f"[{_ZH_WORDS.get(label, label)}]"
    return shown
