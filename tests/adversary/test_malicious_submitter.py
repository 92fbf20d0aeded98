"""Adversary: a malicious file submitter. S29 (and S28's "nothing lost").

Whoever can hand the archive a file (a testimony JSON, a sealed bundle from a field kit, a
photo) tries to crash it, exhaust it, or write outside its folders: decompression bombs,
polyglots, huge or deeply nested JSON, numbers too long to parse, invalid UTF-8, path
traversal names, zip slips. Each is refused with one clear line, and nothing is lost.
"""
from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from keys._bundle_format import StreamWriter
from keys.bundle import ATTACHMENT, END, RECORD, ensure_attachment_name, open_bundle, parse_record_json, seal_bundle
from keys.errors import BundleError
from keys.intake import IntakePublicKey, IntakeSuite, generate_intake_key
from tests.adversary.conftest import PASS, Populated
from tests.factories import copy_archive
from vault import intake_import, records, testimonies
from vault.archive import Archive
from vault.errors import InvalidInput, MediaError
from vault.media import decode_image
from vault.verify import verify_vault

GOOD = {"language": "en", "text": "[SYNTHETIC TEST] A short account.", "consent": "research"}


def _doc(**overrides: object) -> bytes:
    return json.dumps({**GOOD, **overrides}).encode()


#: label -> bytes of a hostile testimony file.
HOSTILE_JSON = {
    "invalid-utf8": b'{"language": "en", "text": "\xff\xfe", "consent": "research"}',
    "lone-surrogate": b'{"language": "en", "text": "\\ud800", "consent": "research"}',
    "nested-lists": b"[" * 100_000 + b"]" * 100_000,
    "nested-objects": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "nested-in-witness": _doc(witness={"name": "x"}).replace(b'"x"', b'{"a":' * 5000 + b"1" + b"}" * 5000),
    "too-large": b'{"text": "' + b"a" * (9 * 1024 * 1024) + b'"}',
    "huge-text": _doc(text="a" * 1_000_001),
    "huge-int": _doc().replace(b'"consent"', b'"birth": ' + b"9" * 5000 + b', "consent"'),
    "huge-int-in-witness": _doc(witness={"name": "x", "birth_year": 1}).replace(b": 1}", b": " + b"9" * 5000 + b"}"),
    "float-year": _doc(witness={"name": "x", "birth_year": 1e308}),
    "nan": _doc().replace(b'"consent"', b'"x": NaN, "consent"'),
    "duplicate-keys": b'{"language": "en", "language": "ko", "text": "t", "consent": "research"}',
    "array": b"[]",
    "null": b"null",
    "empty": b"",
    "bom": b"\xef\xbb\xbf" + _doc(),
    "unknown-field": _doc(__proto__={"admin": True}),
    "too-many-terms": _doc(sensitive_terms=[f"t{i}" for i in range(501)]),
    "term-too-long": _doc(sensitive_terms=["x" * 301]),
    "too-many-events": _doc(events=[{"violation_type": "arbitrary_detention"}] * 201),
    "wrong-types": _doc(text=["not", "a", "string"]),
    "null-byte-name": _doc(witness={"name": "a\x00b"}),
}


@pytest.mark.parametrize("label", sorted(HOSTILE_JSON))
def test_s29_hostile_testimony_json_is_one_clear_error(label: str) -> None:
    """parse_json_bytes raises InvalidInput (never RecursionError, ValueError, MemoryError ...)."""
    raw = HOSTILE_JSON[label]
    try:
        parsed = records.parse_json_bytes(raw)
    except InvalidInput as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) < 400, message
    else:
        raise AssertionError(f"{label} was accepted: {parsed!r:.200}")


@pytest.mark.parametrize("label", ["invalid-utf8", "nested-lists", "huge-int", "too-large", "nan", "duplicate-keys",
                                   "lone-surrogate"])
