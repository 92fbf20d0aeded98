"""Korean and English interface text: a small catalogue, no run-time downloads.

Templates call ``_("key")`` (optionally with ``{name}`` fields). Every key must
have both languages; ``tests/webui/test_i18n.py`` checks the catalogue is complete and
that every key used in a template or view exists.
"""
from __future__ import annotations

from typing import Any

from flask import Flask

from vault.redaction.gazetteer import gazetteer
from webui import security
from webui.catalogue import MESSAGES
from webui.permissions import HOME
from webui.state import current_session

LANGUAGES = ("en", "ko")


def current_language() -> str:
    session = current_session()
    if session is not None and session.lang in LANGUAGES:
        return session.lang
    return "en"


def translate(key: str, **fields: Any) -> str:
    """Return the message for ``key`` in the visitor's language."""
    pair = MESSAGES[key]
    text = pair[1] if current_language() == "ko" else pair[0]
    return text.format(**fields) if fields else text


def place_name(value: str | None) -> str:
    """A generalised place in the visitor's language (released metadata holds English names)."""
    if not value or current_language() != "ko":
        return value or ""
    found = gazetteer().find(value)
    return found.ko_name if found is not None and found.name == value else value


#: Released coarse regions (``vault.anonymity``) in Korean; the released metadata holds the English.
REGION_KO = {
    "Northern border (DPRK)": "북한 북부 국경 지역", "East coast (DPRK)": "북한 동해안 지역",
    "West and centre (DPRK)": "북한 서부·중부 지역", "Northeast China": "중국 동북 지역",
}


def fact_value(name: str, value: object) -> str:
    """A released fact (sex, age band, region, period, violation) in the visitor's words."""
    text = "" if value is None else str(value)
    if text == "*":
        return translate("release.withheld")
    if text in ("", "unknown"):
        return translate("sex.unknown") if name == "sex" else (translate("fact.unknown") if text else "–")
    if name == "sex" and "sex." + text in MESSAGES:
        return translate(f"sex.{text}")
    if name == "violation_type" and "violation." + text in MESSAGES:
        return translate(f"violation.{text}")
    if name in ("origin_region", "province", "route"):
        if current_language() == "ko" and text in REGION_KO:
            return REGION_KO[text]
        return place_name(text)
    return text


def install(app: Flask) -> None:
    @app.context_processor
    def _globals() -> dict[str, Any]:
        session = current_session()
        return {
            "_": translate,
            "place": place_name,
            "fact": fact_value,
            "catalogue": MESSAGES,
            "lang": current_language(),
            "csrf_token": security.csrf_token,
            "principal": session.principal if session else "anonymous",
            "username": session.username if session and session.signed_in else None,
            "home_endpoint": HOME.get(session.principal) if session else None,
            "take_notices": lambda: _take_notices(),
        }


def _take_notices() -> list[str | tuple[str, str, str]]:
    session = current_session()
    if session is None or not session.notices:
        return []
    notices, session.notices = session.notices, []
    return notices


def notify(key: str, *, link: tuple[str, str] | None = None, **fields: Any) -> None:
    """Show a message on the visitor's next page; ``link`` is (href, link text) shown after it."""
    session = current_session()
    if session is not None:
        text = translate(key, **fields)
        session.notices.append(text if link is None else (text, link[0], link[1]))


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def readable_time(stamp: str | None) -> str:
    """``2026-12-05T03:20:00Z`` as "5 Dec 2026, 03:20 UTC" or "2026년 12월 5일 03:20 (UTC)"."""
    if not stamp or len(stamp) < 16:
        return stamp or ""
    try:
        year, month, day = int(stamp[:4]), int(stamp[5:7]), int(stamp[8:10])
    except ValueError:
        return stamp
    clock = stamp[11:16]
    if current_language() == "ko":
        return f"{year}년 {month}월 {day}일 {clock} (UTC)"
    return f"{day} {_MONTHS_EN[month - 1]} {year}, {clock} UTC"
