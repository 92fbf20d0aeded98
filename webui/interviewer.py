"""Interviewer pages: drafts under the interviewer's own key, and sealed submission.

Works while the vault is locked: nothing here opens vault.db.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from vault.attachments.kinds import inspect as inspect_attachment
from vault.errors import InvalidInput, MediaError, NotFound
from webui import drafts, testimony_form
from webui.form_errors import describe, form_id
from webui.i18n import current_language, notify, readable_time, translate
from webui.kept_forms import kept, refuse
from webui.state import signed_in_session, state
from webui.submission import attachment_name, seal_to_inbox

bp = Blueprint("interviewer", __name__, url_prefix="/interviewer")


def _key() -> bytes:
    session = signed_in_session()
    assert session.secret is not None
    return session.secret


def _folder() -> Any:
    return state().archive.folder("drafts")


def _form_page(content: dict[str, Any], draft_id: str | None, error: str | None = None,
               status: int = 200, problems: list[tuple[str | None, str]] | None = None,
               saved_at: str | None = None) -> tuple[str, int]:
    """The form; ``problems`` are ``(control id, words)``, listed at the top and each shown by its field.

    After a refusal (``?kept=…``, see webui.kept_forms) it shows what was typed and the refusal instead,
    marked as not saved (the status line says so, and the browser asks before the page is left).
    ``saved_at`` is when the draft shown was last saved: the status line under the form says it.
    """
    refused = kept("interviewer.edit" if draft_id else "interviewer.new")
    if refused is not None:
        content = testimony_form.from_form(refused.form())
        error, problems = refused.page.get("error"), refused.page.get("problems")
    events = list(content.get("events", []))
    rows = events + [dict.fromkeys(testimony_form.EVENT_FIELDS, "")] * testimony_form.EVENT_ROWS
    problems = problems or []
    return render_template(
        "interviewer/form.html", content=content, draft_id=draft_id, error=error, event_rows=rows,
        unsaved=refused is not None, saved_at=saved_at,
        violation_types=testimony_form.VIOLATION_TYPES, problems=problems, max_events=testimony_form.MAX_EVENTS,
        field_errors={target: words for target, words in problems if target},
    ), status


def _problems(content: dict[str, Any], confirmed: bool) -> list[tuple[str | None, str]]:
    """Everything that stops the form from being submitted, all at once, in the visitor's words."""
    found = [(form_id(field) if field else None, describe(message))
             for field, message in testimony_form.refusals(content)]
    if not confirmed:
        found.append(("confirm-submit", translate("confirm.submit_needed")))
    return found


