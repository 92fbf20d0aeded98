"""Which reader reads a file: its format guessed from the name and first bytes, or named."""
from __future__ import annotations

from vault.errors import InvalidInput
from vault.imports import csv_file, jsonl_file, martus, uwazi, xlsx_file
from vault.imports.mapping import Mapping
from vault.imports.source import FORMATS, Input, Reader


def detect(source: Input) -> str:
    """Guess a file's format from its name, then from its first bytes."""
    name = source.name.lower()
    head = source.head()
    if name.endswith(".xlsx") or head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if name.endswith(".xml") or stripped.startswith(b"<"):
        return "martus"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "uwazi" if uwazi.looks_like_uwazi(head) else "csv"


def reader_for(source: Input, fmt: str, mapping: Mapping) -> Reader:
    """The reader of ``fmt`` ("auto" detects it) for one input."""
    if fmt == "auto":
        fmt = detect(source)
    if fmt == "csv":
        return csv_file.CsvReader(source, mapping)
    if fmt == "xlsx":
        return xlsx_file.XlsxReader(source, mapping)
    if fmt == "jsonl":
        return jsonl_file.JsonlReader(source)
    if fmt == "martus":
        return martus.MartusReader(source)
    if fmt == "uwazi":
        return uwazi.UwaziReader(source, mapping)
    raise InvalidInput(f"unknown format {fmt!r}: use one of auto, {', '.join(FORMATS)}")
