"""Sign in (keyslot unwrap + TOTP), first-use TOTP enrolment, sign out, language."""
from __future__ import annotations

import re

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keys import totp
from keys.errors import UnlockFailed
from keys.keyring import VAULT_ROLES, Role, Unlocked
from vault.errors import Locked, StorageError
from webui.derivations import record_flood
from webui.devices import cookie_name as browser_cookie
from webui.i18n import LANGUAGES, notify
from webui.permissions import HOME
from webui.qr import qr_path
from webui.revocation import SlotMark
from webui.security import ensure_session
from webui.sessions import Session
from webui.state import current_session, state

bp = Blueprint("auth", __name__)
MAX_FIELD = 1024
_LOCAL_PATH = re.compile(r"^/(?![/\\])[A-Za-z0-9/_.~-]{0,200}$")


@bp.get("/")
def index() -> Response:
    session = current_session()
    if session is not None and session.signed_in:
        return redirect(url_for(HOME[session.principal]))
    if session is not None and session.enrolling:
        return redirect(url_for("auth.enrol"))
    return redirect(url_for("auth.login"))


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | tuple[str, int, dict[str, str]] | str:
    if request.method != "POST":  # GET and HEAD show the form
        ensure_session()
        return render_template("auth/login.html")
    username = request.form.get("username", "")[:MAX_FIELD]
    passphrase = request.form.get("passphrase", "")[:MAX_FIELD]
    code = request.form.get("code", "")[:16]
    web = state()
    browser = web.browsers.recognise(request.cookies.get(browser_cookie(web.config.tls)))
    scope = browser or b""  # a returning browser has its own count for the name
    if not web.throttle.reserve(username, scope=scope):  # reserved before the derivation: no race (S18)
        return render_template("auth/login.html", error="login.throttled"), 429
    client = f"browser:{browser.hex()}" if browser is not None else f"address:{request.remote_addr or ''}"
    with web.derivations.admit(client, returning=browser is not None) as admitted:
        if not admitted:  # the same answer for every name, at once; no attempt was made
            web.throttle.cancel(username, scope=scope)
            return render_template("auth/login.html", error="login.busy"), 503, {"Retry-After": "3"}
        try:
            unlocked = web.derivations.derive(lambda: web.archive.unlock(username, passphrase),
                                              returning=browser is not None)
        except UnlockFailed:
            return _failed(username, browser)
    if unlocked.role not in web.roles:  # e.g. an archivist on the intake app: same answer as a failure
        return _failed(username, browser)
    lockout = web.lockout
    if lockout is not None and lockout.is_locked(unlocked.slot_id):
        return _failed(username, browser)  # the same answer: a lock must not confirm the passphrase
    if unlocked.totp_secret is None:
        return _start_enrolment(unlocked)
    before = web.slot_watch.current(web.archive.keyring, unlocked.username)
    try:
        unlocked = totp.verify_and_consume(web.archive.keyring, unlocked, passphrase, code,
                                           now=web.config.clock(), guard=web.totp_guard)
    except totp.TotpRejected:
        if lockout is not None and lockout.wrong_code(unlocked.slot_id):
            web.end_sessions_of(unlocked.username)  # whoever holds the passphrase is out
        return _failed(username, browser)
    if lockout is not None:
        lockout.signed_in(unlocked.slot_id)
    if browser is not None:
        web.browsers.signed_in(browser)
    return _begin(unlocked, username, before, scope)


