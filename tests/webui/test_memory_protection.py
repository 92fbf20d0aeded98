"""S01b in the web server: when the last session ends (sign-out or timeout) no database
connection is open and no key is reachable from the server's state.

The real app is served by waitress on loopback and driven over HTTP; what the
process holds afterwards is read from /proc/self/fd and by walking every object the
Flask app can reach.
"""
from __future__ import annotations

import gc
import http.cookiejar
import os
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import waitress  # type: ignore[import-untyped]
from flask import Flask

from keys import totp
from tests.webui_site import PASSPHRASE, Env, csrf_of, make_config
from vault import store
from webui import create_app
from webui.state import EXTENSION, WebState


@dataclass
class Served:
    app: Flask
    url: str

    @property
    def state(self) -> WebState:
        value = self.app.extensions[EXTENSION]
        assert isinstance(value, WebState)
        return value


@pytest.fixture()
def served(env: Env) -> Iterator[Served]:
    app = create_app(make_config(env, testing=False, idle_timeout=600))
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    stopping = threading.Event()

    def run() -> None:
        try:
            server.run()
        except OSError:  # close() from this thread can pull the socket out from under select()
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield Served(app, f"http://127.0.0.1:{server.effective_port}")
    finally:
        stopping.set()
        server.close()
        thread.join(timeout=10)


class Browser:
    """A cookie-keeping HTTP client (one visitor)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=30) as response:
            return str(response.read().decode("utf-8"))

    def post(self, path: str, data: dict[str, str]) -> str:
        body = urllib.parse.urlencode(data).encode()
        with self.opener.open(self.url + path, data=body, timeout=30) as response:
            return str(response.read().decode("utf-8"))

    def sign_in(self, env: Env, user: str) -> str:
        env.clock.advance(totp.STEP_SECONDS)
        token = csrf_of(self.get("/login"))
        home = self.post("/login", {"csrf_token": token, "username": user, "passphrase": PASSPHRASE,
                                    "code": totp.code_at(env.totp[user], env.clock.now)})
        return csrf_of(home)


def _open_databases() -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.endswith((".db", ".db-wal", ".db-shm")):
            found.append(target)
    return found


def _reachable(root: Any) -> list[Any]:
    """Every object reachable from ``root`` (through gc referents)."""
    seen: dict[int, Any] = {}
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type) or type(obj).__name__ == "module":
            continue
        seen[id(obj)] = obj
        stack.extend(gc.get_referents(obj))
    return list(seen.values())


def _holds_key(objects: list[Any], key: bytes) -> list[str]:
    return [type(o).__name__ for o in objects
            if (isinstance(o, (bytes, bytearray)) and key in bytes(o)) or isinstance(o, store.Connection)]


def _vault_key(served: Served) -> bytes:
    held = served.state.keeper._key
    assert held is not None, "the vault is not open"
    return bytes(held)


def test_s01b_last_sign_out_closes_every_connection_and_drops_every_key(served: Served, env: Env) -> None:
    first, second = Browser(served.url), Browser(served.url)
    token1 = first.sign_in(env, "arch1")
    token2 = second.sign_in(env, "admin")
    key = _vault_key(served)
    assert _holds_key(_reachable(served.app), key)  # the walk does find the key while it is held
    first.post("/logout", {"csrf_token": token1})
    assert served.state.keeper.is_open  # the admin still works
    second.post("/logout", {"csrf_token": token2})
    gc.collect()
    assert not served.state.keeper.is_open
    assert _open_databases() == []
    assert _holds_key(_reachable(served.app), key) == []
    assert all(s.secret is None for s in served.state.sessions.live())


def test_s01b_last_session_timing_out_closes_every_connection_and_drops_every_key(
        served: Served, env: Env) -> None:
    visitor = Browser(served.url)
    visitor.sign_in(env, "arch1")
    reader = Browser(served.url)
    reader.sign_in(env, "reader")  # holds the reading-room key in its session
    key = _vault_key(served)
    room_keys = [s.secret for s in served.state.sessions.live() if s.secret is not None]
    assert room_keys and all(_holds_key(_reachable(served.app), k) for k in room_keys if k is not None)
    env.clock.advance(601)  # past the idle timeout; the server's sweeper ends them
    assert served.state.sweep() == 2
    gc.collect()
    assert not served.state.keeper.is_open
    assert _open_databases() == []
    reachable = _reachable(served.app)
    assert _holds_key(reachable, key) == []
    for room_key in room_keys:
        assert room_key is not None and _holds_key(reachable, room_key) == []