def test_s29_cli_add_refuses_hostile_file_and_loses_nothing(label: str, populated: Populated,
                                                            tmp_path: Path) -> None:
    """`testimony add` exits 1 with one line, no traceback; the archive verifies with the same records."""
    root = tmp_path / "archive"
    copy_archive(populated.archive.root, root)
    archive = Archive(root)
    with archive.open_vault(archive.unlock("alice", PASS["alice"])) as alice:
        before = sorted(s.id for s in testimonies.list_all(alice.conn))
    hostile = tmp_path / "t.json"
    hostile.write_bytes(HOSTILE_JSON[label])
    secret = tmp_path / "pass"
    secret.write_text(PASS["alice"] + "\n")
    result = CliRunner().invoke(main, ["--archive", str(root), "--user", "alice", "--passphrase-file", str(secret),
                                       "add", str(hostile)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # a ClickException, not a crash
    assert "Traceback" not in result.output and result.output.count("\n") <= 2, result.output
    with archive.open_vault(archive.unlock("alice", PASS["alice"])) as alice:
        assert sorted(s.id for s in testimonies.list_all(alice.conn)) == before
        assert verify_vault(alice).ok


@pytest.mark.parametrize("label", ["invalid-utf8", "nested-lists", "nested-objects", "huge-int", "nan",
                                   "duplicate-keys", "array"])
def test_s29_hostile_record_inside_a_bundle_is_a_bundle_error(label: str) -> None:
    """The bundle's own record parser refuses the same inputs with BundleError only."""
    with pytest.raises(BundleError):
        parse_record_json(HOSTILE_JSON[label])


TRAVERSAL_NAMES = ["../../etc/passwd", "/etc/passwd", "a/../../b", "..", ".", "C:\\Windows\\x", "a\\b",
                   "photo\x00.jpg", "photo\u202egpj.exe", "x" * 256, "", "line\nbreak", "zero\u200bwidth"]


@pytest.mark.parametrize("name", TRAVERSAL_NAMES)
def test_s29_path_traversal_attachment_names_refused(name: str) -> None:
    """Sealing refuses them, and a bundle crafted by hand with them does not open."""
    with pytest.raises(BundleError):
        ensure_attachment_name(name)
    key = generate_intake_key(IntakeSuite.X25519)
    record = json.dumps(GOOD).encode()
    encoded = name.encode("utf-8", "surrogatepass")[:65535]
    body = (RECORD + len(record).to_bytes(4, "big") + record + ATTACHMENT + len(encoded).to_bytes(2, "big") + encoded
            + (1).to_bytes(4, "big") + b"x" + b"\0\0\0\0" + hashlib.sha256(b"x").digest() + END)
    out = io.BytesIO()
    writer = StreamWriter(out, key.public_key(), chunk_exponent=12)
    writer.write(body)
    writer.close()
    written: list[str] = []

    def sink(attachment_name: str) -> io.BytesIO:
        written.append(attachment_name)
        return io.BytesIO()

    with pytest.raises(BundleError):
        open_bundle(io.BytesIO(out.getvalue()), key, sink=sink)
    assert written == []


def test_s29_hostile_bundles_in_the_inbox_are_refused_left_in_place_and_nothing_lost(populated: Populated,
                                                                                    tmp_path: Path) -> None:
    """Garbage, a truncated bundle, a bundle for another archive and one with a hostile record: each refused
    with a reason, still in the inbox afterwards, and the archive verifies with the same testimonies."""
    root = tmp_path / "archive"
    copy_archive(populated.archive.root, root)
    archive = Archive(root)
    inbox = archive.folder("inbox")
    genuine = (populated.field_kit / "interview-2.sealed").read_bytes()
    foreign_key = generate_intake_key(IntakeSuite.HYBRID)
    out = io.BytesIO()
    writer = StreamWriter(out, foreign_key.public_key(), chunk_exponent=12)
    writer.write(b"garbage")
    writer.close()
    public = IntakePublicKey.from_text((populated.field_kit / "intake.pub").read_text())
    surrogate = io.BytesIO()
    seal_bundle(surrogate, public, HOSTILE_JSON["lone-surrogate"])
    hostile = {
        "surrogate.sealed": surrogate.getvalue(),  # opens fine; its record cannot be stored
        "garbage.sealed": b"\0" * 5000,
        "truncated.sealed": genuine[: len(genuine) // 2],
        "flipped.sealed": genuine[:200] + bytes([genuine[200] ^ 1]) + genuine[201:],
        "foreign.sealed": out.getvalue(),
        "empty.sealed": b"",
    }
    for name, data in hostile.items():
        (inbox / name).write_bytes(data)
    with archive.open_vault(archive.unlock("alice", PASS["alice"])) as alice:
        before = sorted(s.id for s in testimonies.list_all(alice.conn))
        outcomes = list(intake_import.import_bundles(alice, [inbox / n for n in hostile]))
        assert [o.status for o in outcomes] == ["refused"] * len(hostile), outcomes
        assert all(o.message and "\n" not in o.message for o in outcomes)
        assert sorted(s.id for s in testimonies.list_all(alice.conn)) == before
        assert verify_vault(alice).ok
    for name, data in hostile.items():
        assert (inbox / name).read_bytes() == data


def _png(width: int, height: int, payload: bytes = b"") -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = payload or zlib.compress(b"\0" * (1 + width * 3) * min(height, 4))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _zip_slip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../../../tmp/evil.sh", "echo owned")
    return buffer.getvalue()


def test_s29_images_bombs_polyglots_zip_slips_and_mismatches_refused() -> None:
    """Each hostile 'photo' is a MediaError with a message, never a Pillow or numpy exception."""
    small = _png(4, 4)
    bomb_payload = zlib.compress(b"\0" * (50_000 * 3 + 1) * 200, 9)
    cases = {
        "declared-bomb.png": _png(100_000, 100_000),
        "wide-bomb.png": _png(50_000, 50_000, bomb_payload),
        "png-plus-zip.png": small + _zip_slip(),
        "zip-slip.jpg": _zip_slip(),
        "zip-slip.png": _zip_slip(),
        "png-declared-jpeg.jpg": small,
        "html.png": b"<html><script>alert(1)</script></html>",
        "truncated.png": small[:30],
        "empty.png": b"",
        "pdf-polyglot.png": b"%PDF-1.4\n" + small,
        "svg.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    }
    for name, data in cases.items():
        with pytest.raises(MediaError) as caught:
            decode_image(data, name)
        assert str(caught.value), name
    assert decode_image(small, "fine.png").width == 4


def test_s29_hostile_attachments_refuse_their_bundle_and_leave_no_blob(populated: Populated, tmp_path: Path) -> None:
    """Bundles sealed to the archive's own key carrying a decompression bomb, a PNG+ZIP polyglot, a zip
    named like a photo, HTML named like a PNG, a PDF polyglot: each bundle refused and left in place,
    no blob or temp file left in blobs/, the archive verifies with the same testimonies."""
    root = tmp_path / "archive"
    copy_archive(populated.archive.root, root)
    archive = Archive(root)
    inbox = archive.folder("inbox")
    public = IntakePublicKey.from_text((populated.field_kit / "intake.pub").read_text())
    small = _png(4, 4)
    hostile = {
        "bomb.png": _png(100_000, 100_000),
        "polyglot.png": small + _zip_slip(),
        "slip.jpg": _zip_slip(),
        "page.png": b"<html><script>alert(1)</script></html>",
        "pdf.png": b"%PDF-1.4\n" + small,
    }
    for name, data in hostile.items():
        out = io.BytesIO()
        seal_bundle(out, public, json.dumps(GOOD).encode(), [(name, io.BytesIO(data))])
        (inbox / f"{name}.sealed").write_bytes(out.getvalue())
    blobs_before = sorted(p.name for p in archive.folder("blobs").iterdir())
    with archive.open_vault(archive.unlock("alice", PASS["alice"])) as alice:
        before = sorted(s.id for s in testimonies.list_all(alice.conn))
        outcomes = list(intake_import.import_bundles(alice, [inbox / f"{n}.sealed" for n in hostile]))
        assert [o.status for o in outcomes] == ["refused"] * len(hostile), [(o.path.name, o.message)
                                                                            for o in outcomes]
        assert all(o.message and "\n" not in o.message for o in outcomes)
        assert sorted(s.id for s in testimonies.list_all(alice.conn)) == before
        assert verify_vault(alice).ok
    assert sorted(p.name for p in archive.folder("blobs").iterdir()) == blobs_before
    assert all((inbox / f"{n}.sealed").exists() for n in hostile)


def test_s29_bundle_the_store_refuses_is_refused_and_the_others_still_import(populated: Populated,
                                                                            tmp_path: Path) -> None:
    """A record that parses but that the archive will not store (an unknown violation type) refuses its
    bundle like any invalid record: the import goes on with the next bundle, nothing escapes as an error."""
    root = tmp_path / "archive"
    copy_archive(populated.archive.root, root)
    archive = Archive(root)
    inbox = archive.folder("inbox")
    public = IntakePublicKey.from_text((populated.field_kit / "intake.pub").read_text())
    for name, events in (("a-unknown.sealed", [{"violation_type": "not_a_known_type"}]), ("b-fine.sealed", [])):
        out = io.BytesIO()
        seal_bundle(out, public, json.dumps({**GOOD, "events": events}).encode())
        (inbox / name).write_bytes(out.getvalue())
    with archive.open_vault(archive.unlock("alice", PASS["alice"])) as alice:
        outcomes = list(intake_import.import_bundles(alice, [inbox / "a-unknown.sealed", inbox / "b-fine.sealed"]))
        assert [o.status for o in outcomes] == ["refused", "imported"], [o.message for o in outcomes]
        assert "violation type" in outcomes[0].message
        assert verify_vault(alice).ok
    assert (inbox / "a-unknown.sealed").exists()
