"""A restore drill from the admin's screen: restore one backup into a temporary folder with
the admin's own passphrase, let ``vault.backup.restore`` check everything (keyring, the
manifest's MAC, both integrity checks, the audit chain, every content hash, the counts), then
delete the copy. Nothing in the archive or the backup changes. The admin blueprint serves it (webui.admin).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from keys.errors import KeysError
from vault import backup
from vault.errors import VaultError
from webui.i18n import notify
from webui.state import request_vault, signed_in_session, state

MAX_PASSPHRASE = 1024  # longer input is cut, as on every passphrase field


def restore_drill() -> Response:
    request_vault()
    folder = state().config.backups
    name = request.form.get("name", "")[:80]
    found = {p.name for p in folder.iterdir() if p.is_dir()} if folder.is_dir() else set()
    if name not in found:  # only a backup the page listed: no path from the form reaches the disk
        notify("admin.drill_unknown")
        return redirect(url_for("admin.backups"))
    passphrase = request.form.get("passphrase", "")[:MAX_PASSPHRASE]
    username = signed_in_session().username or ""
    with tempfile.TemporaryDirectory(prefix="testimony-drill-") as tmp:
        try:
            summary = backup.restore(folder / name, Path(tmp) / "archive", username, passphrase)
        except KeysError:
            notify("admin.drill_passphrase")
            return redirect(url_for("admin.backups"))
        except VaultError as exc:
            notify("admin.drill_failed", name=name, reason=str(exc))
            return redirect(url_for("admin.backups"))
    notify("admin.drill_passed", name=name, testimonies=summary.counts.get("testimonies", 0),
           users=summary.counts.get("users", 0), files=summary.counts.get("blobs", 0))
    return redirect(url_for("admin.backups"))
