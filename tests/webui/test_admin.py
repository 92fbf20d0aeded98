"""Admin pages: accounts with keyslots and TOTP, passphrase resets, removal, backups."""
from __future__ import annotations

import re
from pathlib import Path

from flask import Flask

from keys import totp
from tests.webui_site import Env, csrf_of, post_login, refused_page, sign_in

NEW_PASS = "a brand new long passphrase"


def _secret(html: str) -> bytes:
    return totp.from_base32(re.search(r'id="new-totp-secret">([A-Z2-7]+)<', html).group(1))  # type: ignore[union-attr]


def test_admin_adds_user_who_signs_in_with_shown_totp(app: Flask, env: Env) -> None:
    """A new account gets a keyslot and a TOTP secret shown once (base32 and otpauth URI)."""
    admin = app.test_client()
    token = sign_in(admin, env, "admin")
    response = admin.post("/admin/users", data={"csrf_token": token, "username": "newbie", "role": "researcher",
                                                 "passphrase": NEW_PASS})
    assert response.status_code == 303  # a redirect after the POST: a reload resends nothing
    shown = admin.get(response.headers["Location"])
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200 and "otpauth://totp/" in html
    env.totp["newbie"] = _secret(html)
    again = admin.get(response.headers["Location"])  # reloading: the secret is not shown a second time
    assert again.status_code == 302 and "new-totp-secret" not in admin.get("/admin/").get_data(as_text=True)
    env.clock.advance(30)
    assert post_login(app.test_client(), env, "newbie", passphrase=NEW_PASS).status_code == 303  # type: ignore[attr-defined]


def test_admin_refuses_short_passphrase_and_unknown_role(app: Flask, env: Env) -> None:
    """Bad input is a readable 400, and no account appears."""
    admin = app.test_client()
    token = sign_in(admin, env, "admin")
    short = admin.post("/admin/users", data={"csrf_token": token, "username": "x", "role": "researcher",
                                              "passphrase": "short"})
    short_html = refused_page(admin, short)
    assert "at least" in short_html
    role = admin.post("/admin/users", data={"csrf_token": token, "username": "y", "role": "wizard",
                                             "passphrase": NEW_PASS})
    refused_page(admin, role)
    unchosen = admin.post("/admin/users", data={"csrf_token": token, "username": "z", "passphrase": NEW_PASS})
    unchosen_html = refused_page(admin, unchosen)
    assert "Choose a role" in unchosen_html
    form = admin.get("/admin/").get_data(as_text=True)
    role_menu = re.search(r'<select id="new-role"[^>]*>(.*?)</select>', form, re.S).group(1)  # type: ignore[union-attr]
    assert re.match(r'<option value="" selected>', role_menu), "the role menu has no default role"


def test_admin_resets_and_removes(app: Flask, env: Env) -> None:
    """A reset gives a new passphrase and TOTP; the old ones stop working; removal ends sign-in."""
    admin = app.test_client()
    token = sign_in(admin, env, "admin")
    unconfirmed = admin.post("/admin/users/reset", data={"csrf_token": token, "username": "reader",
                                                          "passphrase": NEW_PASS})
    unconfirmed_html = refused_page(admin, unconfirmed)
    assert "new-totp-secret" not in unconfirmed_html
    response = admin.post("/admin/users/reset", data={"csrf_token": token, "username": "reader",
                                                       "passphrase": NEW_PASS, "confirm": "1"}, follow_redirects=True)
    assert response.status_code == 200
    old_secret = env.totp["reader"]
    env.totp["reader"] = _secret(response.get_data(as_text=True))
    assert old_secret != env.totp["reader"]
    env.clock.advance(30)
    assert post_login(app.test_client(), env, "reader").status_code == 401  # type: ignore[attr-defined]
    env.clock.advance(30)
    assert post_login(app.test_client(), env, "reader", passphrase=NEW_PASS).status_code == 303  # type: ignore[attr-defined]
    page = admin.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/users/remove?username=reader"' in page
    unconfirmed = admin.post("/admin/users/remove", data={"csrf_token": csrf_of(page), "username": "reader"})
    assert unconfirmed.status_code == 303  # to the page that asks first
    asked = admin.get(unconfirmed.headers["Location"]).get_data(as_text=True)
    assert "This removes the account reader (researcher)" in asked and "can no longer be opened" in asked
    env.clock.advance(30)
    assert post_login(app.test_client(), env, "reader", passphrase=NEW_PASS).status_code == 303  # type: ignore[attr-defined]
    response = admin.post("/admin/users/remove", data={"csrf_token": csrf_of(page), "username": "reader",
                                                        "confirm": "1"})
    assert response.status_code == 303
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


