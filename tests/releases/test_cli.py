"""`testimony release ...`, `testimony export` and `testimony verify-export` through click."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import main
from tests.release_world import PASSPHRASES, World, add


def _run(world: World, user: str | None, *args: str) -> tuple[int, str]:
    options: list[str] = ["--archive", str(world.archive.root)]
    if user is not None:
        secret = world.root.parent / f"{user}.pass"
        secret.write_text(PASSPHRASES[user] + "\n")
        options += ["--user", user, "--passphrase-file", str(secret)]
    result = CliRunner().invoke(main, [*options, *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_release_commands_end_to_end(world: World, tmp_path: Path) -> None:
    tid = add(world)
    code, out = _run(world, "alice", "release", "propose", tid)
    assert code == 1 and "release blocked:" in out and "undecided spans" in out
    code, out = _run(world, "alice", "release", "decisions", tid, "--accept-all", "--json")
    assert code == 0 and json.loads(out)["undecided"] == []
    code, out = _run(world, "alice", "release", "propose", tid)
    assert code == 0
    release_id = out.strip()
    code, out = _run(world, "bob", "release", "show", release_id, "--json")
    assert code == 0 and "Kim Chol-su" not in json.loads(out)["text"] and json.loads(out)["status"] == "proposed"
    code, out = _run(world, "alice", "release", "approve", release_id)
    assert code == 1 and "two-person rule" in out
    code, out = _run(world, "bob", "release", "approve", release_id)
    assert code == 0, out
    code, out = _run(world, "bob", "release", "check", release_id, "--json")
    assert code == 1 and [r["code"] for r in json.loads(out)["reasons"]] == ["narrative", "k-anonymity"]
    code, out = _run(world, "bob", "release", "publish", release_id)
    assert code == 1 and "k-anonymity" in out and "--accept-suppression" in out and "--fix-text" in out
    code, out = _run(world, "bob", "release", "publish", release_id, "--accept-suppression")
    assert code == 1 and "narrative" in out
    code, out = _run(world, "bob", "release", "publish", release_id, "--accept-suppression", "--fix-text")
    assert code == 0 and "published as X-" in out
    code, out = _run(world, "bob", "release", "show", release_id, "--json")
    assert "2008" not in json.loads(out)["text"] and "Hyesan" not in json.loads(out)["text"]
    code, out = _run(world, "alice", "release", "list", "--json")
    (listed,) = json.loads(out)
    assert listed["status"] == "published" and "text" not in listed

    bag = tmp_path / "bag"
    code, out = _run(world, "rita", "export", str(bag))
    assert code == 0, out
    code, out = _run(world, None, "verify-export", str(bag))
    assert code == 0 and "valid: 1 extract(s)" in out
    code, out = _run(world, "alice", "export", str(tmp_path / "bag2"))
    assert code == 0, out

    code, out = _run(world, "alice", "release", "retract", release_id)
    assert code == 0 and release_id in out
    code, out = _run(world, "alice", "release", "list", "--status", "published", "--json")
    assert json.loads(out) == []


def test_researcher_cannot_run_release_commands(world: World) -> None:
    code, out = _run(world, "rita", "release", "list")
    assert code == 1 and "cannot open the vault" in out


def test_wrong_passphrase_is_one_clear_line(world: World) -> None:
    secret = world.root.parent / "wrong.pass"
    secret.write_text("not the passphrase\n")
    result = CliRunner().invoke(main, ["--archive", str(world.archive.root), "--user", "alice",
                                       "--passphrase-file", str(secret), "release", "list"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_every_release_command_has_help() -> None:
    for args in (["release", "--help"], ["export", "--help"], ["verify-export", "--help"],
                 *[["release", name, "--help"] for name in
                   ("decisions", "propose", "add-image", "show", "approve", "check", "publish", "retract", "list", "sync", "set-k")]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0 and "Usage:" in result.output


def test_release_consent_records_new_consent(world: World) -> None:
    from tests.release_world import record
    from vault import consent

    tid = add(world, record(consent="archive_only"))
    code, out = _run(world, "admin", "release", "consent", tid, "--scope", "research", "--basis", " ")
    assert code == 1 and "basis" in out
    code, out = _run(world, "admin", "release", "consent", tid, "--scope", "research", "--basis", "signed form")
    assert code == 0 and "consent is now research" in out
    (entry,) = consent.history(world.alice.conn, tid)
    assert entry.scope == "research" and entry.basis == "signed form"
