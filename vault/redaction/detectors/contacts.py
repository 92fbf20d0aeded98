"""Phones of every region, e-mail addresses, URLs and messenger handles (CONTACT)."""
from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from vault.redaction.detectors._regex import Pattern, RegexDetector, start_keys

_EMAIL = re.compile(r"[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'“”가-힣]+[^\s<>\"'“”.,;:!?)\]가-힣]"  # a Korean particle or copula may follow
    r"|(?<![a-z0-9.-])(?:[a-z0-9-]{2,}\.(?:com|net|org|info|biz|cn|kr|kp|ru|jp|io|me|co|us|de|uk|la|th|mn|vn|tv|be|ly|gl)"
    r"|[a-z]\.(?:me|co))"  # t.me/handle, t.co: a one-letter domain of a link service
    r"(?![a-z0-9])(?:/[^\s<>\"'가-힣]*[^\s<>\"'.,;:!?)가-힣])?"
)
_APPS = (r"(?:wechat|weixin|wx|微信|위챗|웨이신|kakao\s?talk|kakao|카카오톡|카카오|카톡|qq|line|라인|"
         r"telegram|텔레그램|signal|whatsapp|왓츠앱|viber|skype|facebook|페이스북|instagram|인스타그램?)")
_HANDLE_WORD = r"(?:id|아이디|账号|号|번호|계정|handle|account)"
# After the app's name: either an explicit "id"/colon, or a handle with a digit or underscore
# ("line encyclopedia" and "signal strength" are not handles).
_HANDLE = re.compile(
    rf"{_APPS}\s*(?:{_HANDLE_WORD}\s*(?:is|was|은|는|:|：|=)?|is|was|:|：|=)\s*"
    r"([a-z0-9_][a-z0-9_.-]{2,30}[a-z0-9_])"
    rf"|{_APPS}\s+((?=[a-z0-9_.-]*[0-9_])[a-z0-9_][a-z0-9_.-]{{2,30}}[a-z0-9_])"
)
# A handle the text names as one, in English: "her username on the forum was sunflower77", "posted as "NK_mother"".
_EN_NAMED_HANDLE = re.compile(
    r"\b(?:username|user name|screen name|handle|nickname)(?:\s(?:on|in)\s(?:the\s|a\s)?[a-z]+)?\s(?:is|was|:)\s?[\"'“‘]?"
    r"((?=[a-z0-9_.-]*[0-9_])[a-z0-9_.-]{3,30}[a-z0-9_])"
    r"|\bposted as\s[\"“‘']([^\"”’'\s]{2,30})[\"”’']")
# A handle the text names as one: "해바라기77"이라는 아이디를 썼어요 (the ID that went by ...).
_KO_NAMED_HANDLE = re.compile(r"[\"'“‘]?([^\s\"'”’]{2,30}?)[\"'”’]?(?:이)?라는\s?(?:아이디|계정|닉네임|ID)")
# An app's name before the word for its handle ("Line ID", "QQ 번호", "WeChat:"): the app, no name.
APP_BEFORE_HANDLE = re.compile(rf"{_APPS}\s*(?:{_HANDLE_WORD}|:|：)", re.IGNORECASE)
# Every handle follows one of these (the forms of _APPS without their optional parts).
# Messenger apps' names in Hangul, as words of their own: no person (the companies behind other
# platforms, 구글, 유튜브, are organisations and stay proposed).
APP_NAMES_KO = frozenset({"위챗", "웨이신", "카카오톡", "카톡", "텔레그램", "왓츠앱", "큐큐", "유튜브", "페이스북",
                          "인스타그램"})
_APP_WORDS = ("wechat", "weixin", "wx", "微信", "위챗", "웨이신", "kakao", "카카오", "카톡", "qq", "line",
              "라인", "telegram", "텔레그램", "signal", "whatsapp", "왓츠앱", "viber", "skype", "facebook",
              "페이스북", "instagram", "인스타그")
APP_WORDS = frozenset(_APP_WORDS) | {"kakaotalk"}
# An address written out against harvesters: kim [at] example [dot] org, kim(at)example.org.
_EMAIL_SPELT = re.compile(r"[a-z0-9][a-z0-9._%+-]*\s?[\[(]\s?at\s?[\])]\s?[a-z0-9-]+"
                          r"(?:(?:\s?[\[(]\s?dot\s?[\])]\s?|\.)[a-z0-9-]+)+")
