"""Romanised Korean and Chinese names in Latin script (PERSON).

A Korean surname in any common spelling (Lee/Ri/Yi/Rhee, Park/Pak/Bak, Choi/Choe,
Jung/Jong/Chung, Kim/Gim ...) next to a given name made of one or two romanised
Korean syllables (Chol-su, Cheol-su, Chul-soo, Cholsu, Chol Su), in either order;
likewise Chinese surnames in pinyin next to one or two pinyin syllables (Wang Xiuying,
Piao Chunhua), and Hanzi names (a common surname character + one or two characters).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from vault.redaction.detectors._base import make_span
from vault.redaction.normalise import normalise
from vault.redaction.romanise import strip_diacritics
from vault.redaction.spans import PERSON, Span

KOREAN_SURNAMES_LATIN = frozenset("""
kim gim kym lee yi ri rhee ree rhie lie park pak bak bahk pahk choi choe chey choy
jung jeong chung chong jong cheong joung kang gang kahng cho jo joe yoon yun youn jang
chang lim im rim yim han ohn oh o seo suh so sur shin sin synn kwon gwon kwan hwang
ahn an song ryu yu yoo you rhyu jeon jun chon chun cheon hong ko go koh moon mun yang
ryang son sohn bae pae bai baek paek paik baik heo huh hur ho nam shim sim noh roh
no ro ha kwak gwak sung seong cha joo ju chu woo wu koo ku gu min jin chin ji chi um
eom uhm chae won cheon bang pang kong gong hyun hyeon ham byun pyon byeon yeom yum
yeo yo choo chu do to seok suk sun seon sol seol ma gil kil yeon yon wi pyo myung
myeong ki gi ban pan ra na wang geum kum keum ok yook yuk maeng tak guk kook eo eun
pyeon yong ye kyung gyeong bong sa boo bu ka ga tae mok pi doo tu kam namgung
hwangbo jegal sunwoo seonu dokgo sagong
""".split())
CHINESE_SURNAMES_PINYIN = frozenset("""
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo
zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai
jiang yu du ye cheng wei su lu ding ren shen yao jin cui piao quan jin fang shi
qian kong bai mao hao xiong meng qin gu hou shao wan duan lei fan tan jia xia fu
""".split())

# One romanised Korean syllable, in any of the common systems (letters only).
_KO_SYL = (r"(?:(?:kk|gg|tt|dd|pp|bb|ss|jj|tch|ch|sh|ts|k|g|n|d|t|r|l|m|b|p|s|j|h|c|f)?"
           r"(?:yae|yeo|yeu|ya|yo|yu|ye|wae|wa|we|wi|wo|oe|ae|eo|eu|ui|oo|ee|ou|oi|a|e|i|o|u|y)"
           r"(?:ng|k|n|l|m|p|t|r|g|b)?)")
_KO_GIVEN = re.compile(rf"{_KO_SYL}(?:[-']?{_KO_SYL})?")
_PY_SYL = (r"(?:(?:zh|ch|sh|b|p|m|f|d|t|n|l|g|k|h|j|q|x|r|z|c|s|y|w)?"
           r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|a|e|i|o|u|v)"
           r"(?:ng|n|r)?)")
_PY_GIVEN = re.compile(rf"{_PY_SYL}(?:[-']?{_PY_SYL})?")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’]*(?:-[A-Za-z\u00c0-\u024f]+)?")
# Common Chinese surname characters (Hanzi names: surname + 1-2 characters).
_HANZI_SURNAMES = "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林高罗羅郑鄭梁谢謝宋唐韩韓冯馮邓鄧曹彭曾肖田董潘袁蔡蒋蔣余于杜叶葉程魏苏蘇吕呂丁任沈姚金崔朴樸全方石钱錢孔白毛郝熊孟秦顾顧侯邵万萬段雷范谭譚贾賈夏付傅玄池卢盧柳安姜尹申权權黄洪文宋具闵閔俞严嚴"  # noqa: E501 - one string of characters
_INITIALS = re.compile(r" [A-Z]\.(?:\s?-?[A-Z]\.)?")
_HANZI = re.compile(rf"[{_HANZI_SURNAMES}]")
_HANZI_NAME = re.compile(rf"(?<![\u4e00-\u9fff])[{_HANZI_SURNAMES}][\u4e00-\u9fff]{{1,2}}(?![\u4e00-\u9fff])")


def _given(word: str, pattern: re.Pattern[str]) -> bool:
    plain = (word if word.isascii() else strip_diacritics(word)).lower().replace("’", "'")
    return 2 <= len(plain) <= 10 and pattern.fullmatch(plain) is not None


class RomanisedNameDetector:
    """Korean and Chinese names written in Latin letters or Hanzi."""

    name = "romanised_names"
    label = PERSON

    def detect(self, text: str) -> Iterator[Span]:
        """Yield PERSON spans for surname + given-name pairs."""
        norm = normalise(text)
        subject = norm.text
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(subject)]
        n = len(words)
        for i, (start, end, word) in enumerate(words):
            if not word[0].isupper():
                continue  # a surname is capitalised
            low = word.lower() if word.isascii() else strip_diacritics(word).lower()
            for surnames, given, what in ((KOREAN_SURNAMES_LATIN, _KO_GIVEN, "Korean"),
                                          (CHINESE_SURNAMES_PINYIN, _PY_GIVEN, "Chinese")):
                if low not in surnames:
                    continue
                # Surname first: Kim Chol-su, Kim Chol Su, Wang Xiuying.
                j, last = i + 1, end
                while j < n and j <= i + 2 and subject[words[j - 1][1]:words[j][0]] in (" ", "-") \
                        and words[j][2][0].isupper() and _given(words[j][2], given) \
                        and (j == i + 1 or len(strip_diacritics(words[j][2])) <= 4):
                    last = words[j][1]
                    j += 1
                if j > i + 1:
                    yield make_span(norm, start, last, PERSON, 0.8, self.name,
                                    f"{what} surname and romanised given name")
                    continue
                initials = _INITIALS.match(subject, end)
                if initials is not None:  # Park J., Kim S.H.: the given name cut to its initials
                    yield make_span(norm, start, initials.end(), PERSON, 0.8, self.name,
                                    f"{what} surname and initials")
                    continue
                # Given name first: Chol-su Kim.
                if i > 0 and subject[words[i - 1][1]:start] == " " and words[i - 1][2][0].isupper() \
                        and "-" in words[i - 1][2] and _given(words[i - 1][2], given):
                    yield make_span(norm, words[i - 1][0], end, PERSON, 0.8, self.name,
                                    f"romanised given name and {what} surname")
        if _HANZI.search(subject) is None:
            return
        for m in _HANZI_NAME.finditer(subject):
            yield make_span(norm, m.start(), m.end(), PERSON, 0.5, self.name,
                            "Hanzi: common surname character and one or two more")
