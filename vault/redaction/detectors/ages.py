"""Ages in English and Korean (AGE)."""
from __future__ import annotations

import re

from vault.redaction.detectors._regex import Pattern, RegexDetector, start_keys
from vault.redaction.korean import AGE_FEASTS

_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_EN_NUM = rf"(?:\d{{1,3}}|(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS)}))?|{'|'.join(_UNITS + _TEENS)})"
_AGE_CUES = ("aged", "age of", "at age", "at the age of", "turn", "between the ages of", "in")
_EN_AGE = re.compile(
    rf"\b{_EN_NUM}[- ](?:years?|yrs?|months?)[- ]old\b|\b{_EN_NUM}\syears?\sof\sage\b"
    rf"|\b\d{{1,3}}\s?(?:y/o|y\.o\.|yrs? old|yo)(?![a-z])"
    rf"|\b(?:aged?:?(?:\sbetween)?|age of|at age|at the age of|turn(?:ed|s|ing)?|between the ages of)\s{_EN_NUM}"
    rf"(?:\s?(?:to|-|–|and|or)\s?{_EN_NUM})?\b(?!\s?(?:%|percent|dollars|yuan|won|am|pm|:|\.\d))"
    rf"|\bin\s(?:his|her|my|their|our)\s(?:early\s|mid-?|late\s)?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|[2-9]0s)\b"
)
# "I was 23", "she was 17 when she crossed", "Kim, who is 62, said": only the number (and
# "years old") is the age; the verb stays readable.
_AGE_VERBS = ("i'm", "im", "i am", "he's", "hes", "she's", "shes", "he is", "she is", "was", "who is", "who was")
_EN_AGE_AFTER_VERB = re.compile(
    rf"\b(?:{'|'.join(_AGE_VERBS)})\s(\d{{1,2}}(?:[- ](?:years?|yrs?)(?:[- ]old)?)?)"
    r"(?=\s?(?:[,.;!?)]|and\b|when\b|at\sthe\stime\b|$))"
)
# A bare number after a name, in commas or brackets, is the news convention for an age:
# "Ri, 57, said", "Kim (34)", "Ms. A, 52," (a letter that stands for a name).
_EN_AGE_AFTER_NAME = re.compile(r"\b(?:[A-Z][A-Za-z'’-]+|(?:Mr|Ms|Mrs|Miss|Dr)\.?\s[A-Z])(?:,\s|\s\()(\d{1,2})(?=,\s|\))"
                                r"|[a-z]\),\s(\d{1,2})(?=,\s)")  # "Choi Min-ji (not her real name), 41,"
# The same with "now" or "then": "The boy, now 14, lives in Seoul.", "She is now 62.", "The girl, then 14,".
_EN_AGE_NOW = re.compile(r"(?:,\s|\b(?:is|was)\s)(?:now|then)\s(\d{1,2})(?=,|[.;!?](?!\d)|\sand\b|$)"
                         # "I am 45 now", "she was 17 then": a person, not "the score was 45 now"
                         r"|\b(?:i['’]?m|i\sam|i\swas|s?he['’]s|s?he\s(?:is|was))\s(\d{1,2})(?=\s(?:now|then)\b)")
# A person of a number: "a boy of twelve", "a teenager of 16", "a widow of 70".
_PEOPLE_OF = ("boy", "girl", "man", "woman", "teenager", "teen", "child", "kid", "youth", "youngster", "widow",
              "widower")
# Numbers after children, siblings or a person in commas or brackets: "her two daughters, 8 and 11,",
# "sons (9, 12)", "The woman, 47,".
_KIN = _PEOPLE_OF + ("son", "sons", "daughter", "daughters", "children", "kids", "brother", "brothers", "sister",
                     "sisters", "twins", "grandson", "granddaughter", "grandchildren", "nephew", "niece", "mother",
                     "father", "wife", "husband", "defector", "soldier", "grandmother", "grandfather", "grandma",
                     "grandpa", "uncle", "aunt", "cousin", "baby", "infant", "toddler", "survivor", "victim")
_EN_AGE_OF = re.compile(rf"\b(?:{'|'.join(_PEOPLE_OF)})\sof\s(?:only\s|just\s|about\s)?({_EN_NUM})\b"
                        r"(?!\s?(?:%|percent|people|others|children|families|years\sor|[,-]\d))")
_EN_AGE_OF_KIN = re.compile(rf"\b(?:{'|'.join(_KIN)})(?:,\s|\s\()(\d{{1,2}}(?:(?:,\s|\s(?:and|&)\s)\d{{1,2}})*)"
                            r"(?=[,.;)]|\s(?!years?\b|months?\b|[a-z]+\b(?<!and)))")
