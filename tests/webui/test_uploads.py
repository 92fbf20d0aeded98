"""S24: uploads never touch the disk in plaintext; oversized uploads get a clear error."""
from __future__ import annotations

import hashlib
import io
import itertools
import tempfile
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage
from werkzeug.test import TestResponse, encode_multipart

from keys.bundle import open_bundle
from tests.webui_site import PASSPHRASE, Env, make_config, sign_in
from vault.archive import Archive
from vault.intake_import import intake_keys
from webui import create_app, uploads
from webui.uploads import EncryptedSpool

CANARY = "Yevgenia Ploughwright-Nakamura 걸뱅이혜산댁".encode()
FIVE_MB = 5 * 1024 * 1024


def _payload(size: int) -> bytes:
    block = b"recording-bytes " * 64 + CANARY
    return (block * (size // len(block) + 1))[:size]


def _post(client: FlaskClient, form: dict[str, object]) -> TestResponse:
    """Post multipart data encoded in memory (the test client would spool it to a temp file)."""
    boundary, body = encode_multipart(form)  # type: ignore[arg-type]
    return client.post("/interviewer/submit", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def _form(token: str) -> dict[str, object]:
    return {"csrf_token": token, "language": "en", "consent": "research", "text": "A short narrative.",
            "witness_sex": "unknown", "confirm_submit": "1"}


def test_s24_five_mb_upload_leaves_no_plaintext_in_temp(app: Flask, env: Env, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A 5 MB attachment with a canary: the spool files in the temp directory hold only ciphertext,
    the sealed bundle in the inbox holds no canary, and the archive can open it intact."""
    spool_dir = tmp_path / "tmp"
    spool_dir.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool_dir))
    counter = itertools.count()

    def visible_spool_file() -> io.BufferedRandom:  # keep spool files on disk so the test can read them
        return open(spool_dir / f"spool-{next(counter)}", "w+b")  # noqa: SIM115

    monkeypatch.setattr(uploads.tempfile, "TemporaryFile", visible_spool_file)
    client = app.test_client()
    token = sign_in(client, env, "inter")
    data = b"RIFF\0\0\0\0WAVE" + _payload(FIVE_MB - 12)  # a recording the archive will accept (S29)
    form = _form(token)
    form["attachments"] = FileStorage(io.BytesIO(data), "recording.wav")
    response = _post(client, form)
    assert response.status_code == 303, response.get_data(as_text=True)[:1000]
    spools = list(spool_dir.iterdir())
    assert spools and sum(p.stat().st_size for p in spools) > FIVE_MB
    for path in [*spool_dir.rglob("*"), *env.root.rglob("*")]:
        if path.is_file():
            raw = path.read_bytes()
            assert CANARY not in raw and b"recording-bytes" not in raw, path
    bundles = list((env.root / "inbox").glob("*.sealed"))
    assert len(bundles) == 1
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("admin", PASSPHRASE)) as vault:
        key = intake_keys(vault.conn)[0]
    received = io.BytesIO()

    class Sink:
        def write(self, chunk: bytes) -> int:
            return received.write(chunk)

    with bundles[0].open("rb") as handle:
        opened = open_bundle(handle, key, sink=lambda _name: Sink())  # type: ignore[arg-type,return-value]
    assert opened.attachments[0].name == "recording.wav"
    assert opened.attachments[0].sha256 == hashlib.sha256(data).hexdigest()
    assert received.getvalue() == data


def test_s24_werkzeug_default_would_have_leaked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Control: Werkzeug's own spooling writes the plaintext to a temp file (why the spool exists)."""
    from werkzeug.formparser import default_stream_factory

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stream = default_stream_factory(total_content_length=FIVE_MB, content_type=None, filename="x")
    stream.write(_payload(FIVE_MB))
    stream.flush()
    rolled = getattr(stream, "_rolled", False)
    stream.close()
    assert rolled  # spilled to a plaintext file on disk


def test_encrypted_spool_round_trip_and_tamper() -> None:
    """Chunks round-trip in any read size; a flipped ciphertext byte is refused."""
    spool = EncryptedSpool()
    data = _payload(300_000)
    for i in range(0, len(data), 7777):
        spool.write(data[i:i + 7777])
    spool.seek(0)
    out = bytearray()
    while chunk := spool.read(10_000):
        out += chunk
    assert bytes(out) == data
    raw = spool._file  # the ciphertext file
    raw.seek(100)
    byte = raw.read(1)
    raw.seek(100)
    raw.write(bytes([byte[0] ^ 1]))
    spool.seek(0)
    from keys.errors import UnlockFailed

    with pytest.raises(UnlockFailed):
        spool.read()
    spool.close()


def test_s29_oversized_upload_gets_a_clear_error(env: Env) -> None:
    """Above the configured limit the answer is 413 with a readable message, and nothing is sealed."""
    app = create_app(make_config(env, max_upload_bytes=1024 * 1024))
    client: FlaskClient = app.test_client()
    token = sign_in(client, env, "inter")
    form = _form(token)
    form["attachments"] = FileStorage(io.BytesIO(_payload(2 * 1024 * 1024)), "big.bin")
    response = _post(client, form)
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
    assert not list((env.root / "inbox").glob("*.sealed"))
