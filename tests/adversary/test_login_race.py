"""Found while attacking: the throttle was checked before the ~0.4 s key derivation and the
failure recorded after it, so ten concurrent wrong attempts for one name were all processed
(limit 5 a minute). An attempt is now reserved before the derivation; a name that runs into
the limit again is blocked twice as long each time."""
from __future__ import annotations

import threading

import pytest
from flask import Flask

from keys.errors import UnlockFailed
from tests.webui.conftest import Env, app, env, post_login, template_archive  # noqa: F401
from webui.state import EXTENSION

ATTEMPTS = 10


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
    statuses: list[int] = []

    def attempt() -> None:
        nonlocal answered_early
        response = post_login(app.test_client(), env, "arch1", passphrase="wrong wrong wrong")
        with condition:
            statuses.append(response.status_code)  # type: ignore[attr-defined]
            if not release.is_set():
                answered_early += 1
            condition.notify_all()

    threads = [threading.Thread(target=attempt) for _ in range(ATTEMPTS)]
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
    assert post_login(client, env, "arch2").status_code == 302  # type: ignore[attr-defined]
