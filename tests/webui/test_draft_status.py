"""The testimony form's status line (static/draft_status.js words, written by the server): saved at
what time after "Save draft", "not saved yet" for a form sent back refused; no auto-save route."""
from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.webui_site import CANARY_LATIN, Env, csrf_of, sign_in

TEXT = f"[SYNTHETIC TEST] {CANARY_LATIN} met a stranger at the market."


def _status(page: str) -> re.Match[str]:
    found = re.search(r'<p id="draft-status" class="([^"]*)"[^>]*data-saved-at="([^"]*)">(.*?)</p>', page, re.S)
    assert found, page
    return found


def test_save_draft_says_when_it_was_saved(client: FlaskClient, env: Env) -> None:
    """A new form says nothing; after "Save draft" (303, then the draft's page) the line says the time of
    the save (UTC without JavaScript; the script turns it into the device's time) and that it is encrypted."""
    token = sign_in(client, env, "inter")
    new = client.get("/interviewer/new").get_data(as_text=True)
    assert _status(new).group(2) == "" and _status(new).group(3) == ""
    assert 'data-unsaved=""' in new and "autosave" not in new
    saved = client.post("/interviewer/save", data={"csrf_token": token, "language": "en", "text": TEXT})
    assert saved.status_code == 303
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    status = _status(page)
    stamp = status.group(2)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp)
    assert status.group(3) == f"Saved at {stamp[11:16]} UTC (encrypted)."
    assert "draft-unsaved" not in status.group(1)
    assert 'data-unsaved="Not saved yet: press “Save draft”."' in page


def test_a_refused_form_says_it_is_not_saved_in_korean(client: FlaskClient, env: Env) -> None:
    """What comes back after a refusal is not saved: the line says so, and the form is marked for the
    browser's question before leaving."""
    token = sign_in(client, env, "inter")
    client.post("/language", data={"csrf_token": token, "lang": "ko", "next": "/"})
    refused = client.post("/interviewer/submit", data={"csrf_token": token, "language": "ko", "text": TEXT})
    page = client.get(refused.headers["Location"]).get_data(as_text=True)
    status = _status(page)
    assert "draft-unsaved" in status.group(1)
    assert status.group(3) == "아직 저장하지 않았습니다. “초안 저장”을 누르십시오."
    assert 'data-unsaved="1"' in page and CANARY_LATIN in page


def test_nothing_is_saved_in_the_background(app: Flask, env: Env) -> None:
    """The auto-save route is gone: a draft is saved only by the form's own post."""
    client = app.test_client()
    sign_in(client, env, "inter")
    page = client.get("/interviewer/new").get_data(as_text=True)
    answer = client.post("/interviewer/autosave", data={"csrf_token": csrf_of(page), "text": TEXT})
    assert answer.status_code == 404
    assert not list((env.root / "drafts").glob("*.draft"))
