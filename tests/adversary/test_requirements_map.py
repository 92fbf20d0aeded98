"""Meta-test: docs/threat-model.md maps every requirement S01-S34 (and S01b) to tests that exist.

Parses the table under "Requirements and the tests that prove them": one row per
requirement, each naming tests as `tests/<path>.py::<test function>`. A named test must be
a function (or method) of that name in that file. Rows with no test must be marked
**open** and listed in OPEN with the reason, so a gap is a decision, not an accident.
"""
from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "threat-model.md"
SECTION = "## Requirements and the tests that prove them"
REQUIREMENTS = sorted([f"S{n:02d}" for n in range(1, 35)] + ["S01b"])
#: Requirements without a test yet, and why. Remove an entry when its test lands.
OPEN: dict[str, str] = {}
_ROW = re.compile(r"^\|\s*(S\d\d[a-z]?)\s*\|(.*)\|(.*)\|\s*$")
_REF = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def _rows() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    assert SECTION in text, f"{DOC} has no section {SECTION!r}"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        match = _ROW.match(line)
        if match:
            assert match.group(1) not in rows, f"{match.group(1)} appears twice"
            rows[match.group(1)] = match.group(3)
    return rows


@cache
def _functions(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return frozenset(n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))


def test_every_requirement_s01_to_s34_has_a_row() -> None:
    """The table has exactly one row for each of S01..S34 and S01b."""
    assert sorted(_rows()) == REQUIREMENTS


def test_every_named_test_exists() -> None:
    """Each `tests/...py::name` in the table is a test function defined in that file."""
    missing = []
    count = 0
    for req, cell in _rows().items():
        for file, name in _REF.findall(cell):
            count += 1
            path = ROOT / file
            if not name.startswith("test_") or not path.is_file() or name not in _functions(path):
                missing.append(f"{req}: {file}::{name}")
    assert missing == []
    assert count >= 2 * len(REQUIREMENTS)


def test_every_requirement_has_a_test_or_is_declared_open() -> None:
    """A row without tests is marked **open** and listed in OPEN; an OPEN row has no test yet."""
    rows = _rows()
    without = {req for req, cell in rows.items() if not _REF.search(cell)}
    assert without == set(OPEN), f"rows without tests: {sorted(without)}; declared open: {sorted(OPEN)}"
    for req in OPEN:
        assert "**open**" in rows[req]


def test_adversary_modules_exist_for_every_position() -> None:
    """One module per adversary position of the hardening issue."""
    names = {p.name for p in (ROOT / "tests" / "adversary").glob("test_*.py")}
    assert {"test_seized_archive.py", "test_stolen_researcher.py", "test_seized_field_kit.py",
            "test_lan_attacker.py", "test_malicious_submitter.py", "test_careless_operator.py"} <= names
