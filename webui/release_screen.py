"""The approval screen of one release: see what would be published, approve it, fix and publish it.

The page shows the frozen proposal (:mod:`vault.releases.view`): text, facts and masked
images as they would be published, beside the testimony text, with every change and
every gate finding marked. Approving posts the content hash of what was shown; the
vault refuses the approval if the proposal changed since. Gate refusals come in plain
words with their fixes as buttons (apply the suggested generalisation, go to the
passage, accept that the facts are withheld).
"""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from vault import releases
from vault.anonymity import QUASI_IDENTIFIERS, Levels
from vault.errors import InvalidInput, NotFound, ReleaseBlocked
from vault.releases import gate
from vault.releases import view as release_view
from webui.i18n import current_language, notify, readable_time, translate
from webui.ids import checked_id
from webui.kept_forms import kept_page, kept_values, refuse
from webui.state import request_vault

#: Nested in the archivist blueprint (webui.archivist): /archivist/..., endpoints archivist.release.*
bp = Blueprint("release", __name__)

_HASH_LENGTH = 64


@bp.get("/releases/<release_id>", endpoint="page")
def release_page(release_id: str) -> str:
    return _page(checked_id(release_id), **kept_page("archivist.release.page"))


def _refused(release_id: str, errors: list[str], **page: object) -> Response:
    """Back to the approval screen (a GET) with the refusal; a comment typed to send back stays."""
    return refuse("archivist.release.page", args={"release_id": release_id}, anchor="release-error" if errors else "gate-reasons",
                  errors=errors, **page)


def _page(release_id: str, *, errors: list[str] | None = None, accepted: bool = False) -> str:
    vault = request_vault()
    try:
        view = release_view.build(vault, release_id)
    except NotFound:
        abort(404)
    lang = current_language()
    reasons = [gate.words(r, lang) for r in view.reasons]
    may_approve = view.release.status == "proposed"
    why_not = None
    if may_approve:
        try:
            releases.ensure_may_approve(vault.conn, view.release, vault.actor)
        except ReleaseBlocked:
            may_approve = False
            why_not = "own" if view.release.proposed_by == vault.actor else "not_independent"
    return render_template(
        "archivist/release.html", typed=kept_values("archivist.release.page"), view=view, reasons=reasons, errors=errors or [], may_approve=may_approve,
        why_not=why_not, qi_names=QUASI_IDENTIFIERS, actor=vault.actor,
        has_k=any(r.code == gate.K_ANONYMITY for r in view.reasons),
        has_narrative=any(r.code == gate.NARRATIVE for r in view.reasons),
        notes=releases.notes(vault.conn, release_id), names=releases.usernames(vault.conn),
        accepted=accepted or view.release.accept_suppression)


@bp.get("/releases/<release_id>/image/<int:position>", endpoint="image")
def release_image(release_id: str, position: int) -> Response:
    vault = request_vault()
    items = releases.images(vault.conn, checked_id(release_id))
    if not 0 <= position < len(items):
        abort(404)
    response = Response(items[position].data, mimetype=items[position].media_type)
    response.headers["Content-Disposition"] = "inline"
    return response


@bp.post("/releases/<release_id>/approve", endpoint="approve")
def approve(release_id: str) -> Response:
    release_id = checked_id(release_id)
    vault = request_vault()
    shown = request.form.get("content_hash", "")[:_HASH_LENGTH]
    try:
        if len(shown) != _HASH_LENGTH:
            raise ReleaseBlocked([releases.CHANGED_SINCE_SHOWN])
        done = releases.approve(vault, release_id, shown_hash=shown)
    except NotFound:
        abort(404)
    except ReleaseBlocked as exc:
        return _refused(release_id, [_plain(r) for r in exc.reasons])
    except InvalidInput as exc:
        return _refused(release_id, [str(exc)])
    notify("archivist.release_approve", release=done.id, extract="")
    return redirect(url_for("archivist.release.page", release_id=release_id))


@bp.post("/releases/<release_id>/send-back", endpoint="send_back")
def send_back(release_id: str) -> Response:
    release_id = checked_id(release_id)
    vault = request_vault()
    comment = request.form.get("comment", "")
    if not comment.strip():
        return _refused(release_id, [translate("release.comment_needed")])
    if len(comment) > releases.MAX_NOTE:  # refused in words, never cut short (the form has no maxlength)
        return _refused(release_id, [translate("release.comment_too_long", n=len(comment), max=releases.MAX_NOTE)])
    try:
        releases.send_back(vault, release_id, comment)
    except NotFound:
        abort(404)
    except InvalidInput as exc:
        return _refused(release_id, [str(exc)])
    notify("release.sent_back")
    return redirect(url_for("archivist.releases"))


@bp.post("/releases/<release_id>/generalise", endpoint="generalise")
def generalise(release_id: str) -> Response:
    """Apply the gate's suggested generalisation: the text's passages, and the suggested levels if any."""
    release_id = checked_id(release_id)
    vault = request_vault()
    try:
        levels = _levels_from_form()
        accept = True if request.form.get("accept_suppression") else None
        releases.generalise_text(vault, release_id, levels=levels, accept_suppression=accept)
    except NotFound:
        abort(404)
    except (ReleaseBlocked, InvalidInput) as exc:
        return _refused(release_id, [str(exc)])
    notify("release.generalised")
    return redirect(url_for("archivist.release.page", release_id=release_id))


@bp.post("/releases/<release_id>/publish", endpoint="publish")
def publish(release_id: str) -> Response:
    release_id = checked_id(release_id)
    vault = request_vault()
    accept = bool(request.form.get("accept_suppression"))
    try:
        if accept:  # remembered, so the page and its fix follow the facts as the room would show them
            releases.remember_suppression(vault, release_id)
        done = releases.publish(vault, release_id, accept_suppression=accept)
    except NotFound:
        abort(404)
    except ReleaseBlocked:
        return _refused(release_id, [], accepted=accept)  # the reasons, in plain words
    except InvalidInput as exc:
        return _refused(release_id, [str(exc)])
    notify("archivist.release_publish", release=done.id, extract=done.extract_id or "")
    return redirect(url_for("archivist.release.page", release_id=release_id))


bp.add_app_template_global(readable_time, "readable_time")


def _levels_from_form() -> Levels | None:
    values = {name: request.form.get(f"level_{name}", "") for name in QUASI_IDENTIFIERS}
    if not any(values.values()):
        return None
    return Levels.from_dict({k: v or "0" for k, v in values.items()})


def _plain(reason: str) -> str:
    """Refusals of the approval step in the visitor's language (no requirement codes)."""
    if reason == releases.CHANGED_SINCE_SHOWN:
        return translate("releases.refuse_changed")
    if "you proposed this release" in reason:
        return translate("releases.own")
    return translate("releases.not_independent")
