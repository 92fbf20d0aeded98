"""Run inside a private mount namespace (tests/webui/test_backup_places.py): three real "sticks"
are tmpfs mounts under ``<media>/admin/`` (STICK roomy, FULL too small, RO read-only); the admin
backs up through the web app to each and verifies the one that worked. Prints one JSON line."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from tests.webui_site import CANARY_HANGUL, CANARY_LATIN, PASSPHRASE, FakeClock, _build_archive, make_config, sign_in
from vault import records, testimonies
from vault.archive import Archive
from vault.verify import verify_vault
from webui import backup_places, create_app


def _page(client: Any, response: Any) -> str:
    return str(client.get(response.headers["Location"]).get_data(as_text=True))


def main(work: Path, media: Path) -> None:
    env = _build_archive(work / "archive", FakeClock())
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("admin", PASSPHRASE)) as vault:
        testimonies.add(vault.conn, records.parse({
            "language": "en", "consent": "research", "sensitive_terms": [CANARY_LATIN],
            "text": f"[SYNTHETIC TEST] {CANARY_LATIN} and {CANARY_HANGUL} crossed the river."}), actor=vault.actor)
    app = create_app(make_config(env, backup_mount_roots=(media,), backup_dir=work / "archive-backups"))
    client = app.test_client()
    token = sign_in(client, env, "admin")
    out: dict[str, Any] = {"need": backup_places.needed(archive)}
    page = client.get("/admin/backups").get_data(as_text=True)
    ids = dict(re.findall(r'value="([0-9a-f]{16})" class="place-choice"[^>]*>\s*<code class="place-path">([^<]+)<', page))
    out["listed"] = {Path(path).name: place for place, path in ids.items()}
    out["states"] = re.findall(r'class="place-state">([^<]+)<', page)
    out["disabled"] = sorted(Path(p).name for p in re.findall(
        r'class="place-choice" disabled>\s*<code class="place-path">([^<]+)<', page))
    place = {name: pid for pid, name in ((p, Path(n).name) for p, n in ids.items())}
    for name in ("RO", "FULL"):
        response = client.post("/admin/backups", data={"csrf_token": token, "place": place[name]})
        out[f"{name}_status"] = response.status_code
        out[f"{name}_page"] = re.search(r'id="backup-error" role="alert">([^<]+)<', _page(client, response)).group(1)
    backup_places.MARGIN = 0.0  # the estimate trusted blindly: the stick really fills up during the write
    response = client.post("/admin/backups", data={"csrf_token": token, "place": place["FULL"]})
    out["FULL_during_write"] = re.search(r'id="backup-error" role="alert">([^<]+)<', _page(client, response)).group(1)
    out["FULL_left"] = sorted(str(p.relative_to(media)) for p in (media / "admin" / "FULL").rglob("*"))
    backup_places.MARGIN = 1.1
    response = client.post("/admin/backups", data={"csrf_token": token, "place": place["STICK"]})
    out["STICK_status"] = response.status_code
    page = _page(client, response)
    name = re.search(r'name="name" value="(backup-[0-9TZ]+)">\s*<input type="hidden" name="place" value="'
                     + place["STICK"], page)
    out["STICK_backup"] = bool(name)
    assert name
    out["STICK_files"] = sorted(str(p.relative_to(media / "admin" / "STICK")) for p in
                                (media / "admin" / "STICK").rglob("*") if p.is_file())
    raw = b"".join(p.read_bytes() for p in (media / "admin" / "STICK").rglob("*") if p.is_file())
    out["STICK_plaintext"] = [c for c in (CANARY_LATIN, CANARY_HANGUL) if c.encode() in raw]
    verified = client.post("/admin/backups/drill", data={"csrf_token": token, "name": name.group(1),
                                                         "place": place["STICK"], "passphrase": PASSPHRASE},
                           follow_redirects=True).get_data(as_text=True)
    out["verified"] = "Restore drill of " + name.group(1) + " passed" in verified
    with archive.open_vault(archive.unlock("admin", PASSPHRASE)) as vault:
        out["archive_ok"] = verify_vault(vault).ok
    print(json.dumps(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
