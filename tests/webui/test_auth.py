"""Sign-in security: S16 (no enumeration), S17 (TOTP), S18 (throttling), S19 (sessions), S25."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

import keys.keyring
from keys import totp
from tests.webui_site import PASSPHRASE, Env, csrf_of, make_config, page_token, post_login, sign_in
from vault.errors import InvalidInput
from webui import create_app
from webui.state import EXTENSION


def _cookie(response: object) -> str:
    header = response.headers.get("Set-Cookie", "")  # type: ignore[attr-defined]
    return str(header)


# -- S16 -------------------------------------------------------------------------------------


def test_s16_unknown_user_and_wrong_passphrase_look_the_same(client: FlaskClient, env: Env,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Same status, same body, and the same number of Argon2id runs for both failures.

    (The wall-clock comparison, median over 50 tries, is in bench/bench_web.py: tests do
    not assert timings.)
    """
    calls: list[int] = []
    real = keys.keyring.derive_key

    def counting(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(keys.keyring, "derive_key", counting)
    unknown = post_login(client, env, "nobody-here", code="123456")
    unknown_calls = len(calls)
    calls.clear()
    wrong = post_login(client, env, "arch1", passphrase="not the passphrase", code="123456")
    assert unknown.status_code == wrong.status_code == 401  # type: ignore[attr-defined]
    assert unknown.get_data() .replace(b"nobody-here", b"") == wrong.get_data().replace(b"arch1", b"")  # type: ignore[attr-defined]
    assert unknown_calls == len(calls) == 2  # user tag + slot key, for both


def test_s16_wrong_code_with_right_passphrase_gives_the_same_answer(client: FlaskClient, env: Env) -> None:
    """A wrong second factor is reported exactly like a wrong passphrase."""
    wrong_code = post_login(client, env, "arch1", code="000000")
    wrong_pass = post_login(client, env, "arch1", passphrase="nope nope nope", code="000000")
    assert wrong_code.status_code == wrong_pass.status_code == 401  # type: ignore[attr-defined]
    assert wrong_code.get_data() == wrong_pass.get_data()  # type: ignore[attr-defined]


# -- S17 -------------------------------------------------------------------------------------


def test_s17_totp_code_replay_refused(app: Flask, env: Env) -> None:
    """A code that signed in once is refused the second time, even from another browser."""
    env.clock.advance(30)
    code = totp.code_at(env.totp["reader"], env.clock.now)
    first = post_login(app.test_client(), env, "reader", code=code)
    assert first.status_code == 303  # type: ignore[attr-defined]
    again = post_login(app.test_client(), env, "reader", code=code)
    assert again.status_code == 401  # type: ignore[attr-defined]


def test_s17_totp_window_is_one_step(app: Flask, env: Env) -> None:
    """The previous step's code works; one two steps old does not."""
    secret = env.totp["reader"]
    env.clock.advance(300)
    old = totp.code_at(secret, env.clock.now - 60)
    previous = totp.code_at(secret, env.clock.now - 30)
    if old != previous:
        assert post_login(app.test_client(), env, "reader", code=old).status_code == 401  # type: ignore[attr-defined]
    assert post_login(app.test_client(), env, "reader", code=previous).status_code == 303  # type: ignore[attr-defined]


def test_s17_totp_unit_rules() -> None:
    """matching_step: +-1 step, never a step at or before the last used one, digits only."""
    secret = b"k" * 20
    now = 1_900_000_000.0
    step = totp.step_at(now)
    assert totp.matching_step(secret, totp.code_at(secret, now), last_step=-1, now=now) == step
    assert totp.matching_step(secret, totp.code_at(secret, now + 30), last_step=-1, now=now) == step + 1
    with pytest.raises(totp.TotpRejected):
        totp.matching_step(secret, totp.code_at(secret, now), last_step=step, now=now)
    with pytest.raises(totp.TotpRejected):
        totp.matching_step(secret, totp.code_at(secret, now + 90), last_step=-1, now=now)
    with pytest.raises(totp.TotpRejected):
        totp.matching_step(secret, "12a456", last_step=-1, now=now)
    assert totp.from_base32(totp.to_base32(secret)) == secret
    assert totp.provisioning_uri(secret, "a b").startswith("otpauth://totp/")


def test_s17_first_sign_in_enrols_totp(app: Flask, env: Env, tmp_path: Path) -> None:
    """An account without TOTP is sent to enrolment; it must prove the code before any page opens."""
    from vault.archive import Archive

    ring = Archive(env.root).keyring
    unlocked = ring.unlock("inter", PASSPHRASE)
    ring.update(unlocked, PASSPHRASE, totp_secret=None, totp_last_step=-1)
    client = app.test_client()
    response = post_login(client, env, "inter", code="")
    assert response.status_code == 303 and response.headers["Location"].endswith("/enrol")  # type: ignore[attr-defined]
    assert client.get("/interviewer/").status_code == 403
    page = client.get("/enrol").get_data(as_text=True)
    import re

    secret = totp.from_base32(re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1))  # type: ignore[union-attr]
    no_token = client.post("/enrol", data={"passphrase": PASSPHRASE, "code": totp.code_at(secret, env.clock.now)})
    assert no_token.status_code == 400  # S20
    bad = client.post("/enrol", data={"csrf_token": csrf_of(page), "passphrase": PASSPHRASE, "code": "000000"})
    assert bad.status_code == 401
    good = client.post("/enrol", data={"csrf_token": csrf_of(page), "passphrase": PASSPHRASE,
                                       "code": totp.code_at(secret, env.clock.now)})
    assert good.status_code == 303
    assert client.get("/interviewer/").status_code == 200
    assert ring.unlock("inter", PASSPHRASE).totp_secret == secret


