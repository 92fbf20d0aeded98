"""Adversary: the archive folder is seized (no passphrase). S02, S10, S03.

They copy every byte: the archive (databases, WAL, keyring, inbox, drafts, blobs), the
backups and exports beside it, and the temp directory. They search the bytes for the
names they are hunting, then guess passphrases offline.
"""
from __future__ import annotations

import base64
import io
import json
import tempfile
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from keys import keyring as keyring_mod
from keys.errors import CorruptKeyring, UnlockFailed
from keys.keyring import Keyring, Role
from keys.profiles import MINIMUM, SENSITIVE
from tests.adversary import _web
from tests.adversary.conftest import CANARY_JSON, PASS, Populated
from tests.factories import CANARY_HANGUL, CANARY_LATIN, canary_record, copy_archive, files_under, leaks, new_archive
from vault import archive as archive_api
from vault import testimonies
from vault.archive import Archive

ADMIN_PASS = "a long admin passphrase"


def test_s02_no_canary_in_any_file_of_the_seized_folders(populated: Populated) -> None:
    """Latin, Hangul NFC/NFD, Hanja in UTF-8 and UTF-16: nowhere under archive, backup, export, field kit, temp."""
    roots = populated.scanned_roots()
    scanned = list(files_under(*roots))
    names = {p.name for p in scanned}
    assert {"vault.db", "reading-room.db", "keyring", "manifest.json", "bag-info.txt", "intake.pub"} <= names
    assert any(p.suffix == ".sealed" for p in scanned)
    assert any(p.parent.name == "drafts" for p in scanned)
    assert any(p.parent.name == "blobs" for p in scanned)  # the imported photo, its text chunk naming the canary
    assert leaks(roots) == []


def test_s02_no_canary_while_the_vault_is_open_with_a_wal(populated: Populated, tmp_path: Path) -> None:
    """Seized while running: vault.db, its -wal and -shm hold no canary after reads, search and a write."""
    root = tmp_path / "archive"
    copy_archive(populated.archive.root, root)
    archive = Archive(root)
    with archive.open_vault(archive.unlock("alice", PASS["alice"])) as alice:
        testimonies.add(alice.conn, canary_record(), actor=alice.actor)
        testimonies.search(alice.conn, CANARY_LATIN.split()[0])
        wal = root / "vault.db-wal"
        assert wal.exists() and wal.stat().st_size > 0
        assert leaks([root]) == []


def test_s02_no_canary_in_logs(populated: Populated) -> None:
    """Everything logged while building, redacting, releasing, backing up and exporting names no one."""
    assert CANARY_LATIN not in populated.log_text
    assert CANARY_HANGUL not in populated.log_text


def test_file_names_reveal_no_user_or_witness(populated: Populated) -> None:
    """No file or folder name in the seized folders carries a user name or a canary."""
    for path in files_under(*populated.scanned_roots()):
        for word in ("alice", "bob", "rita", "ivan", "admin", CANARY_LATIN.split()[0], CANARY_HANGUL):
            assert word not in path.name


@pytest.fixture(scope="module")
def sensitive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive made with the default (sensitive) profile: an admin and a researcher."""
    created = new_archive(tmp_path_factory.mktemp("sensitive") / "archive", admin="admin", passphrase=ADMIN_PASS,
                          threshold=1, share_count=1, profile=SENSITIVE,
                          users={"rita": (Role.RESEARCHER, "a long reader passphrase")})
    return created.archive.root


def _copy(sensitive: Path, tmp_path: Path) -> Archive:
    return Archive(copy_archive(sensitive, tmp_path / "archive"))


def test_s10_stored_argon2id_cost_meets_documented_minimum(sensitive: Path) -> None:
    """Each slot an archive writes by default stores at least 256 MiB, t=3, p=4; no user name is readable."""
    raw = (sensitive / "keyring").read_bytes()
    doc = json.loads(raw)
    assert len(doc["slots"]) == 2
    for slot in doc["slots"]:
        kdf = slot["kdf"]
        assert kdf["m"] >= 256 * 1024 and kdf["t"] >= 3 and kdf["p"] >= 4, kdf
        assert len(base64.b64decode(slot["salt"])) == 16
    assert b"admin\"" not in raw.replace(b'"role": "admin"', b"") and b"rita" not in raw
    assert doc["profile"] == "sensitive"


def test_s10_lowered_slot_cost_is_refused(sensitive: Path, tmp_path: Path) -> None:
    """An attacker who lowers a stored slot's Argon2 memory (to make guessing cheap) breaks the keyring."""
    archive = _copy(sensitive, tmp_path)
    path = archive.root / "keyring"
    doc = json.loads(path.read_bytes())
    doc["slots"][0]["kdf"]["m"] = 8 * 1024
    path.write_text(json.dumps(doc))
    with pytest.raises(CorruptKeyring):
        archive.unlock("admin", ADMIN_PASS)


