"""Found while attacking: the throttle was checked before the ~0.4 s key derivation and the
failure recorded after it, so ten concurrent wrong attempts for one name were all processed
(limit 5 a minute). An attempt is now reserved before the derivation; a name that runs into
the limit again is blocked twice as long each time."""
from __future__ import annotations

import threading

import pytest
from flask import Flask

from keys import totp
from keys.errors import UnlockFailed
from tests.webui_site import PASSPHRASE, Env, app, env, make_config, page_token, post_login, sign_in, template_archive  # noqa: F401
from webui.factory import create_app
from webui.state import EXTENSION

ATTEMPTS = 10


def _error(html: str) -> str:
    """The failure message of the sign-in page (the same for every kind of failure, S16)."""
    start = html.index('role="alert"')
    return html[start:html.index("</", start)]


def test_s18_concurrent_wrong_attempts_are_reserved_before_the_derivation(app: Flask, env: Env,  # noqa: F811
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    web = app.extensions[EXTENSION]
    condition = threading.Condition()
    inside = answered_early = 0
    release = threading.Event()

    def slow_unlock(self: object, username: str, passphrase: str) -> object:
        """Hold every attempt inside the derivation until all ten have either got here or been
        answered without it: the widest race window there can be."""
        nonlocal inside
        with condition:
            inside += 1
            condition.notify_all()
        release.wait()
        raise UnlockFailed()

    monkeypatch.setattr(type(web.archive), "unlock", slow_unlock)
    # room for all ten in the derivation ceiling, from ten clients: only the throttle decides here
    monkeypatch.setattr(web.derivations, "_slots", ATTEMPTS)
    statuses: list[int] = []

    def attempt(number: int) -> None:
        nonlocal answered_early
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"127.0.0.{number + 1}"
        response = post_login(client, env, "arch1", passphrase="wrong wrong wrong")
        with condition:
            statuses.append(response.status_code)  # type: ignore[attr-defined]
            if not release.is_set():
                answered_early += 1
            condition.notify_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    with condition:
        assert condition.wait_for(lambda: inside + answered_early == ATTEMPTS, timeout=60)
    release.set()
    for thread in threads:
        thread.join(timeout=60)
    assert inside == 5, f"{inside} attempts reached the key derivation (limit 5)"
    assert sorted(statuses) == [401] * 5 + [429] * 5


def test_s18_a_name_that_hits_the_limit_again_waits_twice_as_long(app: Flask, env: Env) -> None:  # noqa: F811
    client = app.test_client()
    for _ in range(5):
        assert post_login(client, env, "arch2", passphrase="wrong wrong wrong").status_code == 401  # type: ignore[attr-defined]
    assert post_login(client, env, "arch2").status_code == 429  # type: ignore[attr-defined]
    env.clock.advance(61)  # the first time: free when the oldest attempt leaves the minute
    for _ in range(5):
        assert post_login(client, env, "arch2", passphrase="wrong wrong wrong").status_code == 401  # type: ignore[attr-defined]
    assert post_login(client, env, "arch2").status_code == 429  # type: ignore[attr-defined]  # second strike: 2 min
    env.clock.advance(61)
    assert post_login(client, env, "arch2").status_code == 429  # type: ignore[attr-defined]  # a minute is not enough
    env.clock.advance(60)
    assert post_login(client, env, "arch2").status_code == 303  # type: ignore[attr-defined]


def test_wrong_codes_after_the_right_passphrase_lock_the_account_until_an_admin_unlocks_it(
        app: Flask, env: Env) -> None:  # noqa: F811
    """A stolen passphrase plus guessed codes: after five wrong codes the account is locked — even
    the right code is refused, with the same answer as any failure, after a restart too — and the
    thief's open session ends; the admin sees the lock and lifts it. No name is written to disk."""
    thief = app.test_client()
    sign_in(thief, env, "arch1")  # a session the thief already holds
    assert thief.get("/archivist/").status_code == 200
    for _ in range(5):
        env.clock.advance(61)  # slower than the throttle: only the lockout stops this
        wrong = post_login(app.test_client(), env, "arch1", code="000000")
        assert wrong.status_code == 401  # type: ignore[attr-defined]
    assert thief.get("/archivist/").status_code != 200
    env.clock.advance(totp.STEP_SECONDS + 61)
    right = post_login(app.test_client(), env, "arch1")
    assert right.status_code == 401  # type: ignore[attr-defined]
    unknown = post_login(app.test_client(), env, "no-such-user")
    assert _error(right.get_data(as_text=True)) == _error(unknown.get_data(as_text=True))  # type: ignore[attr-defined]
    restarted = create_app(make_config(env))
    env.clock.advance(totp.STEP_SECONDS + 61)
    assert post_login(restarted.test_client(), env, "arch1").status_code == 401  # type: ignore[attr-defined]
    stored = (env.root / "signin-locks.json").read_bytes()
    assert b"arch1" not in stored
    admin = restarted.test_client()
    token = sign_in(admin, env, "admin")
    page = admin.get("/admin/").get_data(as_text=True)
    assert "locked-state" in page and "unlock-user" in page
    done = admin.post("/admin/users/unlock", data={"csrf_token": token, "username": "arch1"})
    assert done.status_code == 303
    env.clock.advance(totp.STEP_SECONDS + 61)
    assert post_login(restarted.test_client(), env, "arch1").status_code == 303  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["arch1", "no-such-user"])
