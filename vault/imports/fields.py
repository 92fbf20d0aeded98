"""The record fields a column can fill, the names people give those columns, and their values.

A column is assigned to one *target*: a field of the ``testimony add`` record
(``witness.name``, ``event.date``, ...), ``title`` (put above the text as its first
paragraph), ``note`` (kept in the vault only, never in the text), or ``ignore``.
Header names are recognised in English and Korean, ignoring case, spaces and
punctuation.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vault.errors import InvalidInput


@dataclass(frozen=True)
class Target:
    name: str
    label_en: str
    label_ko: str
    headers: tuple[str, ...]


IGNORE = "ignore"

TARGETS: tuple[Target, ...] = (
    Target("text", "Testimony text", "증언 본문",
           ("text", "testimony", "testimony text", "transcript", "narrative", "statement", "account", "content",
            "body", "story", "증언", "증언 내용", "증언내용", "본문", "내용", "진술", "진술 내용", "녹취", "녹취록")),
    Target("title", "Title (above the text)", "제목 (본문 위에)", ("title", "heading", "subject", "제목", "표제")),
    Target("language", "Language", "언어", ("language", "lang", "언어")),
    Target("consent", "Consent", "동의 범위", ("consent", "consent scope", "동의", "동의 범위", "동의범위", "공개 동의")),
    Target("interview_date", "Interview date", "면담 날짜",
           ("interview date", "date of interview", "interviewed", "interview", "면담일", "면담 날짜", "면담날짜",
            "인터뷰 날짜", "인터뷰 일자", "면담 일자", "조사일")),
    Target("witness.name", "Witness name", "증언자 이름",
           ("name", "witness", "witness name", "full name", "interviewee", "이름", "성명", "증언자", "증언자 이름",
            "진술자", "면담자 이름")),
    Target("witness.aliases", "Other names", "다른 이름",
           ("aliases", "alias", "other names", "also known as", "aka", "별명", "가명", "다른 이름", "이명")),
    Target("witness.sex", "Sex", "성별", ("sex", "gender", "성별")),
    Target("witness.birth_year", "Birth year", "출생 연도",
           ("birth year", "year of birth", "born", "birth", "출생연도", "출생 연도", "생년", "출생년도", "출생")),
    Target("witness.origin", "Place of origin", "출신지",
           ("origin", "hometown", "home town", "place of origin", "from", "출신", "출신지", "고향", "출신 지역")),
    Target("witness.occupation", "Occupation", "직업", ("occupation", "job", "work", "profession", "직업", "직장")),
    Target("witness.exit_year", "Year left North Korea", "탈북 연도",
           ("exit year", "year left", "left", "defection year", "year of defection", "exit", "탈북연도",
            "탈북 연도", "탈북년도", "탈북")),
    Target("witness.arrival_year", "Year of arrival", "입국 연도",
           ("arrival year", "arrived", "year of arrival", "arrival", "입국연도", "입국 연도", "입국년도", "입국")),
    Target("sensitive_terms", "Names and places to protect", "보호할 이름과 장소",
           ("sensitive terms", "terms to protect", "protect", "names to protect", "보호할 이름", "보호 대상",
            "민감어", "민감 정보", "보호할 이름과 장소")),
    Target("event.violation_type", "Violation", "침해 유형",
           ("violation", "violation type", "type of violation", "abuse", "category", "침해", "침해 유형",
            "침해유형", "인권침해 유형", "피해 유형")),
    Target("event.date", "Date of the event", "사건 날짜",
           ("event date", "date of event", "date of the event", "when", "date", "incident date", "사건 날짜",
            "사건일", "사건 일자", "발생일", "발생 일자", "날짜", "일자", "시기")),
    Target("event.place", "Place of the event", "사건 장소",
           ("place", "location", "event place", "where", "incident location", "사건 장소", "장소", "발생 장소",
            "지역", "위치")),
    Target("event.perpetrator", "Perpetrator", "가해자",
           ("perpetrator", "perpetrators", "responsible", "agency", "가해자", "가해 기관", "가해기관", "책임 기관")),
    Target("event.victims", "Victims", "피해자", ("victims", "victim", "피해자", "피해자들")),
    Target("note", "Note kept in the vault only", "보관소 전용 메모",
           ("note", "notes", "remarks", "comment", "comments", "private", "비고", "메모", "참고", "비공개")),
    Target("attachments", "Attachment file names", "첨부 파일 이름",
           ("attachments", "attachment", "files", "file", "documents", "첨부", "첨부 파일", "첨부파일", "파일")),
    Target(IGNORE, "Ignore this column", "이 열은 가져오지 않음", ()),
)
BY_NAME = {t.name: t for t in TARGETS}
#: targets of which a row may hold at most one column
SINGLE = frozenset(t.name for t in TARGETS) - {IGNORE, "note", "text", "sensitive_terms", "attachments",
                                                  "witness.aliases"}


def normalise_header(header: str) -> str:
    """Compare headers without case, width, spaces or punctuation."""
    folded = unicodedata.normalize("NFKC", header).casefold()
    return re.sub(r"[\s_\-./:()\[\]*#]+", " ", folded).strip()


_HEADER_INDEX = {normalise_header(h): t.name for t in TARGETS for h in t.headers}
_HEADER_INDEX.update({normalise_header(t.name): t.name for t in TARGETS})


def recognise(header: str) -> str | None:
    """The target a header names, or None when it is not recognised."""
    key = normalise_header(header)
    if key in _HEADER_INDEX:
        return _HEADER_INDEX[key]
    suffix = re.sub(r"\s+(en|ko)$", "", key)  # Uwazi's per-language columns: "title__en"
    return _HEADER_INDEX.get(suffix)


# -- values ---------------------------------------------------------------------------

_LANGUAGES = {"en": "en", "eng": "en", "english": "en", "영어": "en",
              "ko": "ko", "kor": "ko", "korean": "ko", "한국어": "ko", "조선어": "ko", "한국말": "ko"}
_CONSENT = {
    "archive only": "archive_only", "archive": "archive_only", "보관만": "archive_only",
    "보관": "archive_only", "보관 전용": "archive_only", "비공개": "archive_only",
    "research": "research", "연구": "research", "연구용": "research", "연구 목적": "research",
    "public": "public", "공개": "public", "전체 공개": "public",
}
_SEXES = {"female": "female", "f": "female", "woman": "female", "여": "female", "여성": "female", "여자": "female",
          "male": "male", "m": "male", "man": "male", "남": "male", "남성": "male", "남자": "male",
          "other": "other", "기타": "other", "unknown": "unknown", "모름": "unknown", "미상": "unknown"}


def _key(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).casefold().replace("_", " ").split())


def language(value: str) -> str:
    found = _LANGUAGES.get(_key(value))
    if found is None:
        raise InvalidInput("is not a language this archive keeps (English or Korean: en, ko, 영어, 한국어)")
    return found


def guess_language(text: str) -> str:
    """Korean when the text has any Hangul syllable, else English."""
    return "ko" if any("\uac00" <= ch <= "\ud7a3" for ch in text) else "en"


def consent(value: str) -> str:
    found = _CONSENT.get(_key(value))
    if found is None:
        raise InvalidInput("is not a consent scope (archive_only, research or public; 보관만, 연구, 공개)")
    return found


def sex(value: str) -> str:
    found = _SEXES.get(_key(value))
    if found is None:
        raise InvalidInput("is not a sex this archive records (female, male, other, unknown; 여성, 남성)")
    return found


def split_list(value: str) -> list[str]:
    """Split a cell that lists several values (``;``, ``|`` or a new line)."""
    return [part.strip() for part in re.split(r"[;|\n]", value) if part.strip()]
