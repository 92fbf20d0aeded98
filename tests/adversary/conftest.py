"""One archive that has been through everything, for adversaries to attack.

Built once per session: every role, a canary testimony (Latin, Hangul, Hanja) added,
redacted, proposed, approved and published; the same canary sealed in the field, one
bundle imported and one left in the inbox; an interviewer's draft holding the canary;
an encrypted backup; a BagIt export of the reading room. Every temp file of the build
goes to a private temp directory that the seizure tests scan too, and every log record
is kept so that tests can look for the canary in it.

Tests must not change it (use ``tmp_path`` copies for that).
"""
from __future__ import annotations

import io
import json
import logging
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from keys.bundle import seal_bundle
from keys.intake import IntakePublicKey, IntakeSuite
from keys.keyring import Role
from tests.factories import (
    CANARY_HANGUL,
    CANARY_HANJA,
    CANARY_LATIN,
    add_testimony,
    canary_record,
    enrol_totp,
    new_archive,
    open_as,
    publish_release,
)
from vault import backup, intake_import, reading_room, testimonies
from vault.archive import Archive, OpenVault
from vault.releases import export_bag
from webui import drafts

PASS = {"admin": "admin passphrase 1", "alice": "alice passphrase 1", "bob": "bob passphrase 12",
        "rita": "rita passphrase 12", "ivan": "ivan passphrase 12"}
ROLES = {"alice": Role.ARCHIVIST, "bob": Role.ARCHIVIST, "rita": Role.RESEARCHER, "ivan": Role.INTERVIEWER}
CANARY_JSON = {
    "language": "ko",
    "text": f"[SYNTHETIC TEST] {CANARY_LATIN} met {CANARY_HANGUL} ({CANARY_HANJA}) in 혜산.",
    "interview_date": "2024-05-01",
    "consent": "research",
    "witness": {"name": CANARY_LATIN, "aliases": [CANARY_HANGUL, CANARY_HANJA], "sex": "female",
                "birth_year": 1985, "origin": "Hyesan"},
    "sensitive_terms": [CANARY_LATIN, CANARY_HANGUL, CANARY_HANJA],
    "events": [],
}


@dataclass
class Populated:
    base: Path
    archive: Archive
    backup: Path
    export: Path
    field_kit: Path  # what an interviewer's laptop holds: intake.pub and the sealed bundles
    temp: Path
    testimony_id: str
    release_id: str
    draft_id: str
    totp: dict[str, bytes] = field(default_factory=dict)
    log_text: str = ""

    def scanned_roots(self) -> list[Path]:
        return [self.archive.root, self.backup, self.export, self.field_kit, self.temp]

    def open(self, user: str) -> OpenVault:
        return open_as(self.archive, user, PASS[user])


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def canary_photo() -> bytes:
    """A small PNG whose text chunk (iTXt, UTF-8) names the canary: stored, it must be ciphertext."""
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("Comment", f"{CANARY_LATIN} {CANARY_HANGUL} {CANARY_HANJA}")
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 180, 160)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def seal_canary(public: IntakePublicKey, out: Path) -> None:
    buffer = io.BytesIO()
    seal_bundle(buffer, public, json.dumps(CANARY_JSON, ensure_ascii=False).encode("utf-8"),
                [("photo.png", io.BytesIO(canary_photo()))])
    out.write_bytes(buffer.getvalue())


@pytest.fixture(scope="session")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Populated]:
    base = tmp_path_factory.mktemp("adversary")
    temp = base / "tmp"
    temp.mkdir(mode=0o700)
    keep = _Keep()
    root_logger = logging.getLogger()
    old_level = root_logger.level
    root_logger.addHandler(keep)
    root_logger.setLevel(logging.DEBUG)
    saved_tempdir = tempfile.tempdir
    tempfile.tempdir = str(temp)
    try:
        yield _build(base, temp, keep)
    finally:
        tempfile.tempdir = saved_tempdir
        root_logger.removeHandler(keep)
        root_logger.setLevel(old_level)


def _build(base: Path, temp: Path, keep: _Keep) -> Populated:
    created = new_archive(base / "archive", admin="admin", passphrase=PASS["admin"], threshold=1, share_count=1,
                          users={name: (role, PASS[name]) for name, role in ROLES.items()}, intake=IntakeSuite.HYBRID)
    archive, public = created.archive, created.intake_key
    assert public is not None
    secrets = enrol_totp(archive, PASS)
    field_kit = base / "field-kit"
    field_kit.mkdir()
    shutil.copy2(intake_import.public_key_path(archive), field_kit / "intake.pub")
    seal_canary(public, field_kit / "interview-1.sealed")
    seal_canary(public, field_kit / "interview-2.sealed")
    shutil.copy2(field_kit / "interview-1.sealed", archive.folder("inbox") / "interview-1.sealed")
    shutil.copy2(field_kit / "interview-2.sealed", archive.folder("inbox") / "interview-2.sealed")

    with open_as(archive, "alice", PASS["alice"]) as alice, open_as(archive, "bob", PASS["bob"]) as bob:
        outcome = intake_import.import_bundle(alice, archive.folder("inbox") / "interview-1.sealed",
                                              keys=intake_import.intake_keys(alice.conn))
        assert outcome.status == "imported", outcome
        testimony_id = add_testimony(alice, canary_record())
        testimonies.get(alice.conn, testimony_id, actor=alice.actor)
        testimonies.search(alice.conn, CANARY_HANGUL)
        released = publish_release(alice, bob, testimony_id, accept_suppression=True)
        room_key = alice.secret("reading_room_key")
    ivan = archive.unlock("ivan", PASS["ivan"])
    draft_id = drafts.save(archive.folder("drafts"), ivan.secret, dict(CANARY_JSON))
    with open_as(archive, "admin", PASS["admin"]) as admin:
        backup.create(admin, base / "backup")
    room = reading_room.connect(archive, room_key)
    try:
        export_bag.export(room, base / "export")
    finally:
        room.close()
    return Populated(base, archive, base / "backup", base / "export", field_kit, temp, testimony_id,
                     released.id, draft_id, secrets, "\n".join(keep.lines))
