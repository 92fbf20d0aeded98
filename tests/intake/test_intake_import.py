"""`testimony intake keygen` and `testimony intake import` against a real archive."""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from keys.bundle import seal_bundle
from keys.intake import IntakePublicKey, IntakeSuite, generate_intake_key, private_key_to_bytes
from tests.factories import ADMIN, ADMIN_PASSPHRASE, canary_encodings
from tests.intake_records import RECORD, record_bytes
from vault import audit, intake_import, testimonies
from vault.archive import OpenVault
from vault.errors import InvalidInput, NotFound
from vault.verify import verify_vault


@pytest.fixture()
def keyed(vault: OpenVault) -> OpenVault:
    """An archive vault with a hybrid intake key."""
    intake_import.create_intake_key(vault, suite=IntakeSuite.HYBRID)
    return vault


def _public(vault: OpenVault) -> IntakePublicKey:
    return IntakePublicKey.from_text(intake_import.public_key_path(vault.archive).read_text())


def _bundle(vault: OpenVault, name: str = "b.sealed", record: bytes | None = None,
            attachments: list[tuple[str, bytes]] = ()) -> Path:  # type: ignore[assignment]
    path = vault.archive.folder("inbox") / name
    with path.open("wb") as out:
        seal_bundle(out, _public(vault), record or record_bytes(),
                    [(n, io.BytesIO(d)) for n, d in attachments])
    return path


def _import(vault: OpenVault, *paths: Path) -> list[intake_import.ImportOutcome]:
    targets = list(paths) or intake_import.inbox_bundles(vault.archive)
    return list(intake_import.import_bundles(vault, targets))


def _audit_count(vault: OpenVault) -> int:
    return len(audit.entries(vault.conn))


def test_keygen_keeps_private_key_in_vault_and_writes_intake_pub(keyed: OpenVault) -> None:
    """The private key is only in vault.db; intake.pub holds the matching public key."""
    keys = intake_import.intake_keys(keyed.conn)
    assert len(keys) == 1 and keys[0].suite is IntakeSuite.HYBRID
    assert _public(keyed) == keys[0].public_key()
    raw = private_key_to_bytes(keys[0])[5:]
    for path in keyed.archive.root.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert raw[:32] not in content and raw[-32:] not in content, path


def test_keygen_refuses_a_second_key_unless_rotating(keyed: OpenVault) -> None:
    """A second keygen is refused; --rotate adds a key and keeps the old one for old bundles."""
    old_bundle = _bundle(keyed, "old.sealed")
    with pytest.raises(InvalidInput, match="--rotate"):
        intake_import.create_intake_key(keyed, suite=IntakeSuite.X25519)
    new_public = intake_import.create_intake_key(keyed, suite=IntakeSuite.X25519, rotate=True)
    assert _public(keyed) == new_public
    assert [k.suite for k in intake_import.intake_keys(keyed.conn)] == [IntakeSuite.X25519, IntakeSuite.HYBRID]
    new_bundle = _bundle(keyed, "new.sealed")
    assert [o.status for o in _import(keyed, old_bundle, new_bundle)] == ["imported", "imported"]


def test_import_without_a_key_is_a_clear_error(vault: OpenVault) -> None:
    """Importing before keygen says what to do."""
    with pytest.raises(NotFound, match="intake keygen"):
        _import(vault, vault.archive.root / "x.sealed")


def test_import_ingests_record_with_audit_entry(keyed: OpenVault) -> None:
    """A bundle becomes a testimony; its hash is in an intake.import audit entry; verify holds."""
    path = _bundle(keyed)
    [outcome] = _import(keyed)
    assert outcome.status == "imported" and outcome.testimony_id
    item = testimonies.get(keyed.conn, outcome.testimony_id, actor=keyed.actor)
    assert item.text == RECORD["text"] and item.record.witness.name == RECORD["witness"]["name"]  # type: ignore[index]
    actions = [(e.action, e.object) for e in audit.entries(keyed.conn)]
    assert ("intake.import", f"intake:{outcome.bundle_sha256}") in actions
    assert not path.exists()
    assert (keyed.archive.folder("inbox") / "imported" / path.name).is_file()
    assert verify_vault(keyed).problems == []


