"""Archivist pages for attachments: list, upload, photo review (face boxes), delete.

Its own blueprint, nested in the archivist one (same addresses under /archivist). Rules live in ``vault.attachments``:
these views parse the form, call it, and render. Images reach the browser only from
memory (re-encoded from pixels, no metadata), with ``Cache-Control: no-store`` like
every page; the original file is never sent.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Mapping

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from keys.bundle import ensure_attachment_name
from keys.errors import BundleError
from vault import attachments
from vault.archive import OpenVault
from vault.attachments import review
from vault.attachments.store import Attachment
from vault.errors import InvalidInput, MediaError, NotFound, ReleaseBlocked
from vault.media import Box, FaceDetector, MediaKind
from webui.i18n import notify, translate
from webui.ids import checked_id
from webui.kept_forms import kept_page, refuse
from webui.state import request_vault

#: Nested in the archivist blueprint (webui.archivist): /archivist/..., endpoints archivist.attachments.*
bp = Blueprint("attachments", __name__)

_BOX = re.compile(r"^\d{1,6},\d{1,6},\d{1,6},\d{1,6}$")
_DETECTOR = "testimony.face_detector"
_DETECTOR_LOCK = threading.Lock()
MAX_ROWS = review.MAX_BOXES


def detector() -> FaceDetector:
    """One face detector per app, made on first use (loading the model takes a moment)."""
    with _DETECTOR_LOCK:
        found = current_app.extensions.get(_DETECTOR)
        if not isinstance(found, FaceDetector):
            found = current_app.extensions[_DETECTOR] = FaceDetector()
        return found


def _attachment(vault: OpenVault, attachment_id: str) -> Attachment:
    try:
        return attachments.get(vault.conn, checked_id(attachment_id))
    except NotFound:
        abort(404)


# -- list, upload, delete ----------------------------------------------------------------------


@bp.get("/testimony/<testimony_id>/attachments", endpoint="list")
def list_page(testimony_id: str) -> str:
    return _list(checked_id(testimony_id), **kept_page("archivist.attachments.list"))


def _refused(testimony_id: str, error: str) -> WerkzeugResponse:
    """Back to the list (a GET) with the refusal."""
    return refuse("archivist.attachments.list", args={"testimony_id": testimony_id}, anchor="attachments-error",
                  error=error)


def _list(testimony_id: str, error: str | None = None) -> str:
    vault = request_vault()
    if not attachments.store.testimony_exists(vault.conn, testimony_id):
        abort(404)
    items = attachments.list_for(vault.conn, testimony_id, include_deleted=True)
    return render_template("archivist/attachments.html", testimony_id=testimony_id, items=items, error=error,
                           proposal=review.open_proposal(vault, testimony_id))


@bp.post("/testimony/<testimony_id>/attachments", endpoint="upload")
def upload(testimony_id: str) -> WerkzeugResponse:
    """Stream an upload (already in an encrypted spool, S24) into the encrypted store."""
    testimony_id = checked_id(testimony_id)
    vault = request_vault()
    if not attachments.store.testimony_exists(vault.conn, testimony_id):
        abort(404)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _refused(testimony_id, translate("attachments.no_file"))
    try:
        ensure_attachment_name(upload.filename)
    except BundleError:
        return _refused(testimony_id, translate("attachments.bad_name"))
    try:
        item = attachments.add(vault, testimony_id, upload.filename, upload.stream)
    except (MediaError, InvalidInput) as exc:
        return _refused(testimony_id, str(exc))
    notify("attachments.stored", id=item.id, sha256=item.sha256)
    return redirect(url_for("archivist.attachments.list", testimony_id=testimony_id))


@bp.post("/attachment/<attachment_id>/delete", endpoint="delete")
def delete(attachment_id: str) -> WerkzeugResponse:
    vault = request_vault()
    item = _attachment(vault, attachment_id)
    if not request.form.get("confirm"):
        return _refused(item.testimony_id, translate("confirm.needed"))
    try:
        attachments.delete(vault, item.id)
    except InvalidInput as exc:
        return _refused(item.testimony_id, str(exc))
    notify("attachments.deleted", id=item.id)
    return redirect(url_for("archivist.attachments.list", testimony_id=item.testimony_id))


# -- photo review ------------------------------------------------------------------------------


@bp.get("/attachment/<attachment_id>", endpoint="review")
def review_page(attachment_id: str) -> tuple[str, int]:
    """The detector's proposal for a photo; other kinds show what is stored and why it is not released."""
    vault = request_vault()
    item = _attachment(vault, attachment_id)
    if item.kind is not MediaKind.PHOTO or item.is_deleted:
        return _page(vault, item, boxes=(), width=0, height=0)
    edited = kept_page("archivist.attachments.review")
    if edited:  # the boxes as edited (or refused), after the redirect
        return _page(vault, item, edited["rows"], edited["width"], edited["height"], error=edited.get("error"))
    try:
        proposal = review.propose(vault, item.id, detector())
    except MediaError as exc:
        return _page(vault, item, boxes=(), width=0, height=0, error=str(exc), status=422)
    return _page(vault, item, proposal.boxes, proposal.width, proposal.height, proposed=True)


