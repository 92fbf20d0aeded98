"""Adversary: an interviewer's laptop with the field kit is seized. S14, S02, S21.

The laptop holds the archive's public intake key, the `testimony` program and the sealed
bundles of interviews already recorded. The state has the laptop and, under coercion, the
interviewer's passphrase. Nothing sealed may be opened with anything on it.
"""
from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from keys import aead
from keys.bundle import open_bundle
from keys.errors import BundleError, IntakeKeyError, KeysError
from keys.intake import IntakePrivateKey, IntakeSuite, generate_intake_key, private_key_to_bytes
from tests.adversary import _web
from tests.adversary.conftest import CANARY_JSON, PASS, Populated
from tests.factories import canary_encodings, files_under, leaks
from vault import store
from vault.errors import Locked, StorageError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def laptop(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, IntakePrivateKey, Path]:
    """A laptop folder after `testimony field seal --shred-input` of a canary interview (X25519 suite)."""
    home = tmp_path_factory.mktemp("laptop")
    private = generate_intake_key(IntakeSuite.X25519)
    (home / "intake.pub").write_text(private.public_key().to_text())
    (home / "tmp").mkdir()
    source = home / "interview.json"
    source.write_text(json.dumps(CANARY_JSON, ensure_ascii=False), encoding="utf-8")
    out = home / "interview.sealed"
    result = subprocess.run(
        [sys.executable, "-c", "from cli import main; main()", "field", "seal", "--key",
         str(home / "intake.pub"), str(source), "-o", str(out), "--shred-input"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "TMPDIR": str(home / "tmp"), "HOME": str(home)},
    )
    assert result.returncode == 0, result.stderr
    assert not source.exists()
    for needle in canary_encodings().values():
        assert needle.decode("utf-8", "ignore") not in result.stdout + result.stderr
    return home, private, out


def _opens(bundle: bytes, key: IntakePrivateKey) -> bool:
    try:
        open_bundle(io.BytesIO(bundle), key, sink=lambda name: io.BytesIO())
    except BundleError:
        return False
    return True


def test_s14_laptop_holds_no_canary_after_sealing(laptop: tuple[Path, IntakePrivateKey, Path]) -> None:
    """After sealing with --shred-input: no canary in any file on the laptop, its temp dir included."""
    home, _private, out = laptop
    assert out.stat().st_size > 0
    assert leaks([home]) == []


def test_s14_nothing_on_the_laptop_is_the_private_key(laptop: tuple[Path, IntakePrivateKey, Path]) -> None:
    """The private key (raw, base64, hex) is in no file; no 32-byte window of any file opens the bundle."""
    home, private, out = laptop
    assert _opens(out.read_bytes(), private)  # the archive can open it
    raw = private_key_to_bytes(private)[5:]
    forms = [raw, base64.b64encode(raw), raw.hex().encode()]
    bundle = out.read_bytes()
    tried = 0
    for path in files_under(home):
        data = path.read_bytes()
        assert not any(form in data for form in forms), path
        decoded = [data]
        for line in data.decode("ascii", "ignore").splitlines():
            try:
                decoded.append(base64.b64decode(line, validate=True))
            except ValueError:
                continue
        for blob in decoded:
            for start in range(0, max(0, len(blob) - 31)):
                try:
                    candidate = IntakePrivateKey(IntakeSuite.X25519, blob[start:start + 32])
                except IntakeKeyError:
                    continue
                tried += 1
                assert not _opens(bundle, candidate), (path, start)
    assert tried > 100


def test_s14_interviewer_passphrase_opens_no_bundle_and_no_database(populated: Populated) -> None:
    """Coerced: the interviewer's slot gives a draft key that opens no bundle, not the vault, not the room."""
    archive = populated.archive
    unlocked = archive.unlock("ivan", PASS["ivan"])
    with pytest.raises(Locked):
        archive.open_vault(unlocked)
    for db in (archive.vault_path, archive.reading_room_path):
        with pytest.raises(StorageError):
            store.connect(db, unlocked.secret).close()
    for bundle in files_under(populated.field_kit):
        data = bundle.read_bytes()
        for offset in (0, 4, 8, 16):
            with pytest.raises((KeysError, ValueError)):
                aead.open_sealed(unlocked.secret, data[offset:], b"")
    assert leaks([populated.field_kit]) == []


def test_s21_interviewer_web_session_reaches_only_own_drafts(populated: Populated, tmp_path: Path) -> None:
    """Signed in as the interviewer: every non-interviewer route is refused; no page but the
    interviewer's own draft shows the canary; the submitted (imported) testimony is unreachable."""
    s = _web.site(populated, tmp_path)
    client = _web.sign_in(s, populated, "ivan")
    home = client.get("/interviewer/")
    assert home.status_code == 200
    token = _web.csrf_of(home.get_data(as_text=True))
    ids = {"testimony_id": populated.testimony_id, "release_id": populated.release_id, "extract_id": "x",
           "draft_id": "0" * 32}
    latin = canary_encodings()["latin-NFC-utf8"]
    for rule in s.app.url_map.iter_rules():
        if rule.endpoint.startswith(("interviewer.", "static", "auth.")):
            continue
        url = rule.rule
        for name, value in ids.items():
            url = url.replace(f"<{name}>", value)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, data={"csrf_token": token})
            body = response.get_data()
            response.close()
            assert response.status_code in (403, 404, 405), (method, url, response.status_code)
            assert latin not in body
    own = client.get(f"/interviewer/draft/{populated.draft_id}")
    assert own.status_code == 200 and latin in own.get_data()  # the owner's unsent draft, as designed