def test_s14_importing_twice_is_a_no_op(keyed: OpenVault) -> None:
    """The same bundle again (a copy, from anywhere) changes nothing and says so."""
    path = _bundle(keyed)
    copy = keyed.archive.root.parent / "copy.sealed"
    shutil.copy(path, copy)
    [first] = _import(keyed, path)
    count = _audit_count(keyed)
    [second] = _import(keyed, copy)
    assert second.status == "already-imported"
    assert second.testimony_id == first.testimony_id
    assert f"already imported as {first.testimony_id}" in second.message
    assert _audit_count(keyed) == count
    assert len(testimonies.list_all(keyed.conn)) == 1
    assert copy.exists()  # never moved or deleted: it is not in the inbox


def test_two_bundles_of_the_same_record_are_two_imports(keyed: OpenVault) -> None:
    """Idempotence is per bundle file: sealing twice gives two distinct bundles."""
    _bundle(keyed, "a.sealed")
    _bundle(keyed, "b.sealed")
    assert [o.status for o in _import(keyed)] == ["imported", "imported"]


@pytest.mark.parametrize("damage", ["flip", "truncate", "junk", "empty", "version"])
def test_s14_bad_bundle_is_refused_and_left_in_place(keyed: OpenVault, damage: str) -> None:
    """Damaged bundles are refused with a clear message, kept byte for byte, and nothing is stored."""
    path = _bundle(keyed)
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40
    elif damage == "truncate":
        data = data[: len(data) - 20]
    elif damage == "junk":
        data = bytearray(b"%PDF-1.7 not a bundle")
    elif damage == "empty":
        data = bytearray()
    else:
        data[8] = 9
    path.write_bytes(bytes(data))
    before = _audit_count(keyed)
    [outcome] = _import(keyed)
    assert outcome.status == "refused" and outcome.message.startswith("refused, left in place")
    assert path.read_bytes() == bytes(data)
    assert testimonies.list_all(keyed.conn) == [] and _audit_count(keyed) == before


def test_foreign_bundle_is_refused(keyed: OpenVault) -> None:
    """A bundle sealed to another archive's key is refused and kept."""
    path = keyed.archive.folder("inbox") / "foreign.sealed"
    with path.open("wb") as out:
        seal_bundle(out, generate_intake_key().public_key(), record_bytes())
    [outcome] = _import(keyed)
    assert outcome.status == "refused" and "another intake key" in outcome.message
    assert path.exists()


def test_bundle_with_invalid_record_is_refused(keyed: OpenVault) -> None:
    """A genuine bundle whose record `testimony add` would refuse is refused, naming the field."""
    _bundle(keyed, record=json.dumps({**RECORD, "colour": "red"}).encode())
    [outcome] = _import(keyed)
    assert outcome.status == "refused" and "colour" in outcome.message


def test_bundle_with_a_malformed_attachment_is_refused_and_left_in_place(keyed: OpenVault) -> None:
    """A 'photo' that is not a JPEG (S29) refuses the whole bundle; nothing is dropped or stored."""
    path = _bundle(keyed, attachments=[("photo.jpg", b"\xff\xd8" + b"x" * 5000)])
    before = path.read_bytes()
    [outcome] = _import(keyed)
    assert outcome.status == "refused" and outcome.message.startswith("refused, left in place")
    assert path.read_bytes() == before and testimonies.list_all(keyed.conn) == []
    assert list(keyed.archive.folder("blobs").iterdir()) == []


def test_failed_ingest_leaves_no_ledger_entry(keyed: OpenVault, monkeypatch: pytest.MonkeyPatch) -> None:
    """If storing the testimony fails, the ledger entry is rolled back with it (one transaction)."""
    path = _bundle(keyed)
    real_append = audit.append

    def failing_append(conn: object, **kwargs: object) -> object:
        if kwargs["action"] == "intake.import":
            assert testimonies.list_all(keyed.conn) != []  # the testimony is written by now
            raise InvalidInput("simulated failure after the testimony was written")
        return real_append(conn, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audit, "append", failing_append)
    with pytest.raises(InvalidInput):
        _import(keyed)
    monkeypatch.undo()
    assert testimonies.list_all(keyed.conn) == []
    assert path.exists()
    assert [o.status for o in _import(keyed)] == ["imported"]


