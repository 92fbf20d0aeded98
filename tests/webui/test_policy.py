"""Deny by default (S21), CSRF on every state change (S20), headers (S22), no external URL (S23)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.webui_site import Env, sign_in
from webui import permissions, security

WEBUI = Path(__file__).resolve().parents[2] / "webui"
SAMPLE_ARGS = {"draft_id": "0" * 32, "testimony_id": "T-000000000000", "release_id": "R-000000000000",
               "extract_id": "X-0000000000000000", "filename": "app.css",
               "attachment_id": "A-0000000000000000", "position": 0, "job_id": "0" * 22, "name": "period"}
LOGIN_FORMS = {"auth.login", "auth.enrol"}  # GET shows the form, POST submits it


def _routes(app: Flask) -> list[tuple[str, str, str]]:
    out = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):  # type: ignore[operator]
            url = rule.build({a: SAMPLE_ARGS[a] for a in rule.arguments})[1]  # type: ignore[index]
            out.append((rule.endpoint, method, url))
    return out


# -- S21 ---------------------------------------------------------------------------------------


def test_s21_every_route_is_in_the_permission_table(app: Flask) -> None:
    """An endpoint/method without a row in webui/permissions.py fails here; stale rows too."""
    routes = {(endpoint, method) for endpoint, method, _ in _routes(app)}
    assert routes - set(permissions.TABLE) == set(), "unlisted routes"
    assert set(permissions.TABLE) - routes == set(), "rows for routes that do not exist"
    for principals in permissions.TABLE.values():
        assert principals <= permissions.PRINCIPALS


@pytest.mark.parametrize("principal", sorted(permissions.PRINCIPALS - {"enrolling"}))
def test_s21_role_walk_matches_the_table(app: Flask, env: Env, principal: str) -> None:
    """Every route answers each principal as the table says: allowed, or 302/403/404 by policy."""
    client = app.test_client()
    users = {"admin": "admin", "archivist": "arch1", "researcher": "reader", "interviewer": "inter"}
    token = sign_in(client, env, users[principal]) if principal in users else ""
    for endpoint, method, url in _routes(app):
        if endpoint in ("auth.logout", "archivist.lock", "auth.login", "auth.set_language"):
            continue  # these end or replace the session under test; covered in test_auth
        allowed = permissions.is_allowed(principal, endpoint, method)
        response = client.open(url, method=method, data={"csrf_token": token})
        response.close()
        if allowed:
            assert response.status_code not in (401, 403), (endpoint, method, response.status_code)
        elif principal == "anonymous":
            assert response.status_code in (302, 403), (endpoint, method)
        elif principal == "researcher":
            assert response.status_code == 404, (endpoint, method)
        else:
            assert response.status_code == 403, (endpoint, method, response.status_code)


def test_s21_researcher_gets_404_for_anything_not_released(client: FlaskClient, env: Env) -> None:
    """Unknown extract ids, vault pages and other roles' pages are all simply not there."""
    sign_in(client, env, "reader")
    for url in ("/research/extract/X-0123456789abcdef", "/research/extract/T-000000000000",
                "/archivist/testimony/T-000000000000", "/archivist/", "/admin/", "/interviewer/"):
        assert client.get(url).status_code == 404, url


# -- S20 ---------------------------------------------------------------------------------------


def test_s20_every_state_changing_route_needs_csrf(app: Flask, env: Env) -> None:
    """Every non-GET route refuses a request without (or with a wrong) CSRF token.

    Each route is tried as a principal the table allows (so the CSRF check, not the
    permission check, is what answers); the walk must cover every non-GET route.
    """
    routes = [(e, m, u) for e, m, u in _routes(app) if m != "GET"]
    checked: set[str] = set()
    principals = {"admin": "admin", "arch1": "archivist", "reader": "researcher", "inter": "interviewer"}
    for user, principal in principals.items():
        client = app.test_client()
        sign_in(client, env, user)
        for endpoint, method, url in routes:
            if not permissions.is_allowed(principal, endpoint, method):
                continue
            assert client.open(url, method=method, data={}).status_code == 400, endpoint
            assert client.open(url, method=method, data={"csrf_token": "0" * 64}).status_code == 400, endpoint
            checked.add(endpoint)
    anonymous = app.test_client()
    anonymous.get("/login")
    for endpoint, method, url in routes:
        if permissions.is_allowed("anonymous", endpoint, method):
            assert anonymous.open(url, method=method, data={}).status_code == 400, endpoint
            checked.add(endpoint)
    assert {e for e, _, _ in routes} - checked == {"auth.enrol"}  # CSRF on enrol: test_auth


