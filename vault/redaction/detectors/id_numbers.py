"""Resident registration numbers, Chinese resident IDs, passports, plates (ID_NUMBER)."""
from __future__ import annotations

import re

from vault.redaction.detectors._regex import Pattern, RegexDetector, start_keys

_DIGITS = start_keys("0")

_RRN = re.compile(r"(?<!\d)(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\s?[-–]?\s?([1-8]\d{6})(?!\d)")
_CN_ID = re.compile(r"(?<![\dx])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dx](?![\dx])")
_SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
# Passports and other letter+digit identifiers (KR M12345678, M123A4567; CN E12345678, EA1234567).
_PASSPORT = re.compile(r"(?<![a-z0-9_])(?:[a-z]{1,2}\d{6,14}|m\d{3}[a-z]\d{4}|[a-z]\d{2,3}-?\d{5,9})(?![a-z0-9_])")
_LONG_DIGITS = re.compile(r"(?<![\d.,])\d{6,}(?![\d.,])|(?<![\d-])\d{2,6}(?:-\d{2,7}){2,4}(?![\d-])")
# The letters South Korean plates use (not 동: 101동 1203호 is a flat).
_PLATE_KR = re.compile(r"(?<![\d가-힣])(?:[가-힣]{2}\s?)?\d{2,3}\s?"
                       r"[가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주아바사자배하허호육해공국합]\s?\d{4}(?!\d)")
_PLATE_CN_REGIONS = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_CN = re.compile(rf"[{_PLATE_CN_REGIONS}][a-z]\s?[a-z0-9]{{5,6}}(?![a-z0-9])")
# 통행증 번호는 양강-2011-0458: a permit's number may open with its province's short name.
_NUMBER_AFTER_CUE = re.compile(
    r"(?:passport|여권|护照|id|identity|주민등록|신분증|身份证|card|licen[cs]e|면허|번호|no\.?|number|#)"
    r"\s*(?:number|no\.?|번호|号码)?\s*(?:is|:|：|는|은)?\s*((?:[가-힣]{1,4}-)?[a-z0-9][a-z0-9-]{4,20}[0-9])"
)
# A case's or a file's number (사건번호: 2019-0412, Case no. 2019-0412): an identifier, though its digit
# groups look like a phone number's.
_CASE_NUMBER = re.compile(r"(?:사건|접수|문서|관리|등록|파일|결정|case|file|document|reference|ref\.?)\s?(?:번호|no\.?|number|#)"
                          r"\s*(?:is|:|：)?\s*((?:제\s?)?[a-z0-9][a-z0-9-]{2,20}[0-9](?:호(?=[^가-힣]|[으로에은는이가을를의와과도]|$))?)(?![\d-])")
# The class a witness left Hanawon with (하나원 142기, Hanawon class 142): some two hundred people,
# and it dates the arrival.
_HANAWON_CLASS = re.compile(
    r"(?:하나원|hanawon)\s?(?:제\s?)?(\d{1,4})\s?기(?=생|[^가-힣]|[은는이가을를의에와과도로]|$)|hanawon(?:'s|’s)?\s(?:class|cohort)\s(?:no\.?\s?)?(\d{1,4})\b"
    r"|\b(\d{1,4}(?:st|nd|rd|th))\s(?:hanawon\s(?:class|cohort)\b|(?:class|cohort)\s(?:of|at)\s(?:the\s)?hanawon\b)"
)

# A Korean court's case number: the year, the kind of case, the number (2019고합123, 2020도4567, 2018헌마12).
_COURT_CASE = re.compile(r"(?<![\d가-힣])(?:19|20)\d{2}\s?(?:고합|고단|고정|고약|감고|가합|가단|가소|카합|카단|구합|구단|"
                         r"드합|드단|헌가|헌나|헌라|헌마|헌바|[노도오초모나다누두르므허후])\d{1,6}(?:호)?(?![\d가-힣])")

# An international bank account number: country, two check digits, up to 30 letters and digits (often in fours).
_IBAN_COUNTRIES = ("ad ae al at az ba be bg bh br by ch cr cy cz de dk do ee eg es fi fo fr gb ge gi gl gr gt hr hu ie il "
                   "iq is it jo kw kz lb lc li lt lu lv mc md me mk mr mt mu nl no pk pl ps pt qa ro rs sa sc se si sk "
                   "sm st sv tl tn tr ua va vg xk").split()
_IBAN = re.compile(rf"(?<![a-z0-9])(?:{'|'.join(_IBAN_COUNTRIES)})\d{{2}}(?:\s?[a-z0-9]{{4}}){{2,7}}(?:\s?[a-z0-9]{{1,3}})?(?![a-z0-9])")

# A US alien registration number (A 123 456 789), a British National Insurance number (QQ 12 34 56 C),
# and a tribunal's or court's reference with its year (PA/01234/2016).
_A_NUMBER = re.compile(r"(?<![a-z0-9_-])a[- ]?\d{3}[- ]?\d{3}[- ]?\d{3}(?![a-z0-9_-])")
_UK_INSURANCE = re.compile(r"\b(?:national insurance|ni)\s(?:number|no\.?)\s?(?:is\s|was\s|:\s?)?"
                           r"([a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d])(?![a-z0-9_])")
