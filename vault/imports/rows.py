"""One row of a source file, and how it becomes a whole testimony record or a list of problems.

Readers (CSV, XLSX, Martus, Uwazi) turn each row into :class:`SourceRow`: cells that
each name their column and the target field they fill. :func:`assemble` turns a row
into an :class:`Assembled` record, or returns every problem it found: a row is
imported whole or not at all. Problems never quote the cell: they name the row, the
column and what is wrong, so a report can be kept without holding any testimony.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from vault import records
from vault.errors import InvalidInput
from vault.imports import dates, fields
from vault.records import TestimonyInput


@dataclass(frozen=True)
class Problem:
    """What is wrong with one row, in words; ``column`` is empty when it is the whole row."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class Cell:
    column: str
    target: str
    value: object


@dataclass
class SourceRow:
    """A row as read: numbered as a person sees it in the source (spreadsheet row, line, bulletin)."""

    number: int
    cells: list[Cell] = field(default_factory=list)
    record: TestimonyInput | None = None  # JSONL rows arrive as records
    notes: list[tuple[str, str]] = field(default_factory=list)
    attachment_names: list[tuple[str, str]] = field(default_factory=list)  # (column, file name)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Assembled:
    number: int
    record: TestimonyInput
    notes: tuple[tuple[str, str], ...]
    attachments: tuple[Path, ...]


@dataclass(frozen=True)
class Defaults:
    """Values for rows whose source has no column for them (from the mapping's [defaults])."""

    language: str | None = None
    consent: str | None = None


@dataclass(frozen=True)
class Context:
    defaults: Defaults
    violation_types: Mapping[str, str]  # normalised code or label (English, Korean) -> code
    attachments_dir: Path | None = None


def violation_lookup(rows: list[tuple[str, str, str]]) -> dict[str, str]:
    """Index ``(code, label_en, label_ko)`` rows by every name a spreadsheet may use."""
    index: dict[str, str] = {}
    for code, label_en, label_ko in rows:
        for name in (code, code.replace("_", " "), label_en, label_ko):
            index[fields.normalise_header(name)] = code
    return index


def assemble(row: SourceRow, context: Context) -> Assembled | list[Problem]:
    """Build the row's record; return its problems instead if anything is wrong."""
    problems = list(row.problems)
    if row.record is not None:
        return problems or Assembled(row.number, row.record, tuple(row.notes), ())
    builder = _Builder(row.number, context)
    for cell in row.cells:
        builder.add(cell)
    for column, name in row.attachment_names:
        builder.attachment(column, name)
    for label, value in row.notes:
        builder.notes.append((label, value))
    problems += builder.problems
    if problems:
        return problems
    doc, where = builder.document()
    problems += builder.problems
    if problems:
        return problems
    try:
        record = records.parse(doc)
    except InvalidInput as exc:
        column = _column_for(str(exc), where)
        return [Problem(row.number, column, _without_field(str(exc)) if column else str(exc))]
    return Assembled(row.number, record, tuple(builder.notes), tuple(builder.files))