def _snapshot(root: Path) -> dict[str, str]:
    """Hashes of every file except the databases (audited reads append to the audit log)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".db" not in p.name and not p.name.endswith(".lock")}


def test_s20_no_get_changes_state(app: Flask, env: Env) -> None:
    """GET routes are never the POST routes (except the sign-in forms), and GETs leave files alone."""
    routes = _routes(app)
    posts = {e for e, m, _ in routes if m == "POST"}
    gets = {e for e, m, _ in routes if m == "GET"}
    assert gets & posts == LOGIN_FORMS
    for user in ("admin", "arch1", "reader", "inter"):
        client = app.test_client()
        sign_in(client, env, user)
        before = _snapshot(env.root)
        for endpoint, method, url in routes:
            if method == "GET" and permissions.is_allowed(user if user != "arch1" else "archivist", endpoint, "GET"):
                client.get(url).close()
        assert _snapshot(env.root) == before, user


# -- S22 ---------------------------------------------------------------------------------------


#: S22's policy, word for word: no connect-src (the pages' scripts send nothing in the background).
EXPECTED_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
S22_DIRECTIVES = {"default-src": "'none'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self'",
                  "font-src": "'self'", "form-action": "'self'", "base-uri": "'none'", "frame-ancestors": "'none'"}
#: Ways a script sends something without a page load; none may appear in the pages' scripts.
BACKGROUND_SENDING = re.compile(r"\b(fetch|XMLHttpRequest|sendBeacon|WebSocket|EventSource|importScripts)\b")


def test_s22_the_policy_is_exactly_s22_and_documented() -> None:
    """The CSP is S22's string; a directive added (connect-src, say), dropped or loosened fails."""
    assert security.CSP == EXPECTED_CSP
    directives = dict(d.split(" ", 1) for d in security.CSP.split("; "))
    assert directives == S22_DIRECTIVES
    for doc in ("web.md", "threat-model.md"):
        text = " ".join((Path(__file__).parents[2] / "docs" / doc).read_text(encoding="utf-8").split())
        assert EXPECTED_CSP in text, doc
        assert "connect-src 'self'" not in text, doc


def test_s22_no_script_sends_anything_in_the_background() -> None:
    """No page script uses fetch, XMLHttpRequest, sendBeacon, WebSocket (nor EventSource or workers'
    importScripts): everything reaches the server by a form or a link, which the policy allows."""
    scripts = sorted((WEBUI / "static").rglob("*.js"))
    assert scripts
    for script in scripts:
        found = BACKGROUND_SENDING.findall(script.read_text(encoding="utf-8"))
        assert not found, (script.name, found)


def _assert_headers(response: object, *, static: bool = False) -> None:
    response.close()  # type: ignore[attr-defined]
    headers = response.headers  # type: ignore[attr-defined]
    assert headers["Content-Security-Policy"] == EXPECTED_CSP
    assert "default-src 'none'" in security.CSP and "frame-ancestors 'none'" in security.CSP
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Server" not in headers
    if not static:
        assert headers["Cache-Control"] == "no-store"


def test_s22_headers_on_pages_errors_and_static(app: Flask, env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    """200, 302, 400, 403, 404, 405, 500 and static responses all carry the headers."""
    client = app.test_client()
    _assert_headers(client.get("/login"))
    _assert_headers(client.get("/"))
    _assert_headers(client.get("/no/such/page"))
    _assert_headers(client.get("/logout"))
    _assert_headers(client.post("/login", data={}))
    _assert_headers(client.get("/static/app.css"), static=True)
    _assert_headers(client.get("/static/workbench.js"), static=True)
    _assert_headers(client.get("/static/missing.css"))
    sign_in(client, env, "reader")
    _assert_headers(client.get("/admin/"))

    from vault import reading_room

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(reading_room, "connect", boom)
    response = client.get("/research/")
    assert response.status_code == 500
    assert "simulated" not in response.get_data(as_text=True)
    _assert_headers(response)


# -- S23 ---------------------------------------------------------------------------------------

_EXTERNAL = re.compile(r"(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}|@import|url\(\s*['\"]?(?:https?:|//)")


def test_s23_no_external_url_in_templates_or_static() -> None:
    """Templates, CSS and JS reference no other origin (no CDN, no web fonts)."""
    files = [p for p in (WEBUI / "templates").rglob("*") if p.is_file()]
    files += [p for p in (WEBUI / "static").rglob("*") if p.is_file()]
    assert len(files) > 10
    # The SVG namespace is an identifier that is never fetched; nothing else may name another origin.
    texts = {p: p.read_text("utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "") for p in files}
    offenders = {str(p): m.group(0) for p, text in texts.items() if (m := _EXTERNAL.search(text))}
    assert offenders == {}


def test_s23_no_inline_script_or_style(app: Flask) -> None:
    """The CSP forbids inline code, so templates have none (it would silently break)."""
    for path in (WEBUI / "templates").rglob("*.html"):
        text = path.read_text("utf-8")
        assert "<style" not in text and " style=" not in text, path
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert not re.search(r"\son[a-z]+=", text), path
