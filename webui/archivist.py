"""Archivist pages: inbox import, queue, redaction workbench, releases, lock now.

Each request opens vault.db with the key the vault keeper holds (only while an
archivist or admin is signed in) as the signed-in archivist; every rule lives in
``vault`` (decisions, releases, gate, intake import).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, abort, g, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from vault import intake_import, intake_retention, releases, testimonies
from vault.archive import OpenVault
from vault.errors import InvalidInput, NotFound, ReleaseBlocked, VaultError
from vault.redaction import LABELS, analyser_loading, render
from vault.releases import decisions, gate
from webui import attachments, consent_screen, import_screen, release_screen, workbench
from webui.i18n import current_language, notify, translate
from webui.ids import checked_id
from webui.kept_forms import keep, kept_page, kept_values, refuse
from webui.state import request_vault, state
from webui.submission import receipt_reference

bp = Blueprint("archivist", __name__, url_prefix="/archivist")
bp.add_app_template_filter(workbench.reveal, "reveal")
# Attachment pages, the approval screen, consent and imports: their own blueprints inside this one.
for _pages in (attachments.bp, release_screen.bp, consent_screen.bp, import_screen.bp):
    bp.register_blueprint(_pages)
QUEUE_PAGE = 100
RELEASES_PAGE = 50


@bp.get("/")
def home() -> str:
    vault = request_vault()
    status = request.args.get("status", "")
    status = status if status in testimonies.STATUSES else ""
    language = request.args.get("language", "")
    language = language if language in ("en", "ko") else ""
    order = request.args.get("order", "")
    order = order if order in testimonies.QUEUE_ORDERS else "received_oldest"
    try:
        page = max(0, int(request.args.get("page", "0")[:6]))
    except ValueError:
        page = 0
    everything = testimonies.list_all(vault.conn, status=status or None, language=language or None, order=order)
    queue = everything[page * QUEUE_PAGE:(page + 1) * QUEUE_PAGE]
    waiting = len(intake_import.inbox_bundles(state().archive))
    proposals = releases.list_releases(vault.conn, status="proposed")
    kept = {name: value for name, value in (("language", language), ("order", order)) if value
            and value != "received_oldest"}
    return render_template("archivist/home.html", queue=queue, waiting=waiting, proposals=len(proposals),
                           status=status, statuses=testimonies.STATUSES, page=page, total=len(everything),
                           more=(page + 1) * QUEUE_PAGE < len(everything), language=language, order=order,
                           orders=testimonies.QUEUE_ORDERS, kept=kept, first=page * QUEUE_PAGE + 1)


@bp.get("/inbox")
def inbox() -> str:
    request_vault()
    bundles = intake_import.inbox_bundles(state().archive)
    rows = []
    for bundle in bundles:
        info = bundle.stat()
        arrived = datetime.fromtimestamp(info.st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append((receipt_reference(bundle.name), bundle.name, info.st_size, arrived))
    return render_template("archivist/inbox.html", bundles=sorted(rows, key=lambda r: r[3], reverse=True))


@bp.post("/inbox/import")
def import_inbox() -> Response:
    vault = request_vault()
    try:
        outcomes = list(intake_import.import_bundles(vault, intake_import.inbox_bundles(state().archive)))
    except NotFound as exc:
        notify("archivist.import_failed", reason=str(exc))
        return redirect(url_for("archivist.inbox"))
    for outcome in outcomes:
        reference = receipt_reference(outcome.path.name)
        if outcome.status == "refused" or outcome.testimony_id is None:
            notify("archivist.import_outcome", name=reference, message=outcome.message)
        else:
            notify(f"archivist.import_{outcome.status.replace('-', '_')}", reference=reference,
                   testimony=outcome.testimony_id,
                   link=(url_for("archivist.workbench", testimony_id=outcome.testimony_id), outcome.testimony_id))
    intake_retention.purge(vault)  # imported bundles past their retention (docs/design.md, Backups)
    if not outcomes:
        notify("archivist.inbox_empty")
    return redirect(url_for("archivist.inbox"))


@bp.get("/testimony/<testimony_id>", endpoint="workbench")
def workbench_page(testimony_id: str) -> str | Response:
    testimony_id = checked_id(testimony_id)
    if analyser_loading():  # started with the server: a wait of a few seconds remains
        response = make_response(render_template("archivist/preparing.html", testimony_id=testimony_id))
        response.headers["Refresh"] = "2"
        return response
    return _workbench(testimony_id, **kept_page("archivist.workbench"))


def _workbench_args(testimony_id: str) -> dict[str, Any]:
    """The workbench page a form posted from it goes back to (the by-span view if it was open)."""
    spans = request.form.get("view") == "spans"
    return {"testimony_id": testimony_id, **({"view": "spans"} if spans else {})}


def _refused(testimony_id: str, **page: object) -> Response:
    """Back to the workbench (a GET) with the refusal in words."""
    return refuse("archivist.workbench", args=_workbench_args(testimony_id), anchor="gate-reasons" if "reasons" in page else "workbench-error",
                  **page)


def _in_words(reason: object) -> list[str]:
    """A gate refusal as plain sentences in the visitor's language (no offsets or codes)."""
    if isinstance(reason, gate.Reason):
        return gate.words(reason, current_language())
    return [str(reason)]


