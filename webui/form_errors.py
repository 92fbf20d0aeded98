"""The archive parser's refusals (English, naming internal fields) in the visitor's words.

``vault.records.parse`` says e.g. ``witness.birth_year must be a year between 1900 and 2100``;
the form shows ``Year of birth: write a year between 1900 and 2100`` (or its Korean), naming the
field by the label the interviewer sees. A message this module does not know is shown as a
general refusal, never as the parser's English.
"""
from __future__ import annotations

import re

from webui.i18n import translate

#: Parser field name -> catalogue key of the label on the form.
FIELD_LABELS = {
    "language": "form.language", "text": "form.narrative", "consent": "form.consent",
    "interview_date": "form.interview_date", "witness.name": "form.witness_name",
    "witness.aliases": "form.witness_aliases", "witness.sex": "form.witness_sex",
    "witness.birth_year": "form.birth_year", "witness.origin": "form.origin",
    "witness.occupation": "form.occupation", "witness.exit_year": "form.exit_year",
    "witness.arrival_year": "form.arrival_year", "sensitive_terms": "form.sensitive_terms",
    "violation_type": "form.event_type", "date": "form.event_date", "place": "form.event_place",
    "perpetrator": "form.event_perpetrator", "victims": "form.event_victims",
}
#: Pattern of the parser's wording after the field name -> catalogue key of the problem.
PROBLEMS = (
    (re.compile(r"^must not be empty$"), "problem.empty"),
    (re.compile(r"^must be YYYY, YYYY-MM or YYYY-MM-DD$"), "problem.partial_date"),
    (re.compile(r"^must be a date written YYYY-MM-DD$"), "problem.full_date"),
    (re.compile(r"^is not a real date: .*$"), "problem.not_a_date"),
    (re.compile(r"^must be a year between 1900 and 2100$"), "problem.year"),
    (re.compile(r"^is longer than (?P<n>\d+) characters$"), "problem.too_long"),
    (re.compile(r"^must be one of: .*$"), "problem.choose"),
    (re.compile(r"^: choose a violation type from the list$"), "problem.choose"),
    (re.compile(r"^contains (a NUL|an invalid) character.*$"), "problem.bad_character"),
    (re.compile(r"^must be a list of at most (?P<n>\d+) .*$"), "problem.too_many"),
)
_FIELD = re.compile(r"^(?P<field>events\[(?P<row>\d+)\]\.(?P<event_field>[a-z_]+)|events|[a-z_]+(\.[a-z_]+)?)"
                    r"(?P<rest>:? .*)$")


def field_label(field: str, row: str | None, event_field: str | None) -> str | None:
    if event_field is not None and row is not None:
        key = FIELD_LABELS.get(event_field)
        return None if key is None else f"{translate('form.event_row', n=int(row) + 1)} · {translate(key)}"
    if field == "events":
        return translate("form.events")
    key = FIELD_LABELS.get(field)
    return None if key is None else translate(key)


def field_of(message: str) -> str | None:
    """The parser's field name at the start of ``message`` (``witness.birth_year``, ``events[1].date``)."""
    found = _FIELD.match(message)
    if found is None:
        return None
    known = found["field"] == "events" or (found["event_field"] or found["field"]) in FIELD_LABELS
    return found["field"] if known else None


def form_id(field: str) -> str:
    """The id of the form control for the parser's ``field`` (webui/templates/interviewer/form.html)."""
    found = re.fullmatch(r"events\[(\d+)\]\.([a-z_]+)", field)
    if found:
        return f"event_{found[1]}_{found[2]}"
    return field.replace(".", "_")


def describe(message: str) -> str:
    """The refusal ``message`` from the archive parser, worded for the form in the visitor's language."""
    known = describe_known(message)
    return translate("problem.general") if known is None else known


def describe_known(message: str) -> str | None:
    """Like :func:`describe`, or None for a message this module does not know."""
    found = _FIELD.match(message)
    if found:
        label = field_label(found["field"], found["row"], found["event_field"])
        rest = found["rest"].strip() if not found["rest"].startswith(":") else found["rest"]
        for pattern, key in PROBLEMS:
            problem = pattern.match(rest)
            if label is not None and problem:
                return f"{label}: {translate(key, **problem.groupdict())}"
    return None
