"""The admin's backups: choose where (the backup folder, or a mounted USB stick), see the room
there and the size a backup needs, make one, and verify any backup in a place with a restore
drill. The admin blueprint serves these views (webui.admin).

Making a backup writes only what ``vault.backup.create`` writes: keyed databases, the keyring,
encrypted attachments, an authenticated manifest. A full stick, a read-only one or one pulled
out half-way gives a refusal in words; ``create`` removes what it had written, and the archive
is never touched. The restore drill restores into a temporary folder with the admin's own
passphrase, lets ``vault.backup.restore`` check everything (keyring, the manifest's MAC, both
integrity checks, the audit chain, every content hash, the counts), then deletes the copy.
"""
from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keys.errors import KeysError
from vault import backup
from vault.errors import StorageError, VaultError
from webui import backup_places
from webui.backup_places import Place
from webui.i18n import notify, translate
from webui.kept_forms import kept_page, refuse
from webui.state import request_vault, signed_in_session, state

MAX_PASSPHRASE = 1024  # longer input is cut, as on every passphrase field


def _places() -> list[Place]:
    config = state().config
    return backup_places.places(config.backups, config.backup_mount_roots)


def _megabytes(size: int) -> str:
    return translate("admin.megabytes", n=f"{size / 1_000_000:,.1f}")


def backups() -> str:
    request_vault()
    found = _places()
    need = backup_places.needed(state().archive)
    usable = [p.id for p in found if p.writable and backup_places.has_room(p, need)]
    asked = request.args.get("place", "")[:16]
    return render_template("admin/backups.html", places=found, need=need, megabytes=_megabytes,
                           roots=state().config.backup_mount_roots, stick_folder=backup_places.FOLDER,
                           has_room=lambda p: backup_places.has_room(p, need),
                           chosen=asked if asked in usable else (usable[0] if usable else ""),
                           **kept_page("admin.backups"))


def _refused(key: str, place: Place, **fields: object) -> Response:
    return refuse("admin.backups", args={"place": place.id}, anchor="backup-error",
                  error=translate(key, place=str(place.mount), **fields))


def make_backup() -> Response:
    vault = request_vault()
    found = _places()
    place = backup_places.find(found, request.form.get("place", "")[:16]) if request.form.get("place") else found[0]
    if place is None:  # only a place the page listed: no path from the form reaches the disk
        return refuse("admin.backups", anchor="backup-error", error=translate("backup.place_unknown"))
    if not place.writable:
        return _refused("backup.place_read_only", place)
    need = backup_places.needed(state().archive)
    if not backup_places.has_room(place, need):
        return _refused("backup.place_full", place, need=_megabytes(need), free=_megabytes(place.free))
    name = "backup-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    made_folder = not place.folder.exists()
    try:
        place.folder.mkdir(mode=0o700, parents=place.default, exist_ok=True)
        summary = backup.create(vault, place.folder / name)  # removes what it wrote if it fails
    except (OSError, VaultError) as exc:
        if made_folder:
            _remove_if_empty(place.folder)
        if isinstance(exc, OSError):
            key = backup_places.problem_of(exc)
        else:  # a StorageError: the database export could not be written (a full or vanished stick)
            key = "backup.place_full" if isinstance(exc, StorageError) else "backup.place_failed"
        return _refused(key, place, need=_megabytes(need), free=_megabytes(place.free))
    notify("admin.backup_done", name=name, testimonies=summary.counts.get("testimonies", 0))
    return redirect(url_for("admin.backups", place=place.id))


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty (backups made before), or already gone


def restore_drill() -> Response:
    """Verify one backup of one listed place (a restore drill into a temporary folder)."""
    request_vault()
    found = _places()
    place = backup_places.find(found, request.form.get("place", "")[:16]) if request.form.get("place") else found[0]
    name = request.form.get("name", "")[:80]
    if place is None or name not in {n for n, _ in place.backups}:  # only a backup the page listed
        notify("admin.drill_unknown")
        return redirect(url_for("admin.backups"))
    passphrase = request.form.get("passphrase", "")[:MAX_PASSPHRASE]
    username = signed_in_session().username or ""
    back = url_for("admin.backups", place=place.id)
    with tempfile.TemporaryDirectory(prefix="testimony-drill-") as tmp:
        try:
            summary = backup.restore(place.folder / name, Path(tmp) / "archive", username, passphrase)
        except KeysError:
            notify("admin.drill_passphrase")
            return redirect(back)
        except VaultError as exc:
            notify("admin.drill_failed", name=name, reason=str(exc))
            return redirect(back)
        except OSError:  # the stick went away, or a file of the backup cannot be read
            notify("admin.drill_failed", name=name, reason=translate("backup.drill_unreadable"))
            return redirect(back)
    notify("admin.drill_passed", name=name, testimonies=summary.counts.get("testimonies", 0),
           users=summary.counts.get("users", 0), files=summary.counts.get("blobs", 0))
    return redirect(back)
