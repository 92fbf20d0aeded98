"""XLSX workbooks, read with openpyxl in read-only mode so that large sheets stream.

The first worksheet is read; its first row names the columns. Cells that hold real
dates arrive as dates, numbers as numbers (a year typed as 2009 stays 2009).
Workbooks are read from the file or from memory: nothing is unpacked to disk.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from vault.errors import InvalidInput
from vault.imports import table
from vault.imports.mapping import Mapping
from vault.imports.rows import SourceRow
from vault.imports.source import Input

_BROKEN = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, ParseError, EOFError)


class XlsxReader:
    format = "xlsx"

    def __init__(self, source: Input, mapping: Mapping) -> None:
        self.source = source
        self.mapping = mapping
        self.headers: list[str] = []
        self.targets: list[str] = []

    def check(self) -> int:
        count = 0
        try:
            for number, values in self._records():
                if number == 1:
                    self.headers = ["" if v is None else str(v).strip() for v in values]
                elif not table.is_blank(values):
                    count += 1
        except _BROKEN as exc:
            raise InvalidInput(f"{self.source.name}: is not an XLSX workbook this import can read "
                               f"({type(exc).__name__})") from None
        if not self.headers or table.is_blank(self.headers):
            raise InvalidInput(f"{self.source.name}: its first sheet has no header row naming its columns")
        try:
            self.targets = self.mapping.resolve(self.headers)
        except InvalidInput as exc:
            raise InvalidInput(f"{self.source.name}: {exc}") from None
        return count

    def rows(self) -> Iterator[SourceRow]:
        body = ((n, v) for n, v in self._records() if n > 1)
        return table.mapped_rows(self.headers, self.targets, body)

    def preview(self, count: int = 3) -> list[list[Any]]:
        """Read the header and the first rows, for a person choosing the mapping (no mapping needed)."""
        out: list[list[Any]] = []
        try:
            for number, values in self._records():
                if number == 1:
                    self.headers = ["" if v is None else str(v).strip() for v in values]
                elif not table.is_blank(values):
                    out.append(list(values))
                    if len(out) == count:
                        break
        except _BROKEN as exc:
            raise InvalidInput(f"{self.source.name}: is not an XLSX workbook this import can read "
                               f"({type(exc).__name__})") from None
        if not self.headers or table.is_blank(self.headers):
            raise InvalidInput(f"{self.source.name}: its first sheet has no header row naming its columns")
        return out

    def _records(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        with self.source.open() as handle:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            try:
                if not book.worksheets:
                    raise InvalidInput(f"{self.source.name}: the workbook has no worksheet")
                sheet = book.worksheets[0]
                yield from enumerate(sheet.iter_rows(values_only=True), start=1)
            finally:
                book.close()