@bp.route("/enrol", methods=["GET", "POST"])
def enrol() -> Response | tuple[str, int] | str:
    session = current_session()
    if session is None or not session.enrolling or session.pending_totp is None or session.username is None:
        abort(404)  # the permission table already admits only enrolling sessions
    secret = session.pending_totp
    uri = totp.provisioning_uri(secret, session.username)
    page = {"secret_b32": totp.to_base32(secret), "uri": uri, "qr": qr_path(uri)}
    if request.method != "POST":  # GET and HEAD show the form
        return render_template("auth/enrol.html", **page)
    web = state()
    passphrase = request.form.get("passphrase", "")[:MAX_FIELD]
    code = request.form.get("code", "")[:16]
    if web.throttle.is_blocked(session.username):
        return render_template("auth/enrol.html", error="login.throttled", **page), 429
    try:
        unlocked = web.archive.unlock(session.username, passphrase)
        unlocked = totp.enrol(web.archive.keyring, unlocked, passphrase, secret, code, now=web.config.clock())
    except (UnlockFailed, totp.TotpRejected):
        web.throttle.record_failure(session.username)
        return render_template("auth/enrol.html", error="enrol.failed", **page), 401
    return _begin(unlocked, session.username)


@bp.post("/logout")
def logout() -> Response:
    session = current_session()
    lang = session.lang if session else "en"
    if session is not None:
        state().sessions.end(session)
    g.session = None
    g.clear_cookie = True
    fresh = ensure_session()
    fresh.lang = lang
    return redirect(url_for("auth.login"))


@bp.post("/language")
def set_language() -> Response:
    choice = request.form.get("lang", "en")
    session = ensure_session()
    if choice in LANGUAGES:
        session.lang = choice
    back = request.form.get("next", "")
    if not _LOCAL_PATH.match(back):  # never an open redirect ("//host", "/\\host", schemes)
        back = url_for("auth.index")
    return redirect(back)


def _failed(username: str, browser: bytes | None = None) -> tuple[str, int]:
    """One answer for every failure: unknown user, wrong passphrase, wrong code (S16).

    The attempt was already counted when it was reserved; a success clears the name. A
    returning browser's failure counts against its place in the queue (see webui.devices).
    """
    if browser is not None:
        state().browsers.failed(browser)
    return render_template("auth/login.html", error="login.failed"), 401


def _replace_session() -> Session:
    """End the visitor's current session and start a new one with a new id (S19)."""
    web = state()
    old = current_session()
    lang = old.lang if old else "en"
    if old is not None:
        web.sessions.end(old)
    session = web.sessions.new(lang=lang)
    g.session = session
    g.set_cookie = session.id
    return session


def _start_enrolment(unlocked: Unlocked) -> Response:
    session = _replace_session()
    session.username = unlocked.username
    session.role = unlocked.role
    session.enrolling = True
    session.slot = state().slot_watch.current(state().archive.keyring, unlocked.username)
    session.pending_totp = totp.generate_secret(rng=state().config.rng)
    return redirect(url_for("auth.enrol"))


def _begin(unlocked: Unlocked, typed_name: str, before: SlotMark | None = None,
           scope: bytes = b"") -> Response | tuple[str, int]:
    web = state()
    actor = None
    if unlocked.role in VAULT_ROLES:
        try:
            with web.archive.open_vault(unlocked) as vault:
                actor = vault.actor
                record_flood(web.derivations, vault)
        except (Locked, StorageError):
            return _failed(typed_name)
    session = _replace_session()
    session.username = unlocked.username
    session.role = Role(unlocked.role)
    session.actor = actor
    session.slot = web.slot_watch.current(web.archive.keyring, unlocked.username)
    web.slot_watch.record_sign_in(before, session.slot)  # this sign-in's own rewrite keeps other sessions
    if unlocked.role in VAULT_ROLES:
        try:
            web.keeper.claim(session.id, unlocked.secret)
        except Locked:  # the vault was rekeyed while others held the old key open
            web.sessions.end(session)
            return _failed(typed_name)
    else:
        session.secret = unlocked.secret
    web.throttle.record_success(typed_name, scope=scope)
    g.set_browser = web.browsers.issue()  # this browser goes first next time (a flood of bogus sign-ins)
    web.last_sign_in[unlocked.username] = web.config.clock()
    notify("login.welcome", user=unlocked.username)
    return redirect(url_for(HOME[session.principal]))