# A bank account's number after its word (국민은행 계좌 123-45-678901로, account no. 1234-5678-90): its groups
# of digits look like a telephone number's.
_ACCOUNT = re.compile(r"(?:계좌|통장|account)\s?(?:번호|number|no\.?)?\s?(?:는|은|:|is\s)?\s?(\d[\d-]{6,20}\d)(?!\d)")
# A prisoner's number in a camp or a cell (prisoner number 217, inmate No. 45, 수감번호 217번): the camp's records name him.
_PRISONER_NUMBER = re.compile(r"\b(?:prisoner|inmate|detainee)(?:'s)?\s(?:number|no\.?|#)\s?(?:was\s|is\s)?(\d{1,6})\b"
                              r"|(?:수감|죄수|수인|수용자)\s?번호(?:는|은|가|이|로)?\s?(\d{1,6}\s?번?)")
_NHS = re.compile(r"\bnhs\s(?:number|no\.?)?\s?(?:is\s|was\s|:\s?)?(\d{3}[ -]?\d{3}[ -]?\d{4})(?![\d-])")
# A payment card's number in groups of four (6222 0212 3456 7890 123: China UnionPay's run to 19 digits),
# whatever its check digit: a made-up or mistyped one is still someone's card as far as a reader knows.
_CARD = re.compile(r"(?<![\d-])\d{4}(?:([ -])\d{4})(?:\1\d{4}){1,2}(?:\1\d{1,4})?(?![\d-])")
_SLASHED_REFERENCE = re.compile(r"(?<![a-z0-9_/])[a-z]{1,4}/\d{3,7}/(?:19|20)\d\d(?![a-z0-9_/])")

_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CN_CHECK = "10x98765432"


def _rrn_score(candidate: str) -> float | None:
    digits = [int(c) for c in candidate if c.isdigit()]
    if len(digits) != 13:
        return None
    total = sum(d * w for d, w in zip(digits[:12], (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)))
    # RRNs issued since October 2020 carry no checksum: keep them, lower score.
    return 1.0 if (11 - total % 11) % 10 == digits[12] else 0.7


def _cn_score(candidate: str) -> float | None:
    body = candidate.lower()
    total = sum(int(c) * w for c, w in zip(body[:17], _CN_WEIGHTS))
    return 1.0 if _CN_CHECK[total % 11] == body[17] else 0.6


def _iban_score(candidate: str) -> float | None:
    """An IBAN's check digits make the number, read from its fifth character round to its first, 1 modulo 97."""
    body = candidate.replace(" ", "")
    return 1.0 if int("".join(str(int(c, 36)) for c in body[4:] + body[:4])) % 97 == 1 else None


def _nhs_score(candidate: str) -> float | None:
    """An NHS number's tenth digit checks the first nine (weights 10 to 2, modulo 11). It is looked for only
    after the word "NHS": a telephone number has the same groups of digits."""
    digits = [int(c) for c in candidate if c.isdigit()]
    check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
    return 0.97 if check % 11 == digits[9] and check != 10 else None


def _passport_score(candidate: str) -> float | None:
    return 0.7 if sum(c.isdigit() for c in candidate) >= 6 else None


class IdNumberDetector(RegexDetector):
    """Identity document numbers with checksums where the format has one."""

    name = "id_numbers"
    label = "ID_NUMBER"
    patterns = (
        Pattern(_RRN, "ID_NUMBER", 1.0, "South Korean resident registration number", validate=_rrn_score,
                starts=_DIGITS),
        Pattern(_CN_ID, "ID_NUMBER", 1.0, "Chinese resident identity number", validate=_cn_score, starts=_DIGITS),
        Pattern(_SSN, "ID_NUMBER", 0.9, "social security number format", starts=_DIGITS),
        Pattern(_IBAN, "ID_NUMBER", 1.0, "international bank account number", validate=_iban_score,
                starts=start_keys(*_IBAN_COUNTRIES)),
        Pattern(_PASSPORT, "ID_NUMBER", 0.7, "passport or document number", validate=_passport_score),
        Pattern(_LONG_DIGITS, "ID_NUMBER", 0.5, "long number", starts=_DIGITS),
        Pattern(_CARD, "ID_NUMBER", 0.9, "payment card number in groups of four", starts=_DIGITS),
        Pattern(_PLATE_KR, "ID_NUMBER", 0.8, "South Korean vehicle plate", script="ko"),
        Pattern(_PLATE_CN, "ID_NUMBER", 0.8, "Chinese vehicle plate", needs=tuple(_PLATE_CN_REGIONS)),
        Pattern(_NUMBER_AFTER_CUE, "ID_NUMBER", 0.8, "number after an identity-document cue", group=1),
        Pattern(_CASE_NUMBER, "ID_NUMBER", 0.97, "number of a case or a file", group=1,
                needs=("번호", "no", "number", "#")),
        Pattern(_COURT_CASE, "ID_NUMBER", 0.9, "court case number", script="ko"),
        Pattern(_A_NUMBER, "ID_NUMBER", 0.97, "alien registration number", starts=start_keys("a")),
        Pattern(_ACCOUNT, "ID_NUMBER", 0.97, "bank account number", group=1, needs=("계좌", "통장", "account")),
        Pattern(_PRISONER_NUMBER, "ID_NUMBER", 0.9, "prisoner's number", group=(1, 2),
                needs=("prisoner", "inmate", "detainee", "번호")),
        Pattern(_NHS, "ID_NUMBER", 0.97, "NHS number", group=1, validate=_nhs_score, needs=("nhs",)),
        Pattern(_UK_INSURANCE, "ID_NUMBER", 0.8, "National Insurance number", group=1, needs=("insurance", "ni ")),
        Pattern(_SLASHED_REFERENCE, "ID_NUMBER", 0.9, "reference of a case with its year", needs=("/",)),
        Pattern(_HANAWON_CLASS, "ID_NUMBER", 0.8, "the number of a resettlement class", group=(1, 2, 3),
                needs=("하나원", "hanawon")),
    )
