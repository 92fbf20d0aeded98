"""Record a witness's new consent (archivists): the scope, on what basis; who and when are recorded."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from vault import consent
from vault.errors import InvalidInput, NotFound
from vault.records import CONSENT_SCOPES
from webui.i18n import notify, translate
from webui.ids import checked_id
from webui.kept_forms import kept_page, kept_values, refuse
from webui.state import request_vault

#: Nested in the archivist blueprint (webui.archivist): /archivist/..., endpoints archivist.consent.*
bp = Blueprint("consent", __name__)


@bp.get("/testimony/<testimony_id>/consent", endpoint="page")
def consent_page(testimony_id: str) -> str:
    return _page(checked_id(testimony_id), **kept_page("archivist.consent.page"))


def _page(testimony_id: str, *, error: str | None = None) -> str:
    vault = request_vault()
    try:
        scope, status_now = consent.current(vault.conn, testimony_id)
    except NotFound:
        abort(404)
    names = {str(i): str(n) for i, n in vault.conn.execute("SELECT id, username FROM users")}
    return render_template("archivist/consent.html", testimony_id=testimony_id, scope=scope,
                           withdrawn=status_now == "withdrawn",
                           history=consent.history(vault.conn, testimony_id), scopes=CONSENT_SCOPES,
                           names=names, error=error, typed=kept_values("archivist.consent.page"))


@bp.post("/testimony/<testimony_id>/consent", endpoint="record")
def record_consent(testimony_id: str) -> Response:
    testimony_id = checked_id(testimony_id)
    vault = request_vault()
    try:
        scope = request.form.get("scope", "")
        if scope not in CONSENT_SCOPES:
            raise InvalidInput(translate("consent.choose_scope"))
        basis = request.form.get("basis", "")
        if not basis.strip():
            raise InvalidInput(translate("consent.basis_needed"))
        if len(basis) > consent.MAX_BASIS:  # refused in words, never cut short (the form has no maxlength)
            raise InvalidInput(translate("consent.basis_too_long", n=len(basis), max=consent.MAX_BASIS))
        if consent.current(vault.conn, testimony_id)[1] == "withdrawn":
            raise InvalidInput(translate("consent.withdrawn"))
        if not request.form.get("confirm"):
            raise InvalidInput(translate("confirm.needed"))
        consent.record(vault, testimony_id, scope, basis)
    except NotFound:
        abort(404)
    except InvalidInput as exc:
        return refuse("archivist.consent.page", args={"testimony_id": testimony_id}, anchor="consent-error",
                      error=str(exc))
    notify("consent.recorded")
    return redirect(url_for("archivist.workbench", testimony_id=testimony_id))
