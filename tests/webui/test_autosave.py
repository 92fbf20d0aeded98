"""Auto-save of the interview draft (POST /interviewer/autosave, static/autosave.js): the same
encrypted draft storage as "Save draft", JSON for the page's own script, refusals in words."""
from __future__ import annotations

import json
import secrets

from flask import Flask
from flask.testing import FlaskClient

from tests.webui_site import CANARY_HANGUL, CANARY_LATIN, Env, sign_in
from webui import drafts
from webui.state import EXTENSION

TEXT = f"[SYNTHETIC TEST] {CANARY_LATIN} met {CANARY_HANGUL} at the market."


def _autosave(client: FlaskClient, token: str, draft_id: str, **fields: str) -> object:
    return client.post("/interviewer/autosave", headers={"X-CSRF-Token": token},
                       data={"draft_id": draft_id, "language": "en", "consent": "research", "text": TEXT, **fields})


def test_autosave_stores_the_draft_encrypted_under_the_page_id(client: FlaskClient, env: Env) -> None:
    """A new form's reserved id becomes the draft; saving again replaces it (one draft); nothing
    readable reaches the disk; the answer says where it opens and when it was saved."""
    token = sign_in(client, env, "inter")
    form = client.get("/interviewer/new").get_data(as_text=True)
    assert 'data-autosave-url="/interviewer/autosave"' in form
    draft_id = form.split('data-new-draft-id="', 1)[1][:32]
    assert drafts.is_draft_id(draft_id)
    first = _autosave(client, token, draft_id)
    assert first.status_code == 200  # type: ignore[attr-defined]
    answer = json.loads(first.get_data(as_text=True))  # type: ignore[attr-defined]
    assert answer["draft_id"] == draft_id and answer["url"] == f"/interviewer/draft/{draft_id}"
    assert answer["saved_at"] == "2027-01-15T08:00:30Z"  # the injected clock, UTC
    assert first.headers["Cache-Control"] == "no-store"  # type: ignore[attr-defined]
    second = _autosave(client, token, draft_id, witness_name="W")
    assert second.status_code == 200  # type: ignore[attr-defined]
    listing = client.get("/interviewer/").get_data(as_text=True)
    assert listing.count(f"/interviewer/draft/{draft_id}\"") == 1
    page = client.get(answer["url"]).get_data(as_text=True)
    assert CANARY_LATIN in page and 'value="W"' in page
    for path in env.root.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert CANARY_LATIN.encode() not in raw and CANARY_HANGUL.encode() not in raw, path


def test_autosave_refusals_are_words_in_the_visitors_language(client: FlaskClient, env: Env) -> None:
    """A malformed id and a draft over the size limit are refused in JSON, in Korean for Korean pages."""
    token = sign_in(client, env, "inter")
    client.post("/language", data={"csrf_token": token, "lang": "ko", "next": "/"})
    bad = _autosave(client, token, "../../etc/passwd")
    assert bad.status_code == 400  # type: ignore[attr-defined]
    assert "이 화면이 최신 상태가 아닙니다" in json.loads(bad.get_data(as_text=True))["error"]  # type: ignore[attr-defined]
    huge = _autosave(client, token, secrets.token_hex(16), text="가" * (drafts.MAX_DRAFT_BYTES // 3 + 10))
    assert huge.status_code == 400  # type: ignore[attr-defined]
    assert "MB보다 커서 저장하지 못했습니다" in json.loads(huge.get_data(as_text=True))["error"]  # type: ignore[attr-defined]
    assert list((env.root / "drafts").glob("*.draft")) == []  # nothing saved, not even in part


def test_autosave_needs_the_session_and_its_token(app: Flask, env: Env) -> None:
    """Without the CSRF token, or after the session ended, nothing is saved."""
    client = app.test_client()
    token = sign_in(client, env, "inter")
    draft_id = secrets.token_hex(16)
    assert client.post("/interviewer/autosave", data={"draft_id": draft_id, "text": TEXT}).status_code == 400
    web = app.extensions[EXTENSION]
    for session in web.sessions.live():
        web.sessions.end(session)
    assert _autosave(client, token, draft_id).status_code == 403  # type: ignore[attr-defined]
    assert not list(env.root.rglob(f"*{draft_id}*"))


def test_autosave_does_not_drop_a_refused_form(app: Flask, env: Env) -> None:
    """The refused form stays available to a reload while auto-save runs on the same page."""
    client = app.test_client()
    token = sign_in(client, env, "inter")
    refused = client.post("/interviewer/submit", data={"csrf_token": token, "language": "en", "text": TEXT})
    location = refused.headers["Location"]
    assert _autosave(client, token, secrets.token_hex(16)).status_code == 200  # type: ignore[attr-defined]
    assert CANARY_LATIN in client.get(location).get_data(as_text=True)