def test_second_factor_alone_keeps_the_passphrase(app: Flask, env: Env) -> None:
    """A lost phone: with the owner's passphrase the account gets a new second factor, keeps its
    passphrase, and the old codes stop working; a wrong passphrase changes nothing."""
    from tests.webui_site import PASSPHRASE

    admin = app.test_client()
    token = sign_in(admin, env, "admin")
    home = admin.get("/admin/?user=reader").get_data(as_text=True)
    assert re.search(r'id="factor-username" name="username" required value="reader"', home)  # from the row's link
    wrong = admin.post("/admin/users/second-factor", data={"csrf_token": token, "username": "reader",
                                                         "passphrase": "not the passphrase", "confirm": "1"})
    wrong_html = refused_page(admin, wrong)
    assert "not the passphrase of reader" in wrong_html
    unconfirmed = admin.post("/admin/users/second-factor", data={"csrf_token": token, "username": "reader",
                                                               "passphrase": PASSPHRASE})
    refused_page(admin, unconfirmed)
    old = env.totp["reader"]
    done = admin.post("/admin/users/second-factor", data={"csrf_token": token, "username": "reader",
                                                        "passphrase": PASSPHRASE, "confirm": "1"})
    assert done.status_code == 303
    new = _secret(admin.get(done.headers["Location"]).get_data(as_text=True))
    assert new != old
    env.clock.advance(60)
    env.totp["reader"] = old
    assert post_login(app.test_client(), env, "reader").status_code == 401  # type: ignore[attr-defined]
    env.clock.advance(60)
    env.totp["reader"] = new
    assert post_login(app.test_client(), env, "reader").status_code == 303  # type: ignore[attr-defined]


def test_suggested_passphrase_is_shown_once_and_never_stored(app: Flask, env: Env) -> None:
    admin = app.test_client()
    token = sign_in(admin, env, "admin")
    response = admin.post("/admin/passphrase", data={"csrf_token": token, "user": "inter"})
    assert response.status_code == 303 and "user=inter" in response.headers["Location"]
    html = admin.get(response.headers["Location"]).get_data(as_text=True)
    value = re.search(r'id="suggested-value" class="wrap">([a-z2-9-]+)<', html).group(1)  # type: ignore[union-attr]
    assert re.fullmatch(r"[a-z2-9]{5}(-[a-z2-9]{5}){4}", value)
    assert f'id="reset-passphrase" name="passphrase" type="password" required minlength="12" value="{value}"' in html
    assert value not in admin.get("/admin/").get_data(as_text=True)  # once only
    assert not any(value.encode() in p.read_bytes() for p in env.root.rglob("*") if p.is_file())


def test_last_sign_in_and_lock_state_per_account(app: Flask, env: Env) -> None:
    admin = app.test_client()
    sign_in(admin, env, "admin")
    row = re.search(r'<td data-label="User name">inter</td>.*?</tr>', admin.get("/admin/").get_data(as_text=True), re.S)
    assert row is not None and "not since the server started" in row.group(0)
    env.clock.advance(30)
    sign_in(app.test_client(), env, "inter")
    row = re.search(r'<td data-label="User name">inter</td>.*?</tr>', admin.get("/admin/").get_data(as_text=True), re.S)
    assert row is not None and 'class="last-sign-in"><time datetime="20' in row.group(0)
    assert "Active" in row.group(0) or "active" in row.group(0)


def test_intake_public_key_downloads_with_its_fingerprint(app: Flask, env: Env) -> None:
    from keys.intake import IntakePublicKey

    admin = app.test_client()
    sign_in(admin, env, "admin")
    page = admin.get("/admin/intake").get_data(as_text=True)
    fingerprint = re.search(r'id="intake-fingerprint">([^<]+)<', page).group(1)  # type: ignore[union-attr]
    assert 'id="download-intake-pub"' in page and fingerprint in re.search(
        r'id="intake-download-hint">([^<]+)<', page).group(1)  # type: ignore[union-attr]
    response = admin.get("/admin/intake.pub")
    assert response.status_code == 200 and response.headers["Content-Disposition"] == "attachment; filename=intake.pub"
    assert IntakePublicKey.from_text(response.get_data(as_text=True)).fingerprint == fingerprint
    assert response.data == (env.root / "intake.pub").read_bytes()


