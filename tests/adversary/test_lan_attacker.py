"""Adversary: a network attacker on the same LAN. S19, S20, S22.

They can lure a signed-in archivist to a page of theirs (cross-site requests), read
anything sent in clear, and look at what a shared browser or proxy has cached. So: every
state-changing request needs the session's CSRF token, no GET changes anything, cookies
are HttpOnly and SameSite=Strict (Secure and __Host- over TLS), and no page is cacheable.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from keys import totp
from tests.adversary import _web
from tests.adversary.conftest import PASS, Populated
from vault import releases
from vault.archive import Archive
from webui.security import CSP

IDS_KEYS = ("testimony_id", "release_id", "draft_id", "extract_id")


def _urls(s: _web.Site, populated: Populated, method: str) -> list[tuple[str, str]]:
    with populated.open("alice") as alice:
        extract = releases.get(alice.conn, populated.release_id).extract_id or "x"
    ids = dict(zip(IDS_KEYS, (populated.testimony_id, populated.release_id, populated.draft_id, extract)))
    found = []
    for rule in s.app.url_map.iter_rules():
        if method not in (rule.methods or set()):
            continue
        url = rule.rule.replace("<path:filename>", "app.css")
        for name, value in ids.items():
            url = url.replace(f"<{name}>", value)
        found.append((rule.endpoint, url))
    return found


def _state(populated: Populated, root: Path) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """Audit entries other than reads, and row counts, of the archive at ``root``."""
    archive = Archive(root)
    with archive.open_vault(archive.unlock("admin", PASS["admin"])) as admin:
        entries = [(a, o) for a, o in admin.conn.execute("SELECT action, object FROM audit ORDER BY seq")
                   if not a.endswith(".read") and a not in ("testimony.search",)]
        counts = {t: int(admin.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # noqa: S608
                  for t in ("testimonies", "users", "releases")}
    return entries, counts


@pytest.fixture()
def signed_in(populated: Populated, tmp_path: Path) -> tuple[_web.Site, dict[str, FlaskClient]]:
    s = _web.site(populated, tmp_path)
    clients = {user: _web.sign_in(s, populated, user) for user in ("alice", "admin", "ivan", "rita")}
    return s, clients


def test_s20_no_post_without_the_session_csrf_token(populated: Populated,
                                                    signed_in: tuple[_web.Site, dict[str, FlaskClient]]) -> None:
    """Every POST route, for every signed-in role, with no token, an empty one, or the token of another
    session (cross-site forgery): refused, and the archive is unchanged."""
    s, clients = signed_in
    before = _state(populated, s.root)
    mallory = s.app.test_client()
    foreign = _web.csrf_of(mallory.get("/login").get_data(as_text=True))
    posts = [(e, u) for e, u in _urls(s, populated, "POST") if e not in ("auth.login",)]
    assert len(posts) >= 15
    for user, client in clients.items():
        for endpoint, url in posts:
            for data in ({}, {"csrf_token": ""}, {"csrf_token": foreign}):
                response = client.post(url, data={**data, "username": "mallory", "role": "admin",
                                                  "passphrase": "m" * 20},
                                       headers={"Origin": "http://evil.example", "Referer": "http://evil.example/"})
                response.close()
                assert response.status_code in (400, 403, 404), (user, endpoint, data, response.status_code)
    assert _state(populated, s.root) == before
    for client in clients.values():  # still signed in: the forged logout did not end any session
        assert client.get("/").status_code in (200, 302)


def test_s20_no_get_changes_state(populated: Populated, signed_in: tuple[_web.Site, dict[str, FlaskClient]]) -> None:
    """Every GET route, as every role, with real ids: no audit entry but reads, no row added or removed,
    and every session survives (no GET logout or lock)."""
    s, clients = signed_in
    before = _state(populated, s.root)
    for client in clients.values():
        for _endpoint, url in _urls(s, populated, "GET"):
            client.get(url).close()
    assert _state(populated, s.root) == before
    alice = clients["alice"]
    assert alice.get("/archivist/").status_code == 200  # the vault is still open for her
    assert alice.get("/logout").status_code == 405


def test_s19_cookies_httponly_samesite_strict_fresh_id_at_login(populated: Populated, tmp_path: Path) -> None:
    """The session cookie is HttpOnly, SameSite=Strict, host-only, >= 256-bit, and changes at sign-in."""
    s = _web.site(populated, tmp_path)
    client = s.app.test_client()
    first = client.get("/login")
    anonymous = client.get_cookie("testimony")
    assert anonymous is not None
    header = first.headers.get("Set-Cookie", "")
    assert "HttpOnly" in header and "SameSite=Strict" in header and "Domain" not in header
    assert len(anonymous.value) * 4 >= 256 or len(anonymous.value) * 6 >= 256
    token = _web.csrf_of(first.get_data(as_text=True))
    s.clock.now += 30
    login = client.post("/login", data={"csrf_token": token, "username": "alice", "passphrase": PASS["alice"],
                                        "code": totp.code_at(populated.totp["alice"], s.clock.now)})
    assert login.status_code in (302, 303)
    after = client.get_cookie("testimony")
    assert after is not None and after.value != anonymous.value
    assert "HttpOnly" in login.headers.get("Set-Cookie", "")


def test_s19_over_tls_cookie_is_secure_and_host_prefixed(populated: Populated, tmp_path: Path) -> None:
    """Behind HTTPS the cookie is __Host-testimony; Secure; Path=/; no Domain."""
    s = _web.site(populated, tmp_path, tls=True)
    response = s.app.test_client().get("/login", base_url="https://localhost")
    header = response.headers.get("Set-Cookie", "")
    assert header.startswith("__Host-testimony=")
    for part in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/"):
        assert part in header
    assert "Domain" not in header


def test_s22_no_page_is_cacheable_and_every_answer_has_the_headers(
        populated: Populated, signed_in: tuple[_web.Site, dict[str, FlaskClient]]) -> None:
    """Every GET, by every role and anonymously (200, 302, 403, 404): CSP, DENY, nosniff, same-origin
    referrer, no server version; no-store on everything but static files."""
    s, clients = signed_in
    visitors = dict(clients, anonymous=s.app.test_client())
    seen = set()
    for client in visitors.values():
        for endpoint, url in [*_urls(s, populated, "GET"), ("missing", "/no/such/page")]:
            response = client.get(url)
            response.close()
            seen.add(response.status_code)
            headers = response.headers
            assert headers.get("Content-Security-Policy") == CSP, url
            assert headers.get("X-Frame-Options") == "DENY"
            assert headers.get("X-Content-Type-Options") == "nosniff"
            assert headers.get("Referrer-Policy") == "same-origin"
            assert "Server" not in headers or not any(c.isdigit() for c in headers["Server"])
            if endpoint != "static":
                assert "no-store" in headers.get("Cache-Control", ""), (url, headers.get("Cache-Control"))
    assert {200, 404} <= seen
