"""Admin pages: accounts and roles (keyslots), passphrase resets, second factors, backups."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keys import passphrases, totp
from keys.errors import KeysError
from keys.intake import DEFAULT_SUITE
from keys.keyring import Role
from vault import intake_import
from vault.archive import add_user as vault_add_user
from vault.archive import remove_user as vault_remove_user
from vault.archive import reset_user as vault_reset_user
from vault.errors import InvalidInput, NotFound, VaultError
from webui import audit_screen, backup_screen, submission
from webui.backup_screen import MAX_PASSPHRASE
from webui.derivations import record_flood
from webui.i18n import notify, translate
from webui.kept_forms import kept_page, refuse
from webui.qr import qr_path
from webui.state import request_vault, signed_in_session, state

bp = Blueprint("admin", __name__, url_prefix="/admin")
MIN_PASSPHRASE = 12
_NAME = re.compile(r"^[^\s/\\][^/\\]{0,63}$")


def _users() -> list[tuple[str, str, str, bool]]:
    vault = request_vault()
    rows = vault.conn.execute("SELECT username, role, created_at, disabled FROM users ORDER BY username")
    return [(str(r[0]), str(r[1]), str(r[2]), bool(r[3])) for r in rows]


def _locked_users(names: list[str]) -> set[str]:
    """Names of the accounts locked after repeated wrong second factors."""
    web = state()
    locked = web.lockout.locked() if web.lockout is not None else set()
    if not locked:
        return set()
    out = set()
    for name in names:
        mark = web.slot_watch.current(web.archive.keyring, name)
        if mark is not None and mark.slot_id in locked:
            out.add(name)
    return out


@dataclass(frozen=True)
class _Flood:
    total: int  # answered busy since the server started
    since: str  # when the current flood began (server clock), "" when there is none
    recent: int  # answered busy since then
    minutes: list[tuple[str, int]]  # the last ten minutes with refusals


def _flood() -> _Flood:
    """The sign-in flood as the admin page shows it; what is not yet in the audit log goes there now."""
    gate = state().derivations
    record_flood(gate, request_vault())
    report = gate.report()

    def clock(t: float) -> str:
        return time.strftime("%H:%M", time.localtime(t))

    since = "" if report.since is None else clock(report.since)
    recent = sum(n for t, n in report.per_minute if report.since is not None and t >= report.since)
    return _Flood(report.total, since, recent, [(clock(t), n) for t, n in report.per_minute[-10:]])


def _page(status: int = 200, **extra: object) -> tuple[str, int]:
    users = _users()
    session = signed_in_session()
    suggested, session.suggested = session.suggested, None  # shown once
    chosen = request.args.get("user", "")[:64]
    last = {name: _stamp(when) for name, when in state().last_sign_in.items()}
    return render_template("admin/home.html", users=users, roles=[r.value for r in Role],
                           locked=_locked_users([u[0] for u in users]),
                           flood=_flood(), last_sign_in=last,
                           suggested=suggested, chosen_user=chosen if any(u[0] == chosen for u in users) else "",
                           min_passphrase=MIN_PASSPHRASE, **extra), status


def _stamp(when: float) -> str:
    return datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Refused(InvalidInput):
    """A refusal this module words itself, already in the visitor's language."""


def _form_credentials() -> tuple[str, str]:
    """The user name and passphrase as typed (never cut short), or InvalidInput in the visitor's language."""
    username = request.form.get("username", "").strip()
    passphrase = request.form.get("passphrase", "")
    if not _NAME.match(username):
        raise _Refused(translate("admin.bad_username"))
    if len(passphrase) < MIN_PASSPHRASE:
        raise _Refused(translate("admin.short_passphrase", n=MIN_PASSPHRASE))
    if len(passphrase) > MAX_PASSPHRASE:
        raise _Refused(translate("admin.long_passphrase", n=MAX_PASSPHRASE))
    return username, passphrase