def test_audit_log_is_readable_and_filterable(app: Flask, env: Env) -> None:
    """Who did what and when, newest first, by name; filtered by person, action and day; no
    testimony text anywhere on the page."""
    from tests.webui_site import CANARY_LATIN, PASSPHRASE
    from vault import records, testimonies
    from vault.archive import Archive

    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch1", PASSPHRASE)) as vault:
        testimony_id = testimonies.add(vault.conn, records.parse(
            {"language": "en", "text": f"[SYNTHETIC] {CANARY_LATIN} crossed the river.", "consent": "research",
             "sensitive_terms": [CANARY_LATIN]}), actor=vault.actor)
    admin = app.test_client()
    sign_in(admin, env, "admin")
    html = admin.get("/admin/audit").get_data(as_text=True)
    assert 'id="chain-state"' not in html and 'id="check-chain"' in html  # checked only when asked
    assert 'id="chain-state">The log is intact' in admin.get("/admin/audit?check=1").get_data(as_text=True)
    rows = re.findall(r'<tr class="audit-row" id="audit-(\d+)">.*?class="audit-who">([^<]+)<.*?class="audit-what">([^<]+)<',
                      html, re.S)
    seqs = [int(s) for s, _, _ in rows]
    assert seqs == sorted(seqs, reverse=True) and len(seqs) >= 5
    assert rows[0][1:] == ("arch1", "Testimony added") and testimony_id in html
    assert CANARY_LATIN not in html
    arch1 = re.search(r'<option value="([^"]+)" >arch1</option>', html).group(1)  # type: ignore[union-attr]
    mine = admin.get("/admin/audit", query_string={"who": arch1}).get_data(as_text=True)
    assert set(re.findall(r'class="audit-who">([^<]+)<', mine)) == {"arch1"}
    created = admin.get("/admin/audit", query_string={"what": "user.create"}).get_data(as_text=True)
    assert set(re.findall(r'class="audit-what">([^<]+)<', created)) == {"Account added"}
    assert {"arch1", "reader", "inter"} <= set(re.findall(r"<code>([a-z0-9]+)</code>", created))  # user:<id> by name
    assert 'id="audit-empty"' in admin.get("/admin/audit?since=2999-01-01").get_data(as_text=True)
    assert testimony_id in admin.get("/admin/audit?until=2999-01-01&since=2000-01-01").get_data(as_text=True)


def test_audit_log_page_says_when_the_chain_was_tampered_with(app: Flask, env: Env) -> None:
    """An entry edited behind the archive's back: the check on the page says the log was tampered with."""
    from tests.webui_site import PASSPHRASE
    from vault.archive import Archive
    from vault.store import transaction

    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("admin", PASSPHRASE)) as vault:
        with transaction(vault.conn):
            vault.conn.execute("UPDATE audit SET action = 'backup.create' WHERE seq = 2")
    admin = app.test_client()
    sign_in(admin, env, "admin")
    html = admin.get("/admin/audit?check=1").get_data(as_text=True)
    assert re.search(r'class="error" id="chain-state" role="alert">The log has been tampered with: \d+ problem', html)


def test_backups_show_their_size_and_pass_a_restore_drill(app: Flask, env: Env) -> None:
    """Each backup shows its size; a restore drill with the admin's passphrase restores it into a
    temporary folder, checks it and deletes the copy; a wrong passphrase, a damaged backup or a
    name that is not listed is refused in words, and nothing is left behind."""
    import tempfile

    from tests.webui_site import PASSPHRASE

    admin = app.test_client()
    token = sign_in(admin, env, "admin")
    admin.post("/admin/backups", data={"csrf_token": token})
    page = admin.get("/admin/backups").get_data(as_text=True)
    name = re.search(r'<input type="hidden" name="name" value="(backup-[0-9TZ]+)">', page).group(1)  # type: ignore[union-attr]
    assert re.search(r'class="backup-size">[0-9.,]+ MB<', page)
    before = set(Path(tempfile.gettempdir()).glob("testimony-drill-*"))
    passed = admin.post("/admin/backups/drill", data={"csrf_token": token, "name": name, "passphrase": PASSPHRASE},
                        follow_redirects=True).get_data(as_text=True)
    assert f"Restore drill of {name} passed" in passed and "the copy was deleted" in passed
    wrong = admin.post("/admin/backups/drill", data={"csrf_token": token, "name": name, "passphrase": "not it at all"},
                       follow_redirects=True).get_data(as_text=True)
    assert "did not open the backup" in wrong
    outside = admin.post("/admin/backups/drill", data={"csrf_token": token, "name": "../archive", "passphrase": PASSPHRASE},
                         follow_redirects=True).get_data(as_text=True)
    assert "not in the backup folder" in outside
    folder = env.root.with_name(env.root.name + "-backups") / name
    (folder / "manifest.json").write_bytes((folder / "manifest.json").read_bytes().replace(b'"users": 5', b'"users": 6'))
    damaged = admin.post("/admin/backups/drill", data={"csrf_token": token, "name": name, "passphrase": PASSPHRASE},
                         follow_redirects=True).get_data(as_text=True)
    assert f"Restore drill of {name} failed" in damaged
    assert set(Path(tempfile.gettempdir()).glob("testimony-drill-*")) == before
