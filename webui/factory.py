"""``create_app``: the Flask application for all four roles."""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, g, redirect, render_template, url_for
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.wrappers import Response as WerkzeugResponse

from keys.keyring import VAULT_ROLES, Role
from vault.archive import Archive
from vault.errors import Locked
from webui import security
from webui.admin import bp as admin_bp
from webui.archivist import bp as archivist_bp
from webui.auth import bp as auth_bp
from webui.config import WebConfig
from webui.devices import ReturningBrowsers
from webui.i18n import install as install_i18n
from webui.interviewer import bp as interviewer_bp
from webui.keeper import VaultKeeper
from webui.lockout import SecondFactorLockout
from webui.researcher import bp as researcher_bp
from webui.sessions import Session, SessionStore
from webui.state import EXTENSION, WebState, close_request_vault, current_session, state
from webui.throttle import LoginThrottle
from webui.uploads import SpoolingRequest

HERE = Path(__file__).parent


ALL_ROLES = frozenset(Role)
INTAKE_ROLES = frozenset({Role.INTERVIEWER})


def create_app(config: WebConfig) -> Flask:
    """Build the app for all four roles; refuses a configuration it must not run with (S25)."""
    return _build(config, ALL_ROLES)


def create_intake_app(config: WebConfig) -> Flask:
    """Build an app for interviewers only (SecureDrop's "source" app).

    Only the sign-in and interviewer pages exist, and only interviewer accounts can
    sign in, so this process never holds the vault key or the reading-room key and
    can run where the main app should not (e.g. reachable from a field office).
    """
    return _build(config, INTAKE_ROLES)


def _build(config: WebConfig, roles: frozenset[Role]) -> Flask:
    config.ensure_valid()
    archive = Archive(Path(config.archive))
    archive.ensure_exists()
    app = Flask(__name__, static_folder=str(HERE / "static"), template_folder=str(HERE / "templates"))
    app.request_class = SpoolingRequest
    app.config.update(
        SECRET_KEY=config.secret_key or config.rng(32),
        DEBUG=False,
        TESTING=config.testing,
        PROPAGATE_EXCEPTIONS=False,
        MAX_CONTENT_LENGTH=config.max_upload_bytes,
        MAX_FORM_MEMORY_SIZE=8 * 1024 * 1024,  # one text field: a narrative of 1 M Hangul is 3 MB
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=config.tls,
        TEMPLATES_AUTO_RELOAD=False,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
    )
    app.debug = False
    keeper = VaultKeeper(archive.vault_path)

    def on_end(session: Session) -> None:
        if session.role in VAULT_ROLES and not session.enrolling:
            keeper.release(session.id)

    sessions = SessionStore(idle=config.idle_timeout, absolute=config.absolute_timeout,
                            clock=config.clock, rng=config.rng, on_end=on_end)
    throttle = LoginThrottle(allowed=config.login_failures_allowed, window=config.login_window,
                             clock=config.clock, salt=hashlib.sha256(config.rng(32)).digest())
    browsers = ReturningBrowsers(app.config["SECRET_KEY"], clock=config.clock)
    app.extensions[EXTENSION] = WebState(config, archive, sessions, throttle, keeper, browsers, roles=roles,
                                         lockout=SecondFactorLockout(archive.root))

    security.install(app)
    install_i18n(app)
    app.teardown_request(close_request_vault)
    _register_errors(app)
    _register_blueprints(app, roles)
    return app


def _register_blueprints(app: Flask, roles: frozenset[Role]) -> None:
    app.register_blueprint(auth_bp)
    for role, bp in ((Role.INTERVIEWER, interviewer_bp), (Role.ARCHIVIST, archivist_bp),
                     (Role.RESEARCHER, researcher_bp), (Role.ADMIN, admin_bp)):
        if role in roles:
            app.register_blueprint(bp)


def _register_errors(app: Flask) -> None:
    def render_error(exc: HTTPException) -> tuple[str, int]:
        code = exc.code or 500
        key = "error.csrf" if g.get("csrf_failed") else f"error.{code}"
        return render_template("errors/error.html", code=code, key=key), code

    for code in (400, 403, 404, 405, 413, 429):
        app.register_error_handler(code, render_error)

    def server_error(exc: InternalServerError) -> tuple[str, int]:
        return render_template("errors/error.html", code=500, key="error.500"), 500

    app.register_error_handler(InternalServerError, server_error)
    app.register_error_handler(500, server_error)

    def vault_locked(exc: Locked) -> WerkzeugResponse:
        """The vault was locked under a request (lock now elsewhere): sign in again."""
        session = current_session()
        if session is not None:
            state().sessions.end(session)
        g.session = None
        g.clear_cookie = True
        return redirect(url_for("auth.login"))

    app.register_error_handler(Locked, vault_locked)
