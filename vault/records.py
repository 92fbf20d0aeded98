"""Testimony input records: strict parsing of the ``testimony add`` JSON.

The same parser serves the CLI, the web intake form and sealed intake bundles,
so every route into the archive refuses the same things with the same words.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from keys import strict_json
from vault.errors import InvalidInput

LANGUAGES = ("en", "ko")
CONSENT_SCOPES = ("archive_only", "research", "public")
SEXES = ("female", "male", "other", "unknown")
MAX_TEXT = 1_000_000
MAX_FIELD = 300
MAX_TERMS = 500
MAX_EVENTS = 200
MAX_JSON_BYTES = 8 * 1024 * 1024

_TOP = {"language", "text", "interview_date", "consent", "witness", "sensitive_terms", "events"}
_REQUIRED = {"language", "text", "consent"}
#: The fields of a witness and of an event, in the order forms show them.
WITNESS_FIELDS = ("name", "aliases", "sex", "birth_year", "origin", "occupation", "exit_year", "arrival_year")
EVENT_FIELDS = ("violation_type", "date", "place", "perpetrator", "victims")
#: The controlled list of violation types; vault/migrations/0001_initial.sql seeds the same codes
#: (with their labels) into the vault, and tests/webui/test_i18n.py checks that the two agree.
VIOLATION_TYPES = (
    "arbitrary_detention", "torture", "forced_labour", "public_execution", "extrajudicial_killing",
    "enforced_disappearance", "forced_repatriation", "sexual_violence", "trafficking", "starvation",
    "family_punishment", "religious_persecution", "restriction_of_movement", "forced_abortion",
)
_WITNESS = set(WITNESS_FIELDS)
_EVENT = set(EVENT_FIELDS)
_EVENT_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Witness:
    name: str | None = None
    aliases: tuple[str, ...] = ()
    sex: str = "unknown"
    birth_year: int | None = None
    origin: str | None = None
    occupation: str | None = None
    exit_year: int | None = None
    arrival_year: int | None = None


@dataclass(frozen=True)
class Event:
    violation_type: str
    date: str | None = None
    date_precision: str = "unknown"
    place: str | None = None
    perpetrator: str | None = None
    victims: str | None = None


@dataclass(frozen=True)
class TestimonyInput:
    language: str
    text: str
    consent: str
    interview_date: str | None = None
    witness: Witness = field(default_factory=Witness)
    sensitive_terms: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Return the record in the ``testimony add`` JSON shape."""
        doc = asdict(self)
        doc["witness"]["aliases"] = list(self.witness.aliases)
        doc["sensitive_terms"] = list(self.sensitive_terms)
        doc["events"] = [{k: v for k, v in asdict(e).items() if k != "date_precision"} for e in self.events]
        return doc


