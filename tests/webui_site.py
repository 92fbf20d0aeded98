"""Fixtures for the web app: an archive with every role (built by tests/factories.py), a fake clock,
signed-in clients."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from keys import totp
from keys.intake import IntakeSuite
from keys.keyring import Role
from tests.factories import add_testimony, copy_archive, enrol_totp, new_archive, open_as
from vault import records
from vault.archive import Archive
from webui import WebConfig, create_app

PASSPHRASE = "correct horse battery staple"
CANARY_LATIN = "Zebulon Quartermaine-Okonkwo"
CANARY_HANGUL = "걸뱅이혜산댁"
USERS = {
    "admin": Role.ADMIN,
    "arch1": Role.ARCHIVIST,
    "arch2": Role.ARCHIVIST,
    "reader": Role.RESEARCHER,
    "inter": Role.INTERVIEWER,
}
_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


class FakeClock:
    """Injected time: starts at a fixed instant and moves only when told."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Env:
    root: Path
    clock: FakeClock
    totp: dict[str, bytes] = field(default_factory=dict)


def _build_archive(root: Path, clock: FakeClock) -> Env:
    archive = new_archive(root, admin="admin", passphrase=PASSPHRASE, intake=IntakeSuite.X25519,
                          users={name: (role, PASSPHRASE) for name, role in USERS.items() if name != "admin"}).archive
    return Env(root, clock, enrol_totp(archive, dict.fromkeys(USERS, PASSPHRASE)))


@pytest.fixture(scope="session")
def template_archive(tmp_path_factory: pytest.TempPathFactory) -> Env:
    root = tmp_path_factory.mktemp("template") / "archive"
    return _build_archive(root, FakeClock())


@pytest.fixture()
def env(tmp_path: Path, template_archive: Env) -> Env:
    """A private copy of a ready archive (every role, TOTP enrolled, intake key)."""
    root = copy_archive(template_archive.root, tmp_path / "archive")
    return Env(root, FakeClock(), dict(template_archive.totp))


def make_config(env: Env, **overrides: object) -> WebConfig:
    values: dict[str, object] = {"archive": env.root, "secret_key": b"s" * 32, "testing": True, "clock": env.clock}
    values.update(overrides)
    return WebConfig(**values)  # type: ignore[arg-type]


@pytest.fixture()
def app(env: Env) -> Iterator[Flask]:
    yield create_app(make_config(env))


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match is not None, "page has no CSRF token"
    return match.group(1)


def page_token(client: FlaskClient, path: str = "/login") -> str:
    response = client.get(path)
    return csrf_of(response.get_data(as_text=True))


def post_login(client: FlaskClient, env: Env, user: str, passphrase: str = PASSPHRASE,
               code: str | None = None) -> object:
    token = page_token(client)
    if code is None:
        code = totp.code_at(env.totp[user], env.clock.now) if user in env.totp else "000000"
    return client.post("/login", data={"csrf_token": token, "username": user, "passphrase": passphrase,
                                       "code": code})


def sign_in(client: FlaskClient, env: Env, user: str) -> str:
    """Sign ``user`` in (moving the clock one TOTP step first); return the new CSRF token."""
    env.clock.advance(totp.STEP_SECONDS)
    response = post_login(client, env, user)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]  # type: ignore[attr-defined]
    home = client.get(response.headers["Location"])  # type: ignore[attr-defined]
    assert home.status_code == 200
    return csrf_of(home.get_data(as_text=True))


def refused_page(client: FlaskClient, response: object) -> str:
    """A refused POST answers 303 to its page with ``?kept=…`` (webui.kept_forms); return that page."""
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]  # type: ignore[attr-defined]
    location = response.headers["Location"]  # type: ignore[attr-defined]
    assert "kept=" in location, location
    page = client.get(location)
    assert page.status_code == 200, page.get_data(as_text=True)[:2000]
    return page.get_data(as_text=True)


def stored_testimony(env: Env, text: str, language: str, *, user: str = "arch1") -> str:
    """A testimony of ``text`` stored by ``user`` (consent: research; 김철수 a sensitive term); its id."""
    with open_as(Archive(env.root), user, PASSPHRASE) as vault:
        return add_testimony(vault, records.parse({"language": language, "text": text, "consent": "research",
                                                   "sensitive_terms": ["김철수"]}))
