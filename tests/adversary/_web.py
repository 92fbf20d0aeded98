"""A signed-in web client over a private copy of the populated archive."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from keys import totp
from tests.adversary.conftest import PASS, Populated
from tests.factories import copy_archive
from webui import WebConfig, create_app

_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
NOW = 1_800_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@dataclass
class Site:
    app: Flask
    root: Path
    clock: Clock


def site(populated: Populated, where: Path, **config: object) -> Site:
    root = where / "archive"
    copy_archive(populated.archive.root, root)
    clock = Clock()
    values: dict[str, object] = {"archive": root, "secret_key": b"k" * 32, "testing": True, "clock": clock,
                                 "backup_dir": where / "backups"}
    values.update(config)
    return Site(create_app(WebConfig(**values)), root, clock)  # type: ignore[arg-type]


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match is not None, "page has no CSRF token"
    return match.group(1)


def sign_in(s: Site, populated: Populated, user: str) -> FlaskClient:
    client = s.app.test_client()
    token = csrf_of(client.get("/login").get_data(as_text=True))
    s.clock.now += 30  # a fresh TOTP step for every sign-in (a used code is refused on replay)
    code = totp.code_at(populated.totp[user], s.clock.now)
    response = client.post("/login", data={"csrf_token": token, "username": user, "passphrase": PASS[user],
                                           "code": code})
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:500]
    return client