def _refusal(exc: Exception, username: str) -> str:
    """A vault or keyring refusal in the visitor's language (the vault's own text is English)."""
    if isinstance(exc, _Refused):
        return str(exc)
    if isinstance(exc, NotFound):
        return translate("admin.no_user", user=username)
    text = str(exc)
    if isinstance(exc, InvalidInput):
        if "already exists" in text:
            return translate("admin.user_exists", user=username)
        if "your own account" in text:
            return translate("admin.not_yourself")
    return translate("admin.failed")


@bp.get("/")
def home() -> tuple[str, int]:
    return _page(**kept_page("admin.home"))


def _refused(error: str, *, user: str = "", **page: object) -> Response:
    """Back to the accounts page (a GET) with the refusal; ``user`` fills the reset forms again."""
    args = {"user": user[:64]} if user else None
    return refuse("admin.home", args=args, anchor="admin-error", error=error, **page)


@bp.post("/users")
def add_user() -> Response:
    vault = request_vault()
    try:
        username, passphrase = _form_credentials()
        role = Role(request.form.get("role", ""))
        vault_add_user(vault, username, passphrase, role)
        secret = totp.provision(vault.archive.keyring, username, passphrase, rng=state().config.rng)
    except ValueError:
        return _refused(translate("admin.unknown_role"), chosen_role="", typed_user=_typed_name())
    except (VaultError, KeysError) as exc:
        return _refused(_refusal(exc, _typed_name()), chosen_role=request.form.get("role", "")[:32],
                        typed_user=_typed_name())
    return _show_enrolment_once(username, secret)


def _typed_name() -> str:
    return request.form.get("username", "").strip()[:64]


@bp.post("/users/reset")
def reset_user() -> Response:
    vault = request_vault()
    if not request.form.get("confirm"):
        return _refused(translate("confirm.needed"), user=_typed_name())
    try:
        username, passphrase = _form_credentials()
        vault_reset_user(vault, username, passphrase)
        state().end_sessions_of(username)
        secret = totp.provision(vault.archive.keyring, username, passphrase, rng=state().config.rng)
    except (VaultError, KeysError) as exc:
        return _refused(_refusal(exc, _typed_name()), user=_typed_name())
    return _show_enrolment_once(username, secret)


@bp.post("/users/second-factor")
def reset_second_factor() -> Response:
    """A new second factor only (a lost phone): the account keeps its passphrase, which its owner
    types (the second factor lives in the keyslot, sealed under that passphrase)."""
    vault = request_vault()
    username = request.form.get("username", "").strip()[:64]
    passphrase = request.form.get("passphrase", "")[:MAX_PASSPHRASE]
    if not request.form.get("confirm"):
        return _refused(translate("confirm.needed"), user=username)
    if not any(u[0] == username and not u[3] for u in _users()):
        return _refused(translate("admin.no_user", user=username))
    try:
        secret = totp.provision(vault.archive.keyring, username, passphrase, rng=state().config.rng)
    except KeysError:
        return _refused(translate("admin.factor_wrong_passphrase", user=username), user=username)
    state().end_sessions_of(username)
    return _show_enrolment_once(username, secret)


@bp.post("/passphrase")
def suggest_passphrase() -> Response:
    """Suggest a strong random passphrase, shown once on the next page (never stored)."""
    request_vault()
    signed_in_session().suggested = passphrases.suggest()
    user = request.form.get("user", "")[:64]
    return redirect(url_for("admin.home", user=user or None) + "#suggested-passphrase")


@bp.get("/users/remove")
def confirm_remove_user() -> Response | tuple[str, int]:
    """Ask once, naming the account and what goes with it (sign-in, sessions, its drafts)."""
    username = request.args.get("username", "")
    found = [u for u in _users() if u[0] == username and not u[3]]
    if not found:
        return _page(404, error=translate("admin.no_user", user=username))
    return render_template(
        "confirm.html", title=translate("confirm.remove_user_title"),
        lines=[translate("confirm.remove_user", user=username, role=translate(f"role.{found[0][1]}")),
               translate("confirm.remove_user_drafts")],
        action=url_for("admin.remove_user"), fields={"username": username},
        confirm_label=translate("confirm.remove_user_yes"), cancel=url_for("admin.home"),
    ), 200