class _Builder:
    def __init__(self, number: int, context: Context) -> None:
        self.number = number
        self.context = context
        self.problems: list[Problem] = []
        self.values: dict[str, object] = {}
        self.columns: dict[str, str] = {}
        self.texts: list[str] = []
        self.titles: list[str] = []
        self.terms: list[str] = []
        self.aliases: list[str] = []
        self.violations: list[str] = []
        self.notes: list[tuple[str, str]] = []
        self.files: list[Path] = []

    def fail(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.number, column, message))

    def add(self, cell: Cell) -> None:
        value = cell.value
        if isinstance(value, str):
            value = value.strip()
        target = cell.target
        self.columns.setdefault(target, cell.column)
        if value is None or value == "" or target == fields.IGNORE:
            return
        text = value if isinstance(value, str) else _plain(value)
        try:
            if target == "text":
                self.texts.append(text)
            elif target == "title":
                self.titles.append(text)
            elif target == "note":
                self.notes.append((cell.column, text))
            elif target == "sensitive_terms":
                self.terms += fields.split_list(text)
            elif target == "witness.aliases":
                self.aliases += fields.split_list(text)
            elif target == "attachments":
                for name in fields.split_list(text):
                    self.attachment(cell.column, name)
            elif target == "event.violation_type":
                for name in fields.split_list(text):
                    self.violations.append(self._violation(name))
            elif target == "language":
                self.values[target] = fields.language(text)
            elif target == "consent":
                self.values[target] = fields.consent(text)
            elif target == "witness.sex":
                self.values[target] = fields.sex(text)
            elif target in ("witness.birth_year", "witness.exit_year", "witness.arrival_year"):
                self.values[target] = dates.parse(value).year
            elif target == "interview_date":
                day = dates.parse(value)
                if day.day is None:
                    raise InvalidInput(f"gives only a {day.precision}: an interview date needs the day (YYYY-MM-DD)")
                self.values[target] = day.iso()
            elif target == "event.date":
                self.values[target] = dates.parse(value).iso()
            elif target in self.values:
                raise InvalidInput("fills a field that another column of this row already filled")
            else:
                self.values[target] = text
        except InvalidInput as exc:
            self.fail(cell.column, str(exc))

    def _violation(self, name: str) -> str:
        name = name.split("::")[-1]  # Uwazi writes thesaurus values as "Group::Value"
        code = self.context.violation_types.get(fields.normalise_header(name))
        if code is None:
            raise InvalidInput("is not one of the archive's violation types")
        return code

    def attachment(self, column: str, name: str) -> None:
        base = _base_name(name)
        folder = self.context.attachments_dir
        if not base:
            self.fail(column, "names an attachment without a file name")
            return
        if folder is None:  # an upload in the browser: the files it names did not come with it
            self.fail(column, "names an attachment file; files named in a sheet can be imported only from the "
                      "command line, lying next to the sheet")
            return
        path = folder / base
        if not path.is_file():
            self.fail(column, "names an attachment file that is not in the folder next to the source file")
            return
        self.files.append(path)

    def document(self) -> tuple[dict[str, object], dict[str, str]]:
        """The record as the JSON of ``testimony add``, and which column filled each field."""
        v, where = self.values, dict(self.columns)
        text = "\n\n".join(self.titles + self.texts)
        if not text:
            column = self.columns.get("text", "")
            self.fail(column, "the testimony text is empty" if column else "no column holds the testimony text")
        language = v.get("language") or self.context.defaults.language or fields.guess_language(text)
        consent = v.get("consent") or self.context.defaults.consent
        if consent is None:
            self.fail(self.columns.get("consent", ""), "gives no consent scope, and the mapping sets no default")
        witness = {k.split(".", 1)[1]: v[k] for k in v if k.startswith("witness.")}
        if self.aliases:
            witness["aliases"] = list(dict.fromkeys(self.aliases))
        event = {k.split(".", 1)[1]: v[k] for k in v if k.startswith("event.")}
        events: list[dict[str, object]] = []
        if self.violations:
            events = [{"violation_type": kind, **event} for kind in dict.fromkeys(self.violations)]
        elif event:
            self.fail(self.columns.get("event.violation_type", ""),
                      "describes an event (date, place, ...) but names no violation type")
        doc: dict[str, object] = {"language": language, "text": text, "consent": consent}
        if "interview_date" in v:
            doc["interview_date"] = v["interview_date"]
        if witness:
            doc["witness"] = witness
        if self.terms:
            doc["sensitive_terms"] = list(dict.fromkeys(self.terms))
        if events:
            doc["events"] = events
        return doc, where


def _plain(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _base_name(name: str) -> str:
    """The file name alone: Uwazi writes ``/files/NAME`` or a URL; never a path out of the folder."""
    name = name.strip().rsplit("/api/files/", 1)[-1]
    base = PurePosixPath(PureWindowsPath(name).name).name
    return "" if base in ("", ".", "..") else base


_FIELD = re.compile(r"^(events\[\d+\]\.\w+|witness\.\w+|[a-z_]+)\b")


def _field_of(message: str) -> tuple[str, int] | None:
    """The record field a parser message starts with, and where its name ends."""
    match = _FIELD.match(message)
    if not match:
        return None
    name = re.sub(r"^events\[\d+\]", "event", match.group(1))
    return (name, match.end()) if name in fields.BY_NAME else None


def _column_for(message: str, where: Mapping[str, str]) -> str:
    found = _field_of(message)
    return where.get(found[0], "") if found else ""


def _without_field(message: str) -> str:
    """The record parser's message without its leading field name (the column names it instead)."""
    found = _field_of(message)
    return message[found[1]:].strip() or message if found else message