def test_s02_import_leaves_no_plaintext_in_the_archive(keyed: OpenVault) -> None:
    """After import, no canary form is in any file of the archive folder."""
    from tests.factories import canary_record

    record = json.dumps(canary_record().to_json(), ensure_ascii=False).encode()
    _bundle(keyed, record=record)
    assert [o.status for o in _import(keyed)] == ["imported"]
    keyed.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in keyed.archive.root.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for form, needle in canary_encodings().items():
                assert needle not in content, (path.name, form)


def _cli(created_root: Path, *args: str) -> tuple[int, str]:
    passfile = created_root.parent / "pass.txt"
    passfile.write_text(ADMIN_PASSPHRASE + "\n")
    result = CliRunner().invoke(
        main, ["--archive", str(created_root), "--user", ADMIN, "--passphrase-file", str(passfile), *args]
    )
    return result.exit_code, result.output


def test_cli_keygen_seal_import_round_trip(created: object, tmp_path: Path) -> None:
    """The scripting contract: keygen, field seal, import, import again."""
    root = created.archive.root  # type: ignore[attr-defined]
    code, output = _cli(root, "intake", "keygen", "--suite", "x25519")
    assert code == 0, output
    assert "fingerprint:" in output and (root / "intake.pub").is_file()
    (tmp_path / "t.json").write_text(json.dumps(RECORD, ensure_ascii=False), encoding="utf-8")
    sealed = root / "inbox" / "field.sealed"
    result = CliRunner().invoke(
        main, ["field", "seal", "--key", str(root / "intake.pub"), str(tmp_path / "t.json"), "-o", str(sealed)]
    )
    assert result.exit_code == 0, result.output
    (root / "inbox" / "bad.sealed").write_bytes(b"not a bundle")
    code, output = _cli(root, "intake", "import")
    assert code == 1
    assert "field.sealed: imported as T-" in output and "bad.sealed: refused, left in place" in output
    code, output = _cli(root, "intake", "import", str(root / "inbox" / "imported" / "field.sealed"), "--json")
    assert code == 0, output
    [item] = json.loads(output)
    assert item["status"] == "already-imported" and item["testimony_id"].startswith("T-")


def test_cli_import_with_empty_inbox(created: object) -> None:
    """An empty inbox is reported, not an error."""
    root = created.archive.root  # type: ignore[attr-defined]
    assert _cli(root, "intake", "keygen")[0] == 0
    code, output = _cli(root, "intake", "import")
    assert code == 0 and "the inbox is empty" in output


def test_concurrent_importer_is_caught_inside_the_transaction(keyed: OpenVault) -> None:
    """If another importer stored the bundle after our first check, our transaction sees it."""
    from vault import records

    _bundle(keyed)
    [first] = _import(keyed)
    assert first.bundle_sha256 is not None
    record = records.parse(RECORD)
    testimony_id, fresh = intake_import._ingest(keyed.conn, record, first.bundle_sha256, actor=keyed.actor, now=None)
    assert (testimony_id, fresh) == (first.testimony_id, False)
    assert len(testimonies.list_all(keyed.conn)) == 1


def test_cli_field_kit_attachment_reaches_the_attachment_store(created: object, tmp_path: Path) -> None:
    """field seal --attach, then intake import: the photo is an attachment of the new testimony."""
    import hashlib

    from tests.media_files import jpeg
    from vault import attachments

    root = created.archive.root  # type: ignore[attr-defined]
    assert _cli(root, "intake", "keygen")[0] == 0
    photo = jpeg()
    (tmp_path / "photo.jpg").write_bytes(photo)
    (tmp_path / "t.json").write_text(json.dumps(RECORD, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["field", "seal", "--key", str(root / "intake.pub"), str(tmp_path / "t.json"),
                                       "--attach", str(tmp_path / "photo.jpg"), "-o", str(root / "inbox" / "p.sealed"),
                                       "--shred-input"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "photo.jpg").exists()
    code, output = _cli(root, "intake", "import", "--json")
    assert code == 0, output
    [item] = json.loads(output)
    vault = created.archive.open_vault(created.archive.unlock(ADMIN, ADMIN_PASSPHRASE))  # type: ignore[attr-defined]
    try:
        [stored] = attachments.list_for(vault.conn, item["testimony_id"])
        assert stored.filename == "photo.jpg" and stored.sha256 == hashlib.sha256(photo).hexdigest()
    finally:
        vault.close()
