"""Dates, periods and durations in English and Korean (DATE)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from vault.redaction._kiwi import analysis
from vault.redaction.detectors._regex import Pattern, RegexDetector, start_keys
from vault.redaction.detectors.english_words import FUNCTION_WORDS, HOLIDAY, HOLIDAY_WORDS
from vault.redaction.normalise import Normalised
from vault.redaction.spans import Span

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec")
_MONTH = "(?:" + "|".join(_MONTHS) + ")"
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# With a day or a year next to it, any case; alone, only capitalised (may, march are verbs).
# A range of days is one date ("14 to 28 February 2011", "February 14-28"): the first day alone
# would stay readable.
_DAYS_TO = r"(?:\s?(?:-|–|to|and|until)\s?)"
_EN_DATE = re.compile(
    rf"\b\d{{1,2}}-{_MONTH}-(?:{_YEAR}|\d\d)\b"  # 5-Mar-2008, 05-mar-08 (forms and spreadsheets)
    rf"|\b(?:{_ORD}{_DAYS_TO})?{_ORD}\s(?:of\s)?{_MONTH}\b\.?(?:,?\s(?:of\s)?{_YEAR}\b)?"
    rf"|\b{_MONTH}\b\.?(?:\s{_ORD}\b(?:{_DAYS_TO}{_ORD}\b)?(?:,?\s{_YEAR}\b)?|,?\s(?:of\s)?{_YEAR}\b)"
)
_EN_MONTH_ALONE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_EN_NUMERIC = re.compile(
    # Year first, as Korean and Chinese write it: 2008.3.5, 2019. 5. 2. (with its last point), 2008/3/5;
    # a year and a month (2008.3, 2008. 3., 2010.03~2010.09), where "2008. 3 people" is a year and a number.
    r"(?<![\d/.-])(?:(?:19|20)\d\d(?:\.\s?\d{1,2}\.\s?\d{1,2}(?:\.(?=\s|$|[)\]]))?|/\d{1,2}/\d{1,2})(?![\d/-]|\.\d)"
    r"|(?:19|20)\d\d(?:\.(?:1[0-2]|0?[1-9])\.?|\.\s(?:1[0-2]|0?[1-9])\.)(?=\s|$|[)\],~∼〜–-]|[가-힣])"
    r"(?!\s?(?:million|billion|thousand|percent|per\b|points?|%|kg|km|달러|원|위안|명|억|만|톤|배))"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|(?:19|20)\d\d-\d{1,2}-\d{1,2}|\d{1,2}/\d{4})(?![\d/-]|\.\d)"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
)
# "mid-", "early" and "late" only as words of their own (amid-1990s, nearly 1990).
_EN_YEAR = re.compile(rf"(?<![\d$€£¥₩.,])(?:\b(?:mid-|early |late ))?(?:{_YEAR}|'\d\d)s?(?!\d|,\d)"
                      r"|(?<=\bthe\s)(?:mid-|early |late )?[1-9]0s\b")  # the early 90s (not "in his 90s")
_EN_SEASON = re.compile(
    rf"\b(?:(?:the\s)?(?:spring|summer|autumn|fall|winter)\s(?:of\s)?{_YEAR}|"
    rf"(?:spring|summer|autumn|fall|winter)\s(?:festival|holidays))\b"
)
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                 "fifteen", "twenty", "thirty")
_NUM_WORD = r"(?:\d+|" + "|".join(_NUMBER_WORDS) + ")"
_EN_DURATION = re.compile(
    rf"\b{_NUM_WORD}(?:\s(?:and\sa\shalf|more))?\s(?:years?|months?|weeks?|days?|decades?)"
    rf"(?:\slater|\sago|\searlier|\safter|\sbefore)?\b"
)

# A date counted in days or weeks from another ("two days after Chuseok"): the same day, near enough; counted
# in years it is another year ("two years after 1997" is 1999).
COUNTED_FROM = re.compile(r"\S+\s(?:days?|weeks?)\s(?:after|before)", re.IGNORECASE)

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"
# A weekday names one day (on Thursday, late Sunday, Friday night): cased, as weekdays are. Every
# Saturday, each Sunday and on Sundays say how often, not when; on a Sunday, one Monday say no day.
_EN_WEEKDAY = re.compile(
    rf"\b(?:(?:[Ee]arly|[Ll]ate|[Ll]ast|[Nn]ext|[Tt]his(?:\spast)?|[Pp]ast)\s)?(?<![Ee]very\s)(?<![Ee]ach\s)(?<!\b[Aa]\s)(?<![Oo]ne\s)"
    rf"(?:{_WEEKDAY}\b|(?:Mon|Tues?|Wed|Weds|Thurs?|Thu|Fri|Sat)\.|(?:Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)\.?"
    r"(?=,?\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d)))"  # Tues., not Sun. (a surname too), but "Tue March 19"
    r"(?:\s(?:morning|afternoon|evening|night)\b)?"
)
# Anchored relative dates: a reader who knows when the text was written can place them.
_EN_RELATIVE = re.compile(
    r"\b(?:(?:earlier|later|early|late|mid)[- ](?:this|last|next|that)|this|last|next|past)\s"
    r"(?:year|month|week|weekend|spring|summer|autumn|fall|winter|decade)\b"
    r"|\b(?:the\s)?(?:(?:year|month|week)\s(?:before|after)\slast)\b"
    rf"|\b(?:last|next|this|early|late|mid)[- ]{_MONTH}\b(?!\s\d)"
)
# Days named from where the speaker or the story stands (yesterday, the following day, that
# summer, the past few years): a reader who knows the interview's date can place them. Scored
# low: proposed for review, not masked by default.
_PERIOD_WORDS = r"(?:day|morning|afternoon|evening|night|week|weekend|month|year|spring|summer|autumn|winter|decade)"
_EN_DEICTIC = re.compile(
    r"\b(?:day\s(?:before\syesterday|after\stomorrow)|yesterday|today|tonight|tomorrow)"
    r"(?:\s(?:morning|afternoon|evening|night))?\b"
    rf"|\b(?:following|previous|preceding|same)\s{_PERIOD_WORDS}\b"
    rf"|\b(?<=the\s)next\s{_PERIOD_WORDS}\b"
    r"|\bthat\s(?:morning|afternoon|evening|night|week|weekend|month|year|spring|summer|autumn|winter)\b"
    r"|\b(?:past|last|previous|next|coming|recent)\s(?:few\s|several\s|two\s|three\s|four\s|five\s|ten\s)?"
    r"(?:days|weeks|months|years|decades)\b"
    r"|\b(?:early|late|mid-?)\s?(?:spring|summer|autumn|winter)\b"
    r"|\b(?:last|this|tomorrow|yesterday)\s(?:morning|afternoon|evening|night)\b"
    r"|\b(?:(?<=\ba\s)|(?<=\bone\s))(?:day|week|month|year|decade)\s(?:later|earlier|before|after|ago)\b"
    r"|\b(?:spring|summer|autumn|winter)\b"
)
# The article or numeral before a day named from where the story stands, or before a part of a
# period, belongs to it ("the following day", "a year later", "the end of 2009"). The patterns begin
# after it, so that they are tried only at rarer words than "the" and "a" (speed only).
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:the|a|one)\s)$", re.IGNORECASE)
# A part of a period written out: "the end of 2009", "the first week of May 2004", "the night of
# 3 March": the words before the date would say what was hidden.
_WEEKDAY_FOLDED = _WEEKDAY.lower()
_EN_PART_OF = re.compile(
    r"\b(?:very\s)?(?:end|beginning|start|middle|turn|(?:first|second|latter|early|later)\s(?:half|part)|"
    r"(?:first|second|third|fourth|last)\s(?:week|weeks|days|months|quarter)|morning|afternoon|evening|night|eve|dawn|"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\d{1,2}(?:st|nd|rd|th))\sday|"
    r"early\shours)"
    rf"\sof\s(?:(?:(?:{_ORD}[-–])?{_ORD}\s(?:of\s)?{_MONTH}|{_MONTH}\.?(?:\s{_ORD})?)(?:,?\s{_YEAR})?\b|{_YEAR}s?\b|{_WEEKDAY_FOLDED}\b|"
    r"(?:the|this|last|next|that)\s(?:year|month|week|decade|century)\b|"
    r"the\s(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))"
    r"\s(?:lunar\s)?month\b|"  # the 15th day of the eighth lunar month
    rf"(?:the\s)?(?:{HOLIDAY.pattern}))"  # the fifth day of the Lunar New Year
)
# Times of day and date-times in bylines: 4:10 p.m., 09:30 KST, 7am, 14:05.
_EN_TIME = re.compile(
    r"(?<![\d:.])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?(?:a\.?m\.?|p\.?m\.?))?"
    r"(?:\s?(?:kst|utc|gmt|est|edt|pst|pdt|cst|jst|bst|cet|et|pt|ct)\b)?(?![\d:])"
    r"|\b(?:1[0-2]|0?[1-9])\s?(?:a\.m\.|p\.m\.|am|pm)(?![a-z])"
)
# "the 12th" (of a month); not centuries, floors, anniversaries or units.
# An ordinal before a word that is no function word counts something else: the 3rd floor, the 4th
# work team, the 12th party congress ("on the 12th we left" and "the 3rd of May" are days).
_EN_ORDINAL_DAY = re.compile(
    r"\bthe\s(?:[12]?\d|3[01])(?:st|nd|rd|th)\b"
    r"(?!\s(?!(?:of|and|or|to|at|in|on|by|for|from|with|we|i|he|she|they|it|you|when|while|after|before|until|"
    r"till|the|a|an|was|is|were|that|this|my|our|his|her|their|there|then|so|but)\b)[a-z])"
)
# Year ranges (1994-98, 2009–2011) and centuries written with a number.
# Written with words too ("between 2005 and 2007", "from 1995 to 1998"): the word between two
# masked years would stay readable and say that a range was hidden.
_EN_YEAR_RANGE = re.compile(rf"(?<![\d$€£¥₩.,]){_YEAR}(?:\s?[-–/]\s?(?:{_YEAR}|\d\d)|\s(?:and|to|through|until|till|or)\s{_YEAR})"
                            r"(?![\d%])")
def _a_range(candidate: str) -> bool:
    """1994-98 and 2019-05 (May) are dates; 2019-14 is neither a range (14 is before 19) nor a month."""
    short = re.fullmatch(r"(\d{4})\s?[-–/]\s?(\d\d)", candidate)
    return short is None or int(short.group(2)) <= 12 or int(short.group(2)) > int(short.group(1)[2:])


_EN_CENTURY = re.compile(r"\b(?:(?:early|late|mid)[- ])?(?:1\d|20|21|[1-9])(?:st|nd|rd|th)[- ]century\b")
# Dates written with CJK units in any text (2009年3月5日, 3月5日).
_CJK_DATE = re.compile(r"\d{2,4}\s?年(?:\s?\d{1,2}\s?月)?(?:\s?\d{1,2}\s?日)?|\d{1,2}\s?月\s?\d{1,2}\s?日")

# A numeral written in Hangul opens a word of its own: the 한 of 북한 is no number (북한 주민 is
# not "one week").
_KO_NUM = (r"(?:\d+|(?<![가-힣])(?:[일이삼사오육칠팔구십백천]+|열\s?(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)|스무|"
           r"한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|몇|수))")
_N = r"\d{1,4}(?:\s?[∼~〜\-–]\s?\d{1,4})?"  # a number or a range (3∼4일)
# A year has two digits at least ('97년, 2009년): "2년" is two years, a duration.
_YEARS = r"\d{2,4}(?:\s?[∼~〜\-–]\s?\d{1,4})?"
_PRE = r"(?:(?:오는|지난|올|이번|다음|내년|작년|올해|지난해|금년|전년|내달|같은\s?해|약|매주|매월|매년|격주)\s?)?"
# The part of a period after it (초순, 말, 중); a one-syllable part only as a word of its own, or
# before a particle: "2009년 중에", but not the 중 of "2009년 중국으로".
_SUB = r"(?:\s?(?:초순|중순|하순|상순|초반|중반|후반|무렵|(?:경|초|말|중)(?=[^가-힣]|[에은는이가을를의도부까쯤께엔과와로만보처]|$)))?"
# 전, 후 and 뒤 (before, after) only as words of their own: the 전 of "20일 전했다" (reported on
# the 20th) is a verb, and "어제 전했다" is no "day before yesterday".
_THEN = r"(?:전|후|뒤)(?=[^가-힣]|[에엔은는도의부까을를이가만쯤로인께다였]|$)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"  # a day of the month; 40일, 15일간 are durations
# Each Korean pattern opens with a lookahead on its possible first characters: the
# engine then skips most positions at once (3-5x faster on Korean text).
_KO_DATE = re.compile(
    r"(?=[\d오지올이다내작금전같약매격월화수목금토일새밤저아낮정초중고])"
    rf"{_PRE}(?:"
    rf"\d{{1,4}}\s?년대{_SUB}"
    rf"|{_YEARS}\s?년(?:도|생)?(?:\s?(?:음력|양력))?(?:\s?{_N}\s?월)?(?:\s?{_N}\s?일)?{_SUB}"
    rf"|{_N}\s?월\s?{_N}\s?일"
    rf"|(?<![\d])\d{{1,2}}(?:\s?[∼~〜\-–]\s?\d{{1,2}})?\s?월{_SUB}(?![가-힣]?급)"
    rf"|(?<![\d]){_DAY}(?:\s?[∼~〜\-–]\s?{_DAY})?\s?일(?!간|\s?동안|\s?만에|째|반|부(?!터)|본|상|자리|손|꾼|거리|대|치|원|류|등|체|정|단|환|행)"
    rf"|\d{{1,2}}\s?세기{_SUB}|\d\s?분기|[월화수목금토일]요일"
    rf"|(?<![\d.])(?:1[0-2]|[1-9])\s?[.·]\s?(?:[12]\d|3[01]|[1-9])(?![\d%])(?!\s?(?:배|점|%|퍼센트|kg|km|m\b|도|명))"
    rf")(?:\s?\([월화수목금토일]\))?"  # 3월 5일(화): the weekday in brackets goes with its date
)
# A day of a lunar month in words: 정월 초사흘, 섣달 그믐, 팔월 보름 (the third of the first month, New Year's eve, ...).
_LUNAR_DAYS = "하룻날|하루|이튿날|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레"
_KO_LUNAR = re.compile(
    r"(?:음력\s?)?(?:정월|동짓달|섣달|[이삼사오육칠팔구]월|시월|\d{1,2}\s?월)\s?"
    rf"(?:초\s?(?:{_LUNAR_DAYS}|열흘)|보름|그믐(?:날)?|열(?:{_LUNAR_DAYS})|스무(?:{_LUNAR_DAYS}|날)|열흘)(?!\s?(?:간|동안|째|씩))"
)
# A time of day names no day: alone it is proposed to stay; next to a date it joins it (registry.bridge).
_KO_TIME = re.compile(r"(?:오전|오후|새벽|밤|저녁|아침|낮|정오)\s?\d{1,2}\s?시(?:\s?\d{1,2}\s?분)?(?:\s?\d{1,2}\s?초)?")
# The North's calendar counts years from 1912, Kim Il Sung's birth: Juche 98 is 2009.
_JUCHE = re.compile(r"\bjuche\s\d{1,3}\b(?:\s?\((?:19|20)\d\d\))?|주체\s?\d{1,3}(?:\s?\((?:19|20)\d\d\))?\s?년")
TIME_OF_DAY = "time of day (names no day alone)"
# A school year says a stage of life, not a day (중학교 3학년, 고3 때): proposed to stay, for a person to confirm.
_KO_SCHOOL_YEAR = re.compile(r"(?<!\d)\d\s?학년(?:\s?\d\s?학기)?|(?<![가-힣])[초중고]\s?[1-6](?=때|\s|$)")
# 설 alone is the holiday only as a word of its own: 전설, 소설, 연설, 시설, 열애설 end in it.
KO_HOLIDAY = re.compile(
    r"(?=[설추광삼3개한어스현제성크석부태정대단식국노근춘중명양음김])(?:설날|추석|광복절|삼일절|3\.1절|개천절|한글날|어린이날|어버이날|스승의\s?날|현충일|제헌절|성탄절|"
    r"(?:김일성|김정일|김정은)\s?(?:생일날?|탄생일)|"  # the leaders' birthdays are the North's holidays
    r"크리스마스|석가탄신일|부처님\s?오신\s?날|태양절|광명성절|정월\s?대보름|대보름|단오|한식|식목일|"
    r"국군의\s?날|노동절|근로자의\s?날|국경절|춘절|중추절|설\s?명절|명절|양력설|음력설|(?<![가-힣])설"
    r")(?:\s?(?:연휴|기간|시즌|전후|무렵|당일|동안|때|전날|다음날))*(?=[^가-힣]|[에은는도의부를을이가까]|인(?![가-힣])|$)"
)
# Short or ambiguous words: only as whole words before a particle. Words that point at a
# time only from where the speaker stands, with no day, season or year in them (현재, 최근,
# 요즘, 과거, 향후, 앞서, 당시, 한때: now, lately, these days, in the past, from now on,
# earlier, at the time, once), are not dates: they narrow nothing down.
_KO_RELATIVE = re.compile(
    r"(?=[올설봄조그전금익내반맨이지다저])(?<![가-힣])(?:올|설|봄|조만간|그해|그\s?해|"
    r"전일|금일|익일|내달|전년|이\s?날|맨날|반년|반세기|지난\s?해|지난\s?달|이번\s?달|다음\s?달|"
    r"이번\s?주|다음\s?주|지난\s?주|저번\s?주|이번\s?시즌|올\s?시즌)"
    rf"(?:\s?(?:초|말|중|중순|초순|하순|간|동안|만에|째|{_THEN}|새|내내))?"
    r"(?=[^가-힣]|[에은는도의부만까엔께이가을를보로와과처날맞]|$)"
)
# Longer words that are dates wherever they stand, even without spaces (할까오늘, 겨울올림픽).
_KO_RELATIVE_FREE = re.compile(
    r"(?=[올재작지내후금이그당전다주연어오모엊초여가늦겨새신매하사나닷엿열보일상장시동춘추석넉스])(?:올해|재작년|작년|지난해|내년|후년|금년|이날|그날|당일|전날|다음\s?날|이튿날|지난달|이달|지난주|"
    r"주말|주중|연말|연초|연휴|어제|오늘|내일|모레|그저께|그제|엊그제|초여름|여름|초가을|늦가을|가을|"
    r"초겨울|겨울|늦봄|새해|신년|이듬해|매년|매해|매일|매주|매달|매월|하룻|하루|이틀|사흘|나흘|닷새|엿새|"
    r"열흘|보름|일주일|일년|상반기|하반기|장마철|시즌|동계|하계|춘계|추계|(?:석|넉)\s?달|스무날)"
    rf"(?:\s?(?:초|말|중순|초순|하순|간|동안|만에|째|{_THEN}|내내|부터|까지))?"
)
_KO_PERIOD = re.compile(r"(?<![가-힣])[가-힣0-9·]{1,8}\s?(?:시절|시대|시기)(?=[^가-힣]|[에은는도의부를을이가]|$)")
# A one-syllable unit ends its word, or a particle or suffix follows: 한 주 but not 한 주민 (a resident),
# 두 달 but not 두 달러 (two dollars).
_UNIT_ENDS = r"(?=[^가-힣]|[에엔은는이가을를의도만간째동내씩쯤여후전뒤반까부과와로인]|$)"
_KO_DURATION = re.compile(
    r"(?=[\d일이삼사오육칠팔구십백천한두세네다여아열몇수약석넉스])(?:"
    rf"(?:{_KO_NUM}|{_N})\s?(?:년|해|달|개월|주일?|일|시간)\s?(?:여\s?)?(?:간|동안|만에|째|{_THEN}|이상|남짓|가량|여|씩|치)"
    rf"|(?:{_KO_NUM}|{_N})\s?(?:개월|주년|(?:주|해){_UNIT_ENDS})(?:\s?(?:여|간|동안|째))?"
    rf"|(?:약\s?)?(?:{_KO_NUM}|{_N})\s?여?\s?(?:년|개월|(?:일|주){_UNIT_ENDS})(?:\s?{_N}\s?개월)?(?:\s?여)?(?:\s?(?:간|동안|{_THEN}|만에|째))?"
    rf"|(?:한|두|세|네|몇)\s?(?:달|해){_UNIT_ENDS}|(?:한|두|세|네|몇|다섯|여섯|일곱|여덟|아홉|열)\s?시간(?:\s?반)?)"
    r"(?!절)"  # 삼일절 is a holiday, not three days
)


# The Nth anniversary of a death or an event: an ordinal, proposed to stay (a person confirms).
_KO_ANNIVERSARY = re.compile(r"(?<!\d)\d{1,3}\s?주(?:기|년)(?=[^가-힣]|[를을에의은는이가도]|$)")


_SPENT_YEARS = re.compile(r"\d\d\s?년")
_KO_HOLIDAY_DAY = re.compile(r"(?:2[·.]16|4[·.]15|9[·.]9|10[·.]10|7[·.]27|8[·.]15|3[·.]1)")
_FEAST = re.compile(r"\s?(?:경축|기념|명절|축전|행사|대회|절)")
_MONTH_BEFORE = re.compile(r"\d\s?월\s?$")
_NAMED_EVENT = re.compile(r"\s?(?:전쟁|사변|동란|혁명|항쟁|민주화\s?운동|남침|공동선언|선언|정상회담|합의)")
# Two digits and 년 before a verb of staying say how long (8군단에서 10년 복무했다, 15년 형을 받았다, 12년 살았다).
_SPENT_AFTER = re.compile(r"\s?(?:을|를|간|동안|째|만에|이나|이\s?(?:지나|지났|넘|흘|걸))"
                          r"|\s(?:복무|근무|복역|수감|징역|형(?=[을를이]|\s)|살았|살고|살면서|살다|일했|일하|지냈|지내|"
                          r"있었|걸렸|걸려|다녔|다니|교화|노동했)")
# After a number of years a year is unlikely to be (under 40: 10년 하고, 20년 넘게, 15년 정도 살았다), a
# verb of doing or a word of measure says how long; 98년 정도에 is still 1998.
_SPENT_FEW = re.compile(r"\s(?:하고|했|한(?=\s)|하면서|하다가|넘게|넘도록|가까이|남짓|정도|이상|이내|씩)")


_RECURRING = re.compile(r"(?:매주|매월|매달|매년|격주)\s?(?!.*\d\s?년)")


def _recurring_score(candidate: str) -> float:
    """A day that comes back every week, month or year (매주 토요일, 매년 4월 15일) names no one day:
    proposed to stay, for a person to confirm."""
    return 0.3 if _RECURRING.match(candidate) else 0.9


_SINO_DIGITS = frozenset("일이삼사오육칠팔구십백천수")


def _ko_duration_score(candidate: str) -> float | None:
    """One Sino-Korean numeral syllable and a one-syllable unit is often a word, not a duration.

    해 and 달 take native numerals only (두 해, 석 달), so 이해, 오해, 구해, 사해 are words
    (understanding, misunderstanding, save); 일 and 주 do take Sino-Korean numerals (일일,
    삼주), but with a space between them the numeral is a determiner: "이 일", "이 주" (this
    work, this week).
    """
    plain = candidate.replace(" ", "")
    if len(plain) == 2 and plain[0] in _SINO_DIGITS and (
            plain[1] in "해달" or plain[1] in "일주" and " " in candidate):
        return None
    if re.fullmatch(r"(?:1[89]|20)\d\d\s?년", candidate):
        return None  # 2009년 is a year, not two thousand years
    return 0.4


# A period is a date when a name or a number says which (조선시대, 5공화국 시절, 학창시절): every
# morpheme of it is a noun, a number or a symbol. A determiner or a modifier clause before it
# ("그 시절", "어린 시절", "힘들던 시기"), or an honorific ending (마시기, 보시기), names no time.
_PERIOD_TAGS = ("N", "S", "XPN", "XSN", "XR", "W")


def _named_period(norm: Normalised, start: int, end: int) -> bool:
    found = analysis(norm.text)
    return all(m.tag.startswith(_PERIOD_TAGS) for m in found.between(start, end)
               if m.start >= start and m.end <= end)


def _inflected(norm: Normalised, start: int, end: int) -> bool:
    """Is ``[start, end)`` a verb or adjective with its endings by Kiwi's tags?"""
    inside = [m for m in analysis(norm.text).between(start, end) if m.start >= start and m.end <= end]
    return bool(inside) and inside[0].tag.startswith(("VV", "VA", "VX")) and \
        all(m.tag.startswith(("V", "E", "J")) for m in inside)


