"""Choosing the mapping on a terminal: the first rows shown, each column assigned, saved for reuse (issue 17)."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cli.import_command import _ask_mapping
from tests.imports import sheets
from vault import imports
from vault.imports import mapping


def test_terminal_shows_first_rows_asks_each_column_and_saves_the_mapping(tmp_path: Path) -> None:
    source_path = sheets.write_csv(tmp_path / "old.csv", 5)
    source = imports.Input.from_path(source_path)
    job = imports.job_for(source, "auto", mapping.Mapping())
    # Ten columns: accept the nine guesses (Enter), then "ignore" for "Interviewer code"; the sheet has
    # a consent column, so no default is asked; then save.
    answers = "\n" * 8 + "note\n" + "ignore\n" + "y\n"
    runner = CliRunner()
    with runner.isolation(input=answers) as (_out, err, *_rest):
        chosen = _ask_mapping(job, source)
        shown = err.getvalue().decode("utf-8")
    assert "A (증언 내용): [SYNTHETIC TEST] 증언 0: f…" in shown  # the first rows, shortened
    assert "J (Interviewer code)" in shown
    saved = tmp_path / "old.mapping.toml"
    rules = mapping.load(saved)
    assert rules.columns["Interviewer code"] == "ignore" and rules.columns["증언 내용"] == "text"
    assert rules.columns["비고"] == "note" and rules.columns["Event date"] == "event.date"
    assert "[SYNTHETIC" not in saved.read_text(encoding="utf-8")  # headers only, never a cell
    assert chosen.reader.check() == 5  # the job now runs with the chosen mapping
