"""Issue finding: a removed or reset account kept its live sessions.

Through the real `testimony serve` process: an open session ends at once when its account is
removed or reset from the admin page, or removed, reset or re-passphrased from the command line
(another process, which the server sees only through the keyring file).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.adversary._live import REPO, Browser, Server, serve
from tests.adversary._web import sign_in, site
from tests.adversary.conftest import PASS, Populated
from webui.state import EXTENSION

HOMES = {"alice": "/archivist/", "bob": "/archivist/", "rita": "/research/", "admin": "/admin/"}


def _works(browser: Browser, user: str) -> bool:
    status, _, headers = browser.request("GET", HOMES[user])
    assert status == 200 or (status in (302, 303) and "/login" in headers.get("Location", "")), status
    return status == 200


def _cli(server: Server, tmp_path: Path, *args: str) -> None:
    secret = tmp_path / "admin-passphrase"
    secret.write_text(PASS["admin"] + "\n")
    secret.chmod(0o600)
    new = tmp_path / "new-passphrase"
    new.write_text("a brand new passphrase 1\n")
    new.chmod(0o600)
    argv = [arg.replace("{new}", str(new)) for arg in args]
    if "--user" not in argv:
        argv = ["--user", "admin", "--passphrase-file", str(secret), *argv]
    result = subprocess.run(
        [sys.executable, "-c", "from cli import main; main()", "--archive", str(server.root), *argv],
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "TMPDIR": str(server.tmpdir)},
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_admin_page_removal_ends_the_archivists_session(populated: Populated, tmp_path: Path) -> None:
    with serve(populated, tmp_path) as server:
        alice, bob, admin = Browser(server), Browser(server), Browser(server)
        alice.sign_in(populated, "alice")
        bob.sign_in(populated, "bob")
        admin.sign_in(populated, "admin")
        assert _works(alice, "alice")
        token = admin.csrf("/admin/")
        status, _, _ = admin.request("POST", "/admin/users/remove",
                                     {"csrf_token": token, "username": "alice", "confirm": "1"})
        assert status in (302, 303)
        assert not _works(alice, "alice")
        assert _works(bob, "bob") and _works(admin, "admin")  # nobody else is signed out


def test_command_line_removal_ends_the_archivists_session(populated: Populated, tmp_path: Path) -> None:
    with serve(populated, tmp_path) as server:
        alice, bob = Browser(server), Browser(server)
        alice.sign_in(populated, "alice")
        bob.sign_in(populated, "bob")
        assert _works(alice, "alice")
        _cli(server, tmp_path, "passphrase", "remove", "alice", "--yes")
        assert not _works(alice, "alice")
        assert _works(bob, "bob")


def test_command_line_reset_ends_the_thiefs_researcher_session(populated: Populated, tmp_path: Path) -> None:
    with serve(populated, tmp_path) as server:
        thief, alice = Browser(server), Browser(server)
        thief.sign_in(populated, "rita")
        alice.sign_in(populated, "alice")
        assert _works(thief, "rita")
        _cli(server, tmp_path, "passphrase", "reset", "rita", "--new-passphrase-file", "{new}")
        assert not _works(thief, "rita")
        assert _works(alice, "alice")


def test_command_line_passphrase_change_ends_the_old_session(populated: Populated, tmp_path: Path) -> None:
    with serve(populated, tmp_path) as server:
        alice = Browser(server)
        alice.sign_in(populated, "alice")
        assert _works(alice, "alice")
        secret = tmp_path / "alice-passphrase"
        secret.write_text(PASS["alice"] + "\n")
        secret.chmod(0o600)
        _cli(server, tmp_path, "--user", "alice", "--passphrase-file", str(secret),
             "passphrase", "change", "--new-passphrase-file", "{new}")
        assert not _works(alice, "alice")


def test_signing_in_again_keeps_the_users_other_session(populated: Populated, tmp_path: Path) -> None:
    """The server's own rewrite of a slot at sign-in (the code's last step) ends no session of that user."""
    s = site(populated, tmp_path)
    first = sign_in(s, populated, "alice")
    second = sign_in(s, populated, "alice")  # rewrites alice's keyslot (a new salt)
    third = sign_in(s, populated, "alice")
    for client in (first, second, third):
        assert client.get("/archivist/").status_code == 200


def test_end_sessions_of_ends_every_session_of_one_account(populated: Populated, tmp_path: Path) -> None:
    """The one call other code (e.g. a lockout) uses to sign an account out everywhere."""
    s = site(populated, tmp_path)
    first, second, other = sign_in(s, populated, "alice"), sign_in(s, populated, "alice"), sign_in(s, populated, "bob")
    assert s.app.extensions[EXTENSION].end_sessions_of("alice") == 2
    assert first.get("/archivist/").status_code == 302 and second.get("/archivist/").status_code == 302
    assert other.get("/archivist/").status_code == 200


def test_command_line_rekey_ends_the_admins_web_session(populated: Populated, tmp_path: Path) -> None:
    """A rekey rewraps the admin's keyslot: the admin's open web session ends with the old key."""
    with serve(populated, tmp_path) as server:
        admin = Browser(server)
        admin.sign_in(populated, "admin")
        assert _works(admin, "admin")
        _cli(server, tmp_path, "rekey", "--shares-out", str(tmp_path / "shares.txt"))
        assert not _works(admin, "admin")
