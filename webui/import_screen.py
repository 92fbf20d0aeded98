"""Archivist pages for bringing an existing archive in: upload, map columns, watch, read the report.

Its own blueprint, nested in the archivist one (same addresses under /archivist). The rules live in ``vault.imports``; the
upload and the worker thread in ``webui.import_jobs``.
"""
from __future__ import annotations

import re

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from vault.errors import InvalidInput
from vault.imports import fields
from vault.imports import mapping as mappings
from vault.imports.report import render as render_report
from vault.imports.rows import Defaults
from webui.i18n import current_language, translate
from webui.import_jobs import ImportJob, preview, start
from webui.import_words import file_problem, row_problem
from webui.kept_forms import kept, kept_page, refuse
from webui.state import request_vault, signed_in_session, state

#: Nested in the archivist blueprint (webui.archivist): /archivist/..., endpoints archivist.imports.*
bp = Blueprint("imports", __name__)

_JOB = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
FORMATS = ("auto", "csv", "xlsx", "jsonl", "martus", "uwazi")
CONSENTS = ("archive_only", "research", "public")


def _job(job_id: str) -> ImportJob:
    if not _JOB.match(job_id):
        abort(404)
    job = state().imports.get(signed_in_session().username or "", job_id)
    if job is None:
        abort(404)
    return job


def _targets() -> list[tuple[str, str]]:
    korean = current_language() == "ko"
    return [(t.name, t.label_ko if korean else t.label_en) for t in fields.TARGETS]


@bp.get("/import", endpoint="page")
def imports_page() -> str:
    request_vault()
    jobs = state().imports.of(signed_in_session().username or "")
    error = kept_page("archivist.imports.page").get("error", "")
    return render_template("archivist/import.html", jobs=jobs, formats=FORMATS, error=error)


@bp.post("/import", endpoint="upload")
def upload() -> WerkzeugResponse:
    """Read the upload (from the encrypted spool) into memory and show its columns."""
    request_vault()
    upload_file = request.files.get("file")
    fmt = request.form.get("format", "auto")
    if upload_file is None or not upload_file.filename:
        return refuse("archivist.imports.page", anchor="import-error", error=translate("import.no_file"))
    if fmt not in FORMATS:
        abort(400)
    name = upload_file.filename.replace("/", "_").replace("\\", "_")[-120:]
    data = upload_file.stream.read()
    job = state().imports.create(signed_in_session().username or "", name, fmt, data)
    try:
        preview(job)
    except InvalidInput as exc:
        job.data = None
        job.status, job.error = "failed", str(exc)
        return refuse("archivist.imports.page", anchor="import-error", error=file_problem(str(exc)))
    return redirect(url_for("archivist.imports.mapping", job_id=job.id))


@bp.get("/import/<job_id>/mapping", endpoint="mapping")
def mapping_page(job_id: str) -> WerkzeugResponse | str:
    request_vault()
    job = _job(job_id)
    if job.status != "mapping":
        return redirect(url_for("archivist.imports.job", job_id=job.id))
    refused = kept("archivist.imports.mapping")
    error = ""
    if refused is not None:  # shown again after a refusal: keep what the archivist chose
        typed = refused.form()
        chosen = [typed.get(f"column-{i}", "") for i in range(len(job.headers))]
        form = {k: typed.get(k, "") for k in ("consent", "language", "dry_run")}
        error = str(refused.page.get("error", ""))
    else:
        chosen = [p or "" for p in job.proposed]
        form = {}
    return render_template("archivist/import_mapping.html", job=job, targets=_targets(), consents=CONSENTS,
                           chosen=chosen, form=form, error=error)


def _refused(job_id: str, error: str) -> WerkzeugResponse:
    return refuse("archivist.imports.mapping", args={"job_id": job_id}, anchor="import-error", error=error)


@bp.post("/import/<job_id>/start", endpoint="start")
def start_import(job_id: str) -> WerkzeugResponse:
    vault = request_vault()
    job = _job(job_id)
    if job.status != "mapping" or job.data is None:
        return redirect(url_for("archivist.imports.job", job_id=job.id))
    if not request.form.get("confirm"):
        return _refused(job.id, translate("confirm.needed"))
    columns: dict[str, str] = {}
    for index, header in enumerate(job.headers):
        target = request.form.get(f"column-{index}", "")
        if target not in fields.BY_NAME:
            return _refused(job.id, translate("import.choose_every_column",
                                                  column=mappings.column_name(index, header)))
        columns[header] = target
    consent = request.form.get("consent", "")
    language = request.form.get("language", "")
    if consent not in ("", *CONSENTS) or language not in ("", "en", "ko"):
        abort(400)
    if job.headers:
        try:
            mappings.ensure_single(job.headers, list(columns.values()))
        except InvalidInput as exc:
            return _refused(job.id, file_problem(str(exc)))
        if "consent" not in columns.values() and not consent:
            return _refused(job.id, translate("import.consent_needed"))
    elif job.format == "martus" and not consent:
        return _refused(job.id, translate("import.consent_needed"))
    job.dry_run = bool(request.form.get("dry_run"))
    rules = mappings.Mapping(columns, Defaults(language or None, consent or None))
    start(job, rules, keeper=state().keeper, archive=state().archive, actor=vault.actor, role=vault.role,
          username=vault.username)
    return redirect(url_for("archivist.imports.job", job_id=job.id))


@bp.get("/import/<job_id>", endpoint="job")
def job_page(job_id: str) -> str:
    request_vault()
    job = _job(job_id)
    return render_template("archivist/import_job.html", job=job, row_problem=row_problem, file_problem=file_problem)


@bp.get("/import/<job_id>/report.csv", endpoint="report")
def report(job_id: str) -> Response:
    request_vault()
    job = _job(job_id)
    if job.status not in ("done", "failed"):
        abort(404)
    response = Response(render_report(list(job.outcomes)), mimetype="text/csv")
    stem = re.sub(r"[^A-Za-z0-9_-]", "_", job.name.rsplit(".", 1)[0])[:60] or "import"
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}-report.csv"'
    return response