@bp.post("/attachment/<attachment_id>/review", endpoint="update_review")
def update_preview(attachment_id: str) -> WerkzeugResponse:
    """Show the page again (after a redirect) with the boxes as edited; changes nothing."""
    vault = request_vault()
    item = _attachment(vault, attachment_id)
    width, height = _size(request.form)
    try:
        rows: list[list[str]] = [[str(v) for v in b.as_list()] for b in parse_boxes(request.form, width, height)]
        error = None
    except InvalidInput as exc:
        rows, error = _raw_boxes(request.form), str(exc)
    return _edited(item, rows, width, height, error)


def _edited(item: Attachment, rows: list[list[str]], width: int, height: int, error: str | None) -> WerkzeugResponse:
    return refuse("archivist.attachments.review", args={"attachment_id": item.id},
                  anchor="attachment-error" if error else "boxes",
                  rows=rows, width=width, height=height, error=error)


@bp.post("/attachment/<attachment_id>/confirm", endpoint="confirm")
def confirm(attachment_id: str) -> WerkzeugResponse:
    """Rebuild the photo with the confirmed boxes and add it to the testimony's release proposal."""
    vault = request_vault()
    item = _attachment(vault, attachment_id)
    width, height = _size(request.form)
    try:
        boxes = parse_boxes(request.form, width, height)
        release_id = checked_id(request.form.get("release_id", ""))
        position = review.confirm(vault, item.id, release_id, boxes, detector(),
                                  allow_unmasked_faces=bool(request.form.get("allow_unmasked")))
    except NotFound:
        abort(404)
    except ReleaseBlocked as exc:
        return _edited(item, _raw_boxes(request.form), width, height, "; ".join(exc.reasons))
    except (InvalidInput, MediaError) as exc:
        return _edited(item, _raw_boxes(request.form), width, height, str(exc))
    notify("attachments.added_to_release", id=item.id, release=release_id, position=position + 1)
    return redirect(url_for("archivist.attachments.list", testimony_id=item.testimony_id))


@bp.get("/attachment/<attachment_id>/view.jpg", endpoint="view")
def view_image(attachment_id: str) -> Response:
    """The photo, upright, re-encoded from its pixels (no metadata), for the archivist's eyes."""
    vault = request_vault()
    item = _attachment(vault, attachment_id)
    try:
        _, image = review.load(vault, item.id)
    except (MediaError, InvalidInput):
        abort(404)
    return _image(review.view(image), "image/jpeg")


@bp.get("/attachment/<attachment_id>/masked.png", endpoint="preview")
def masked_image(attachment_id: str) -> Response:
    """The photo exactly as it would be released with the boxes in the query (``b=x,y,w,h``)."""
    vault = request_vault()
    item = _attachment(vault, attachment_id)
    try:
        _, image = review.load(vault, item.id)
        values = [v for v in request.args.getlist("b")[:MAX_ROWS] if _BOX.match(v)]
        boxes = [b for b in (_box(v, image.width, image.height) for v in values) if b]
    except (MediaError, InvalidInput):
        abort(404)
    return _image(review.preview(image, boxes).data, "image/png")


def _box(value: str, width: int, height: int) -> Box | None:
    x, y, w, h = value.split(",")
    return review.box_from_fields(x, y, w, h, width, height)


def _image(data: bytes, media_type: str) -> Response:
    response = Response(data, mimetype=media_type)
    response.headers["Content-Disposition"] = "inline"
    return response


def _page(vault: OpenVault, item: Attachment, boxes: tuple[Box, ...] | list[Box] | list[list[str]], width: int,
          height: int, *, proposed: bool = False, error: str | None = None, status: int = 200) -> tuple[str, int]:
    rows = [b.as_list() if isinstance(b, Box) else b for b in boxes]
    valid = [r for r in rows if all(str(v).isdigit() for v in r)]
    preview_args = [",".join(str(v) for v in r) for r in valid]
    return render_template(
        "archivist/attachment.html", item=item, rows=rows, width=width, height=height, proposed=proposed,
        error=error, preview_args=preview_args, proposal=review.open_proposal(vault, item.testimony_id),
        is_photo=item.kind is MediaKind.PHOTO and not item.is_deleted,
    ), status


def _size(form: Mapping[str, str]) -> tuple[int, int]:
    try:
        width, height = int(form.get("width", "")), int(form.get("height", ""))
    except ValueError:
        abort(400)
    if not (0 < width <= 100_000 and 0 < height <= 100_000):
        abort(400)
    return width, height


def _raw_boxes(form: Mapping[str, str]) -> list[list[str]]:
    rows = []
    for key in _row_keys(form):
        rows.append([form.get(f"box_{f}_{key}", "")[:8] for f in "xywh"])
    return rows


def _row_keys(form: Mapping[str, str]) -> list[str]:
    keys = sorted({k.split("_")[-1] for k in form if k.startswith("box_x_")},
                  key=lambda k: (k == "new", int(k) if k.isdigit() else 0))
    return keys[:MAX_ROWS + 1]


def parse_boxes(form: Mapping[str, str], width: int, height: int) -> list[Box]:
    """Rows ``box_{x,y,w,h}_<n>`` (kept unless ``remove_<n>``) and the new row ``box_*_new``."""
    boxes = []
    for key in _row_keys(form):
        if form.get(f"remove_{key}"):
            continue
        box = _box(",".join(form.get(f"box_{f}_{key}", "").replace(",", "") for f in "xywh"), width, height)
        if box is not None:
            boxes.append(box)
    return boxes
