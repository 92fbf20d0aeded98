"""Post/Redirect/Get: every POST answers 303, and a refused form comes back after the redirect from
memory only (webui.kept_forms): never in the cookie, never on disk, only for its own session."""
from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.webui_site import CANARY_HANGUL, CANARY_LATIN, PASSPHRASE, Env, csrf_of, refused_page, sign_in
from vault import records, testimonies
from vault.archive import Archive
from webui.kept_forms import KEEP_SECONDS
from webui.state import EXTENSION

NARRATIVE = f"[SYNTHETIC TEST] {CANARY_LATIN} and {CANARY_HANGUL} crossed the river at night."


def _refused_submit(client: FlaskClient, token: str, **extra: str) -> object:
    """A submission without "I am sure" ticked and with a bad year: refused, nothing sealed."""
    return client.post("/interviewer/submit", data={
        "csrf_token": token, "language": "en", "consent": "research", "text": NARRATIVE,
        "witness_name": CANARY_LATIN, "witness_birth_year": "nineteen-eighty",
        "sensitive_terms": CANARY_HANGUL, **extra})


def _encodings(text: str) -> list[bytes]:
    return [text.encode(), unicodedata.normalize("NFD", text).encode(), text.encode("utf-16-le")]


def _files_holding(roots: list[Path], needles: list[bytes]) -> list[Path]:
    return [p for root in roots for p in root.rglob("*")
            if p.is_file() and any(n in p.read_bytes() for n in needles)]


def test_refused_submit_redirects_and_the_page_shows_what_was_typed(client: FlaskClient, env: Env) -> None:
    """A refused submission is a 303 to the form; the form shows the text and every refusal, on every
    reload while it is kept, and the "I am sure" tick is asked for again."""
    token = sign_in(client, env, "inter")
    response = _refused_submit(client, token, confirm_submit="1")
    assert response.status_code == 303  # type: ignore[attr-defined]
    location = response.headers["Location"]  # type: ignore[attr-defined]
    assert location.startswith("/interviewer/new?kept=") and location.endswith("#form-error")
    page = refused_page(client, response)
    assert NARRATIVE in page and f'value="{CANARY_LATIN}"' in page and 'value="nineteen-eighty"' in page
    assert "Year of birth: write a year between 1900 and 2100" in page
    assert 'id="confirm-submit" required>' in page  # not ticked again by itself
    assert NARRATIVE in client.get(location).get_data(as_text=True)  # a reload: the same page, nothing resent
    assert not list((env.root / "inbox").glob("*.sealed"))


def test_a_refused_draft_keeps_its_draft_and_the_edit(client: FlaskClient, env: Env) -> None:
    """Refused while editing a saved draft: back to that draft, showing the edit (not the saved text)."""
    token = sign_in(client, env, "inter")
    saved = client.post("/interviewer/save", data={"csrf_token": token, "language": "en", "text": "first words"})
    draft_url = saved.headers["Location"]
    response = _refused_submit(client, token, draft_id=draft_url.rsplit("/", 1)[1])
    assert response.headers["Location"].startswith(draft_url + "?kept=")  # type: ignore[attr-defined]
    page = refused_page(client, response)
    assert NARRATIVE in page and "first words" not in page
    assert "first words" in client.get(draft_url).get_data(as_text=True)  # the saved draft is unchanged