def parse_json_bytes(raw: bytes) -> TestimonyInput:
    """Parse and validate a JSON document given as bytes."""
    if len(raw) > MAX_JSON_BYTES:
        raise InvalidInput(f"testimony file is larger than {MAX_JSON_BYTES // (1024 * 1024)} MiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"testimony file is not valid UTF-8 (byte {exc.start})") from None
    try:
        doc = strict_json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"testimony file is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise InvalidInput("testimony file is nested too deeply") from None
    except ValueError as exc:  # duplicate key, NaN/Infinity, or an integer of more than 4300 digits
        raise InvalidInput(f"testimony file is not valid JSON: {str(exc)[:120]}") from None
    return parse(doc)


def parse(doc: Any) -> TestimonyInput:
    """Validate a decoded JSON object; unknown or malformed fields are named."""
    if not isinstance(doc, dict):
        raise InvalidInput("a testimony must be a JSON object")
    _no_unknown(doc, _TOP, "")
    missing = sorted(_REQUIRED - set(doc))
    if missing:
        raise InvalidInput("missing field(s): " + ", ".join(missing))
    language = _choice(doc["language"], LANGUAGES, "language")
    text = _text(doc["text"], "text", MAX_TEXT, required=True)
    consent = _choice(doc["consent"], CONSENT_SCOPES, "consent")
    interview_date = _iso_date(doc.get("interview_date"), "interview_date")
    witness = _witness(doc.get("witness") or {})
    terms = _terms(doc.get("sensitive_terms") or [])
    events = _events(doc.get("events") or [])
    assert text is not None
    return TestimonyInput(language, text, consent, interview_date, witness, terms, events)


def _witness(item: Any) -> Witness:
    if not isinstance(item, dict):
        raise InvalidInput("witness must be an object")
    _no_unknown(item, _WITNESS, "witness.")
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or len(aliases) > 50:
        raise InvalidInput("witness.aliases must be a list of at most 50 names")
    return Witness(
        name=_text(item.get("name"), "witness.name", MAX_FIELD),
        aliases=tuple(_text(a, "witness.aliases", MAX_FIELD, required=True) or "" for a in aliases),
        sex=_choice(item.get("sex") or "unknown", SEXES, "witness.sex"),
        birth_year=_year(item.get("birth_year"), "witness.birth_year"),
        origin=_text(item.get("origin"), "witness.origin", MAX_FIELD),
        occupation=_text(item.get("occupation"), "witness.occupation", MAX_FIELD),
        exit_year=_year(item.get("exit_year"), "witness.exit_year"),
        arrival_year=_year(item.get("arrival_year"), "witness.arrival_year"),
    )


def _terms(items: Any) -> tuple[str, ...]:
    if not isinstance(items, list) or len(items) > MAX_TERMS:
        raise InvalidInput(f"sensitive_terms must be a list of at most {MAX_TERMS} strings")
    terms = []
    for item in items:
        term = _text(item, "sensitive_terms", MAX_FIELD, required=True)
        if term and term not in terms:
            terms.append(term)
    return tuple(terms)


def _events(items: Any) -> tuple[Event, ...]:
    if not isinstance(items, list) or len(items) > MAX_EVENTS:
        raise InvalidInput(f"events must be a list of at most {MAX_EVENTS} objects")
    events = []
    for index, item in enumerate(items):
        where = f"events[{index}]."
        if not isinstance(item, dict):
            raise InvalidInput(f"events[{index}] must be an object")
        _no_unknown(item, _EVENT, where)
        kind = _text(item.get("violation_type"), where + "violation_type", 64, required=True)
        raw_date = _text(item.get("date"), where + "date", 10)
        day, precision = _event_date(raw_date, where + "date")
        events.append(
            Event(
                violation_type=kind or "",
                date=day,
                date_precision=precision,
                place=_text(item.get("place"), where + "place", MAX_FIELD),
                perpetrator=_text(item.get("perpetrator"), where + "perpetrator", MAX_FIELD),
                victims=_text(item.get("victims"), where + "victims", MAX_FIELD),
            )
        )
    return tuple(events)


def _event_date(value: str | None, name: str) -> tuple[str | None, str]:
    if value is None:
        return None, "unknown"
    match = _EVENT_DATE.match(value)
    if not match:
        raise InvalidInput(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise InvalidInput(f"{name} is not a real date: {value}") from None
    return value, "day" if day else "month" if month else "year"


def _no_unknown(item: dict[str, Any], allowed: set[str], prefix: str) -> None:
    unknown = sorted(set(item) - allowed)
    if unknown:
        shown = ", ".join(prefix + _shown(str(k)) for k in unknown[:10]) + (" ..." if len(unknown) > 10 else "")
        raise InvalidInput("unknown field(s): " + shown)


def _shown(name: str) -> str:
    """A field name fit for a one-line message: no newlines or terminal escapes from the input."""
    return name if name.isprintable() and len(name) <= 60 else ascii(name[:60])


def _choice(value: Any, allowed: tuple[str, ...], name: str) -> str:
    if value not in allowed:
        raise InvalidInput(f"{name} must be one of: {', '.join(allowed)}")
    return str(value)


def _text(value: Any, name: str, limit: int, *, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise InvalidInput(f"{name} must not be empty")
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be a string")
    if len(value) > limit:
        raise InvalidInput(f"{name} is longer than {limit} characters")
    if "\x00" in value:
        raise InvalidInput(f"{name} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (JSON "\ud800") cannot be stored
        raise InvalidInput(f"{name} contains an invalid character (a lone UTF-16 surrogate)") from None
    return value


def _year(value: Any, name: str) -> int | None:
    if value is None or value == "":
        return None
    if type(value) is not int or not 1900 <= value <= 2100:
        raise InvalidInput(f"{name} must be a year between 1900 and 2100")
    return value


def _iso_date(value: Any, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) and len(value) == 10 else _bad(name)
    except ValueError:
        return _bad(name)


def _bad(name: str) -> str:
    raise InvalidInput(f"{name} must be a date written YYYY-MM-DD")
