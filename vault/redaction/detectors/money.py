"""Amounts of money in English and Korean (MONEY)."""
from __future__ import annotations

import re

from vault.redaction.detectors._regex import Pattern, RegexDetector, start_keys

_CUR = (r"(?:dollars?|usd|us\$|yuan|rmb|renminbi|cny|won|krw|kpw|euros?|eur|pounds?|yen|jpy|"
        r"baht|kip|tugriks?|roubles?|rubles?)")
_SCALE = r"(?:\s?(?:hundred|thousand|million|billion|k|m|bn))?"
_SYMBOLS = ("$", "€", "£", "¥", "₩")
# Whose money, between the amount and the currency: 15,000 North Korean won, 500 Chinese yuan, 100 US dollars.
_WHOSE = r"(?:(?:north\s|south\s)?korean\s|chinese\s|u\.?s\.?\s|american\s|hong\skong\s)?"
_CODES = ("us$", "rmb", "cny", "krw", "usd")
_COUNTS = ("a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "fifty", "a few")
_EN_MONEY = re.compile(
    rf"(?:[{''.join(_SYMBOLS)}]|\b(?:{'|'.join(map(re.escape, _CODES))}))\s?\d[\d,.]*{_SCALE}"
    rf"|\b\d[\d,.]*{_SCALE}\s?{_WHOSE}{_CUR}\b"
    rf"|\b(?:{'|'.join(_COUNTS)})\s(?:hundred|thousand|million)\s{_CUR}\b"
)
# An amount may be written in several groups: 삼만 오천 원, 3만 5천 위안, 108만1920원, 116억5318만원
# (the first one optional).
_KO_FIRST_GROUP = r"(?:(?:\d[\d,.]*|[일이삼사오육칠팔구십백천만억몇수]+)\s?(?:만|천|백|억|조)\s?)?"
_KO_MONEY = re.compile(
    r"(?=[\d일이삼사오육칠팔구십백천만억몇수조원위달딸불엔유바킵인북\s])(?:" + _KO_FIRST_GROUP +
    r"(?:\d[\d,.]*|[일이삼사오육칠팔구십백천만억몇수]+)?\s?(?:만|천|백|억|조)?\s?"
    r"(?:원|위안|달러|딸라|불|엔|유로|바트|킵|인민폐|원화|북한\s?돈)(?![가-힣])"
    r"|" + _KO_FIRST_GROUP +
    r"(?:\d[\d,.]*|[일이삼사오육칠팔구십백천만억몇수]+)\s?(?:만|천|백|억|조)?\s?"
    r"(?:원|위안|달러|딸라|불|엔|유로|바트|킵|인민폐)(?=[을를이가은는의에도만씩짜으로과와]|까지|부터|어치|쯤|\s|$))"
)


def _ko_money_score(candidate: str) -> float | None:
    # "원" alone is too common a syllable; require a number or a scale word before it.
    if not any(c.isdigit() or c in "일이삼사오육칠팔구십백천만억몇수" for c in candidate):
        return None
    # One Sino-Korean digit syllable and a currency word make ordinary words (이유로 "for
    # the reason", 구원, 사원, 일원, "이 불"): amounts that small are written with digits.
    numeral = candidate.replace(" ", "")
    for currency in ("유로", "원", "불", "엔", "달러", "위안"):
        if numeral.endswith(currency):
            numeral = numeral[: -len(currency)]
            break
    if len(numeral) == 1 and numeral in "일이삼사오육칠팔구수":
        return None  # 수원 is the city of Suwon; "several won" is 몇 원
    return 0.9


class MoneyDetector(RegexDetector):
    """Amounts with a currency."""

    name = "money"
    label = "MONEY"
    patterns = (
        Pattern(_EN_MONEY, "MONEY", 0.8, "amount of money", starts=start_keys("0", *_SYMBOLS, *_CODES, *_COUNTS)),
        Pattern(_KO_MONEY, "MONEY", 0.9, "Korean amount of money", validate=_ko_money_score, script="ko"),
    )
