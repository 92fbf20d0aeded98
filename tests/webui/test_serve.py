"""``testimony serve``: waitress options, secret key handling, refusal without an archive."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import main
from tests.webui_site import Env


@pytest.fixture()
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """waitress.serve's calls, each with whether the serving threads were lowered before it (the
    lowering is recorded, not done: it cannot be undone in the test runner's own thread)."""
    calls: list[dict[str, Any]] = []
    lowered: list[bool] = []

    def fake_serve(app: object, **options: Any) -> None:
        calls.append({"app": app, "lowered_first": bool(lowered), **options})

    import waitress

    from webui import derivations

    monkeypatch.setattr(waitress, "serve", fake_serve)
    monkeypatch.setattr(derivations, "serve_below_staff", lambda: lowered.append(True))
    return calls


def test_serve_defaults_to_loopback_5000_without_server_header(env: Env, served: list[dict[str, Any]],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1:5000, no Server header (ident empty), debug off, a generated secret."""
    monkeypatch.delenv("TESTIMONY_SECRET_KEY", raising=False)
    result = CliRunner().invoke(main, ["--archive", str(env.root), "serve"])
    assert result.exit_code == 0, result.output
    (call,) = served
    assert (call["host"], call["port"], call["ident"]) == ("127.0.0.1", 5000, "")
    assert call["app"].debug is False
    assert len(call["app"].config["SECRET_KEY"]) == 32
    assert call["lowered_first"]  # waitress's threads answer below staff key derivations (issue 18)


def test_s25_serve_refuses_short_secret_from_env(env: Env, served: list[dict[str, Any]],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A TESTIMONY_SECRET_KEY under 32 bytes is one clear error, not a running server."""
    monkeypatch.setenv("TESTIMONY_SECRET_KEY", "abcd")
    result = CliRunner().invoke(main, ["--archive", str(env.root), "serve"])
    assert result.exit_code != 0 and "at least 32 bytes" in result.output
    assert served == []


def test_serve_refuses_missing_archive(tmp_path: Path, served: list[dict[str, Any]]) -> None:
    """No archive folder: one line, non-zero exit."""
    result = CliRunner().invoke(main, ["--archive", str(tmp_path / "none"), "serve"])
    assert result.exit_code != 0 and "no archive" in result.output
    assert served == []


def test_s25_serve_disables_core_dumps(env: Env, served: list[dict[str, Any]]) -> None:
    """The process that holds keys cannot write a core dump."""
    import resource

    CliRunner().invoke(main, ["--archive", str(env.root), "serve", "--port", "5099"])
    assert resource.getrlimit(resource.RLIMIT_CORE)[0] == 0
    assert served[0]["port"] == 5099


def test_serve_intake_only_builds_the_intake_app(env: Env, served: list[dict[str, Any]]) -> None:
    """--intake-only serves no vault page."""
    result = CliRunner().invoke(main, ["--archive", str(env.root), "serve", "--intake-only"])
    assert result.exit_code == 0, result.output
    endpoints = {rule.endpoint for rule in served[0]["app"].url_map.iter_rules()}
    assert not any(e.startswith(("archivist.", "admin.", "researcher.")) for e in endpoints)