_MENTION = re.compile(r"(?<![\w@.])@[a-z0-9_][a-z0-9_.]{2,30}")
# Digit groups with separators, optional + country code and extension: 7-15 digits.
_PHONE = re.compile(
    r"(?<![A-Za-z0-9_+$€£¥₩])(?:\+\s?\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d[\d\s.-]{4,}\d"
    r"(?:\s?(?:x|ext\.?|내선)\s?\d{1,5})?(?![A-Za-z0-9_])"  # a Korean particle may follow (191-2345678이었고)
)
# Short groups with single separators, for numbers glued to others (30971 21 253 109 8211).
_PHONE_GROUPS = re.compile(r"(?<![\d,.])(?:\d{2,4}[ .-]){2,4}\d{2,4}(?![\d,])")
# A date, alone or with the hour after it (2023-11-08 14:32, a byline's time): no phone.
_DATE_LIKE = re.compile(r"(?:(?:19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d\d"
                        r"|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?:\s\d{1,2})?")  # 20140919일
_REGIONS = ("KR", "CN", "US", "GB", "JP", "TH", "LA", "MN", "RU", "VN")
# A phone number said in Sino-Korean digits, as a transcript writes speech: 공일공 일이삼사 오육칠팔.
_KO_DIGIT = "[공영일이삼사오육륙칠팔구]"
_KO_SPOKEN_PHONE = re.compile(rf"(?<![가-힣])[공영]{_KO_DIGIT}{{1,3}}(?:(?:에|의)?[\s-]{_KO_DIGIT}{{3,4}}){{2}}")  # 공일공에 일이삼사 ...
# The last digits of a number, said as such: 뒷번호가 4471, "her number ends in 4471".
_LAST_DIGITS = re.compile(r"(?:뒷번호|뒷자리|끝번호|끝자리|뒷\s번호)\s?(?:는|은|가|이)?\s?(\d{3,4})(?!\d)"
                          r"|\b(?:number|phone|mobile)\s(?:that\s)?(?:ends|ended|ending)\s(?:in|with)\s(\d{3,4})\b")


@lru_cache(maxsize=4096)  # a testimony repeats its numbers; parsing one is slow
def _phone_score(candidate: str) -> float | None:
    digits = sum(c.isdigit() for c in candidate.split("x")[0].split("ext")[0])
    if not 7 <= digits <= 15 or _DATE_LIKE.fullmatch(candidate.strip()):
        return None
    if candidate.count(".") >= 1 and candidate.replace(".", "").isdigit() and digits < 9:
        return None  # a decimal number
    if "," in candidate or re.fullmatch(r"\s*(?:1[89]|20)\d\d\s?[-–]\s?(?:1[89]|20)\d\d\s*", candidate):
        return None  # thousands separators, or a range of years
    regions = (None,) if candidate.lstrip().startswith("+") else _REGIONS
    for region in regions:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return 0.95
    return 0.6  # looks like a phone anywhere; recall first


class ContactDetector(RegexDetector):
    """E-mail, URLs, messenger handles and phone numbers."""

    name = "contacts"
    label = "CONTACT"
    patterns = (
        Pattern(_EMAIL, "CONTACT", 1.0, "e-mail address", needs=("@",)),
        Pattern(_EMAIL_SPELT, "CONTACT", 1.0, "e-mail address written out", needs=("[at]", "(at)", "[ at ]", "( at )")),
        Pattern(_URL, "CONTACT", 0.9, "URL or domain"),
        Pattern(_HANDLE, "CONTACT", 0.9, "messenger handle after the app's name", group=(1, 2),
                needs=_APP_WORDS),
        Pattern(_MENTION, "CONTACT", 0.7, "@handle", needs=("@",)),
        Pattern(_EN_NAMED_HANDLE, "CONTACT", 0.8, "a handle named as one (username was ...)", group=(1, 2),
                needs=("username", "user name", "screen name", "handle", "nickname", "posted as")),
        Pattern(_KO_NAMED_HANDLE, "CONTACT", 0.8, "a handle named as one (…이라는 아이디)", group=1, script="ko",
                needs=("아이디", "계정", "닉네임", "ID")),
        Pattern(_PHONE, "CONTACT", 0.9, "phone number", validate=_phone_score, starts=start_keys("+", "(", "0")),
        Pattern(_PHONE_GROUPS, "CONTACT", 0.6, "digit groups of a phone number", validate=_phone_score,
                starts=start_keys("0")),
        Pattern(_LAST_DIGITS, "CONTACT", 0.7, "the last digits of a number", group=(1, 2),
                needs=("뒷번호", "뒷자리", "끝번호", "끝자리", "뒷 번호", "ends", "ended", "ending")),
        Pattern(_KO_SPOKEN_PHONE, "CONTACT", 0.9, "phone number said in Korean digits", script="ko", needs=("공", "영")),
    )
