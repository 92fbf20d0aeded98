"""A malformed file of each kind stores nothing; kill -9 mid-import loses nothing acknowledged (issue 17, S27, S29)."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.factories import ADMIN
from tests.imports import sheets
from tests.imports.conftest import Cli
from tests.imports.test_formats import martus_bulletin, martus_export
from vault import testimonies
from vault.imports import ledger

ROOT = Path(__file__).resolve().parents[2]
GOOD_CSV = "text,consent,sex\n[SYNTHETIC TEST] a good row,research,female\n"


def _truncated_xlsx(tmp_path: Path) -> bytes:
    whole = sheets.write_xlsx(tmp_path / "whole.xlsx", 50).read_bytes()
    return whole[: len(whole) // 2]


def _not_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "[SYNTHETIC TEST] a zip, not a workbook")
    return buffer.getvalue()


MALFORMED = {
    "csv-unterminated-quote": ("a.csv", "csv", lambda t: (GOOD_CSV + '"[SYNTHETIC TEST] never closed,research,'
                                                          'female\n').encode(), "not a well-formed CSV file"),
    "csv-binary": ("b.csv", "csv", lambda t: b"\xff\xfe\xff\x00\x81" * 50, "not text in UTF-8"),
    "xlsx-truncated": ("c.xlsx", "xlsx", _truncated_xlsx, "not an XLSX workbook this import can read"),
    "xlsx-zip-not-workbook": ("d.xlsx", "xlsx", lambda t: _not_a_workbook(),
                              "not an XLSX workbook this import can read"),
    "jsonl-not-json": ("e.jsonl", "jsonl", lambda t: b"this is not json\n{}\n", "is not JSON Lines"),
    "martus-truncated": ("f.xml", "martus", lambda t: martus_export([martus_bulletin(
        "B-1", title="[SYNTHETIC TEST] t", summary="[SYNTHETIC TEST] s", private="", violation="Torture",
        eventdate="2010")]).encode()[:-40], "not well-formed XML"),
    "martus-entity-bomb": ("g.xml", "martus", lambda t: (
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<MartusBulletins>&b;</MartusBulletins>"), "declares entities or a DTD"),
    "martus-other-xml": ("h.xml", "martus", lambda t: b"<html><body/></html>", "not a Martus bulletin export"),
    "uwazi-no-title": ("i.csv", "uwazi", lambda t: GOOD_CSV.encode(), "not an Uwazi export"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_s29_malformed_file_one_clear_line_nothing_stored_verify_passes(cli: Cli, tmp_path: Path, case: str) -> None:
    """Good rows before the damage are not imported either: the whole file is checked first."""
    name, fmt, build, words = MALFORMED[case]
    source = tmp_path / name
    source.write_bytes(build(tmp_path))
    with cli.opened() as vault:
        audit_before = vault.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    # named, and detected (a CSV without Uwazi's columns is detected as a plain CSV, rightly)
    for args in (("--format", fmt), ()) if fmt != "uwazi" else (("--format", fmt),):
        result = cli.run("import", source, *args, "--mapping", _consent_mapping(tmp_path))
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], result.stderr
        assert "Traceback" not in result.output
    assert cli.count() == 0
    with cli.opened() as vault:
        assert vault.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_before
    cli.ensure_verified()


def _consent_mapping(tmp_path: Path) -> Path:
    path = tmp_path / "consent.toml"
    path.write_text('[defaults]\nconsent = "research"\n', encoding="utf-8")
    return path


def test_s27_kill_9_mid_import_loses_nothing_acknowledged_and_rerun_completes(cli: Cli, tmp_path: Path) -> None:
    """Ids printed (after their batch committed) survive kill -9; a second run imports exactly the rest."""
    rows = 6000
    source = sheets.write_csv(tmp_path / "large.csv", rows)
    mapping = sheets.write_mapping(tmp_path / "map.toml")
    argv = [sys.executable, "-c", "from cli import main; main()", "--archive", str(cli.created.archive.root),
            "--user", ADMIN, "--passphrase-file", str(cli.passphrase_file), "import", str(source),
            "--mapping", str(mapping)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    acknowledged: set[str] = set()
    try:
        assert proc.stdout is not None
        while len(acknowledged) < 1200:
            line = proc.stdout.readline()
            assert line, "the import ended before it could be interrupted"
            acknowledged.add(line.split(b"\t")[0].decode())
        assert proc.poll() is None  # still importing: the kill lands in the middle
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.stdout is not None
        proc.stdout.close()
    with cli.opened() as vault:
        present = {s.id for s in testimonies.list_all(vault.conn)}
    assert acknowledged <= present
    assert len(present) < rows - rows // 100
    cli.ensure_verified()

    result = cli.run("import", source, "--mapping", mapping)
    assert f"{len(present):,} already imported" in result.stderr
    expected = rows - rows // 100
    with cli.opened() as vault:
        assert len(testimonies.list_all(vault.conn)) == expected
        ledger_rows = vault.conn.execute("SELECT count(*) FROM audit WHERE action = ?", (ledger.ACTION,)).fetchone()
        assert ledger_rows[0] == expected  # each row imported exactly once
    cli.ensure_verified()