# "I was thirty-two then", "my son was five.": a number in words a person was (not "it was five",
# nor "she was one of them").
_OWNERS = ("my", "her", "his", "our", "their")
_EN_AGE_WORD_AFTER_VERB = re.compile(
    rf"\b(?:(?:i|he|she|who|(?:{'|'.join(_OWNERS)})\s(?:{'|'.join(_KIN)}))\s(?:was|is|am)|i['’]m|s?he['’]s)\s"
    rf"(?:only\s|just\s|barely\s)?((?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS)}))?|{'|'.join(_UNITS[1:] + _TEENS)})"
    r"(?=\s?(?:[,.;!?)]|and\b|when\b|then\b|at\sthe\stime\b|$))"
)
# "At 17, she crossed", "At nineteen she was sold", "when she was just seventeen": a number a person
# was, said with words too.
_EN_AGE_AT = re.compile(rf"(?:^|(?<=[.!?;:]\s)|(?<=\n)|(?<=,\s)|(?<=\]\s))[Aa]t\s({_EN_NUM})"
                        r"(?=,\s|\s(?:she|he|I|we|they)\s)")
# "He died at 63.", "She married at nineteen": what one did at an age.
_LIFE_EVENTS = ("died", "passed away", "married", "was married", "got married", "was sold", "was arrested",
                "defected", "escaped", "retired", "was executed", "gave birth")
_EN_AGE_EVENT = re.compile(rf"\b(?:{'|'.join(_LIFE_EVENTS)})\sat\s({_EN_NUM})\b"
                           r"(?!\s?(?:%|percent|[:.]\d|o'clock|a\.?m\b|p\.?m\b|hours?\b|minutes?\b))")
# "Her son, who was four at the time,": a number a person was, then when.
_EN_AGE_WHO = re.compile(rf"\bwho\s(?:was|is)\s(?:only\s|just\s|about\s|around\s)?({_EN_NUM})"
                         r"(?=\s(?:at\sthe\stime|then|years?\sold)\b)")
_EN_AGE_WHEN = re.compile(
    rf"\bwhen\s(?:i|he|she|we|they|the\s(?:boy|girl|child|baby|son|daughter))\swas\s(?:only\s|just\s|barely\s|about\s|around\s)?({_EN_NUM})"
    r"(?:\s(?:years?\sold))?\b(?!\s?(?:%|percent|[:.]\d|o'clock|a\.?m|p\.?m|in\b|of\b))")
# Ages in brackets after a Korean word: 김모(33)씨, 딸(32), 김모(41·여)씨, 이모(여·41)씨.
# 김모(45), 이모(52·여), 박영희(가명, 52), 최모(41·회사원): the number among the words a news report puts in brackets.
_KO_AGE_BRACKETS = re.compile(r"(?<=[가-힣])\((?:[가-힣]{1,4}\s?[·,]\s?)?(\d{1,2})(?:\s?세)?(?:\s?[·,]\s?[가-힣]{1,4})?\)")
_KO_SINO_TENS = r"(?:십|이십|삼십|사십|오십|육십|칠십|팔십|구십)"
# Age bands: 30~50대, 삼십대, 이십대 초반.
_KO_BANDS = re.compile(
    rf"(?:(?<!\d)[1-9]0\s?[~∼〜\-–]\s?[1-9]0|(?<![가-힣]){_KO_SINO_TENS})\s?대(?:\s?(?:초반|중반|후반))?"
    r"(?=\s|[은는이가의도를을인로에와과만,.]|$)"
)
_KO_TENS = r"(?:스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)"
_KO_ONES = r"(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)"
# A difference of ages is no age: 두 살 터울, 세 살 위, 다섯 살 차이, 저보다 세 살 어려요 (but 열네 살 어린 나이에,
# "at the young age of fourteen", is one); nor is a
# limit that names no one (만 19세 미만은 받지 않았다).
_NOT_AN_AGE = r"(?!\s?(?:터울|차이|차(?![가-힣])|위|아래|많|적|어리|어린(?!\s?나이)|어려|어렸|연상|연하|미만|이상|이하|초과))"
# 난 after an age says "aged" (열여섯 살 난 딸): it goes with the age ("10대 딸", not "10대 난 딸").
_AGED = r"(?:\s난(?=\s))?"
_KO_AGE = re.compile(
    r"(?=[만\d스서마쉰예일여아열한두세네다1-9생])(?:"
    rf"(?:만\s?)?\d{{1,3}}\s?(?:여\s?)?(?:살배기|살짜리|(?:살|세)(?![가-힣]?(?:기|대))){_NOT_AN_AGE}{_AGED}"
    rf"|(?:{_KO_TENS}\s?{_KO_ONES}?|열\s?{_KO_ONES}?|{_KO_ONES})\s?(?:살배기|살짜리|살){_NOT_AN_AGE}{_AGED}"
    rf"|(?<!\d)[1-9]0\s?대(?:\s?(?:초반|중반|후반))?(?=\s|[은는이가의도를을인로에와과만으,.]|$)"
    r"|생후\s?\d{1,2}\s?(?:개월|주|일))"
)
# A native Korean numeral of ten or more on its own is an age (예순이 넘었다, 나이 스물셋이었다,
# 열일곱이던 딸); 쉰 alone is also a verb (쉰 목소리), so it needs 살.
_KO_TENS_ALONE = r"(?:스물|서른|마흔|예순|일흔|여든|아흔)"
_KO_ONES_ALONE = r"(?:하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉)"
_COUNTERS = "명|사람|개|마리|가구|가족|집|채|척|대|권|장|번|군데|곳|벌|그릇|병|잔|통|포대|자루|발"
_KO_AGE_WORD = re.compile(
    rf"(?<![가-힣])(?:{_KO_TENS_ALONE}(?:\s?{_KO_ONES_ALONE})?|쉰\s?{_KO_ONES_ALONE}|열\s?{_KO_ONES_ALONE})"
    r"(?=이|입|였|의|에|을|쯤|이던|이었|인|\s?(?:나이|고개|줄)|[\s.,]|$)(?!\s?살)"  # with 살: _KO_AGE decides
    rf"(?!\s?(?:{_COUNTERS})(?:[^가-힣]|[이가은는을를의도에만씩]|$))"  # 마흔 명, 서른 가구가: a count
)
# The birthdays that name an age: 환갑 (60), 칠순 (70), 팔순 (80), 구순 (90).
_KO_AGE_FEAST = re.compile(r"(?<![가-힣])(?:" + "|".join(AGE_FEASTS) + r")(?=[이의을에은도]|\s|[.,]|$)")


