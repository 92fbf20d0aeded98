"""The import report: one CSV line per row that was not simply imported, and per imported id.

Columns: file, row, status, testimony, column, problem. It names rows, columns and
what is wrong in words; it never holds a cell of the source, so it can be kept or
sent without holding any testimony. Lines are flushed as rows are acknowledged, so a
report cut short by a crash still lists every row it acknowledged.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import TextIO

from vault.imports.runner import RowOutcome

HEADER = ("file", "row", "status", "testimony", "column", "problem")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def lines(outcome: RowOutcome) -> list[tuple[str, ...]]:
    base = (outcome.file, str(outcome.row), outcome.status, outcome.testimony_id or "")
    if not outcome.problems:
        return [tuple(_cell(v) for v in (*base, "", ""))]
    return [tuple(_cell(v) for v in (*base, p.column, p.message)) for p in outcome.problems]


class ReportWriter:
    """Writes the report to a text stream, flushing after each outcome."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._writer = csv.writer(stream)
        self._writer.writerow(HEADER)

    def write(self, outcome: RowOutcome) -> None:
        self._writer.writerows(lines(outcome))
        self._stream.flush()


def open_report(path: Path) -> TextIO:
    """Open a report file for writing, readable only by its owner."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the caller


def render(outcomes: list[RowOutcome]) -> bytes:
    """The whole report as bytes (the web download)."""
    buffer = io.StringIO()
    writer = ReportWriter(buffer)
    for outcome in outcomes:
        writer.write(outcome)
    return buffer.getvalue().encode("utf-8")
