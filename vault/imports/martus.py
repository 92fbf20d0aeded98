"""Martus bulletin exports (XML, export format versions 1-3, as Martus 3-5 wrote them).

What this reader expects, from Martus's own exporter::

    <MartusBulletins>
      <MartusBulletinExportFormatVersion>3</MartusBulletinExportFormatVersion>
      <ExportMetaData><PublicAndPrivateData/></ExportMetaData>
      <MartusBulletin>
        <BulletinMetaData> BulletinLocalId, AuthorAccountId, BulletinVersion, AllPrivate? ...
        <MainFieldSpecs>    <Field type='STRING'><Tag>author</Tag><Label/></Field> ...
        <PrivateFieldSpecs> <Field type='MULTILINE'><Tag>privateinfo</Tag><Label/></Field> ...
        <FieldValues>
          <Field tag='title'><Value>...</Value></Field> ...        (public section)
          <TopAttachmentList><Attachment><Filename>a.jpg</Filename></Attachment></TopAttachmentList>
          <Field tag='privateinfo'><Value>...</Value></Field> ...  (private section)
          <BottomAttachmentList>...</BottomAttachmentList>
        </FieldValues>
      </MartusBulletin> ...

Attachment files lie next to the XML file. Dates are ``YYYY-MM-DD`` or ``YYYYMMDD``,
optionally ``Simple:``/``Range:``-prefixed (a range becomes its common month or year).

Mapping: the public section is testimony text (title, summary, details, public custom
fields as "label: value" lines) and event facts (event date, location, language, entry
date as interview date); a custom field whose label names a record field (e.g.
"Violation type", "성별") fills that field. The private section (private details and
private custom fields) and the author and organisation become private notes, kept in the
vault only. Nothing is released without the workbench and the release gate.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as parse_xml

from vault.errors import InvalidInput
from vault.imports import dates, fields
from vault.imports.rows import Cell, Problem, SourceRow
from vault.imports.source import Input

#: standard Martus tags -> target (public section)
_STANDARD = {
    "language": "language",
    "title": "title",
    "summary": "text",
    "publicinfo": "text",
    "location": "event.place",
    "eventdate": "event.date",
    "entrydate": "interview_date",
    "keywords": "note",
    "author": "note",
    "organization": "note",
}
_LABELS = {"author": "Author (Martus)", "organization": "Organisation (Martus)", "keywords": "Keywords (Martus)",
           "privateinfo": "Private details (Martus)"}
_NOT_DATA = {"MESSAGE", "SECTION"}


@dataclass(frozen=True)
class _Spec:
    tag: str
    kind: str
    label: str
    private: bool


class MartusReader:
    format = "martus"
    headers: list[str] = []

    def __init__(self, source: Input) -> None:
        self.source = source
        self._root: Element | None = None

    def check(self) -> int:
        root = self._parse()
        bulletins = root.findall("MartusBulletin")
        for position, bulletin in enumerate(bulletins, start=1):
            if bulletin.find("FieldValues") is None:
                raise InvalidInput(f"{self.source.name}: bulletin {position} has no FieldValues: "
                                   "is this a complete Martus export?")
        return len(bulletins)

    def rows(self) -> Iterator[SourceRow]:
        root = self._root if self._root is not None else self._parse()
        for position, bulletin in enumerate(root.findall("MartusBulletin"), start=1):
            yield _bulletin_row(position, bulletin)

    def _parse(self) -> Element:
        try:
            with self.source.open() as handle:
                root: Element = parse_xml(handle, forbid_dtd=True).getroot()
        except ParseError as exc:
            line = getattr(exc, "position", (None,))[0]
            raise InvalidInput(f"{self.source.name}: is not well-formed XML (error at line {line})") from None
        except DefusedXmlException:
            raise InvalidInput(f"{self.source.name}: refused: the XML declares entities or a DTD, "
                               "which Martus exports never do") from None
        if root.tag != "MartusBulletins":
            raise InvalidInput(f"{self.source.name}: is XML but not a Martus bulletin export "
                               "(its root element is not MartusBulletins)")
        version = (root.findtext("MartusBulletinExportFormatVersion") or "1").strip()
        if version not in ("1", "2", "3"):
            raise InvalidInput(f"{self.source.name}: Martus export format version {version[:10]!r} is not one "
                               "this import knows (1-3)")
        self._root = root
        return root


def _specs(bulletin: Element) -> dict[str, _Spec]:
    specs: dict[str, _Spec] = {}
    for section, private in (("MainFieldSpecs", False), ("PrivateFieldSpecs", True)):
        for item in bulletin.findall(f"{section}/Field"):
            tag = (item.findtext("Tag") or "").strip()
            if tag:
                specs[tag] = _Spec(tag, (item.get("type") or "STRING").upper(),
                                   (item.findtext("Label") or "").strip(), private)
    return specs


def _bulletin_row(position: int, bulletin: Element) -> SourceRow:
    row = SourceRow(position)
    specs = _specs(bulletin)
    values = bulletin.find("FieldValues")
    assert values is not None
    for item in values:
        if item.tag in ("TopAttachmentList", "BottomAttachmentList"):
            _attachments(row, item)
            continue
        if item.tag != "Field":
            continue
        tag = item.get("tag") or ""
        spec = specs.get(tag) or _Spec(tag, "STRING", "", tag == "privateinfo")
        if spec.kind in _NOT_DATA:
            continue
        value = _value(item.find("Value"), spec)
        if not value:
            continue
        column = f"{spec.label or tag} (Martus field '{tag}')"
        _place(row, spec, column, value)
    return row


def _place(row: SourceRow, spec: _Spec, column: str, value: str) -> None:
    label = spec.label or spec.tag
    if spec.private:
        row.notes.append((_LABELS.get(spec.tag, label), value))
        return
    target = _STANDARD.get(spec.tag) or fields.recognise(label)
    if target == "note":
        row.notes.append((_LABELS.get(spec.tag, label), value))
    elif target in ("event.date", "interview_date", "witness.birth_year", "witness.exit_year",
                    "witness.arrival_year") or spec.kind in ("DATE", "DATERANGE"):
        try:
            parsed = _martus_date(value)
        except InvalidInput as exc:
            row.problems.append(Problem(row.number, column, str(exc)))
            return
        if target is None or target in ("text", "title"):
            row.cells.append(Cell(column, "text", f"{label}: {parsed}"))
        else:
            row.cells.append(Cell(column, target, parsed))
    elif target is None or target in ("text",) or target == fields.IGNORE:
        row.cells.append(Cell(column, "text", value if spec.tag in _STANDARD else f"{label}: {value}"))
    elif target == "language" and value.strip() in ("?", ""):
        return  # Martus's "language not set"
    else:
        row.cells.append(Cell(column, target, value))


def _value(value: Element | None, spec: _Spec) -> str:
    if value is None:
        return ""
    grid = value.find("GridData")
    if grid is not None:  # a grid: one line per row, its cells joined by "; "
        lines = ["; ".join((c.text or "").strip() for c in r.findall("Column")) for r in grid.findall("Row")]
        return "\n".join(line for line in lines if line.strip(" ;"))
    text = (value.text or "").strip()
    if spec.kind == "BOOLEAN":
        return {"1": "yes", "0": "", "true": "yes", "false": ""}.get(text.lower(), text)
    return text


def _martus_date(value: str) -> str:
    text = value.strip()
    for prefix in ("Simple:", "Range:"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    if "," in text:  # a range: keep what both ends share
        start, end = (dates.parse(part) for part in text.split(",", 1))
        if (start.year, start.month) == (end.year, end.month) and start.month:
            return f"{start.year:04d}-{start.month:02d}" if start.day != end.day else start.iso()
        return f"{start.year:04d}" if start.year == end.year else start.iso()
    return dates.parse(text).iso()


def _attachments(row: SourceRow, listing: Element) -> None:
    for item in listing:
        if item.tag == "ErrorExportingAttachment":
            row.problems.append(Problem(row.number, "attachments", "Martus could not export one of this bulletin's "
                                        "attachments; export it again"))
        elif item.tag == "Attachment":
            name = (item.findtext("Filename") or "").strip()
            if name:
                row.attachment_names.append(("attachments", name))
