"""10,000-row CSV and XLSX imports: mapping, mixed Korean/English headers, bad rows, re-runs (issue 17)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.factories import CANARY_HANGUL, CANARY_LATIN, leaks
from tests.imports import sheets
from tests.imports.conftest import Cli
from vault import testimonies
from vault.imports import notes

ROWS = 10_000


def _report(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_10000_rows_with_mapping_import_whole_rows_report_bad_ones_and_rerun_imports_nothing(
        cli: Cli, tmp_path: Path, kind: str) -> None:
    """Every good row becomes one testimony; each bad row is reported by row and column, in words, and
    skipped; a second run imports 0."""
    write = sheets.write_csv if kind == "csv" else sheets.write_xlsx
    source = write(tmp_path / f"archive-export.{kind}", ROWS)
    mapping = sheets.write_mapping(tmp_path / "map.toml")
    report = tmp_path / "report.csv"

    first = cli.run("import", source, "--mapping", mapping, "--report", report)
    assert first.exit_code == 1  # some rows were refused
    expected_bad = sheets.bad_rows(ROWS)
    assert len(expected_bad) == ROWS // 100
    lines = _report(report)
    imported = [line for line in lines if line["status"] == "imported"]
    refused = {int(line["row"]): line for line in lines if line["status"] == "refused"}
    assert len(imported) == ROWS - len(expected_bad)
    assert set(refused) == set(expected_bad)
    for number, words in expected_bad.items():
        assert words in refused[number]["problem"], (number, refused[number])
    assert refused[101]["column"] == "E (Event date)"
    assert cli.count() == ROWS - len(expected_bad)
    assert f"imported {ROWS - len(expected_bad):,} row(s)" in first.stderr

    with cli.opened() as vault:  # a row read back: fields, dates as typed, the note kept apart from the text
        row_9 = next(line for line in imported if line["row"] == "9")
        stored = testimonies.get(vault.conn, row_9["testimony"], actor=vault.actor)
        assert stored.text.startswith("[SYNTHETIC TEST] 증언 7:")
        assert stored.record.witness.name == "Fictional Person 7"
        assert stored.record.events[0].date == "2009"
        assert stored.record.events[0].violation_type == "torture"
        row_5 = next(line for line in imported if line["row"] == "5")  # "March 2009", "forced_labour"
        event = testimonies.get(vault.conn, row_5["testimony"], actor=vault.actor).record.events[0]
        assert (event.date, event.date_precision, event.violation_type) == ("2009-03", "month", "forced_labour")
        assert notes.for_testimony(vault.conn, row_9["testimony"]) == [
            ("I (비고)", "[SYNTHETIC] private remark 7")]
        assert "private remark" not in stored.text

    second = cli.run("import", source, "--mapping", mapping, "--report", report)
    assert second.exit_code == 1
    assert "imported 0 row(s)" in second.stderr
    assert cli.count() == ROWS - len(expected_bad)
    again = _report(report)
    assert {line["status"] for line in again} == {"already-imported", "refused"}
    cli.ensure_verified()


def test_the_same_rows_as_xlsx_after_csv_are_already_imported(cli: Cli, tmp_path: Path) -> None:
    """The ledger keys rows by content, not by file: the same rows in another format import nothing."""
    mapping = sheets.write_mapping(tmp_path / "map.toml")
    assert cli.run("import", sheets.write_csv(tmp_path / "a.csv", 300), "--mapping", mapping).exit_code == 1
    before = cli.count()
    result = cli.run("import", sheets.write_xlsx(tmp_path / "a.xlsx", 300), "--mapping", mapping)
    assert "imported 0 row(s); 297 already imported" in result.stderr
    assert cli.count() == before == 297


def test_dry_run_checks_everything_and_stores_nothing(cli: Cli, tmp_path: Path) -> None:
    """--dry-run reports what would happen and leaves the vault exactly as it was (no ledger key either)."""
    source = sheets.write_csv(tmp_path / "a.csv", 250)
    report = tmp_path / "r.csv"
    with cli.opened() as vault:
        audit_before = vault.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    result = cli.run("import", source, "--mapping", sheets.write_mapping(tmp_path / "m.toml"), "--dry-run",
                     "--report", report)
    assert "248 row(s) would be imported" in result.stderr and "nothing was stored" in result.stderr
    assert {line["status"] for line in _report(report)} == {"checked", "refused"}
    assert cli.count() == 0
    with cli.opened() as vault:
        assert vault.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_before


def test_unmapped_column_stops_before_anything_is_stored(cli: Cli, tmp_path: Path) -> None:
    """Without the mapping, the unknown 'Interviewer code' column is named and nothing is imported."""
    result = cli.run("import", sheets.write_csv(tmp_path / "a.csv", 20))
    assert result.exit_code == 1
    assert "J (Interviewer code)" in result.stderr and "not assigned to any field" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert cli.count() == 0


def test_no_consent_column_and_no_default_is_refused_up_front(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_text("text,name\n[SYNTHETIC TEST] a,b\n", encoding="utf-8")
    result = cli.run("import", source)
    assert result.exit_code == 1 and "consent" in result.stderr
    assert cli.count() == 0


def test_korean_excel_csv_in_cp949_with_semicolons(cli: Cli, tmp_path: Path) -> None:
    """Korean Excel writes CSV in CP949; some locales separate with semicolons."""
    source = tmp_path / "korean.csv"
    source.write_bytes("증언 내용;성별;동의;사건 날짜;침해 유형\n[가상 시험 자료] 증언;여성;연구;2009년 3월;강제송환\n"
                       .encode("cp949"))
    result = cli.run("import", source)
    assert result.exit_code == 0, result.stderr
    with cli.opened() as vault:
        (summary,) = testimonies.list_all(vault.conn)
        stored = testimonies.get(vault.conn, summary.id, actor=vault.actor)
    assert stored.text == "[가상 시험 자료] 증언" and stored.record.language == "ko"
    assert stored.record.witness.sex == "female" and stored.record.events[0].date == "2009-03"


def test_s02_report_and_archive_hold_no_cell_of_the_source(cli: Cli, tmp_path: Path) -> None:
    """The report names rows and problems only; the archive folder holds no plaintext of the source."""
    source = tmp_path / "canary.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "name", "sex", "consent"])
        writer.writerow([f"[SYNTHETIC TEST] {CANARY_LATIN} {CANARY_HANGUL}", CANARY_LATIN, "female", "research"])
        writer.writerow([f"[SYNTHETIC TEST] {CANARY_HANGUL} again", CANARY_HANGUL, "not-a-sex", "research"])
    report = tmp_path / "report.csv"
    cli.run("import", source, "--report", report)
    assert cli.count() == 1
    text = report.read_text(encoding="utf-8")
    assert CANARY_LATIN not in text and CANARY_HANGUL not in text and "is not a sex" in text
    assert leaks([cli.created.archive.root]) == []


def test_a_row_refused_by_the_store_refuses_only_itself_not_its_batch(cli: Cli, tmp_path: Path) -> None:
    """If the store refuses one row of a batch (here: its violation type left the list after the row was
    checked), the batch is written row by row and only that row is refused."""
    from vault.imports import Importer, Input, job_for, mapping

    source = sheets.write_csv(tmp_path / "a.csv", 60)
    rules = mapping.load(sheets.write_mapping(tmp_path / "m.toml"))
    outcomes = []
    with cli.opened() as vault:
        def drop_type(progress) -> None:  # type: ignore[no-untyped-def]
            if progress.done == 1:
                vault.conn.execute("DELETE FROM violation_types WHERE code = 'public_execution'")

        summary = Importer(vault, batch=25, on_outcome=outcomes.append, on_progress=drop_type).run(
            [job_for(Input.from_path(source), "auto", rules)])
    refused = [o for o in outcomes if o.status == "refused"]
    assert {o.row for o in refused} == {i + 2 for i in range(1, 60) if i % 5 == 4}  # "공개처형" rows, not row 2
    assert all("unknown violation type" in o.problems[0].message for o in refused)
    assert summary.counts["imported"] == 60 - len(refused) - 0 and cli.count() == summary.counts["imported"]
    cli.ensure_verified()
