"""Column mappings: which column of a spreadsheet fills which record field.

A mapping file (TOML) names columns by their header and can give defaults for
fields no column holds::

    # testimony import mapping
    [columns]
    "증언 내용" = "text"
    "Name" = "witness.name"
    "Remarks" = "ignore"

    [defaults]
    consent = "research"
    language = "ko"

It holds header names only, never a cell, so it can be kept and reused. Columns the
mapping does not name are recognised by their header (English or Korean); a column
that is neither mapped nor recognised stops the import before anything is stored:
nothing is dropped silently.
"""
from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from keys.atomic import write_atomic
from vault.errors import InvalidInput
from vault.imports import fields
from vault.imports.rows import Defaults


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # header -> target
    defaults: Defaults = Defaults()

    def target_for(self, header: str) -> str | None:
        """The target the mapping gives a header, else the one its name is recognised as."""
        wanted = fields.normalise_header(header)
        for name, target in self.columns.items():
            if fields.normalise_header(name) == wanted:
                return target
        return fields.recognise(header)

    def resolve(self, headers: Sequence[str]) -> list[str]:
        """One target per column; raise InvalidInput naming every column that has none."""
        targets = []
        unknown = []
        for index, header in enumerate(headers):
            target = self.target_for(header) if header.strip() else fields.IGNORE if _blank_ok(header) else None
            if target is None:
                unknown.append(column_name(index, header))
            targets.append(target or fields.IGNORE)
        if unknown:
            raise InvalidInput(
                "these columns are not assigned to any field: " + ", ".join(unknown)
                + "; name each in a mapping file (or mark it ignore) and run again"
            )
        ensure_single(headers, targets)
        return targets


def _blank_ok(header: str) -> bool:
    return not header.strip()


def ensure_single(headers: Sequence[str], targets: Sequence[str]) -> None:
    """Refuse two columns filling a field that holds one value."""
    seen: dict[str, int] = {}
    for index, target in enumerate(targets):
        if target in fields.SINGLE:
            if target in seen:
                first = seen[target]
                raise InvalidInput(
                    f"columns {column_name(first, headers[first])} and {column_name(index, headers[index])} "
                    f"both fill '{fields.BY_NAME[target].label_en}': map one of them to something else or ignore"
                )
            seen[target] = index


def column_name(index: int, header: str) -> str:
    """How a report names a column: its spreadsheet letter and its header."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    shown = header.strip()
    if not shown.isprintable() or len(shown) > 60:
        shown = ascii(shown[:60])
    return f"{letters} ({shown})" if shown else letters


def load(path: Path) -> Mapping:
    """Read and check a mapping file."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read the mapping file {path.name}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"the mapping file {path.name} is not valid TOML: {exc}") from None
    return from_document(doc, source=path.name)


def from_document(doc: dict[str, object], *, source: str = "the mapping") -> Mapping:
    unknown = sorted(set(doc) - {"columns", "defaults"})
    if unknown:
        raise InvalidInput(f"{source}: unknown section(s): {', '.join(unknown)} (use [columns] and [defaults])")
    columns = doc.get("columns", {})
    defaults = doc.get("defaults", {})
    if not isinstance(columns, dict) or not isinstance(defaults, dict):
        raise InvalidInput(f"{source}: [columns] and [defaults] must be tables")
    checked: dict[str, str] = {}
    for header, target in columns.items():
        if not isinstance(target, str) or target not in fields.BY_NAME:
            raise InvalidInput(f"{source}: column {header!r} is assigned to an unknown field; use one of: "
                               + ", ".join(t.name for t in fields.TARGETS))
        checked[str(header)] = target
    bad = sorted(set(defaults) - {"language", "consent"})
    if bad:
        raise InvalidInput(f"{source}: [defaults] may set language and consent only, not {', '.join(bad)}")
    try:
        language = fields.language(str(defaults["language"])) if "language" in defaults else None
        consent = fields.consent(str(defaults["consent"])) if "consent" in defaults else None
    except InvalidInput as exc:
        raise InvalidInput(f"{source}: a default {exc}") from None
    return Mapping(checked, Defaults(language=language, consent=consent))


def to_toml(mapping: Mapping) -> str:
    lines = ["# testimony import mapping: column header = field (or \"ignore\")", "[columns]"]
    # JSON string escapes are valid TOML basic-string escapes.
    lines += [f"{json.dumps(h, ensure_ascii=False)} = {json.dumps(t)}" for h, t in mapping.columns.items()]
    lines += ["", "[defaults]"]
    if mapping.defaults.language:
        lines.append(f"language = {json.dumps(mapping.defaults.language)}")
    if mapping.defaults.consent:
        lines.append(f"consent = {json.dumps(mapping.defaults.consent)}")
    return "\n".join(lines) + "\n"


def save(mapping: Mapping, path: Path) -> None:
    write_atomic(path, to_toml(mapping).encode("utf-8"), mode=0o600)