@bp.post("/users/remove")
def remove_user() -> Response:
    vault = request_vault()
    username = request.form.get("username", "")[:64]
    if not request.form.get("confirm"):
        return redirect(url_for("admin.confirm_remove_user", username=username))
    try:
        vault_remove_user(vault, username)
        state().end_sessions_of(username)
    except (VaultError, KeysError) as exc:
        return _refused(_refusal(exc, username))
    notify("admin.removed", user=username)
    return redirect(url_for("admin.home"))


@bp.post("/users/unlock")
def unlock_user() -> Response:
    """Lift the lock set after repeated wrong second factors (the passphrase still works)."""
    request_vault()
    web = state()
    username = request.form.get("username", "")[:64]
    mark = web.slot_watch.current(web.archive.keyring, username)
    if mark is None or web.lockout is None or not web.lockout.unlock(mark.slot_id):
        return _refused(translate("admin.not_locked"))
    notify("admin.unlocked", user=username)
    return redirect(url_for("admin.home"))


def _show_enrolment_once(username: str, secret: bytes) -> Response:
    """Redirect after the POST (a reload resends nothing); the next page shows the new second
    factor once, from the session in memory, and forgets it."""
    signed_in_session().enrolment = (username, secret)
    return redirect(url_for("admin.enrolment"))


@bp.get("/users/enrolment")
def enrolment() -> Response | tuple[str, int]:
    session = signed_in_session()
    pending, session.enrolment = session.enrolment, None
    if pending is None:  # already shown (a reload): the secret is not shown again
        return redirect(url_for("admin.home"))
    return _page(enrolled=_enrolment(*pending))


def _enrolment(username: str, secret: bytes) -> dict[str, object]:
    uri = totp.provisioning_uri(secret, username)
    return {"user": username, "secret": totp.to_base32(secret), "uri": uri, "qr": qr_path(uri)}


@bp.get("/intake")
def intake() -> str:
    request_vault()
    try:
        key = submission.public_key(state().archive)
    except (NotFound, InvalidInput):
        key = None
    return render_template("admin/intake.html", key=key)


@bp.get("/intake.pub")
def intake_public_key() -> Response:
    """The intake public key as the file field kits load (its fingerprint is on the intake page)."""
    request_vault()
    try:
        key = submission.public_key(state().archive)  # refuses a damaged file
    except (NotFound, InvalidInput):
        abort(404)
    data = intake_import.public_key_path(state().archive).read_bytes()
    return Response(data, mimetype="text/plain",
                    headers={"Content-Disposition": "attachment; filename=intake.pub",
                             "X-Key-Fingerprint": key.fingerprint})


@bp.post("/intake")
def make_intake_key() -> Response:
    vault = request_vault()
    rotate = bool(request.form.get("rotate"))
    try:
        public = intake_import.create_intake_key(vault, suite=DEFAULT_SUITE, rotate=rotate)
    except VaultError as exc:
        notify("admin.intake_failed", reason=str(exc))
        return redirect(url_for("admin.intake"))
    notify("admin.intake_done", fingerprint=public.fingerprint)
    return redirect(url_for("admin.intake"))


bp.add_url_rule("/audit", endpoint="audit_log", view_func=audit_screen.audit_log, methods=["GET"])
bp.add_url_rule("/backups", endpoint="backups", view_func=backup_screen.backups, methods=["GET"])
bp.add_url_rule("/backups", endpoint="make_backup", view_func=backup_screen.make_backup, methods=["POST"])
bp.add_url_rule("/backups/drill", endpoint="restore_drill", view_func=backup_screen.restore_drill, methods=["POST"])
