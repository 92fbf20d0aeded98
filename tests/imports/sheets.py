"""Synthetic spreadsheets for import tests and the import benchmark (all fictional).

Headers mix Korean and English; one column ("Interviewer code") is known to no
catalogue, so the import needs the mapping file; dates are typed the way people
type them; every hundredth row holds exactly one mistake.
"""
from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

HEADERS = ["증언 내용", "Witness name", "성별", "출생연도", "Event date", "침해 유형", "장소", "Consent", "비고",
           "Interviewer code"]
MAPPING = """\
[columns]
"Interviewer code" = "ignore"
"비고" = "note"

[defaults]
language = "ko"
"""
_DATES = ["2009", "2009-03", "2009년 3월", "March 2009", "03/2009", "2010년 11월 2일", "15 May 2011"]
_TYPES = ["강제송환", "Arbitrary detention", "torture", "forced_labour", "공개처형"]
_SEXES = ["여", "남성", "female", "M", ""]
#: one mistake per bad row: (column index, bad value, words the report must use)
MISTAKES = [
    (4, "2009-02-30", "does not exist"),
    (2, "maybe", "is not a sex"),
    (5, "jaywalking", "violation types"),
    (0, "", "text is empty"),
    (3, "eighteen", "is not a date"),
]


def row(index: int) -> list[str]:
    """Row ``index`` (0-based); rows with index % 100 == 99 carry one mistake."""
    values = [
        f"[SYNTHETIC TEST] 증언 {index}: fictional witness statement number {index}, 회령에서 2009년 구금.",
        f"Fictional Person {index}",
        _SEXES[index % len(_SEXES)],
        str(1950 + index % 50) + ("년" if index % 3 == 0 else ""),
        _DATES[index % len(_DATES)],
        _TYPES[index % len(_TYPES)],
        "Hoeryong" if index % 2 else "회령",
        "research" if index % 2 else "연구",
        f"[SYNTHETIC] private remark {index}" if index % 7 == 0 else "",
        f"INT-{index % 13}",
    ]
    if index % 100 == 99:
        column, bad, _words = MISTAKES[(index // 100) % len(MISTAKES)]
        values[column] = bad
    return values


def bad_rows(count: int) -> dict[int, str]:
    """Spreadsheet row number (header = 1) -> words the report must give for it."""
    return {i + 2: MISTAKES[(i // 100) % len(MISTAKES)][2] for i in range(count) if i % 100 == 99}


def write_csv(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for index in range(count):
            writer.writerow(row(index))
    return path


def write_xlsx(path: Path, count: int) -> Path:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("증언")
    sheet.append(HEADERS)
    for index in range(count):
        values: list[object] = list(row(index))
        if values[3].isdigit():  # a year typed into a spreadsheet is a number
            values[3] = int(values[3])
        sheet.append(values)
    book.save(path)
    return path


def write_mapping(path: Path) -> Path:
    path.write_text(MAPPING, encoding="utf-8")
    return path
