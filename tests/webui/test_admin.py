"""Admin pages: accounts with keyslots and TOTP, passphrase resets, removal, backups."""
from __future__ import annotations

import re

from flask import Flask

from keys import totp
from tests.webui.conftest import Env, csrf_of, post_login, sign_in

NEW_PASS = "a brand new long passphrase"


def _secret(html: str) -> bytes:
    return totp.from_base32(re.search(r'id="new-totp-secret">([A-Z2-7]+)<', html).group(1))  # type: ignore[union-attr]


def test_admin_adds_user_who_signs_in_with_shown_totp(app: Flask, env: Env) -> None:
    """A new account gets a keyslot and a TOTP secret shown once (base32 and otpauth URI)."""
    admin = app.test_client()
    token = sign_in(admin, env, "admin")
    response = admin.post("/admin/users", data={"csrf_token": token, "username": "newbie", "role": "researcher",
                                                 "passphrase": NEW_PASS})
    assert response.status_code == 302  # a redirect after the POST: a reload resends nothing
    shown = admin.get(response.headers["Location"])
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200 and "otpauth://totp/" in html
    env.totp["newbie"] = _secret(html)
    again = admin.get(response.headers["Location"])  # reloading: the secret is not shown a second time
    assert again.status_code == 302 and "new-totp-secret" not in admin.get("/admin/").get_data(as_text=True)
    env.clock.advance(30)
    assert post_login(app.test_client(), env, "newbie", passphrase=NEW_PASS).status_code == 302  # type: ignore[attr-defined]


def test_admin_refuses_short_passphrase_and_unknown_role(app: Flask, env: Env) -> None:
    """Bad input is a readable 400, and no account appears."""
    admin = app.test_client()
    token = sign_in(admin, env, "admin")
    short = admin.post("/admin/users", data={"csrf_token": token, "username": "x", "role": "researcher",
                                              "passphrase": "short"})
    assert short.status_code == 400 and "at least" in short.get_data(as_text=True)
    role = admin.post("/admin/users", data={"csrf_token": token, "username": "y", "role": "wizard",
                                             "passphrase": NEW_PASS})
    assert role.status_code == 400
    unchosen = admin.post("/admin/users", data={"csrf_token": token, "username": "z", "passphrase": NEW_PASS})
    assert unchosen.status_code == 400 and "Choose a role" in unchosen.get_data(as_text=True)
    form = admin.get("/admin/").get_data(as_text=True)
    role_menu = re.search(r'<select id="new-role"[^>]*>(.*?)</select>', form, re.S).group(1)  # type: ignore[union-attr]
    assert re.match(r'<option value="" selected>', role_menu), "the role menu has no default role"


def test_admin_resets_and_removes(app: Flask, env: Env) -> None:
    """A reset gives a new passphrase and TOTP; the old ones stop working; removal ends sign-in."""
    admin = app.test_client()
    token = sign_in(admin, env, "admin")
    unconfirmed = admin.post("/admin/users/reset", data={"csrf_token": token, "username": "reader",
                                                          "passphrase": NEW_PASS})
    assert unconfirmed.status_code == 400 and "new-totp-secret" not in unconfirmed.get_data(as_text=True)
    response = admin.post("/admin/users/reset", data={"csrf_token": token, "username": "reader",
                                                       "passphrase": NEW_PASS, "confirm": "1"}, follow_redirects=True)
    assert response.status_code == 200
    old_secret = env.totp["reader"]
    env.totp["reader"] = _secret(response.get_data(as_text=True))
    assert old_secret != env.totp["reader"]
    env.clock.advance(30)
    assert post_login(app.test_client(), env, "reader").status_code == 401  # type: ignore[attr-defined]
    env.clock.advance(30)
    assert post_login(app.test_client(), env, "reader", passphrase=NEW_PASS).status_code == 302  # type: ignore[attr-defined]
    page = admin.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/users/remove?username=reader"' in page
    unconfirmed = admin.post("/admin/users/remove", data={"csrf_token": csrf_of(page), "username": "reader"})
    assert unconfirmed.status_code == 302  # to the page that asks first
    asked = admin.get(unconfirmed.headers["Location"]).get_data(as_text=True)
    assert "This removes the account reader (researcher)" in asked and "can no longer be opened" in asked
    env.clock.advance(30)
    assert post_login(app.test_client(), env, "reader", passphrase=NEW_PASS).status_code == 302  # type: ignore[attr-defined]
    response = admin.post("/admin/users/remove", data={"csrf_token": csrf_of(page), "username": "reader",
                                                        "confirm": "1"})
    assert response.status_code == 302
    env.clock.advance(30)
    assert post_login(app.test_client(), env, "reader", passphrase=NEW_PASS).status_code == 401  # type: ignore[attr-defined]


def test_admin_makes_encrypted_backup(app: Flask, env: Env) -> None:
    """The backup button writes a new backup folder next to the archive and lists it."""
    admin = app.test_client()
    token = sign_in(admin, env, "admin")
    response = admin.post("/admin/backups", data={"csrf_token": token}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "backup-" in html
    folder = env.root.with_name(env.root.name + "-backups")
    (backup,) = list(folder.iterdir())
    assert (backup / "vault.db").is_file() and (backup / "manifest.json").is_file()


def test_admin_sees_and_rotates_the_intake_key(app: Flask, env: Env) -> None:
    """The intake page shows the fingerprint; rotating makes a new one and intake.pub follows."""
    admin = app.test_client()
    sign_in(admin, env, "admin")
    page = admin.get("/admin/intake").get_data(as_text=True)
    before = re.search(r'id="intake-fingerprint">([^<]+)<', page).group(1)  # type: ignore[union-attr]
    response = admin.post("/admin/intake", data={"csrf_token": csrf_of(page)}, follow_redirects=True)
    assert "already has an intake key" in response.get_data(as_text=True)
    page = admin.post("/admin/intake", data={"csrf_token": csrf_of(page), "rotate": "1"},
                      follow_redirects=True).get_data(as_text=True)
    after = re.search(r'id="intake-fingerprint">([^<]+)<', page).group(1)  # type: ignore[union-attr]
    assert after != before
