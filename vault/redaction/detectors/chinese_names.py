"""Names written in Chinese characters, next to the words that introduce or address a person.

A witness who lived in China had a Chinese name, a Chinese husband and a broker, and a note or a
message may be written in Chinese: "他叫金哲", "我丈夫王强说", "刘美女士". Chinese is written without
spaces, so a surname and one or two characters are a name only beside a cue: a naming or family word
before them, a title after them, or a verb and a punctuation mark closing them. Pure: no I/O.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from vault.redaction.detectors._base import make_span
from vault.redaction.normalise import normalise
from vault.redaction.spans import PERSON, Span

# The commonest surnames of China and of Korea, in simplified and traditional forms.
_SURNAMES = ("王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖"
             "田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鐘谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊"
             "秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯朴全文权權安柳洪裴申"
             "南成车車禹具闵閔池元千玄咸卞廉边邊秋鲁魯都慎吉宣延表明奇琴玉印卓鞠")
_BEFORE = ("名叫", "名字叫", "名字是", "姓名是", "姓名：", "姓名:", "真名是", "真名叫", "化名", "本名", "叫做", "叫",
           "丈夫", "老公", "妻子", "老婆", "爱人", "儿子", "女儿", "哥哥", "姐姐", "弟弟", "妹妹", "父亲", "母亲",
           "朋友", "同事", "邻居", "中介", "蛇头", "向导")
_TITLES = "先生|女士|小姐|同志|老师|书记|主任|大哥|大姐|阿姨|叔叔|师傅|老板|哥|姐"
_AFTER = rf"(?:{_TITLES}|说|告诉|是|在|的|和|跟|也|就|把|被|给|对|从|住|来|去|让|带|打|每|[，。、；：！？）」”,.;:!?)\s]|$)"
_NAME = rf"([{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
# A surname alone is a person after 姓 ("surnamed") or before a title (王老师, 崔哥); before a title the name
# opens the text or follows a word of grammar (和, 的, 叫 ...): 语文老师 is a teacher of Chinese, no Mr Wen.
_CUED = re.compile(rf"(?:{'|'.join(sorted(_BEFORE, key=len, reverse=True))})\s?{_NAME}(?={_AFTER})"
                   rf"|(?:(?<![\u4e00-\u9fff])|(?<=[和跟与是的叫给找对被让向见说他她我你]))([{_SURNAMES}][\u4e00-\u9fff]{{0,2}}?)(?=(?:{_TITLES}))"
                   rf"|姓\s?([{_SURNAMES}])(?![\u4e00-\u9fff]{{2}})")
_CJK = re.compile(r"[\u4e00-\u9fff]")


class ChineseNameDetector:
    """Chinese-script names beside a naming word, a family word or a title."""

    name = "chinese_names"
    label = PERSON

    def detect(self, text: str) -> Iterator[Span]:
        """Yield PERSON spans for cued Chinese-script names."""
        if _CJK.search(text) is None:
            return
        norm = normalise(text)
        for m in _CUED.finditer(norm.text):
            group = next(g for g in (1, 2, 3) if m.group(g))
            yield make_span(norm, m.start(group), m.end(group), PERSON, 0.8, self.name,
                            "Chinese-script name beside a naming word, a family word or a title")