def _workbench(testimony_id: str, error: str | None = None, reasons: Sequence[object] | None = None) -> str:
    """The workbench; with choices kept from "Show preview" or a refused save, every menu as chosen and
    the extract those unsaved choices give (the same renderer as the saved page)."""
    vault = request_vault()
    try:
        review = decisions.review(vault.conn, testimony_id, actor=vault.actor)
    except NotFound:
        abort(404)
    page = workbench.build(review, pseudonym_key=vault.secret("pseudonym_key"))
    chosen: Mapping[str, str] = kept_values("archivist.workbench")
    unsaved = False
    if workbench.choices(chosen):
        try:
            text = render(review.text, workbench.parse(review, workbench.choices(chosen), actor=vault.actor),
                          pseudonym_key=vault.secret("pseudonym_key"))
        except VaultError:  # out of date (the decisions changed since): the saved ones, as they are
            chosen, unsaved = {}, False
        else:
            page, unsaved = dataclasses.replace(page, preview=text), True
    open_releases = [r for r in releases.list_releases(vault.conn) if r.testimony_id == testimony_id]
    view = "spans" if request.args.get("view") == "spans" else "strings"
    return render_template(
        "archivist/workbench.html", review=review, page=page, labels=LABELS, actions=workbench.ACTIONS,
        error=error, reasons=[_in_words(r) for r in reasons or []], chosen=chosen, unsaved=unsaved,
        releases=open_releases, view=view, kinds=workbench.kinds(page),
        consent_refused=any(getattr(r, "code", "") == gate.CONSENT for r in reasons or []),
    )


@bp.post("/testimony/<testimony_id>/decisions")
def save_decisions(testimony_id: str) -> Response:
    testimony_id = checked_id(testimony_id)
    vault = request_vault()
    try:
        review = decisions.review(vault.conn, testimony_id, actor=vault.actor)
        chosen = workbench.parse(review, request.form, actor=vault.actor)
        decisions.save(vault.conn, testimony_id, chosen, actor=vault.actor)
    except NotFound:
        abort(404)
    except VaultError as exc:
        return _refused(testimony_id, error=str(exc))
    if request.form.get("bulk"):
        label = request.form.get("bulk_label", "")
        notify("workbench.bulk_done", n=sum(1 for d in chosen if d.span.label == label),
               kind=translate(f"label.{label}"), action=translate(f"action.{request.form.get('bulk_action', '')}"))
    else:
        notify("archivist.decisions_saved")
    return redirect(url_for("archivist.workbench", **_workbench_args(testimony_id)))


@bp.post("/testimony/<testimony_id>/preview")
def preview(testimony_id: str) -> Response:
    """"Show preview": the choices on the form, not saved, are kept in the session's memory (as a
    refused form is, webui.kept_forms) and the workbench page after the redirect shows them with the
    extract they give. Saves nothing; like opening the page, an audited read."""
    testimony_id = checked_id(testimony_id)
    vault = request_vault()
    try:
        review = decisions.review(vault.conn, testimony_id, actor=vault.actor)
        workbench.parse(review, workbench.choices(request.form), actor=vault.actor)
    except NotFound:
        abort(404)
    except VaultError:
        return _refused(testimony_id, error=translate("workbench.preview_failed"))
    return keep("archivist.workbench", args=_workbench_args(testimony_id), anchor="preview-heading")


@bp.get("/testimony/<testimony_id>/reset")
def confirm_reset(testimony_id: str) -> str:
    """Ask once, naming what resetting loses: every decision a person made, spans added by hand."""
    testimony_id = checked_id(testimony_id)
    vault = request_vault()
    try:
        review = decisions.review(vault.conn, testimony_id, actor=vault.actor)
    except NotFound:
        abort(404)
    manual_spans = sum(1 for d in review.decisions if d.span.detector == decisions.MANUAL)
    lines = [translate("confirm.reset", n=len(review.decisions), testimony=testimony_id)]
    if manual_spans:
        lines.append(translate("confirm.reset_manual", n=manual_spans))
    lines.append(translate("confirm.reset_keeps"))
    return render_template("confirm.html", title=translate("confirm.reset_title"), lines=lines,
                           action=url_for("archivist.reset_decisions", testimony_id=testimony_id),
                           confirm_label=translate("confirm.reset_yes"),
                           cancel=url_for("archivist.workbench", testimony_id=testimony_id))


