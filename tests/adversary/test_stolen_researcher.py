"""Adversary: a researcher's credentials are stolen. S21, S02 (exports), role separation by key.

The thief holds the researcher's passphrase (and second factor) and a copy of every file.
Nothing outside the reading room may be reachable: not by a web route, not by an export,
not by any file that the researcher's key (the reading-room key) can open.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from keys import aead
from keys.errors import KeysError
from tests.adversary import _web
from tests.adversary.conftest import PASS, Populated
from tests.factories import CANARY_HANGUL, CANARY_HANJA, CANARY_LATIN, canary_encodings, files_under, leaks
from vault import reading_room, releases, store
from vault.errors import Locked, NotFound, StorageError
from vault.releases import export_bag
from webui import drafts


def _researcher_key(populated: Populated) -> bytes:
    return populated.archive.unlock("rita", PASS["rita"]).secret


def test_s21_researcher_slot_cannot_open_the_vault(populated: Populated) -> None:
    """open_vault refuses the researcher; vault.db (live and backed up) refuses the reading-room key."""
    archive = populated.archive
    with pytest.raises(Locked):
        archive.open_vault(archive.unlock("rita", PASS["rita"]))
    key = _researcher_key(populated)
    for path in (archive.vault_path, populated.backup / "vault.db"):
        with pytest.raises(StorageError):
            store.connect(path, key).close()


def test_s21_researcher_key_opens_nothing_but_the_reading_room(populated: Populated) -> None:
    """Every seized file tried with the researcher's key: only reading-room databases open."""
    key = _researcher_key(populated)
    opened = []
    for path in files_under(populated.archive.root, populated.backup, populated.export):
        if path.name.endswith((".lock", "-wal", "-shm")):
            continue
        data = path.read_bytes()
        if data.startswith(b"SQLite format 3") or path.suffix == ".db":
            try:
                store.connect(path, key).close()
            except StorageError:
                continue
            opened.append(path.name)
            continue
        for blob in (data, data[4:], data[8:]):  # sealed formats with a small header
            try:
                aead.open_sealed(key, blob, b"")
            except (KeysError, ValueError):
                continue
            opened.append(path.name)
    assert sorted(set(opened)) == ["reading-room.db"]


def test_s21_researcher_key_opens_no_draft(populated: Populated) -> None:
    """The interviewer's draft does not open with the researcher's key."""
    with pytest.raises(NotFound):
        drafts.load(populated.archive.folder("drafts"), _researcher_key(populated), populated.draft_id)
    assert drafts.list_drafts(populated.archive.folder("drafts"), _researcher_key(populated)) == []


def test_s21_researcher_export_holds_only_released_extracts(populated: Populated, tmp_path: Path) -> None:
    """An export made with the researcher's key verifies, holds only reading-room extracts, and no canary."""
    room = reading_room.connect(populated.archive, _researcher_key(populated))
    try:
        in_room = {e.id for e in reading_room.extracts(room)}
        export_bag.export(room, tmp_path / "bag")
        tables = {row[0] for row in room.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        room.close()
    assert export_bag.verify(tmp_path / "bag").extracts == len(in_room)
    vault_tables = {"testimonies", "witnesses", "sensitive_terms", "audit", "secrets", "users", "releases",
                    "events", "attachments"}
    assert tables and not tables & vault_tables, tables & vault_tables
    rows = [json.loads(line) for line in (tmp_path / "bag" / "data" / "extracts.jsonl").read_text().splitlines()]
    assert rows and {row["id"] for row in rows} <= in_room
    assert leaks([tmp_path / "bag"]) == []


def _fill(rule: str, ids: dict[str, str]) -> str:
    for name, value in ids.items():
        rule = rule.replace(f"<{name}>", value)
    return rule.replace("<path:filename>", "app.css")


def _no_canary(body: bytes) -> None:
    for form, needle in canary_encodings().items():
        assert needle not in body, form


def test_s21_researcher_reaches_nothing_outside_the_reading_room_on_the_web(populated: Populated,
                                                                            tmp_path: Path) -> None:
    """Walk every route and method as the researcher, with real ids and a valid CSRF token: outside the
    reading room every answer is 404 (or 403/405) and no page, download or error carries the canary."""
    s = _web.site(populated, tmp_path)
    client = _web.sign_in(s, populated, "rita")
    search = client.get("/research/")
    assert search.status_code == 200
    token = _web.csrf_of(search.get_data(as_text=True))
    with populated.open("alice") as alice:
        extract_id = releases.get(alice.conn, populated.release_id).extract_id or ""
    ids = {"testimony_id": populated.testimony_id, "release_id": populated.release_id,
           "draft_id": populated.draft_id, "extract_id": extract_id}
    reached = []
    for rule in s.app.url_map.iter_rules():
        if rule.endpoint in ("auth.logout", "auth.login", "auth.set_language"):
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            url = _fill(rule.rule, ids)
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data={"csrf_token": token, "username": "mallory", "role": "admin",
                                                  "passphrase": "x" * 20, "testimony_id": ids["testimony_id"]})
            body = response.get_data()
            response.close()
            _no_canary(body)
            if rule.endpoint.startswith(("researcher.", "static")) or rule.endpoint == "auth.index":
                reached.append(rule.endpoint)
                continue
            assert response.status_code in (403, 404, 405), (method, url, response.status_code)
    assert {"researcher.search", "researcher.extract", "researcher.export"} <= set(reached)
    extract = client.get(f"/research/extract/{extract_id}")
    assert extract.status_code == 200
    _no_canary(extract.get_data())
    download = client.get("/research/export").get_data()
    _no_canary(download)
    if download[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(download)) as bundle:
            for name in bundle.namelist():
                _no_canary(bundle.read(name))
                assert ".." not in name and not name.startswith("/")
    for needle in (CANARY_LATIN, CANARY_HANGUL, CANARY_HANJA):
        assert needle not in str(list(csv.reader(io.StringIO(download.decode("utf-8", "replace")))))
