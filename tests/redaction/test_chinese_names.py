"""Names in Chinese characters in a note or message a witness kept (made-up lines)."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect
from vault.redaction.spans import PERSON


@pytest.mark.parametrize(("text", "name"), [
    ("[SYNTHETIC] 他叫金哲，住在延吉市。", "金哲"),  # after 叫 ("is called")
    ("[SYNTHETIC] 她的中国名字是刘美，户口在和龙县。", "刘美"),  # after 名字是 ("her name is")
    ("[SYNTHETIC] 我丈夫王小强说不要走。", "王小强"),  # after a family word, three characters before 说
    ("[SYNTHETIC] 刘美女士和张伟先生来了。", "张伟"),  # before a title, after 和
    ("[SYNTHETIC] 中介姓崔，大家都怕他。", "崔"),  # a surname alone after 姓 ("surnamed")
    ("[SYNTHETIC] 我们的王老师走了。", "王"),  # a surname alone before a title
])
def test_a_cued_chinese_name_is_a_person(text: str, name: str) -> None:
    assert {text[s.start:s.end]: s.label for s in detect(text)}.get(name) == PERSON


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] 语文老师很好。",  # a teacher of Chinese (文 is also a surname): the subject, no name
    "[SYNTHETIC] 他们叫我走。",  # 叫 before a pronoun
    "[SYNTHETIC] 儿子在中国读书。",  # a family word before a verb
])
def test_chinese_words_beside_a_cue_are_no_names(text: str) -> None:
    assert not [s for s in detect(text) if s.label == PERSON]


def test_a_year_in_chinese_keeps_its_unit_when_the_month_goes() -> None:
    assert rendered("[SYNTHETIC] 他叫金哲，2015年3月被抓。") == "[SYNTHETIC] 他叫人物 3772，2015年被抓。"