def test_s10_header_downgrade_does_not_weaken_slots_written_later(sensitive: Path, tmp_path: Path) -> None:
    """Editing the keyring header to the test-only profile must not make later slots cheaper."""
    path = _copy(sensitive, tmp_path).root / "keyring"
    doc = json.loads(path.read_bytes())
    doc["profile"] = "test-only"
    path.write_text(json.dumps(doc))
    try:
        Keyring(path).change_passphrase("admin", ADMIN_PASS, "another long passphrase")
    except (CorruptKeyring, UnlockFailed):
        return  # refusing the downgraded file is a correct answer too
    _, slots = keyring_mod.parse(path.read_bytes())
    assert all(slot.kdf.is_at_least(MINIMUM) for slot in slots)


def test_s10_header_downgrade_does_not_weaken_a_new_user(sensitive: Path, tmp_path: Path) -> None:
    """After the same downgrade, a user added by an admin still gets a slot at the documented cost."""
    archive = _copy(sensitive, tmp_path)
    path = archive.root / "keyring"
    doc = json.loads(path.read_bytes())
    doc["profile"] = "test-only"
    path.write_text(json.dumps(doc))
    try:
        with archive.open_vault(archive.unlock("admin", ADMIN_PASS)) as admin:
            archive_api.add_user(admin, "newcomer", "a long newcomer passphrase", Role.ARCHIVIST)
    except (CorruptKeyring, UnlockFailed):
        return  # refusing the downgraded file is a correct answer too
    _, slots = keyring_mod.parse(path.read_bytes())
    assert len(slots) == 3 and all(slot.kdf.is_at_least(MINIMUM) for slot in slots)


def test_s03_guessing_gives_one_opaque_error(populated: Populated, capfd: pytest.CaptureFixture[str]) -> None:
    """Wrong passphrase, unknown user and a right passphrase for another name all fail the same way."""
    archive = populated.archive
    messages = set()
    for user, passphrase in (("alice", "wrong"), ("nobody", PASS["alice"]), ("bob", PASS["alice"])):
        with pytest.raises(UnlockFailed) as caught:
            archive.unlock(user, passphrase)
        messages.add(str(caught.value))
    assert len(messages) == 1
    out, err = capfd.readouterr()
    assert PASS["alice"] not in out + err


def test_s02_web_flow_leaves_no_canary_on_disk(populated: Populated, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the browser: an interviewer's form is refused (kept for the page after the redirect),
    then saves a draft and submits the canary with a 1 MB attachment
    holding it too, an archivist imports and opens it, an admin makes a backup. Then the archive, the
    backups and the temp directory hold no canary in any encoding."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    s = _web.site(populated, tmp_path)
    form = {"language": "ko", "consent": "research", "interview_date": "2024-05-01",
            "witness_name": CANARY_LATIN, "witness_aliases": CANARY_HANGUL, "text": CANARY_JSON["text"],
            "sensitive_terms": "\n".join(CANARY_JSON["sensitive_terms"])}
    ivan = _web.sign_in(s, populated, "ivan")
    token = _web.csrf_of(ivan.get("/interviewer/new").get_data(as_text=True))
    refused = ivan.post("/interviewer/submit", data={**form, "csrf_token": token})  # "I am sure" not ticked
    assert refused.status_code == 303 and "kept=" in refused.headers["Location"]
    shown = ivan.get(refused.headers["Location"])  # what was typed comes back from memory (webui.kept_forms)
    assert CANARY_LATIN in shown.get_data(as_text=True)
    assert all(CANARY_LATIN not in c and CANARY_HANGUL not in c
               for r in (refused, shown) for c in r.headers.getlist("Set-Cookie"))
    saved = ivan.post("/interviewer/save", data={**form, "csrf_token": token})
    assert saved.status_code == 303
    attachment = (CANARY_HANGUL + CANARY_LATIN).encode("utf-8") * 30_000
    recording = b"RIFF\0\0\0\0WAVE" + attachment  # a recording the archive accepts (S29) and stores encrypted
    for files in ({}, {"attachments": FileStorage(io.BytesIO(recording), "notes.wav", content_type="audio/wav")}):
        boundary, body = encode_multipart(MultiDict({**form, "csrf_token": token, "confirm_submit": "1", **files}))  # in memory
        sent = ivan.post("/interviewer/submit", data=body,
                         content_type=f"multipart/form-data; boundary={boundary}")
        assert sent.status_code in (302, 303), sent.get_data(as_text=True)[:300]
    alice = _web.sign_in(s, populated, "alice")
    token = _web.csrf_of(alice.get("/archivist/inbox").get_data(as_text=True))
    assert alice.post("/archivist/inbox/import", data={"csrf_token": token}).status_code in (302, 303)
    archive = Archive(s.root)
    with archive.open_vault(archive.unlock("admin", PASS["admin"])) as admin:
        ids = [t.id for t in testimonies.list_all(admin.conn)]
    assert len(ids) == 5  # two from the fixture, the one imported from the fixture's inbox, and these two
    for tid in ids:
        assert alice.get(f"/archivist/testimony/{tid}").status_code == 200
    admin_client = _web.sign_in(s, populated, "admin")
    token = _web.csrf_of(admin_client.get("/admin/backups").get_data(as_text=True))
    assert admin_client.post("/admin/backups", data={"csrf_token": token}).status_code in (302, 303)
    assert any((tmp_path / "backups").iterdir())
    assert leaks([s.root, tmp_path / "backups", temp]) == []
