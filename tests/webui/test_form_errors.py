"""The parser's refusals reach the form by visible label, in the visitor's language."""
from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.webui.conftest import Env, sign_in
from vault import records
from vault.errors import InvalidInput
from webui import testimony_form
from webui.form_errors import describe

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _refusal(doc: dict[str, object]) -> str:
    with pytest.raises(InvalidInput) as caught:
        records.parse(doc)
    return str(caught.value)


BASE = {"language": "en", "text": "words", "consent": "research"}
CASES = [
    {**BASE, "text": ""},
    {**BASE, "interview_date": "2025-13-40"},
    {**BASE, "interview_date": "June"},
    {**BASE, "witness": {"birth_year": "19x5"}},
    {**BASE, "witness": {"name": "x" * 5000}},
    {**BASE, "events": [{"violation_type": "torture", "date": "March"}]},
    {**BASE, "events": [{"violation_type": "torture", "date": "2009-02-30"}]},
    {**BASE, "consent": "everyone"},
]


@pytest.mark.parametrize("doc", CASES)
def test_every_form_refusal_is_korean_in_korean_mode(app: Flask, client: FlaskClient, env: Env,
                                                     doc: dict[str, object]) -> None:
    message = _refusal(doc)
    token = sign_in(client, env, "inter")
    client.post("/language", data={"csrf_token": token, "lang": "ko"})
    with app.test_request_context():  # no session: English
        english = describe(message)
    assert english != message and "must" not in english
    response = client.post("/interviewer/submit", data={
        "csrf_token": token, "confirm_submit": "1", **_as_form(doc)})
    assert response.status_code == 400
    shown = re.search(r'id="form-error"[^>]*>(.*?)</p>', response.get_data(as_text=True), re.S)
    assert shown is not None
    text = re.sub(r"<[^>]+>", "", shown.group(1))
    leftovers = [w for w in LATIN_WORD.findall(text) if w not in ("YYYY", "MM", "DD")]
    assert not leftovers, text


def _as_form(doc: dict[str, object]) -> dict[str, str]:
    form = {"language": str(doc["language"]), "text": str(doc["text"]), "consent": str(doc["consent"])}
    if "interview_date" in doc:
        form["interview_date"] = str(doc["interview_date"])
    for name, value in dict(doc.get("witness", {})).items():  # type: ignore[call-overload]
        form[f"witness_{name}"] = str(value)
    for i, event in enumerate(doc.get("events", [])):  # type: ignore[arg-type]
        for name, value in event.items():
            form[f"event_{i}_{name}"] = str(value)
    return form


def test_unknown_refusals_never_show_the_parsers_english(app: Flask) -> None:
    with app.test_request_context():
        assert "zork" not in describe("zork must frobnicate")
        assert describe("witness.birth_year must be a year between 1900 and 2100").startswith("Year of birth:")
        assert describe("events[1].date must be YYYY, YYYY-MM or YYYY-MM-DD").startswith("Event 2 · Date")


def test_violation_type_refusal_is_worded(app: Flask) -> None:
    content = testimony_form.empty() | {"text": "words", "events": [{"violation_type": "other", "date": "",
                                                                     "place": "", "perpetrator": "",
                                                                     "victims": ""}]}
    with pytest.raises(InvalidInput) as caught:
        testimony_form.to_record_json(content)
    with app.test_request_context():
        assert describe(str(caught.value)) == "Events: choose a value from the list."
