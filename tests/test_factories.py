"""tests/factories.py is the one way tests build an archive, and what it builds is what it says."""
from __future__ import annotations

import re
from pathlib import Path

from keys.intake import IntakeSuite
from keys.keyring import Role
from keys.profiles import TEST_ONLY
from tests.factories import (
    ADMIN,
    ADMIN_PASSPHRASE,
    add_testimony,
    copy_archive,
    enrol_totp,
    new_archive,
    open_as,
    publish_release,
    release_record,
)
from vault import reading_room, testimonies

TESTS = Path(__file__).resolve().parent
#: Making an archive or a demo archive directly (in code, or in a script a test runs in a child process).
_BUILDS = re.compile(r"\b(?:archive|archive_api|archive_mod)\.init\(|\bdemo\.create\(")


def test_archives_are_built_only_by_the_factories() -> None:
    """No test module but tests/factories.py calls the archive's init or the demo's create."""
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name == "factories.py" and path.parent == TESTS:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _BUILDS.search(line) and path != Path(__file__).resolve():
                offenders.append(f"{path.relative_to(TESTS.parent)}:{number}: {line.strip()}")
    assert not offenders, "build archives with tests/factories.py:\n" + "\n".join(offenders)


def test_new_archive_makes_the_users_and_intake_key_asked_for(tmp_path: Path) -> None:
    """Users with their roles, a TEST_ONLY keyring, 1-of-1 shares when asked, an intake key when asked."""
    created = new_archive(tmp_path / "archive", threshold=1, share_count=1, intake=IntakeSuite.X25519,
                          users={"ann": (Role.ARCHIVIST, "ann passphrase 12"), "rei": (Role.RESEARCHER, "rei pass 123")})
    assert len(created.shares) == 1 and created.intake_key is not None
    assert created.archive.keyring.profile == TEST_ONLY
    with open_as(created.archive, "ann", "ann passphrase 12") as ann:
        assert ann.role is Role.ARCHIVIST
    with open_as(created.archive, ADMIN, ADMIN_PASSPHRASE) as admin:
        roles = dict(admin.conn.execute("SELECT username, role FROM users"))
    assert roles == {ADMIN: "admin", "ann": "archivist", "rei": "researcher"}
    assert set(enrol_totp(created.archive, {"rei": "rei pass 123"})) == {"rei"}


def test_publish_release_puts_a_testimony_in_the_reading_room(tmp_path: Path) -> None:
    """Two archivists take a testimony through the two-person path; the copy of the archive holds it too."""
    users = {"ann": (Role.ARCHIVIST, "ann passphrase 12"), "bo": (Role.ARCHIVIST, "bo passphrase 123")}
    archive = new_archive(tmp_path / "archive", users=users).archive
    with open_as(archive, "ann", "ann passphrase 12") as ann, open_as(archive, "bo", "bo passphrase 123") as bo:
        testimony_id = add_testimony(ann, release_record())
        released = publish_release(ann, bo, testimony_id, accept_suppression=True)
        room_key = ann.secret("reading_room_key")
        assert testimonies.get(ann.conn, testimony_id, actor=ann.actor).summary.status == "released"
    assert released.status == "published" and released.approved_by != released.proposed_by
    copy = copy_archive(archive.root, tmp_path / "copy")
    assert copy.stat().st_mode & 0o777 == 0o700
    room = reading_room.connect(type(archive)(copy), room_key)
    try:
        assert [e.id for e in reading_room.extracts(room)] == [released.extract_id]
    finally:
        room.close()