def test_sign_in_flood_is_answered_busy_at_once_and_a_returning_browser_goes_first(
        app: Flask, env: Env, monkeypatch: pytest.MonkeyPatch, name: str) -> None:  # noqa: F811
    """While an anonymous derivation runs, another anonymous attempt (any name) is answered "busy"
    with the same page, and so is a second attempt from the client already deriving; a browser
    that signed in before is let in through its own slot at that moment. The admin sees the
    flood, and the audit log counts it without a name."""
    web = app.extensions[EXTENSION]
    staff = app.test_client()
    staff.environ_base["REMOTE_ADDR"] = "127.0.3.1"
    sign_in(staff, env, "arch1")  # this browser now holds a returning-browser cookie
    staff.post("/logout", data={"csrf_token": page_token(staff)})
    monkeypatch.setattr(web.derivations, "_wait", 0.0)  # do not wait for a slot in this test
    holding = threading.Semaphore(0)
    release = threading.Event()
    real_unlock = type(web.archive).unlock

    def slow_unlock(self: object, username: str, passphrase: str) -> object:
        if username.startswith("ghost"):
            holding.release()
            release.wait()
            raise UnlockFailed()
        return real_unlock(self, username, passphrase)  # type: ignore[arg-type]

    monkeypatch.setattr(type(web.archive), "unlock", slow_unlock)
    statuses: list[int] = []

    def attempt(address: str) -> None:
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        statuses.append(post_login(client, env, "ghost" + address, passphrase="x" * 12).status_code)  # type: ignore[attr-defined]

    flood = threading.Thread(target=attempt, args=("127.0.1.1",))
    flood.start()
    assert holding.acquire(timeout=30)  # the anonymous slot is taken
    third = app.test_client()
    third.environ_base["REMOTE_ADDR"] = "127.0.2.1"
    busy = post_login(third, env, name)
    same_client = app.test_client()
    same_client.environ_base["REMOTE_ADDR"] = "127.0.1.1"
    again = post_login(same_client, env, name)
    env.clock.advance(totp.STEP_SECONDS)
    returning = post_login(staff, env, "arch1")
    release.set()
    flood.join(timeout=30)
    assert busy.status_code == 503 and again.status_code == 503  # type: ignore[attr-defined]
    assert busy.headers["Retry-After"] == "3"  # type: ignore[attr-defined]
    assert "Try again in a few seconds" in busy.get_data(as_text=True)  # type: ignore[attr-defined]
    assert _error(busy.get_data(as_text=True)) == _error(again.get_data(as_text=True))  # type: ignore[attr-defined]
    assert returning.status_code == 303  # type: ignore[attr-defined]
    assert statuses == [401]
    assert web.derivations.refused >= 2
    monkeypatch.undo()  # the real key derivation again, for the admin
    admin = app.test_client()
    sign_in(admin, env, "admin")
    page = admin.get("/admin/").get_data(as_text=True)
    assert 'id="sign-in-flood"' in page
    with web.archive.open_vault(web.archive.unlock("admin", PASSPHRASE)) as vault:
        rows = vault.conn.execute("SELECT object FROM audit WHERE action = 'signin.flood'").fetchall()
    assert rows and all("arch1" not in r[0] and "ghost" not in r[0] and "127.0" not in r[0] for r in rows)
    assert sum(int(r[0].split(": ")[1].split()[0]) for r in rows) == web.derivations.refused
