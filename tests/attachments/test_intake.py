"""Sealed bundles with attachments: imported into the store with their testimony, in one transaction."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from keys.bundle import seal_bundle
from keys.intake import IntakePublicKey, IntakeSuite
from tests.intake_records import record_bytes
from tests.media_files import canary_wav, jpeg
from vault import attachments, audit, intake_import, testimonies
from vault.archive import OpenVault
from vault.verify import verify_vault


@pytest.fixture()
def keyed(vault: OpenVault) -> OpenVault:
    intake_import.create_intake_key(vault, suite=IntakeSuite.X25519)
    return vault


def _bundle(vault: OpenVault, files: list[tuple[str, bytes]], name: str = "b.sealed") -> Path:
    public = IntakePublicKey.from_text(intake_import.public_key_path(vault.archive).read_text())
    path = vault.archive.folder("inbox") / name
    with path.open("wb") as out:
        seal_bundle(out, public, record_bytes(), [(n, io.BytesIO(d)) for n, d in files])
    return path


def _import(vault: OpenVault) -> list[intake_import.ImportOutcome]:
    return list(intake_import.import_bundles(vault, intake_import.inbox_bundles(vault.archive)))


def test_bundle_attachments_are_stored_encrypted_with_their_testimony(keyed: OpenVault) -> None:
    """A photo and a 3 MB recording arrive sealed; after import both are attachments of the new
    testimony, byte-identical, with the bundle's SHA-256, and verify passes."""
    photo, recording = jpeg(), canary_wav(3 * 1024 * 1024)
    _bundle(keyed, [("family.jpg", photo), ("interview.wav", recording)])
    [outcome] = _import(keyed)
    assert outcome.status == "imported", outcome.message
    items = attachments.list_for(keyed.conn, outcome.testimony_id)
    assert sorted((i.filename, i.media_type) for i in items) == [("family.jpg", "image/jpeg"),
                                                                  ("interview.wav", "audio/wav")]
    for item in items:
        original = photo if item.filename == "family.jpg" else recording
        assert item.sha256 == hashlib.sha256(original).hexdigest()
        assert b"".join(attachments.iter_original(keyed, item.id)) == original
    assert verify_vault(keyed).ok
    # the attachment rows were written between the testimony and its ledger entry: one transaction
    actions = [e.action for e in audit.entries(keyed.conn)]
    start = actions.index("testimony.create")
    assert actions[start:].count("attachment.create") == 2
    assert actions.index("intake.import", start) > max(i for i, a in enumerate(actions) if a == "attachment.create")


def test_bundle_with_a_refused_attachment_is_left_in_place_and_stores_nothing(keyed: OpenVault) -> None:
    """S29 inside a bundle: a polyglot photo refuses the whole bundle (named in the message); the bundle
    stays in the inbox, no testimony, no row, no blob."""
    path = _bundle(keyed, [("ok.wav", canary_wav(10_000)), ("bad.jpg", jpeg() + b"PK\x05\x06" + b"\0" * 18)])
    [outcome] = _import(keyed)
    assert outcome.status == "refused" and "bad.jpg" in outcome.message and "polyglot" in outcome.message
    assert path.exists() and testimonies.list_all(keyed.conn) == []
    assert attachments.list_for(keyed.conn, include_deleted=True) == []
    assert list(keyed.archive.folder("blobs").iterdir()) == []


def test_failed_transaction_removes_the_staged_blobs(keyed: OpenVault, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the ledger entry fails, the testimony and attachment rows roll back and their blobs go."""
    _bundle(keyed, [("a.wav", canary_wav(10_000))])
    real_append = audit.append

    def failing(conn: object, **kwargs: object) -> object:
        if kwargs["action"] == "intake.import":
            raise OSError(28, "No space left on device")
        return real_append(conn, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audit, "append", failing)
    with pytest.raises(OSError):
        _import(keyed)
    monkeypatch.undo()
    assert attachments.list_for(keyed.conn, include_deleted=True) == []
    assert list(keyed.archive.folder("blobs").iterdir()) == []
    [outcome] = _import(keyed)
    assert outcome.status == "imported" and len(attachments.list_for(keyed.conn, outcome.testimony_id)) == 1


def test_reimport_is_a_no_op_and_stores_no_second_copy(keyed: OpenVault) -> None:
    """Importing the same bundle twice keeps one set of attachments and no orphan blob."""
    path = _bundle(keyed, [("a.wav", canary_wav(10_000))])
    copy = path.read_bytes()
    [first] = _import(keyed)
    path.write_bytes(copy)
    [second] = _import(keyed)
    assert first.status == "imported" and second.status == "already-imported"
    assert len(attachments.list_for(keyed.conn)) == 1
    assert attachments.leftovers(keyed) == []