class AgeDetector(RegexDetector):
    """Ages and age bands."""

    name = "ages"
    label = "AGE"
    patterns = (
        Pattern(_EN_AGE, "AGE", 0.8, "age", script="en", starts=start_keys("0", *_TENS, *_UNITS, *_TEENS, *_AGE_CUES)),
        Pattern(_EN_AGE_AFTER_VERB, "AGE", 0.7, "number after 'I was' or 'I'm'", group=1, script="en",
                starts=start_keys(*_AGE_VERBS)),
        Pattern(_EN_AGE_WORD_AFTER_VERB, "AGE", 0.7, "number in words after 'I was' or 'my son was'", group=1,
                script="en", starts=start_keys("i", "he", "she", "who", *_OWNERS)),
        Pattern(_KO_AGE, "AGE", 0.9, "Korean age", script="ko"),
        Pattern(_EN_AGE_AFTER_NAME, "AGE", 0.6, "number after a name in commas or brackets", group=(1, 2),
                cased=True, script="en"),
        Pattern(_EN_AGE_OF_KIN, "AGE", 0.6, "numbers after children, siblings or a person in commas or brackets", group=1,
                script="en", starts=start_keys(*_KIN)),
        Pattern(_EN_AGE_NOW, "AGE", 0.6, "number with 'now' or 'then'", group=(1, 2), script="en",
                starts=start_keys(",", "is", "was", "i", "he", "she")),
        Pattern(_EN_AGE_OF, "AGE", 0.6, "number after 'a boy of' or 'a woman of'", group=1, script="en",
                needs=(" of ",), starts=start_keys(*_PEOPLE_OF)),
        Pattern(_EN_AGE_AT, "AGE", 0.5, "number after 'at' opening a clause", group=1, script="en",
                starts=start_keys("at")),
        Pattern(_EN_AGE_WHEN, "AGE", 0.7, "number after 'when she was'", group=1, script="en",
                starts=start_keys("when")),
        Pattern(_EN_AGE_EVENT, "AGE", 0.7, "number after 'died at' or 'married at'", group=1, script="en",
                starts=start_keys(*(e.split()[0] for e in _LIFE_EVENTS))),
        Pattern(_EN_AGE_WHO, "AGE", 0.7, "number after 'who was' and before 'at the time'", group=1, script="en",
                starts=start_keys("who")),
        Pattern(_KO_AGE_BRACKETS, "AGE", 0.6, "number in brackets after a word", group=1, script="ko"),
        Pattern(_KO_BANDS, "AGE", 0.8, "Korean age band", script="ko"),
        Pattern(_KO_AGE_WORD, "AGE", 0.6, "Korean numeral of ten or more on its own", script="ko"),
        Pattern(_KO_AGE_FEAST, "AGE", 0.6, "birthday that names an age (환갑, 칠순)", script="ko"),
    )