# "May I ask", "May we leave": the verb, not the month.
_MAY_ASKING = re.compile(r"May\s(?:I|we|you|he|she|they|it)\b")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s$")


def _ends_a_name(text: str, start: int) -> bool:
    """Is the month at ``start`` the last word of a name: after a capitalised word that is no
    function word and does not open the sentence (the Long March; not "In March", "Early March")?"""
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    if before is None or not before.group(1)[0].isupper() or before.group(1).lower() in FUNCTION_WORDS:
        return False
    opening = text[:before.start()].rstrip()
    return bool(opening) and opening[-1] not in ".!?:;\"“(\n"


_WITH_ARTICLE = frozenset({"day or period named from where the story stands", "part of a dated period"})


class DateDetector(RegexDetector):
    """Absolute dates, years, seasons and durations (English, Korean)."""

    name = "dates"
    label = "DATE"
    patterns = (
        Pattern(_EN_DATE, "DATE", 0.9, "date with a month name", script="en",
                starts=start_keys("0", *_MONTHS)),
        Pattern(_EN_MONTH_ALONE, "DATE", 0.6, "month", cased=True, script="en",
                starts=start_keys(*_MONTHS)),
        Pattern(_EN_NUMERIC, "DATE", 0.8, "numeric date",
                starts=start_keys("0")),
        Pattern(_EN_YEAR, "DATE", 0.7, "year",
                starts=start_keys("mid", "early", "late", "0", "'")),
        Pattern(_EN_SEASON, "DATE", 0.6, "season", script="en",
                needs=("spring", "summer", "autumn", "fall", "winter"),
                starts=start_keys("the", "spring", "summer", "autumn", "fall", "winter")),
        Pattern(HOLIDAY, "DATE", 0.8, "holiday", script="en",
                needs=HOLIDAY_WORDS,
                starts=start_keys("new", "chuseok", "seollal", "lunar", "christmas", "easter", "thanksgiving", "labor",
                                  "labour", "independence", "memorial", "liberation", "victory", "foundation", "day", "kim")),
        Pattern(_EN_DURATION, "DATE", 0.4, "duration", script="en",
                starts=start_keys("0", *_NUMBER_WORDS)),
        Pattern(_EN_WEEKDAY, "DATE", 0.6, "weekday", cased=True, script="en",
                starts=start_keys("early", "late", "last", "next", "this", "past", *_WEEKDAYS, "weds")),
        Pattern(_EN_RELATIVE, "DATE", 0.5, "relative date anchored to when it was said", script="en",
                starts=start_keys("earlier", "later", "early", "late", "mid", "this", "last", "next", "past", "the",
                                  "year", "month", "week")),
        Pattern(_EN_DEICTIC, "DATE", 0.3, "day or period named from where the story stands", script="en",
                starts=start_keys("day", "yesterday", "today", "tonight", "tomorrow", "following", "previous",
                                  "preceding", "same", "that", "past", "last", "next", "coming", "recent", "early",
                                  "late", "mid", "this", "week", "month", "year", "decade", "spring", "summer",
                                  "autumn", "winter")),
        Pattern(_EN_PART_OF, "DATE", 0.7, "part of a dated period", script="en", needs=(" of ",),
                starts=start_keys("very", "end", "beginning", "start", "middle", "turn", "first", "second",
                                  "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "0",
                                  "last", "latter", "early", "later", "morning", "afternoon", "evening", "night",
                                  "eve", "dawn")),
        Pattern(_EN_TIME, "DATE", 0.3, TIME_OF_DAY,
                starts=start_keys("0")),
        Pattern(_EN_ORDINAL_DAY, "DATE", 0.5, "day of the month", script="en",
                starts=start_keys("the")),
        Pattern(_EN_YEAR_RANGE, "DATE", 0.7, "range of years",
                starts=start_keys("0")),
        Pattern(_EN_CENTURY, "DATE", 0.4, "century", script="en", needs=("century",),
                starts=start_keys("early", "late", "mid", "0")),
        Pattern(_CJK_DATE, "DATE", 0.9, "date in Chinese or Japanese units", needs=("年", "月")),
        Pattern(_KO_DATE, "DATE", 0.9, "Korean date", script="ko", validate=_recurring_score),
        Pattern(KO_HOLIDAY, "DATE", 0.6, "Korean holiday", script="ko"),
        Pattern(_KO_LUNAR, "DATE", 0.9, "day of a lunar month", script="ko", needs=("월", "섣달", "동짓달")),
        Pattern(_KO_SCHOOL_YEAR, "DATE", 0.3, "Korean school year (a stage of life)", script="ko"),
        Pattern(_KO_TIME, "DATE", 0.3, TIME_OF_DAY, script="ko"),
        Pattern(_JUCHE, "DATE", 0.7, "year of the North's Juche calendar", needs=("juche", "주체")),
        Pattern(_KO_RELATIVE, "DATE", 0.3, "Korean relative date or period", script="ko"),
        Pattern(_KO_RELATIVE_FREE, "DATE", 0.3, "Korean relative date or period", script="ko"),
        Pattern(_KO_PERIOD, "DATE", 0.3, "Korean period (시절, 시대, 시기)", script="ko"),
        Pattern(_KO_ANNIVERSARY, "DATE", 0.4, "Korean anniversary (3주기, 10주년)", script="ko"),
        Pattern(_KO_DURATION, "DATE", 0.4, "Korean duration", script="ko", validate=_ko_duration_score),
    )

    def detect(self, text: str) -> Iterator[Span]:
        """Yield the patterns' spans, a day named from where the story stands or a part of a
        period with the article before it (see ``_ARTICLE_BEFORE``)."""
        for span in super().detect(text):
            if span.reason in _WITH_ARTICLE:
                article = _ARTICLE_BEFORE.search(text, max(0, span.start - 4), span.start)
                if article is not None:
                    span = Span(article.start(), span.end, span.label, span.score, span.detector, span.reason)
            yield span

    def keep(self, norm: Normalised, pattern: Pattern, start: int, end: int) -> bool:
        """Drop Korean periods that no name or number says which (see ``_named_period``),
        relative dates that Kiwi reads as a verb and its ending (봄 "watched", 올 "will come"),
        a month alone that ends a name (the Arduous March, Theresa May), and two digits and 년 that
        say how long (10년을 복무했다, 15년 동안)."""
        if pattern.regex is _EN_YEAR_RANGE and not _a_range(norm.text[start:end]):
            return False  # Interview 2019-14: a record's number, neither a range of years nor a month
        if pattern.regex is _EN_MONTH_ALONE:
            return not _ends_a_name(norm.text, start) and not _MAY_ASKING.match(norm.text, start)
        if pattern.regex is _KO_PERIOD:
            return _named_period(norm, start, end)
        if pattern.regex is _KO_RELATIVE or pattern.regex is _KO_RELATIVE_FREE:
            return not _inflected(norm, start, end)
        if pattern.regex is _KO_DATE and _SPENT_YEARS.fullmatch(norm.text, start, end):
            few = int(norm.text[start:start + 2]) < 40 and _SPENT_FEW.match(norm.text, end) is not None
            return not few and not _SPENT_AFTER.match(norm.text, end)  # 10년을 복무했다: ten years spent, not 2010
        if pattern.regex is _KO_DURATION and norm.text[start].isdigit() \
                and _MONTH_BEFORE.search(norm.text, max(0, start - 6), start):
            return False  # 4월 15일: the day of a month, not fifteen days
        if pattern.regex is _KO_DATE and _KO_HOLIDAY_DAY.fullmatch(norm.text, start, end) and _FEAST.match(norm.text, end):
            return False  # 2·16 경축 행사: the holiday named by its day (Kim Jong Il's birthday), no one's date
        if pattern.regex is _KO_DATE and _NAMED_EVENT.match(norm.text, end):
            return False  # 6·25 전쟁, 6.15 공동선언: history named by its day, no one's date (a holiday is a date)
        return True
