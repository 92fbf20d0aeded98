"""Spreadsheet rows (CSV, XLSX, Uwazi) turned into :class:`SourceRow` through a column mapping."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from vault.imports import fields
from vault.imports.mapping import column_name
from vault.imports.rows import Cell, Problem, SourceRow


def is_blank(values: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def mapped_rows(headers: Sequence[str], targets: Sequence[str],
                body: Iterable[tuple[int, Sequence[Any]]]) -> Iterator[SourceRow]:
    """Yield one SourceRow per non-blank row; a row longer than the header is a problem, not a guess."""
    names = [column_name(i, h) for i, h in enumerate(headers)]
    width = len(headers)
    for number, values in body:
        if is_blank(values):
            continue
        row = SourceRow(number)
        extra = values[width:]
        if not is_blank(extra):
            row.problems.append(Problem(number, "", f"has {len(values)} cells where the header row has {width} "
                                        "(a stray separator or an unquoted comma?)"))
            yield row
            continue
        for index, value in enumerate(values[:width]):
            target = targets[index]
            if target == "attachments":
                text = "" if value is None else str(value)
                row.attachment_names += [(names[index], n) for n in fields.split_list(text)]
            elif target != fields.IGNORE:
                row.cells.append(Cell(names[index], target, value))
        yield row
