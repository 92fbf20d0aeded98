"""The parser's refusals reach the form by visible label, in the visitor's language."""
from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.webui_site import Env, refused_page, sign_in
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
    text_page = refused_page(client, response)
    shown = re.search(r'id="form-error"[^>]*>(.*?)</div>', text_page, re.S)
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
        assert describe(str(caught.value)) == "Event 1 · Violation: choose a value from the list."



@pytest.mark.parametrize("name, value, korean", [
    ("sex", "female", "여성"), ("sex", "*", "비공개"), ("origin_region", "Northern border (DPRK)", "북한 북부 국경 지역"),
    ("violation_type", "forced_labour", None), ("exit_period", "unknown", "알 수 없음"),
])
def test_released_facts_read_in_korean(app: Flask, monkeypatch: pytest.MonkeyPatch, name: str, value: str,
                                       korean: str | None) -> None:
    """Enum values of released facts (sex, coarse regions, violations) are shown as Korean words."""
    from webui import i18n
    from webui.catalogue import MESSAGES

    monkeypatch.setattr(i18n, "current_language", lambda: "ko")
    shown = i18n.fact_value(name, value)
    assert shown == (korean or MESSAGES["violation." + value][1])
    assert not LATIN_WORD.search(shown)


def test_korean_catalogue_has_no_jargon_or_command_lines() -> None:
    """No keyslot jargon, suite ids or command lines in the Korean interface text."""
    from webui.catalogue import MESSAGES

    for key, (_en, ko) in MESSAGES.items():
        assert "키슬롯" not in ko and "`" not in ko and "hybrid-mlkem" not in ko, key
        assert "testimony " not in ko and " --" not in ko, key


def test_every_problem_at_once_each_by_its_field(client: FlaskClient, env: Env) -> None:
    """Four refused fields and a missing tick: five problems in one answer, each under its field,
    listed at the top as links to the fields, in the order of the form; nothing typed is lost."""
    token = sign_in(client, env, "inter")
    response = client.post("/interviewer/submit", data={
        "csrf_token": token, "language": "en", "consent": "research", "text": "",
        "interview_date": "June", "witness_birth_year": "nineteen-eighty", "witness_name": "Kim [SYNTHETIC]",
        "event_1_violation_type": "torture", "event_1_date": "March",
    })
    text_page = refused_page(client, response)
    page = text_page
    expected = {  # in the order of the form
        "interview_date": "Interview date: ", "witness_birth_year": "Year of birth: ",
        "event_0_date": "Event 1 · Date", "text": "Narrative: ", "confirm-submit": "Tick the box",
    }
    summary = re.search(r'<ul id="form-problems">(.*?)</ul>', page, re.S)
    assert summary is not None
    links = re.findall(r'<a href="#([\w-]+)">([^<]*)</a>', summary.group(1))
    assert [target for target, _words in links] == list(expected), links
    for target, start in expected.items():
        control = re.search(rf'<(?:input|select|textarea)[^>]*id="{target}"[^>]*>', page)
        assert control is not None, target
        assert 'aria-invalid="true"' in control.group(0)
        assert re.search(rf'aria-describedby="(?:[\w-]+ )?error-{target}"', control.group(0)), control.group(0)
        shown = re.search(rf'<p class="field-error" id="error-{target}">([^<]*)</p>', page)
        assert shown is not None and start in shown.group(1), (target, shown)
    assert 'value="nineteen-eighty"' in page and 'value="Kim [SYNTHETIC]"' in page
    assert page.count('aria-invalid="true"') == len(expected)


def test_refusals_list_each_problem_once(app: Flask) -> None:
    content = testimony_form.empty() | {"text": "", "language": "fr", "interview_date": "2024-02-30"}
    content["witness"] = content["witness"] | {"birth_year": "1850", "exit_year": "later"}
    content["events"] = [{"violation_type": "other", "date": "soon", "place": "", "perpetrator": "", "victims": ""}]
    fields = [field for field, _message in testimony_form.refusals(content)]
    assert fields == ["language", "interview_date", "witness.birth_year", "witness.exit_year",
                      "events[0].violation_type", "events[0].date", "text"]  # in the order of the form
    assert testimony_form.refusals(testimony_form.empty() | {"text": "words"}) == []


@pytest.mark.parametrize("typed, kept", [
    ("2024-05-01", "2024-05-01"), ("2024.5.1", "2024-05-01"), ("2024. 5. 1.", "2024-05-01"),
    ("2024/5/1", "2024-05-01"), ("2024년 5월 1일", "2024-05-01"), ("2009년 3월", "2009-03"), ("2009", "2009"),
    ("05/01/2024", "05/01/2024"), ("June", "June"),
])
def test_dates_are_read_as_people_write_them(typed: str, kept: str) -> None:
    """One date format kept (year-month-day); common ways of writing it are read as that."""
    assert testimony_form.written_date(typed) == kept


def test_a_dotted_korean_date_is_kept_in_the_one_format(client: FlaskClient, env: Env) -> None:
    token = sign_in(client, env, "inter")
    response = client.post("/interviewer/save", data={
        "csrf_token": token, "language": "ko", "consent": "research", "text": "[SYNTHETIC] 면담",
        "interview_date": "2024. 5. 1.", "event_0_violation_type": "torture", "event_0_date": "2009년 3월",
    }, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert 'value="2024-05-01"' in page and 'value="2009-03"' in page


def test_saving_a_draft_with_attachments_says_they_were_not_kept(client: FlaskClient, env: Env) -> None:
    """A photo chosen before *Save draft* is not silently dropped: the next page says so."""
    import io

    token = sign_in(client, env, "inter")
    response = client.post("/interviewer/save", data={
        "csrf_token": token, "language": "en", "consent": "research", "text": "[SYNTHETIC] a draft",
        "attachments": [(io.BytesIO(b"\xff\xd8\xff" + b"0" * 64), "photo.jpg"), (io.BytesIO(b"x"), "note.txt")],
    }, content_type="multipart/form-data", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Draft saved" in page and "The 2 attached file(s) were not kept" in page
    plain = client.post("/interviewer/save", data={"csrf_token": token, "language": "en", "consent": "research",
                                                   "text": "[SYNTHETIC] another"}, follow_redirects=True)
    assert "were not kept" not in plain.get_data(as_text=True)
