"""Uwazi (HURIDOCS) CSV exports of entities.

Uwazi's exporter writes ``Title, Date added, Template``, then one column per template
property (by its label), then ``Geolocation, Documents, Attachments, Published``.
Several values in one cell are separated by ``|``; thesaurus values may be written
``Group::Value``; a date range ``2009-03-01~2009-03-31``; files ``/files/NAME`` or
a link ending in ``/api/files/NAME`` (found by name next to the CSV).

Title goes above the text; properties are recognised by their label like any
spreadsheet column; Uwazi's own bookkeeping (Date added, Template, Published) is
ignored; Geolocation and properties this archive has no field for are kept as private
notes in the vault, so nothing is dropped. A mapping file overrides any of this.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from vault.errors import InvalidInput
from vault.imports import fields
from vault.imports.csv_file import CsvReader
from vault.imports.mapping import Mapping, ensure_single
from vault.imports.rows import Cell, SourceRow
from vault.imports.source import Input

_BOOKKEEPING = {"date added": fields.IGNORE, "template": fields.IGNORE, "published": fields.IGNORE,
                "geolocation": "note", "documents": "attachments", "attachments": "attachments",
                "title": "title"}


def looks_like_uwazi(head: bytes) -> bool:
    """A CSV whose header holds Uwazi's Title and Template columns."""
    first = head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()[:1]
    if not first:
        return False
    names = {fields.normalise_header(h) for h in next(csv.reader(io.StringIO(first[0])))}
    return {"title", "template"} <= names


class UwaziReader(CsvReader):
    format = "uwazi"

    def __init__(self, source: Input, mapping: Mapping) -> None:
        super().__init__(source, mapping)

    def resolve(self) -> list[str]:
        names = {fields.normalise_header(h) for h in self.headers}
        if "title" not in names:
            raise InvalidInput(f"{self.source.name}: is not an Uwazi export: it has no Title column")
        targets = []
        for header in self.headers:
            mapped = self._mapped(header)
            key = fields.normalise_header(header).removesuffix(" en").removesuffix(" ko")
            target = mapped or _BOOKKEEPING.get(key) or fields.recognise(header) or "note"
            if target == "title" and "text" not in (self._mapped(h) or fields.recognise(h) for h in self.headers):
                target = "text"  # an entity with only a title: the title is the text
            targets.append(target)
        ensure_single(self.headers, targets)
        return targets

    def _mapped(self, header: str) -> str | None:
        wanted = fields.normalise_header(header)
        for name, target in self.mapping.columns.items():
            if fields.normalise_header(name) == wanted:
                return target
        return None

    def rows(self) -> Iterator[SourceRow]:
        for row in super().rows():
            row.cells = [_uwazi_cell(c) for c in row.cells]
            yield row


def _uwazi_cell(cell: Cell) -> Cell:
    """Uwazi's date ranges ``A~B`` become their start's common part; other cells pass through."""
    if cell.target == "event.date" and isinstance(cell.value, str) and "~" in cell.value:
        start, _, end = cell.value.partition("~")
        start, end = start.strip(), end.strip()
        if start[:7] == end[:7]:
            return Cell(cell.column, cell.target, start[:7] if start != end else start)
        return Cell(cell.column, cell.target, start[:4] if start[:4] == end[:4] else start)
    if cell.target == "event.date" and isinstance(cell.value, str) and "|" in cell.value:
        return Cell(cell.column, cell.target, cell.value.split("|", 1)[0])  # a multi-date: its first date
    return cell
