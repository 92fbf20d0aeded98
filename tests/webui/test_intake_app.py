"""create_intake_app: interviewers only; no vault, reading-room or admin pages exist."""
from __future__ import annotations

from flask import Flask

from tests.webui_site import Env, make_config, post_login, sign_in
from webui import create_intake_app, permissions
from webui.state import EXTENSION


def _app(env: Env) -> Flask:
    return create_intake_app(make_config(env))


def test_intake_app_has_only_sign_in_and_interviewer_routes(env: Env) -> None:
    """Every route is an auth, interviewer or static route, and each is in the permission table."""
    app = _app(env)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert {e.split(".")[0] for e in endpoints} == {"auth", "interviewer", "static"}
    for rule in app.url_map.iter_rules():
        for method in rule.methods - {"HEAD", "OPTIONS"}:  # type: ignore[operator]
            assert (rule.endpoint, method) in permissions.TABLE


def test_intake_app_refuses_other_roles_like_a_wrong_passphrase(env: Env) -> None:
    """An archivist's right passphrase and code get the generic failure; the vault stays closed."""
    app = _app(env)
    client = app.test_client()  # one browser: the same CSRF token appears in both pages
    archivist = post_login(client, env, "arch1")
    wrong = post_login(client, env, "arch2", passphrase="not the passphrase")
    assert archivist.status_code == wrong.status_code == 401  # type: ignore[attr-defined]
    assert archivist.get_data() .replace(b"arch1", b"") == wrong.get_data().replace(b"arch2", b"")  # type: ignore[attr-defined]
    assert not app.extensions[EXTENSION].keeper.is_open
    assert app.test_client().get("/archivist/").status_code == 404


def test_intake_app_interviewer_submits(env: Env) -> None:
    """The interviewer's pages work the same on the intake app."""
    app = _app(env)
    client = app.test_client()
    token = sign_in(client, env, "inter")
    response = client.post("/interviewer/submit", data={"csrf_token": token, "language": "en",
                                                        "consent": "research", "text": "A short narrative.",
                                                        "confirm_submit": "1"})
    assert response.status_code == 303
    assert len(list((env.root / "inbox").glob("*.sealed"))) == 1
