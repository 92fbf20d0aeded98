"""An archivist brings a spreadsheet in from the browser (issue 17).

Real Chromium against the real app on its own archive: upload a 4,000-row CSV with mixed
Korean and English headers, map the one column the archive does not recognise, start
(asked first), watch the progress bar, read the rows that were refused, download the
report (row numbers and problems, no testimony text), open an imported testimony.
"""
from __future__ import annotations

import csv
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import waitress  # type: ignore[import-untyped]

from tests.e2e.conftest import Site, screenshot, sign_in
from tests.factories import demo_archive
from tests.imports import sheets
from vault import testimonies
from vault.archive import Archive
from webui import WebConfig, create_app

ROWS = 4000


@pytest.fixture
def own_site(tmp_path: Path) -> Iterator[Site]:
    """A site over a fresh archive, so that thousands of imported rows stay out of the shared one."""
    root = tmp_path / "archive"
    made = demo_archive(root, 2, seed=17)
    app = create_app(WebConfig(archive=root, secret_key=secrets.token_bytes(32)))
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.effective_port}", root, {a.user: a for a in made.accounts})
    finally:
        server.close()
        thread.join(timeout=10)


def test_archivist_uploads_maps_watches_and_reads_the_report(own_site: Site, new_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = sheets.write_csv(tmp_path / "old-archive.csv", ROWS)
    page = new_page()
    sign_in(page, own_site, own_site.account("archivist"))
    page.click("#nav-import")
    page.set_input_files("#import-file", str(source))
    page.click("#import-upload-submit")

    page.wait_for_selector("#import-columns")
    assert page.input_value("#column-0") == "text"  # "증언 내용"
    assert page.input_value("#column-4") == "event.date"  # "Event date"
    assert page.input_value("#column-8") == "note"  # "비고"
    assert page.input_value("#column-9") == ""  # "Interviewer code": the archivist must choose
    assert "[SYNTHETIC TEST] 증언 0" in page.inner_text("#column-row-0")  # the first rows, to choose by
    screenshot(page, "archivist-import-mapping")
    page.check("#import-confirm")
    page.click("#import-start")
    assert "J (Interviewer code)" in page.inner_text("#import-error")
    page.select_option("#column-9", "ignore")
    page.click("#import-start")
    assert "I am sure" in page.inner_text("#import-error")  # asked first, again
    page.check("#import-confirm")
    page.click("#import-start")

    page.wait_for_selector("#import-running", state="attached")  # the progress bar, while it runs
    assert "rows a second" in page.inner_text("#import-counts")
    page.wait_for_selector("#import-summary", timeout=120_000)
    summary = page.inner_text("#import-summary")
    assert f"Imported {ROWS - ROWS // 100}" in summary and f"refused {ROWS // 100}" in summary
    problems = page.inner_text("#import-problems")
    assert "E (Event date)" in problems and "does not exist in the calendar" in problems
    assert page.locator("#import-problems tr.problem-row").count() == ROWS // 100
    assert page.locator("a.imported-id").count() == ROWS - ROWS // 100

    with page.expect_download() as download:
        page.click("#import-report")
    report = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(report.splitlines()))
    assert len(rows) == ROWS and {r["status"] for r in rows} == {"imported", "refused"}
    assert "SYNTHETIC" not in report and "Fictional Person" not in report  # no testimony text

    first = page.locator("a.imported-id").first
    testimony_id = first.inner_text()
    first.click()
    page.wait_for_url(f"**/archivist/testimony/{testimony_id}")
    archive = Archive(own_site.root)
    admin = next(a for a in own_site.accounts.values() if a.role == "admin")
    with archive.open_vault(archive.unlock(admin.user, admin.passphrase)) as vault:
        assert len(testimonies.list_all(vault.conn)) == 2 + ROWS - ROWS // 100


def test_korean_import_page_and_a_malformed_upload(own_site: Site, new_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """In Korean, the page explains itself; a file that is not a spreadsheet is refused in one line, nothing stored."""
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    page = new_page(locale="ko-KR")
    sign_in(page, own_site, own_site.account("archivist"))
    page.click("#nav-import")
    assert "기존 기록 가져오기" in page.inner_text("h1")
    page.set_input_files("#import-file", str(bad))
    page.click("#import-upload-submit")
    assert "broken.xlsx: 읽을 수 있는 XLSX 통합 문서가 아닙니다" in page.inner_text("#import-error")  # in Korean
