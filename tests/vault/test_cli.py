"""The scripting contract of the `testimony` command (issue: foundation)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cli import main

PASS = "correct horse battery staple"
NEW_PASS = "a different long passphrase"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "p").write_text(PASS + "\n")
    (tmp_path / "q").write_text(NEW_PASS + "\n")
    (tmp_path / "t.json").write_text(json.dumps({
        "language": "ko",
        "text": "[합성 시험 자료] 가상인물은 양강도 혜산에서 2009년에 떠났다. Hyesan, Yanji.",
        "interview_date": "2024-05-01",
        "consent": "research",
        "witness": {"name": "가상인물", "aliases": [], "sex": "female", "birth_year": 1980, "origin": "혜산"},
        "sensitive_terms": ["가상인물"],
        "events": [{"violation_type": "forced_repatriation", "date": "2009", "place": "혜산"}],
    }, ensure_ascii=False))
    return {"archive": tmp_path / "A", "p": tmp_path / "p", "q": tmp_path / "q", "t": tmp_path / "t.json",
            "shares": tmp_path / "shares", "tmp": tmp_path}


def run(*args: str | Path, ok: bool = True) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code != 0, result.output
    return result.output


def as_admin(f: dict[str, Path], *args: str | Path, ok: bool = True, passphrase: str = "p") -> str:
    return run("--archive", f["archive"], "--user", "admin", "--passphrase-file", f[passphrase], *args, ok=ok)


@pytest.fixture
def initialised(files: dict[str, Path]) -> dict[str, Path]:
    run("--archive", files["archive"], "init", "--admin", "admin", "--passphrase-file", files["p"],
        "--shares", "3/5", "--shares-out", files["shares"], "--kdf-profile", "test-only")
    return files


def test_contract_add_list_show_search_verify(initialised: dict[str, Path]) -> None:
    f = initialised
    tid = as_admin(f, "add", f["t"]).strip()
    assert tid.startswith("T-")
    listed = json.loads(as_admin(f, "list", "--json"))
    assert [item["id"] for item in listed] == [tid]
    shown = json.loads(as_admin(f, "show", tid, "--json"))
    assert shown["id"] == tid and shown["witness"]["name"] == "가상인물"
    assert [i["id"] for i in json.loads(as_admin(f, "search", "혜산", "--json"))] == [tid]
    assert [i["id"] for i in json.loads(as_admin(f, "search", "Hyesan", "--json"))] == [tid]
    assert "all checks hold" in as_admin(f, "verify")


def test_contract_backup_rekey_passphrase_recover(initialised: dict[str, Path]) -> None:
    f = initialised
    as_admin(f, "add", f["t"])
    as_admin(f, "backup", f["tmp"] / "backup")
    assert (f["tmp"] / "backup" / "vault.db").exists()
    as_admin(f, "rekey", "--shares-out", f["tmp"] / "new-shares")
    as_admin(f, "verify")
    as_admin(f, "passphrase", "change", "--new-passphrase-file", f["q"])
    as_admin(f, "verify", ok=False)  # old passphrase no longer works
    as_admin(f, "verify", passphrase="q")
    shares = (f["tmp"] / "new-shares").read_text().splitlines()
    (f["tmp"] / "three").write_text("\n".join(shares[:3]))
    run("--archive", f["archive"], "recover", "--shares-file", f["tmp"] / "three", "--new-passphrase-file", f["p"])
    as_admin(f, "verify")


def test_s13_recover_with_too_few_shares_fails(initialised: dict[str, Path]) -> None:
    f = initialised
    shares = f["shares"].read_text().splitlines()
    (f["tmp"] / "two").write_text("\n".join(shares[:2]))
    out = run("--archive", f["archive"], "recover", "--shares-file", f["tmp"] / "two",
              "--new-passphrase-file", f["q"], ok=False)
    assert "do not rebuild" in out


def test_verify_exits_non_zero_on_tampering(initialised: dict[str, Path]) -> None:
    f = initialised
    as_admin(f, "add", f["t"])
    from vault import store
    from vault.archive import Archive

    archive = Archive(f["archive"])
    unlocked = archive.unlock("admin", PASS)
    conn = store.connect(archive.vault_path, unlocked.secret)
    conn.execute("UPDATE testimony_versions SET text = 'changed'")
    conn.close()
    out = as_admin(f, "verify", ok=False)
    assert "PROBLEM" in out and "testimony:" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--passphrase-file", "q", "verify"), "unlock failed"),
        (("--passphrase-file", "p", "show", "T-000000000000"), "no testimony"),
        (("--passphrase-file", "p", "add", "bad"), "unknown field"),
    ],
)
def test_errors_are_one_line_without_traceback(initialised: dict[str, Path], args: tuple[str, ...],
                                               message: str) -> None:
    f = initialised
    (f["tmp"] / "bad.json").write_text('{"language": "en", "text": "x", "consent": "research", "shoe": 1}')
    real = [str(f[a]) if a in ("p", "q") else (str(f["tmp"] / "bad.json") if a == "bad" else a) for a in args]
    result = CliRunner().invoke(main, ["--archive", str(f["archive"]), "--user", "admin", *real])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.output.count("\n") == 1


def test_missing_archive_is_a_clear_error(files: dict[str, Path]) -> None:
    out = as_admin(files, "list", ok=False)
    assert "no archive at" in out


def test_init_refuses_short_passphrase(files: dict[str, Path]) -> None:
    (files["tmp"] / "short").write_text("short\n")
    out = run("--archive", files["archive"], "init", "--admin", "admin", "--passphrase-file",
              files["tmp"] / "short", ok=False)
    assert "at least 12" in out


def test_passphrases_are_never_command_line_arguments() -> None:
    """No option takes a secret directly: only *-file options or prompts."""
    def walk(command: click.Command) -> list[click.Parameter]:
        params = list(command.params)
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                params += walk(sub)
        return params

    for param in walk(main):
        name = (param.name or "").lower()
        if "passphrase" in name or "secret" in name or "password" in name:
            assert name.endswith("_file") or name.endswith("passphrase_file"), name


def test_every_command_has_help() -> None:
    def walk(command: click.Command, path: list[str]) -> None:
        assert command.help or command.short_help, " ".join(path)
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, [*path, name])

    walk(main, ["testimony"])


def test_console_script_is_installed() -> None:
    """`testimony` is installed by setup.cfg's console_scripts."""
    exe = Path(sys.executable).with_name("testimony")
    result = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True)
    assert "Encrypted archive" in result.stdout