# -- S18 -------------------------------------------------------------------------------------


def test_s18_sixth_attempt_refused_even_with_right_passphrase(app: Flask, env: Env) -> None:
    """Five failures in 60 s block the account name; another account is unaffected; a minute later it works."""
    client = app.test_client()
    for _ in range(5):
        assert post_login(client, env, "arch1", passphrase="wrong wrong wrong").status_code == 401  # type: ignore[attr-defined]
    env.clock.advance(30)
    blocked = post_login(client, env, "arch1")
    assert blocked.status_code == 429  # type: ignore[attr-defined]
    other = post_login(app.test_client(), env, "arch2")
    assert other.status_code == 303  # type: ignore[attr-defined]
    env.clock.advance(31)
    assert post_login(app.test_client(), env, "arch1").status_code == 303  # type: ignore[attr-defined]


def test_s18_throttle_keyed_on_name_not_existence(app: Flask, env: Env) -> None:
    """Unknown names are throttled exactly like real ones (no enumeration through the throttle)."""
    client = app.test_client()
    for _ in range(5):
        post_login(client, env, "ghost", code="000000")
    assert post_login(client, env, "ghost", code="000000").status_code == 429  # type: ignore[attr-defined]


# -- S19 -------------------------------------------------------------------------------------


def test_s19_cookie_flags_and_new_id_at_login(client: FlaskClient, env: Env) -> None:
    """HttpOnly + SameSite=Strict, a 256-bit id, and a different id after signing in."""
    first = client.get("/login")
    before = _cookie(first)
    assert "HttpOnly" in before and "SameSite=Strict" in before
    old_id = before.split("=", 1)[1].split(";", 1)[0]
    assert len(old_id) == 64 and int(old_id, 16) >= 0
    env.clock.advance(30)
    response = client.post("/login", data={"csrf_token": csrf_of(first.get_data(as_text=True)), "username": "reader",
                                           "passphrase": PASSPHRASE,
                                           "code": totp.code_at(env.totp["reader"], env.clock.now)})
    new_id = _cookie(response).split("=", 1)[1].split(";", 1)[0]
    assert len(new_id) == 64 and new_id != old_id


def test_s19_tls_cookie_uses_host_prefix_and_secure(env: Env) -> None:
    """Over TLS the cookie is __Host- prefixed and Secure."""
    app = create_app(make_config(env, tls=True))
    header = _cookie(app.test_client().get("/login", base_url="https://localhost"))
    assert header.startswith("__Host-testimony=") and "Secure" in header and "Path=/" in header


def test_s19_idle_and_absolute_timeouts(app: Flask, env: Env) -> None:
    """15 idle minutes end a session; so do 8 hours of constant activity."""
    client = app.test_client()
    sign_in(client, env, "reader")
    env.clock.advance(14 * 60)
    assert client.get("/research/").status_code == 200
    env.clock.advance(15 * 60 + 1)
    assert client.get("/research/").status_code == 302
    sign_in(client, env, "reader")
    for _ in range(33):  # 33 x 899 s > 8 h, never 15 min idle
        env.clock.advance(15 * 60 - 1)
        client.get("/research/charts")
    assert client.get("/research/").status_code == 302


def test_s19_logout_is_post_with_csrf_and_ends_session_server_side(app: Flask, env: Env) -> None:
    """GET /logout is not allowed; POST without a token is refused; after logout the old id is dead."""
    client = app.test_client()
    token = sign_in(client, env, "reader")
    cookie = client.get_cookie("testimony")
    assert cookie is not None
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    thief = app.test_client()
    thief.set_cookie("testimony", cookie.value)
    assert thief.get("/research/").status_code == 302


def test_s19_vault_key_held_only_while_a_vault_user_is_signed_in(app: Flask, env: Env) -> None:
    """Open at the first archivist login; kept while another remains; dropped at the last logout."""
    keeper = app.extensions[EXTENSION].keeper
    reader = app.test_client()
    sign_in(reader, env, "reader")
    assert not keeper.is_open
    a1, a2 = app.test_client(), app.test_client()
    t1 = sign_in(a1, env, "arch1")
    assert keeper.is_open
    t2 = sign_in(a2, env, "arch2")
    a1.post("/logout", data={"csrf_token": t1})
    assert keeper.is_open
    a2.post("/logout", data={"csrf_token": t2})
    assert not keeper.is_open


