"""JSON Lines: one ``testimony add`` record per line, for scripted migrations.

A line that is not a valid record is reported (by its line number) and skipped; a
file that is not UTF-8 text, or whose first record is not a JSON object, is refused whole.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from vault import records
from vault.errors import InvalidInput
from vault.imports.rows import Problem, SourceRow
from vault.imports.source import Input


class JsonlReader:
    format = "jsonl"
    headers: list[str] = []

    def __init__(self, source: Input) -> None:
        self.source = source

    def check(self) -> int:
        count = 0
        first = True
        for number, line in self._lines():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                raise InvalidInput(f"{self.source.name}: line {number} is not UTF-8 text; "
                                   "is this really a JSON Lines file?") from None
            if first:
                first = False
                try:
                    doc = json.loads(line)
                except ValueError:
                    doc = None
                if not isinstance(doc, dict):
                    raise InvalidInput(f"{self.source.name}: is not JSON Lines (its first line is not a JSON "
                                       "object)")
            count += 1
        return count

    def rows(self) -> Iterator[SourceRow]:
        for number, line in self._lines():
            row = SourceRow(number)
            try:
                row.record = records.parse_json_bytes(line)
            except InvalidInput as exc:
                row.problems.append(Problem(number, "", str(exc)))
            yield row

    def _lines(self) -> Iterator[tuple[int, bytes]]:
        with self.source.open() as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield number, line.strip()
