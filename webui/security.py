"""Request hooks: session loading, deny-by-default access, CSRF, and response headers.

Order per request: load the session from its cookie -> the permission table decides
(S21) -> every non-GET request must carry the session's CSRF token (S20) -> the view.
Every response, errors and static files included, gets the headers of S22.
"""
from __future__ import annotations

import hmac

from flask import Flask, Response, abort, current_app, g, redirect, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from webui.devices import LIFETIME as BROWSER_LIFETIME
from webui.devices import cookie_name as browser_cookie
from webui.kept_forms import settle
from webui.permissions import ANONYMOUS, RESEARCHER, is_allowed
from webui.sessions import Session
from webui.state import current_session, state

#: S22's policy, exactly. No connect-src: the pages' scripts never send anything in the background
#: (no fetch, XMLHttpRequest, sendBeacon or WebSocket); everything goes by a form or a link.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def cookie_name(app: Flask) -> str:
    """``__Host-`` cookies must be Secure, host-only and Path=/, so only over TLS."""
    return "__Host-testimony" if _tls(app) else "testimony"


def _tls(app: Flask) -> bool:
    return bool(app.extensions["testimony"].config.tls)


def ensure_session() -> Session:
    """Return the visitor's session, starting an anonymous one (for its CSRF token) if needed."""
    session = current_session()
    if session is None:
        session = state().sessions.new(lang=_preferred_language())
        g.session = session
        g.set_cookie = session.id
    return session


def csrf_token() -> str:
    return ensure_session().csrf


def _preferred_language() -> str:
    best = request.accept_languages.best_match(["en", "ko"]) if request else None
    return best or "en"


def load_session() -> None:
    cookie = request.cookies.get(cookie_name(current_app))
    web = state()
    g.session = web.sessions.get(cookie)
    if g.session is not None and not web.account_unchanged(g.session):
        if g.session.username:
            web.end_sessions_of(g.session.username)  # the account changed: none of its sessions go on
        web.sessions.end(g.session)
        g.session = None
    if cookie and g.session is None:
        g.clear_cookie = True


def check_access() -> WerkzeugResponse | None:
    """Refuse anything the permission table does not allow (deny by default)."""
    if request.routing_exception is not None or request.endpoint is None:
        return None  # Flask answers 404/405 itself
    session = current_session()
    principal = session.principal if session else ANONYMOUS
    if is_allowed(principal, request.endpoint, request.method):
        return None
    if principal == ANONYMOUS:
        if request.method in SAFE_METHODS:
            return redirect(url_for("auth.login"))
        abort(403)
    if principal == RESEARCHER:
        abort(404)
    abort(403)


def check_csrf() -> None:
    """Every state-changing request carries the session's token (S20)."""
    if request.method in SAFE_METHODS or request.routing_exception is not None:
        return
    session = current_session()
    sent = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD, "")
    if session is None or not sent or not hmac.compare_digest(sent.encode(), session.csrf.encode()):
        g.csrf_failed = True
        abort(400)


def add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers[name] = value
    response.headers.pop("Server", None)
    if request.endpoint != "static" or response.status_code >= 400:
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    else:
        response.headers["Cache-Control"] = "private, max-age=3600"
    secure = _tls(current_app)
    name = cookie_name(current_app)
    new_id = g.get("set_cookie")
    if isinstance(new_id, str):
        response.set_cookie(name, new_id, httponly=True, samesite="Strict", secure=secure, path="/")
    elif g.get("clear_cookie"):
        response.delete_cookie(name, httponly=True, samesite="Strict", secure=secure, path="/")
    browser = g.get("set_browser")
    if isinstance(browser, str):
        response.set_cookie(browser_cookie(secure), browser, max_age=BROWSER_LIFETIME, httponly=True,
                            samesite="Strict", secure=secure, path="/")
    return response


def see_other(response: Response) -> Response:
    """A redirect answering a POST is 303 See Other: the browser follows it with a GET, and a
    reload of the page it lands on sends nothing again (Post/Redirect/Get; ``webui.kept_forms``)."""
    if request.method not in SAFE_METHODS and response.status_code in (301, 302, 307, 308):
        response.status_code = 303
    return response


def install(app: Flask) -> None:
    app.before_request(load_session)
    app.before_request(check_access)
    app.before_request(check_csrf)
    app.after_request(add_headers)
    app.after_request(see_other)
    app.after_request(settle)