def test_s19_vault_key_dropped_on_idle_timeout(app: Flask, env: Env) -> None:
    """The sweeper ends an idle archivist session and the key goes with it."""
    web = app.extensions[EXTENSION]
    sign_in(app.test_client(), env, "arch1")
    assert web.keeper.is_open
    env.clock.advance(15 * 60 + 1)
    assert web.sweep() >= 1
    assert not web.keeper.is_open


def test_s19_lock_now_ends_every_vault_session(app: Flask, env: Env) -> None:
    """Lock now drops the key and signs out every archivist and admin; researchers stay."""
    keeper = app.extensions[EXTENSION].keeper
    a1, a2, reader = app.test_client(), app.test_client(), app.test_client()
    t1 = sign_in(a1, env, "arch1")
    sign_in(a2, env, "admin")
    sign_in(reader, env, "reader")
    assert a1.post("/archivist/lock", data={"csrf_token": t1}).status_code == 303
    assert not keeper.is_open
    assert a2.get("/admin/").status_code == 302
    assert reader.get("/research/").status_code == 200


# -- S25 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("secret", [b"", b"short-secret"])
def test_s25_refuses_missing_or_short_secret_key(env: Env, secret: bytes) -> None:
    """Outside testing, a secret key under 32 bytes stops start-up."""
    with pytest.raises(InvalidInput):
        create_app(make_config(env, testing=False, secret_key=secret))


def test_s25_debug_off_and_timeouts_capped(env: Env) -> None:
    """Debug is off; idle timeouts above 15 minutes and absolute above 8 hours are refused."""
    app = create_app(make_config(env, testing=False, secret_key=b"x" * 32))
    assert app.debug is False and app.config["DEBUG"] is False
    with pytest.raises(InvalidInput):
        create_app(make_config(env, idle_timeout=16 * 60))
    with pytest.raises(InvalidInput):
        create_app(make_config(env, absolute_timeout=9 * 3600))


def test_login_page_needs_csrf(client: FlaskClient, env: Env) -> None:
    """Even the login form is CSRF-protected (login CSRF)."""
    page_token(client)
    response = client.post("/login", data={"username": "reader", "passphrase": PASSPHRASE, "code": "1"})
    assert response.status_code == 400


def test_head_is_a_read_not_a_sign_in_attempt(app: Flask, env: Env) -> None:
    """HEAD /login shows nothing and counts as no failed attempt (no GET-like method changes state)."""
    client = app.test_client()
    for _ in range(6):
        assert client.head("/login").status_code == 200
    client.head("/login?username=reader")
    env.clock.advance(30)
    assert post_login(app.test_client(), env, "reader").status_code == 303  # type: ignore[attr-defined]


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:x"])
def test_language_switch_is_not_an_open_redirect(client: FlaskClient, target: str) -> None:
    """The "next" of the language form only ever points back into this site."""
    token = page_token(client)
    response = client.post("/language", data={"csrf_token": token, "lang": "ko", "next": target})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_vault_locked_under_a_session_sends_to_sign_in(app: Flask, env: Env) -> None:
    """If the key vanished (locked elsewhere) a vault page ends the session instead of failing."""
    client = app.test_client()
    sign_in(client, env, "arch1")
    app.extensions[EXTENSION].keeper.lock_now()  # the key goes, the session entry stays
    response = client.get("/archivist/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert client.get("/archivist/").status_code == 302


def test_s17_concurrent_sign_ins_cannot_share_a_code(env: Env) -> None:
    """Two sign-ins that unlocked the slot before either recorded the step: only one code use wins."""
    from vault.archive import Archive

    ring = Archive(env.root).keyring
    first = ring.unlock("reader", PASSPHRASE)
    second = ring.unlock("reader", PASSPHRASE)  # both see the same (old) last step
    now = env.clock.now + 300
    code = totp.code_at(env.totp["reader"], now)
    guard = totp.StepGuard()
    totp.verify_and_consume(ring, first, PASSPHRASE, code, now=now, guard=guard)
    with pytest.raises(totp.TotpRejected):
        totp.verify_and_consume(ring, second, PASSPHRASE, code, now=now, guard=guard)


def test_researcher_session_holds_a_key_that_cannot_open_the_vault(app: Flask, env: Env) -> None:
    """The only key a researcher's session carries is RK; vault.db refuses it."""
    from vault import store
    from vault.archive import Archive
    from vault.errors import StorageError

    sign_in(app.test_client(), env, "reader")
    web = app.extensions[EXTENSION]
    (session,) = [s for s in web.sessions.live() if s.role is not None]
    assert session.secret is not None and not web.keeper.is_open
    with pytest.raises(StorageError):
        store.connect(Archive(env.root).vault_path, session.secret)