@bp.get("/")
def home() -> str:
    return render_template("interviewer/home.html", drafts=drafts.list_drafts(_folder(), _key()),
                           deleted=drafts.list_deleted(_folder(), _key()),
                           keep_days=drafts.KEEP_DELETED_SECONDS // 86400)


@bp.get("/new")
def new() -> tuple[str, int]:
    content = testimony_form.empty()
    content["language"] = current_language()  # the narrative is most often in the interface language
    return _form_page(content, None)


@bp.get("/draft/<draft_id>")
def edit(draft_id: str) -> tuple[str, int]:
    try:
        saved_at, content = drafts.load(_folder(), _key(), draft_id)
    except NotFound:
        return render_template("errors/error.html", code=404, key="error.404"), 404
    return _form_page(content, draft_id, saved_at=_iso(saved_at))


def _iso(saved_at: str) -> str | None:
    """A draft's "2026-12-05 03:20 UTC" as ``2026-12-05T03:20:00Z``, which the page's script reads."""
    try:
        return datetime.strptime(saved_at, "%Y-%m-%d %H:%M UTC").strftime("%Y-%m-%dT%H:%M:00Z")
    except ValueError:
        return None


@bp.post("/save")
def save() -> Response:
    content = testimony_form.from_form(request.form)
    draft_id = request.form.get("draft_id") or None
    dropped = [f.filename for f in request.files.getlist("attachments") if f.filename]
    for f in request.files.getlist("attachments"):
        f.close()  # drafts do not hold attachments (they are sealed only with the testimony)
    try:
        draft_id = drafts.save(_folder(), _key(), content, draft_id=draft_id)
    except InvalidInput:  # the only refusal of a draft: its size
        return _refused(draft_id, attached=len(dropped), error=translate("interviewer.draft_too_large",
                                                  mb=drafts.MAX_DRAFT_BYTES // (1024 * 1024)))
    except NotFound:  # a malformed draft id (a stale or edited page): what was typed comes back as a new draft
        return _refused(None, attached=len(dropped), error=translate("interviewer.draft_gone"))
    notify("interviewer.saved")
    if dropped:
        notify("interviewer.attachments_not_kept", n=len(dropped))
    return redirect(url_for("interviewer.edit", draft_id=draft_id))


@bp.get("/draft/<draft_id>/delete")
def confirm_delete(draft_id: str) -> tuple[str, int]:
    """Ask once, naming the draft (when it was saved, how long, its first words)."""
    try:
        saved_at, content = drafts.load(_folder(), _key(), draft_id)
    except NotFound:
        return render_template("errors/error.html", code=404, key="error.404"), 404
    text = str(content.get("text", ""))
    words = drafts.first_words(text)
    lines = [translate("confirm.delete_draft", saved_at=readable_time(saved_at), characters=len(text))]
    if not words:
        lines.append(translate("confirm.delete_draft_empty"))
    return render_template(
        "confirm.html", title=translate("confirm.delete_draft_title"), lines=lines,
        quote=words, quote_intro=translate("confirm.delete_draft_words"),
        quote_lang=str(content.get("language", "")),
        action=url_for("interviewer.delete", draft_id=draft_id),
        confirm_label=translate("confirm.delete_draft_yes"), cancel=url_for("interviewer.home"),
        undo_note=translate("confirm.delete_draft_undo", days=drafts.KEEP_DELETED_SECONDS // 86400),
    ), 200


@bp.post("/draft/<draft_id>/delete")
def delete(draft_id: str) -> Response:
    if not request.form.get("confirm"):
        return redirect(url_for("interviewer.confirm_delete", draft_id=draft_id))
    try:
        drafts.delete(_folder(), _key(), draft_id)
    except NotFound:
        pass
    notify("interviewer.deleted", days=drafts.KEEP_DELETED_SECONDS // 86400)
    return redirect(url_for("interviewer.home"))


@bp.post("/draft/<draft_id>/restore")
def restore(draft_id: str) -> Response:
    """Undo a deletion: the draft comes back to the list, as it was saved."""
    try:
        drafts.restore(_folder(), _key(), draft_id)
    except NotFound:
        notify("interviewer.restore_gone")
        return redirect(url_for("interviewer.home"))
    notify("interviewer.restored")
    return redirect(url_for("interviewer.home"))


def _refused(draft_id: str | None, *, attached: int = 0, **page: Any) -> Response:
    """Back to the form (a GET: a reload resends nothing) with what was typed and why it was refused."""
    if attached:
        notify("interviewer.attach_again", n=attached)
    if draft_id:
        return refuse("interviewer.edit", args={"draft_id": draft_id}, anchor="form-error", **page)
    return refuse("interviewer.new", anchor="form-error", **page)


@bp.post("/submit")
def submit() -> Response:
    content = testimony_form.from_form(request.form)
    draft_id = request.form.get("draft_id") or None
    files = [f for f in request.files.getlist("attachments") if f.filename]
    problems = _problems(content, confirmed=bool(request.form.get("confirm_submit")))
    if problems:
        for f in files:
            f.close()
        return _refused(draft_id, attached=len(files), problems=problems)
    try:
        record_json = testimony_form.to_record_json(content)
        for f in files:  # S29 now, while the interviewer can still fix it: the archive refuses such bundles
            inspect_attachment(attachment_name(f.filename, 0), f.stream)
            f.stream.seek(0)
        receipt = seal_to_inbox(state().archive, record_json,
                                [(f.filename, f.stream) for f in files])
    except MediaError as exc:
        return _refused(draft_id, attached=len(files),
                        error=translate("interviewer.attachment_refused", reason=str(exc)))
    except (InvalidInput, NotFound) as exc:
        return _refused(draft_id, attached=len(files), error=describe(str(exc)))
    finally:
        for f in files:
            f.close()
    if draft_id:
        try:
            drafts.delete(_folder(), _key(), draft_id, keep_for_undo=False)  # now sealed in the inbox
        except NotFound:
            pass
    notify("interviewer.submitted", attachments=receipt.attachments, fingerprint=receipt.fingerprint,
           reference=receipt.reference)
    return redirect(url_for("interviewer.home"))
