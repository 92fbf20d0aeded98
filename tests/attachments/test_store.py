"""The attachment store: streamed encryption, chain of custody, tampering, deletion (S12, S15, S24)."""
from __future__ import annotations

import hashlib
import io
import os
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ADMIN, ADMIN_PASSPHRASE, Created, record
from tests.media_files import CANARY_HANGUL, CANARY_LATIN, Endless, canary_wav, jpeg, wav
from vault import attachments, audit, testimonies
from vault.archive import Archive, OpenVault
from vault.attachments import blob
from vault.attachments.store import WRAP_SECRET
from vault.errors import IntegrityError, InvalidInput, NotFound
from vault.rekey import rotate_vault_key
from vault.store import checkpoint, transaction
from vault.verify import verify_vault

MiB = 1024 * 1024


def _blob_path(vault: OpenVault, attachment_id: str) -> Path:
    (name,) = vault.conn.execute("SELECT blob_name FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    return vault.archive.folder("blobs") / name


def _read_all(vault: OpenVault, attachment_id: str) -> bytes:
    return b"".join(attachments.iter_original(vault, attachment_id))


def test_s24_round_trip_of_a_large_recording_streams_in_chunks(vault: OpenVault, testimony_id: str) -> None:
    """A 16 MiB recording goes in and comes back byte for byte; peak memory stays far below its size."""
    size = 16 * MiB
    header = wav(b"")[:44]
    expected = hashlib.sha256()
    reference = Endless(size, header)
    while block := reference.read(MiB):
        expected.update(block)
    tracemalloc.start()
    try:
        item = attachments.add(vault, testimony_id, "interview.wav", Endless(size, header))
        _, peak_in = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        digest = hashlib.sha256()
        total = 0
        for chunk in attachments.iter_original(vault, item.id):
            digest.update(chunk)
            total += len(chunk)
        _, peak_out = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert item.size == size == total and item.media_type == "audio/wav"
    assert item.sha256 == expected.hexdigest() == digest.hexdigest()
    assert peak_in < size / 4, f"writing peaked at {peak_in:,} bytes for a {size:,}-byte file"
    assert peak_out < size / 4, f"reading peaked at {peak_out:,} bytes for a {size:,}-byte file"
    print(f"peak traced memory: write {peak_in / MiB:.1f} MiB, read {peak_out / MiB:.1f} MiB for {size / MiB:.0f} MiB")
    chunks = (_blob_path(vault, item.id).stat().st_size - blob.HEADER_BYTES) / (MiB + blob.OVERHEAD)
    assert 16 < chunks < 17  # sixteen full 1 MiB chunks and one (empty) final chunk


def test_s02_no_plaintext_canary_in_blobs_or_temp_dir(vault: OpenVault, testimony_id: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A recording full of canaries leaves only ciphertext in the archive folder and the temp directory."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    data = canary_wav(3 * MiB)
    attachments.add(vault, testimony_id, "canary.wav", io.BytesIO(data))
    checkpoint(vault.conn)
    needles = [CANARY_LATIN.encode(), CANARY_HANGUL.encode("utf-8"), CANARY_HANGUL.encode("utf-16-le")]
    scanned = 0
    for folder in (vault.archive.root, temp):
        for path in folder.rglob("*"):
            if path.is_file():
                content = path.read_bytes()
                scanned += 1
                assert not any(n in content for n in needles), f"canary in {path}"
    assert scanned >= 3 and list(vault.archive.folder("blobs").iterdir())


def test_sha256_of_the_original_is_kept_and_shown(vault: OpenVault, testimony_id: str) -> None:
    """The row keeps the original's SHA-256 and size; listing shows them without reading content."""
    data = jpeg()
    item = attachments.add(vault, testimony_id, "IMG_0001.JPG", io.BytesIO(data))
    [listed] = attachments.list_for(vault.conn, testimony_id)
    assert listed.sha256 == hashlib.sha256(data).hexdigest() and listed.size == len(data)
    assert listed.media_type == "image/jpeg" and listed.kind.value == "photo" and listed.id == item.id


def test_every_add_read_delete_is_audited_and_verified(vault: OpenVault, testimony_id: str) -> None:
    """attachment.create / read / delete entries name only the attachment id; verify passes throughout."""
    before = len(audit.entries(vault.conn))
    item = attachments.add(vault, testimony_id, "a.wav", io.BytesIO(wav(b"x" * 1000)))
    assert verify_vault(vault).ok
    _read_all(vault, item.id)
    attachments.delete(vault, item.id)
    entries = audit.entries(vault.conn)[before:]
    actions = [(e.action, e.object) for e in entries if e.action.startswith("attachment.")]
    assert actions == [("attachment.create", f"attachment:{item.id}"), ("attachment.read", f"attachment:{item.id}"),
                       ("attachment.delete", f"attachment:{item.id}")]
    report = verify_vault(vault)
    assert report.ok, report.problems
    assert report.checked.get("attachment") == 1


def test_verify_names_an_attachment_row_changed_behind_the_archive(vault: OpenVault, testimony_id: str) -> None:
    """An attachment row edited without an audit entry (a swapped hash) is reported by verify (S05)."""
    item = attachments.add(vault, testimony_id, "a.wav", io.BytesIO(wav(b"x" * 1000)))
    with transaction(vault.conn):
        vault.conn.execute("UPDATE attachments SET sha256 = ? WHERE id = ?", ("0" * 64, item.id))
    problems = verify_vault(vault).problems
    assert any(f"attachment:{item.id}" in p for p in problems)


def test_s15_delete_destroys_the_key_and_the_blob(vault: OpenVault, testimony_id: str) -> None:
    """After delete the wrapped key is gone from vault.db, the blob is gone, and a copy of the blob
    cannot be opened with anything the archive still holds, the vault key included."""
    item = attachments.add(vault, testimony_id, "a.wav", io.BytesIO(canary_wav(200_000)))
    path = _blob_path(vault, item.id)
    stolen_copy = path.read_bytes()  # e.g. an old backup of blobs/
    (wrapped,) = vault.conn.execute("SELECT wrapped_key FROM attachments WHERE id = ?", (item.id,)).fetchone()
    attachments.delete(vault, item.id)
    row = vault.conn.execute("SELECT wrapped_key, filename, deleted_at FROM attachments WHERE id = ?",
                             (item.id,)).fetchone()
    assert row[0] is None and row[1] == "" and row[2] is not None
    assert not path.exists() and attachments.leftovers(vault) == []
    # No row of any table still holds the wrapped key's bytes.
    tables = [t for (t,) in vault.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if not t.startswith(("sqlite_", "search"))]
    for table in tables:
        for values in vault.conn.execute(f"SELECT * FROM \"{table}\""):  # noqa: S608  # nosec B608
            assert not any(isinstance(v, bytes) and bytes(wrapped) in v for v in values), table
    with pytest.raises(NotFound, match="deleted"):
        _read_all(vault, item.id)
    # Every key the vault holds fails on the stolen copy: the vault key, the wrap key, every secret.
    path.write_bytes(stolen_copy)
    candidates = [vault.key, *(bytes(v) for (v,) in vault.conn.execute("SELECT value FROM secrets"))]
    for key in candidates:
        if len(key) == blob.KEY_BYTES:
            with pytest.raises(IntegrityError):
                b"".join(blob.iter_plaintext(path, key, item.id))
    with pytest.raises(InvalidInput, match="already deleted"):
        attachments.delete(vault, item.id)


def _chunks(path: Path) -> tuple[bytes, list[bytes]]:
    data = path.read_bytes()
    head, body = data[:blob.HEADER_BYTES], data[blob.HEADER_BYTES:]
    full = (1 << blob.parse_header(head)) + blob.OVERHEAD
    return head, [body[i:i + full] for i in range(0, len(body), full)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(0, 40_000))
def test_s12_no_repeated_nonce_across_chunks_or_attachments(vault: OpenVault, testimony_id: str, size: int) -> None:
    """Chunks of one blob, and the same content stored twice, never share a (key, nonce) pair."""
    data = wav(b"\x01" * size)
    ids = [attachments.stage(vault.archive, "n.wav", chunk_exponent=12) for _ in range(2)]
    nonces: list[bytes] = []
    try:
        for staged in ids:
            staged.write(data)
            staged.finish()
            _, chunks = _chunks(staged.path)
            assert len(chunks) == len(data) // 4096 + 1
            nonces += [c[:12] for c in chunks]
        assert len(set(nonces)) == len(nonces)
        assert ids[0]._key != ids[1]._key  # noqa: SLF001 - one key per attachment
    finally:
        for staged in ids:
            staged.discard()


@pytest.fixture
def small_chunked(vault: OpenVault, testimony_id: str) -> tuple[OpenVault, str, Path]:
    """An attachment of several 4 KiB chunks."""
    staged = attachments.stage(vault.archive, "t.wav", chunk_exponent=12)
    staged.write(wav(os.urandom(20_000)))
    staged.finish()
    with transaction(vault.conn):
        item = staged.record(vault.conn, testimony_id, actor=vault.actor)
    return vault, item.id, staged.path


@pytest.mark.parametrize("damage", ["flip", "truncate_mid", "truncate_boundary", "drop_last", "reorder", "duplicate",
                                    "append", "header"])
def test_tampered_truncated_or_reordered_blob_is_refused(small_chunked: tuple[OpenVault, str, Path],
                                                         damage: str) -> None:
    """Any change to a blob makes reading it fail with IntegrityError, never wrong bytes."""
    vault, attachment_id, path = small_chunked
    assert len(_read_all(vault, attachment_id)) > 20_000
    head, chunks = _chunks(path)
    raw = path.read_bytes()
    if damage == "flip":
        changed = bytearray(raw)
        changed[len(raw) // 2] ^= 0x01
        out = bytes(changed)
    elif damage == "truncate_mid":
        out = raw[:-100]
    elif damage == "truncate_boundary":
        out = head + b"".join(chunks[:2])
    elif damage == "drop_last":
        out = head + b"".join(chunks[:-1])
    elif damage == "reorder":
        out = head + b"".join([chunks[1], chunks[0], *chunks[2:]])
    elif damage == "duplicate":
        out = head + b"".join([chunks[0], *chunks])
    elif damage == "append":
        out = raw + b"\0" * 16
    else:
        out = head[:9] + bytes([13]) + head[10:] + b"".join(chunks)
    path.write_bytes(out)
    with pytest.raises(IntegrityError, match="cannot be opened"):
        _read_all(vault, attachment_id)


def test_blob_swapped_between_attachments_is_refused(vault: OpenVault, testimony_id: str) -> None:
    """Copying one attachment's blob over another's fails: key and attachment id are bound to it."""
    first = attachments.add(vault, testimony_id, "1.wav", io.BytesIO(wav(b"1" * 5000)))
    second = attachments.add(vault, testimony_id, "2.wav", io.BytesIO(wav(b"2" * 5000)))
    _blob_path(vault, second.id).write_bytes(_blob_path(vault, first.id).read_bytes())
    with pytest.raises(IntegrityError):
        _read_all(vault, second.id)


def test_tampered_wrapped_key_is_refused(vault: OpenVault, testimony_id: str) -> None:
    """A wrapped key moved to another row does not open there (AAD binds the attachment id)."""
    first = attachments.add(vault, testimony_id, "1.wav", io.BytesIO(wav(b"1" * 5000)))
    second = attachments.add(vault, testimony_id, "2.wav", io.BytesIO(wav(b"2" * 5000)))
    with transaction(vault.conn):
        vault.conn.execute("UPDATE attachments SET wrapped_key = (SELECT wrapped_key FROM attachments WHERE id = ?)"
                           " WHERE id = ?", (first.id, second.id))
    with pytest.raises(IntegrityError, match="wrapped key"):
        _read_all(vault, second.id)


def test_attachments_still_open_after_vault_key_rotation(created: Created) -> None:
    """S06 + attachments: after `rekey` forgets the old vault key, every attachment still opens,
    because its key is wrapped by a secret inside vault.db, not by the raw vault key."""
    archive = created.archive
    data = wav(os.urandom(50_000))
    with archive.open_vault(archive.unlock(ADMIN, ADMIN_PASSPHRASE)) as vault:
        with transaction(vault.conn):
            testimony_id = testimonies.add(vault.conn, record(), actor=vault.actor)
        item = attachments.add(vault, testimony_id, "a.wav", io.BytesIO(data))
        old_key = vault.key
        (wrap,) = vault.conn.execute("SELECT value FROM secrets WHERE name = ?", (WRAP_SECRET,)).fetchone()
        assert bytes(wrap) != old_key
    rotate_vault_key(archive, archive.unlock(ADMIN, ADMIN_PASSPHRASE), ADMIN_PASSPHRASE, threshold=1, share_count=1)
    with archive.open_vault(archive.unlock(ADMIN, ADMIN_PASSPHRASE)) as vault:
        assert vault.key != old_key
        assert _read_all(vault, item.id) == data
        assert verify_vault(vault).ok


def test_empty_recording_name_only_and_unknown_testimony(vault: OpenVault, testimony_id: str) -> None:
    """An unknown testimony is NotFound, and nothing is left in blobs/."""
    with pytest.raises(NotFound):
        attachments.add(vault, "T-000000000000", "a.wav", io.BytesIO(wav(b"x")))
    assert attachments.leftovers(vault) == []


def test_backup_and_restore_carry_attachments(vault: OpenVault, testimony_id: str, tmp_path: Path) -> None:
    """An encrypted backup holds the blob (ciphertext only); the restored archive opens it intact."""
    from vault import backup

    data = canary_wav(100_000)
    item = attachments.add(vault, testimony_id, "a.wav", io.BytesIO(data))
    out = tmp_path / "backup"
    backup.create(vault, out)
    assert not any(CANARY_LATIN.encode() in p.read_bytes() for p in out.rglob("*") if p.is_file())
    backup.restore(out, tmp_path / "restored", "admin", ADMIN_PASSPHRASE)
    restored = Archive(tmp_path / "restored")
    with restored.open_vault(restored.unlock("admin", ADMIN_PASSPHRASE)) as again:
        assert _read_all(again, item.id) == data


@pytest.mark.parametrize("damage", ["missing", "truncated", "padded", "header"])
def test_verify_names_a_missing_or_truncated_blob(vault: OpenVault, testimony_id: str, damage: str) -> None:
    """`testimony verify` checks each live blob's presence, header and exact length."""
    item = attachments.add(vault, testimony_id, "a.wav", io.BytesIO(wav(os.urandom(3000))))
    path = _blob_path(vault, item.id)
    assert path.stat().st_size == blob.expected_length(item.size, blob.DEFAULT_CHUNK_EXPONENT)
    assert verify_vault(vault).ok
    raw = path.read_bytes()
    if damage == "missing":
        path.unlink()
    else:
        path.write_bytes({"truncated": raw[:-1], "padded": raw + b"\0", "header": b"X" + raw[1:]}[damage])
    problems = verify_vault(vault).problems
    assert any(f"attachment:{item.id}" in p and "blob" in p for p in problems), problems


def test_verify_names_an_attachment_row_inserted_behind_the_archive(vault: OpenVault, testimony_id: str) -> None:
    """A row copied in without an audit entry is reported (S26)."""
    item = attachments.add(vault, testimony_id, "a.wav", io.BytesIO(wav(b"x" * 100)))
    with transaction(vault.conn):
        vault.conn.execute("INSERT INTO attachments (id, testimony_id, filename, media_type, size, sha256, blob_name,"
                           " wrapped_key, created_at) SELECT 'A-intruder', testimony_id, filename, media_type, size,"
                           " sha256, 'ff' || blob_name, wrapped_key, created_at FROM attachments WHERE id = ?",
                           (item.id,))
    problems = verify_vault(vault).problems
    assert any("attachment:A-intruder" in p and "never audited" in p for p in problems), problems

