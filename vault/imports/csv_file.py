"""CSV files: UTF-8 (with or without a byte-order mark) or Korean Windows (CP949), comma,
semicolon or tab separated, the first row holding the column names.

Row numbers are those a spreadsheet shows: the header is row 1, the first testimony row 2.
"""
from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from typing import Any

from vault import records
from vault.errors import InvalidInput
from vault.imports import table
from vault.imports.mapping import Mapping
from vault.imports.rows import SourceRow
from vault.imports.source import Input

ENCODINGS = ("utf-8-sig", "cp949")
_DELIMITERS = (",", ";", "\t")
csv.field_size_limit(records.MAX_TEXT * 4)


class CsvReader:
    format = "csv"

    def __init__(self, source: Input, mapping: Mapping) -> None:
        self.source = source
        self.mapping = mapping
        self.encoding = ""
        self.delimiter = ","
        self.headers: list[str] = []
        self.targets: list[str] = []

    def check(self) -> int:
        """Read the whole file once: its encoding, its separator, its header; count its rows."""
        self.encoding = self._encoding()
        count = 0
        try:
            for number, values in self._records():
                if number == 1:
                    self.headers = [h.strip() for h in values]
                elif not table.is_blank(values):
                    count += 1
        except csv.Error as exc:
            raise InvalidInput(f"{self.source.name}: is not a well-formed CSV file ({exc})") from None
        if not self.headers or table.is_blank(self.headers):
            raise InvalidInput(f"{self.source.name}: has no header row naming its columns")
        self.targets = self.resolve()
        return count

    def resolve(self) -> list[str]:
        try:
            return self.mapping.resolve(self.headers)
        except InvalidInput as exc:
            raise InvalidInput(f"{self.source.name}: {exc}") from None

    def rows(self) -> Iterator[SourceRow]:
        body = ((n, v) for n, v in self._records() if n > 1)
        return table.mapped_rows(self.headers, self.targets, body)

    def preview(self, count: int = 3) -> list[list[Any]]:
        """Read the header and the first rows, for a person choosing the mapping (no mapping needed)."""
        self.encoding = self.encoding or self._encoding()
        out: list[list[Any]] = []
        try:
            for number, values in self._records():
                if number == 1:
                    self.headers = [h.strip() for h in values]
                elif not table.is_blank(values):
                    out.append(list(values))
                    if len(out) == count:
                        break
        except csv.Error as exc:
            raise InvalidInput(f"{self.source.name}: is not a well-formed CSV file ({exc})") from None
        if not self.headers or table.is_blank(self.headers):
            raise InvalidInput(f"{self.source.name}: has no header row naming its columns")
        return out

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        with self.source.open() as raw:
            text = io.TextIOWrapper(raw, encoding=self.encoding, newline="")
            first = text.readline()
            self.delimiter = _delimiter(first)
            lines = _chain(first, text)
            reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
            yield from enumerate(reader, start=1)

    def _encoding(self) -> str:
        """UTF-8 if the whole file decodes as UTF-8, else CP949 (what Korean Excel writes), else refuse."""
        for encoding in ENCODINGS:
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                with self.source.open() as raw:
                    while block := raw.read(1024 * 1024):
                        decoder.decode(block)
                    decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                continue
            return encoding
        raise InvalidInput(f"{self.source.name}: is not text in UTF-8 or Korean Windows encoding (CP949); "
                           "is it a spreadsheet saved in another format?")


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _chain(first: str, rest: io.TextIOWrapper) -> Iterator[str]:
    yield first
    yield from rest
