"""The importer's refusals reach the web import pages in the visitor's language (issue 17).

The refusals are taken from the real importer (readers, date parser, field checks, the record
parser), so a change of its wording that this page no longer knows fails here.
"""
from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, g

from tests.factories import ADMIN, ADMIN_PASSPHRASE, Created
from tests.imports import sheets
from tests.webui_site import Env, refused_page, sign_in
from vault import imports
from vault.errors import InvalidInput
from vault.imports import Importer, RowOutcome, mapping, source
from webui.import_words import file_problem, row_problem
from webui.sessions import Session

#: Latin words a Korean sentence may keep: formats, codes, product and file names.
ALLOWED = {"YYYY", "MM", "DD", "CSV", "UTF", "CP", "JSON", "Lines", "XLSX", "XML", "DTD", "Martus", "Uwazi",
           "Title", "archive_only", "research", "public", "female", "male", "other", "unknown", "en", "ko",
           "March", "csv", "xlsx", "jsonl", "xml", "bad", "bulletins", "nowhere", "Interviewer", "code"}
LATIN = re.compile(r"[A-Za-z_]+")


@pytest.fixture
def korean() -> Iterator[None]:
    with Flask(__name__).test_request_context():
        g.session = Session(id="x", csrf="x", created=0.0, last_seen=0.0, lang="ko")
        yield


def _english_left(text: str) -> list[str]:
    return [w for w in LATIN.findall(text) if w not in ALLOWED]


def _row_messages(created: Created, tmp_path: Path) -> set[str]:
    """Every row problem the importer gives for the test sheet's mistakes, plus duplicates."""
    path = sheets.write_csv(tmp_path / "sheet.csv", 300)
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(sheets.row(0))  # the same testimony twice in one file
        bad = sheets.row(1)
        bad[1] = "2009-13"  # a month that does not exist, in the witness's name column: still text
        bad[4] = "13/2009"
        writer.writerow(bad)
        bad = sheets.row(2)
        bad[4] = "03/04/2009"  # day and month either way round
        writer.writerow(bad)
        bad = sheets.row(3)
        bad[3] = "1850"
        writer.writerow(bad)
    rules = mapping.from_document(tomllib.loads(sheets.MAPPING))
    job = imports.job_for(source.Input.from_path(path), "csv", rules)
    outcomes: list[RowOutcome] = []
    with created.archive.open_vault(created.archive.unlock(ADMIN, ADMIN_PASSPHRASE)) as vault:
        importer = Importer(vault, dry_run=True, on_outcome=outcomes.append)
        importer.check([job])
        importer.run([job])
    return {p.message for o in outcomes for p in o.problems}


def test_every_row_problem_of_the_importer_reads_in_korean(korean: None, created: Created, tmp_path: Path) -> None:
    messages = _row_messages(created, tmp_path)
    assert len(messages) >= 7, messages  # the sheet's five kinds of mistakes and more
    for message in messages:
        shown = row_problem(message)
        assert re.search("[가-힣]", shown) and not _english_left(shown), (message, shown)


def _file_refusal(tmp_path: Path, name: str, content: bytes, fmt: str) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as caught:
        job = imports.job_for(source.Input.from_path(path), fmt, mapping.Mapping())
        job.reader.check()
    return str(caught.value)


MALFORMED = [
    ("bad.csv", "csv", b"\xff\xfe\x00\x00" * 40),
    ("bad.csv", "csv", b""),
    ("bad.jsonl", "jsonl", b"[1, 2]\n"),
    ("bad.jsonl", "jsonl", b'{"text": "x"}\n\xff\xfe\n'),
    ("bad.xlsx", "xlsx", b"not a workbook"),
    ("bad.xml", "martus", b"<MartusBulletins><unclosed></MartusBulletins>"),
    ("bad.xml", "martus", b'<!DOCTYPE x [<!ENTITY a "b">]><MartusBulletins/>'),
    ("bad.xml", "martus", b"<bulletins/>"),
    ("bad.csv", "uwazi", "이름,날짜\nx,2009\n".encode()),
]


@pytest.mark.parametrize(("name", "fmt", "content"), MALFORMED)
def test_every_file_refusal_of_the_importer_reads_in_korean(korean: None, tmp_path: Path, name: str, fmt: str,
                                                             content: bytes) -> None:
    message = _file_refusal(tmp_path, name, content, fmt)
    shown = file_problem(message)
    assert re.search("[가-힣]", shown) and not _english_left(shown), (message, shown)
    assert shown.startswith(f"{name}: "), shown  # the file is named as the archivist named it


def test_an_unknown_refusal_is_english_as_written_and_general_in_korean(korean: None) -> None:
    assert "가져올 수 없는" in row_problem("something nobody wrote yet")
    assert "가져올 수 없습니다" in file_problem("nowhere: something nobody wrote yet")
    with Flask(__name__).test_request_context():  # no session: English, the importer's own words
        assert row_problem("something nobody wrote yet") == "something nobody wrote yet"
        assert row_problem("is not a date") == "This is not a date."


def test_a_refused_upload_is_told_in_korean_on_the_page(app: Flask, env: Env) -> None:
    client = app.test_client()
    token = sign_in(client, env, "arch1")
    client.post("/language", data={"csrf_token": token, "lang": "ko"})
    response = client.post("/archivist/import", data={
        "csrf_token": token, "format": "jsonl", "file": (io.BytesIO(b"[1, 2]\n"), "old.jsonl")}, content_type="multipart/form-data")
    text_page = refused_page(client, response)
    shown = re.search(r'id="import-error"[^>]*>(.*?)</p>', text_page, re.S)
    assert shown is not None
    assert "old.jsonl: JSON Lines 파일이 아닙니다" in shown.group(1), shown.group(1)