def test_kept_values_never_reach_the_cookie_or_disk(app: Flask, env: Env, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The canary typed into a refused form: no Set-Cookie header and no file under the archive or the
    temp directory holds it (UTF-8 NFC and NFD, UTF-16); the cookie is the session id alone."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    client = app.test_client()
    token = sign_in(client, env, "inter")
    response = _refused_submit(client, token)
    page = client.get(response.headers["Location"])  # type: ignore[attr-defined]
    assert CANARY_HANGUL in page.get_data(as_text=True)
    cookies = [h for r in (response, page) for h in r.headers.getlist("Set-Cookie")]  # type: ignore[attr-defined]
    for canary in (CANARY_LATIN, CANARY_HANGUL, "nineteen-eighty", "river"):
        assert all(canary not in c for c in cookies)
    session_ids = {s.id for s in app.extensions[EXTENSION].sessions.live()}
    assert client.get_cookie("testimony").value in session_ids  # type: ignore[union-attr]
    needles = [n for c in (CANARY_LATIN, CANARY_HANGUL) for n in _encodings(c)]
    assert _files_holding([env.root, temp], needles) == []


def test_only_the_session_that_typed_it_sees_it(app: Flask, env: Env) -> None:
    """The redirect's address opened by another signed-in interviewer shows an empty form."""
    owner, other = app.test_client(), app.test_client()
    location = _refused_submit(owner, sign_in(owner, env, "inter")).headers["Location"]  # type: ignore[attr-defined]
    sign_in(other, env, "inter")
    page = other.get(location).get_data(as_text=True)
    assert CANARY_LATIN not in page and "form-error" not in page


def test_kept_forms_end_with_the_session_and_expire(app: Flask, env: Env) -> None:
    """Sign-out drops what was kept; so does the session ending; and after KEEP_SECONDS it is gone."""
    client = app.test_client()
    token = sign_in(client, env, "inter")
    location = _refused_submit(client, token).headers["Location"]  # type: ignore[attr-defined]
    web = app.extensions[EXTENSION]
    [session] = [s for s in web.sessions.live() if s.username == "inter"]
    assert len(session.kept) == 1
    env.clock.advance(KEEP_SECONDS - 1)
    assert CANARY_LATIN in client.get(location).get_data(as_text=True)
    env.clock.advance(2)
    assert CANARY_LATIN not in client.get(location).get_data(as_text=True)

    location = _refused_submit(client, token).headers["Location"]  # type: ignore[attr-defined]
    assert session.kept
    client.post("/logout", data={"csrf_token": token})
    assert session.kept == {}  # sign-out: the session and what it kept are gone
    token = sign_in(client, env, "inter")
    assert CANARY_LATIN not in client.get(location).get_data(as_text=True)

    _refused_submit(client, token)
    [session] = [s for s in web.sessions.live() if s.username == "inter"]
    web.sessions.end(session)  # the last session ends (timeout, lock now)
    assert session.kept == {}


def test_a_success_drops_what_was_kept(app: Flask, env: Env) -> None:
    """Once the form goes through, nothing typed before is held any longer."""
    client = app.test_client()
    token = sign_in(client, env, "inter")
    _refused_submit(client, token)
    [session] = [s for s in app.extensions[EXTENSION].sessions.live() if s.username == "inter"]
    assert session.kept
    assert client.post("/interviewer/save", data={"csrf_token": token, "language": "en",
                                                  "text": "ok"}).status_code == 303
    assert session.kept == {}


def test_passphrases_and_ticks_are_never_kept(app: Flask, env: Env) -> None:
    """A refused account form keeps the name and role, never the passphrase or "I am sure"."""
    client = app.test_client()
    token = sign_in(client, env, "admin")
    secret = "a passphrase nobody may keep 7"
    response = client.post("/admin/users", data={"csrf_token": token, "username": "inter", "role": "researcher",
                                                 "passphrase": secret, "confirm": "1"})
    page = refused_page(client, response)
    assert 'id="new-username" name="username" required value="inter"' in page
    assert secret not in page
    [session] = [s for s in app.extensions[EXTENSION].sessions.live() if s.username == "admin"]
    [kept] = session.kept.values()
    assert dict(kept.values) == {"username": "inter", "role": "researcher"}


def test_every_redirect_after_a_post_is_303(client: FlaskClient, env: Env) -> None:
    """Success and refusal alike: the browser follows with a GET and a reload resends nothing."""
    token = sign_in(client, env, "inter")
    saved = client.post("/interviewer/save", data={"csrf_token": token, "language": "en", "text": "x"})
    refused = _refused_submit(client, token)
    switched = client.post("/language", data={"csrf_token": token, "lang": "ko", "next": "/interviewer/"})
    assert [r.status_code for r in (saved, refused, switched)] == [303, 303, 303]  # type: ignore[attr-defined]
    assert client.get("/interviewer/").status_code == 200


def test_refusals_elsewhere_come_back_after_the_redirect(app: Flask, env: Env) -> None:
    """The consent form (archivist) keeps the basis typed; the workbench shows its refusal."""
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch1", PASSPHRASE)) as vault:
        record = records.parse({"language": "en", "text": "[SYNTHETIC TEST] A short narrative.",
                                "consent": "research"})
        testimony_id = testimonies.add(vault.conn, record, actor=vault.actor)
    client = app.test_client()
    token = sign_in(client, env, "arch1")
    basis = f"[SYNTHETIC] signed form held by {CANARY_LATIN}"
    response = client.post(f"/archivist/testimony/{testimony_id}/consent",
                           data={"csrf_token": token, "scope": "public", "basis": basis})
    page = refused_page(client, response)
    assert basis in page and 'value="public" selected' in page
    bench = client.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    refused = client.post(f"/archivist/testimony/{testimony_id}/decisions",
                          data={"csrf_token": csrf_of(bench), "manual_start": "5", "manual_end": "5000"})
    assert "inside the text" in refused_page(client, refused)


def test_a_draft_that_cannot_be_saved_comes_back_as_a_new_form(client: FlaskClient, env: Env) -> None:
    """A stale page naming no valid draft: the text returns on a new form, saying why, in Korean too."""
    token = sign_in(client, env, "inter")
    client.post("/language", data={"csrf_token": token, "lang": "ko", "next": "/"})
    response = client.post("/interviewer/save", data={"csrf_token": token, "draft_id": "not-a-draft",
                                                      "language": "ko", "text": NARRATIVE})
    assert response.headers["Location"].startswith("/interviewer/new?kept=")  # type: ignore[attr-defined]
    page = refused_page(client, response)
    assert NARRATIVE in page and "새 초안으로 저장하십시오" in page
    assert not list((env.root / "drafts").glob("*.draft"))


def test_a_kept_form_belongs_to_its_own_testimony(app: Flask, env: Env) -> None:
    """Two testimonies' consent forms refused one after the other: each keeps its own typing, and one
    testimony's token shows nothing on the other's page (its choices must never fill another's form)."""
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch1", PASSPHRASE)) as vault:
        first, second = (testimonies.add(vault.conn, records.parse(
            {"language": "en", "text": f"[SYNTHETIC TEST] Narrative {n}.", "consent": "research"}),
            actor=vault.actor) for n in (1, 2))
    client = app.test_client()
    token = sign_in(client, env, "arch1")
    urls = {}
    for testimony_id in (first, second):
        refused = client.post(f"/archivist/testimony/{testimony_id}/consent",
                              data={"csrf_token": token, "scope": "public", "basis": f"basis of {testimony_id}"})
        urls[testimony_id] = refused.headers["Location"]  # type: ignore[attr-defined]
    assert f"basis of {first}" in client.get(urls[first]).get_data(as_text=True)  # not replaced by the second
    assert f"basis of {second}" in client.get(urls[second]).get_data(as_text=True)
    elsewhere = urls[first].replace(first, second)
    assert f"basis of {first}" not in client.get(elsewhere).get_data(as_text=True)