@bp.post("/testimony/<testimony_id>/reset")
def reset_decisions(testimony_id: str) -> Response:
    testimony_id = checked_id(testimony_id)
    vault = request_vault()
    if not request.form.get("confirm"):
        return redirect(url_for("archivist.confirm_reset", testimony_id=testimony_id))
    try:
        forgotten = decisions.reset_to_proposed(vault.conn, testimony_id, actor=vault.actor)
    except NotFound:
        abort(404)
    notify("workbench.reset_done", n=forgotten)
    return redirect(url_for("archivist.workbench", testimony_id=testimony_id))


@bp.post("/testimony/<testimony_id>/propose")
def propose(testimony_id: str) -> Response:
    testimony_id = checked_id(testimony_id)
    vault = request_vault()
    try:
        release = releases.propose(vault, testimony_id)
    except NotFound:
        abort(404)
    except ReleaseBlocked as exc:
        return _refused(testimony_id, reasons=list(exc.findings or exc.reasons))
    except InvalidInput as exc:
        return _refused(testimony_id, error=str(exc))
    notify("archivist.proposed", release=release.id)
    return redirect(url_for("archivist.releases"))


@bp.get("/releases", endpoint="releases")
def releases_page() -> str:
    vault = request_vault()
    q = request.args.get("q", "")[:64].strip()
    try:
        page = max(0, int(request.args.get("page", "0")[:6]))
    except ValueError:
        page = 0
    items = [r for r in work_queue(vault) if not q or q.lower() in f"{r.id} {r.testimony_id} {r.extract_id or ''}".lower()]
    shown = items[page * RELEASES_PAGE:(page + 1) * RELEASES_PAGE]
    return render_template("archivist/releases.html", releases=shown, actor=vault.actor, q=q, page=page,
                           more=len(items) > (page + 1) * RELEASES_PAGE, names=releases.usernames(vault.conn),
                           **kept_page("archivist.releases"))


def work_queue(vault: OpenVault) -> list[releases.Release]:
    """Releases in the order an archivist works on them: proposals waiting for my approval, my own
    proposals, then the rest, newest first."""
    items = sorted(releases.list_releases(vault.conn), key=lambda r: r.proposed_at, reverse=True)
    returned = releases.sent_back(vault.conn)

    def rank(r: releases.Release) -> int:
        if r.status == "proposed" and r.proposed_by != vault.actor:
            return 0
        if r.proposed_by == vault.actor and (r.status in ("proposed", "approved") or r.id in returned):
            return 1
        return 2 if r.status in ("proposed", "approved") else 3
    return sorted(items, key=rank)


@bp.get("/releases/<release_id>/retract")
def confirm_retract(release_id: str) -> Response | tuple[str, int]:
    """Ask once, naming what retracting takes away (the extract from the reading room)."""
    vault = request_vault()
    try:
        release = releases.get(vault.conn, checked_id(release_id))
    except NotFound:
        abort(404)
    if release.status == "retracted":
        return redirect(url_for("archivist.releases"))
    lines = [translate("confirm.retract", release=release.id, testimony=release.testimony_id)]
    if release.status == "published" and release.extract_id:
        lines.append(translate("confirm.retract_published", extract=release.extract_id))
    else:
        lines.append(translate("confirm.retract_unpublished"))
    lines.append(translate("confirm.retract_keeps"))
    return render_template(
        "confirm.html", title=translate("confirm.retract_title"), lines=lines,
        action=url_for("archivist.retract", release_id=release.id),
        confirm_label=translate("confirm.retract_yes"), cancel=url_for("archivist.releases"),
    ), 200


def _release_action(release_id: str, action: str) -> Response:
    vault = request_vault()
    release_id = checked_id(release_id)
    if not request.form.get("confirm"):
        return redirect(url_for("archivist.confirm_retract", release_id=release_id))
    try:
        done = releases.retract(vault, release_id, reason="archivist")
    except NotFound:
        abort(404)
    except ReleaseBlocked as exc:
        return refuse("archivist.releases", reasons=list(exc.reasons), failed=release_id)
    except InvalidInput as exc:
        return refuse("archivist.releases", error=str(exc), failed=release_id)
    notify(f"archivist.release_{action}", release=done.id, extract=done.extract_id or "")
    return redirect(url_for("archivist.releases"))


@bp.post("/releases/<release_id>/retract")
def retract(release_id: str) -> Response:
    return _release_action(release_id, "retract")


@bp.post("/lock")
def lock() -> Response:
    state().lock_now()
    g.session = None
    g.clear_cookie = True
    return redirect(url_for("auth.login"))

