"""Post/Redirect/Get for refused forms: what was typed survives the redirect, in memory only.

Every POST answers with a redirect (303 See Other, ``webui.security``), so reloading a page
never asks to send a form again. A refusal used to answer with the page itself so that nothing
typed was lost; now :func:`refuse` keeps the form's values and the refusal's words in the
visitor's server-side session under a random one-time token, and redirects to the page with
``?kept=<token>``. That page's GET view asks :func:`kept` for it and shows the form as typed,
with every refusal by its field. :func:`keep` does the same for a form sent to be shown, not saved
(the workbench's "Show preview": the page after the redirect shows the unsaved choices).

What is kept never reaches disk or the cookie (which holds only the session id): it is a
:class:`~webui.sessions.KeptForm` in process memory. Passphrases, second-factor codes, CSRF
tokens, "I am sure" ticks and files are never kept (``LEFT_OUT``). A kept form is readable only
by its own session, only by the page it was made for (its endpoint and the values in its path:
one testimony's workbench never shows another's), for ``KEEP_SECONDS``; the next refusal of
the same page replaces it, any POST that succeeds drops the session's kept forms, and they end
with the session (sign-out, timeout, lock now, the last session ending).
"""
from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from flask import current_app, g, redirect, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from webui.sessions import KeptForm
from webui.state import current_session, state

KEEP_SECONDS = 15 * 60  # at most the idle timeout: a kept form never outlives a quiet session by much
MAX_KEPT = 8  # per session; the oldest goes first
TOKEN_BYTES = 16
ARG = "kept"
#: POSTs that do not settle a form: the language switch (the page may still be reloaded).
NOT_SETTLING = frozenset({"auth.set_language"})
#: Fields never kept: secrets, and the confirmations an irreversible action asks for again.
LEFT_OUT = frozenset({"csrf_token", "passphrase", "new_passphrase", "code", "confirm", "confirm_submit"})


def _page_of(endpoint: str, args: Mapping[str, Any]) -> str:
    """The page a kept form belongs to: its endpoint and the values in its path (a testimony's id)."""
    in_path = set().union(*(rule.arguments for rule in current_app.url_map.iter_rules(endpoint)))
    return endpoint + "".join(f"/{name}={args[name]}" for name in sorted(in_path & set(args)))


def refuse(endpoint: str, /, *, args: Mapping[str, str] | None = None, anchor: str | None = None,
           **page: Any) -> Response:
    """Keep the refused form and ``page`` (the renderer's keyword arguments), then 303 to ``endpoint``."""
    session = current_session()
    url_args: dict[str, Any] = dict(args or {})
    if session is not None:
        now = state().config.clock()
        values = tuple((k, v) for k, v in request.form.items(multi=True) if k not in LEFT_OUT)
        where = _page_of(endpoint, url_args)
        live = {t: k for t, k in session.kept.items()
                if k.endpoint != where and now - k.made <= KEEP_SECONDS}
        while len(live) >= MAX_KEPT:
            live.pop(min(live, key=lambda t: live[t].made))
        token = secrets.token_urlsafe(TOKEN_BYTES)
        live[token] = KeptForm(where, values, dict(page), now)
        session.kept = live
        g.kept_token = token
        url_args[ARG] = token
    return redirect(url_for(endpoint, _anchor=anchor, **url_args), code=303)


def keep(endpoint: str, /, *, args: Mapping[str, str] | None = None, anchor: str | None = None) -> Response:
    """Keep a form that was not refused but not saved either (the workbench's "Show preview"), then
    303 to ``endpoint``, whose page shows it as sent; the same memory, rules and lifetime as :func:`refuse`."""
    return refuse(endpoint, args=args, anchor=anchor)


def kept(endpoint: str) -> KeptForm | None:
    """The form refused on its way to ``endpoint``, if the URL names one of this session's."""
    token = request.args.get(ARG, "")[:64]
    session = current_session()
    if not token or session is None:
        return None
    found = session.kept.get(token)
    if found is None or found.endpoint != _page_of(endpoint, request.view_args or {}):
        return None
    if state().config.clock() - found.made > KEEP_SECONDS:
        session.kept.pop(token, None)
        return None
    return found


def kept_page(endpoint: str) -> dict[str, Any]:
    """The refusal's keyword arguments for the page's renderer ({} when nothing was refused)."""
    found = kept(endpoint)
    return dict(found.page) if found is not None else {}


def kept_values(endpoint: str) -> MultiDict[str, str]:
    """The values typed into the refused form (empty when nothing was refused)."""
    found = kept(endpoint)
    return found.form() if found is not None else MultiDict()


def settle(response: Response) -> Response:
    """After a POST that was not refused, the session's kept forms are no longer needed."""
    session = current_session()
    if (request.method == "POST" and session is not None and session.kept and not g.get("kept_token")
            and request.endpoint not in NOT_SETTLING):
        session.kept.clear()
    return response
