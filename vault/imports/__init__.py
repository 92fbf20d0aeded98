"""Bringing existing archives in: spreadsheets, Martus bulletins, Uwazi exports, JSON Lines.

::

    source      an input file (or uploaded bytes), the reader protocol
    formats     format detection, and the reader of each format
    csv_file    CSV (UTF-8 or CP949; comma, semicolon or tab)
    xlsx_file   XLSX through openpyxl, read-only (streams)
    jsonl_file  JSON Lines of ``testimony add`` records
    martus      Martus bulletin XML exports (public and private sections, attachments)
    uwazi       Uwazi CSV exports of entities
    fields      the fields a column can fill; English and Korean header names; values
    dates       dates as people type them (2009, 2009-03, 2009년 3월, March 2009, 03/2009)
    mapping     column -> field mappings, read from and saved to TOML
    rows        a row -> a whole record, or its problems in words
    ledger      keyed content hash of each row in the audit log: nothing imported twice
    notes       private notes (vault only), e.g. a Martus bulletin's private section
    runner      check, then store in batches; progress; dry runs
    report      the CSV report: rows, columns and problems, never content
"""
from __future__ import annotations

from vault.errors import InvalidInput
from vault.imports import fields, uwazi
from vault.imports.formats import detect, reader_for
from vault.imports.mapping import Mapping
from vault.imports.runner import Importer, Job, Progress, RowOutcome, Summary
from vault.imports.source import FORMATS, Input, Reader, SheetReader


def proposed_targets(reader: Reader) -> list[str | None]:
    """The field each column of a previewed sheet would fill (None: a person must choose)."""
    if isinstance(reader, uwazi.UwaziReader):
        try:
            return list(reader.resolve())
        except InvalidInput:
            pass
    rules: Mapping = getattr(reader, "mapping", Mapping())
    return [rules.target_for(h) if h.strip() else fields.IGNORE for h in reader.headers]


def job_for(source: Input, fmt: str, mapping: Mapping) -> Job:
    return Job(source.name, reader_for(source, fmt, mapping), mapping.defaults, source.folder)


__all__ = ["FORMATS", "Importer", "Input", "Job", "Mapping", "Progress", "Reader", "RowOutcome", "SheetReader", "Summary",
           "detect", "job_for", "proposed_targets", "reader_for"]
