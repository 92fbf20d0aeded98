"""The interviewer's form in Chromium, at 1280 px and 390 px, in English and Korean: "Add event"
adds a row that saves like the others (a local script; the CSP is unchanged), and dates typed
as people write them are kept in the one format."""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.e2e.conftest import Site, screenshot, sign_in

SIZES = {"wide": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size, lang", [("wide", "en"), ("phone", "ko"), ("phone", "en"), ("wide", "ko")])
def test_add_event_and_one_date_format(site: Site, browser: Browser, size: str, lang: str) -> None:
    page = browser.new_context(viewport=SIZES[size], locale="en-GB").new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # a CSP refusal shows here
    try:
        sign_in(page, site, site.account("interviewer"))
        if lang == "ko":
            page.click("#lang-ko")
            page.wait_for_selector("html[lang=ko]")
        page.click("#nav-new")
        rows = page.locator("#events tbody tr")
        before = rows.count()
        page.click("#add-event")
        page.click("#add-event")
        assert rows.count() == before + 2
        new = before + 1  # the last row's index
        assert page.evaluate("document.activeElement.id") == f"event_{new}_violation_type"
        header = page.inner_text(f"#event-row-{new}")
        assert header == (f"Event {new + 1}" if lang == "en" else f"사건 {new + 1}")
        assert page.locator(f"#event_{new}_date").input_value() == ""
        page.select_option(f"#event_{new}_violation_type", "forced_labour")
        page.fill(f"#event_{new}_date", "2009년 3월")
        page.fill(f"#event_{new}_place", "[SYNTHETIC] a farm")
        page.fill("#interview_date", "2024.5.1")
        page.fill("#text", "[SYNTHETIC TEST] the form with an added event")
        if size == "wide":
            screenshot(page, f"interviewer-add-event{'-ko' if lang == 'ko' else ''}")
        page.click("#save-draft")
        page.wait_for_selector("#draft_id[value]:not([value=''])", state="attached")
        assert page.locator("#interview_date").input_value() == "2024-05-01"
        saved = [page.locator(f"#event_{i}_date").input_value() for i in range(page.locator("#events tbody tr").count())]
        assert "2009-03" in saved
        assert page.locator("#event_0_violation_type").input_value() == "forced_labour"  # empty rows left out
        assert not errors, errors
    finally:
        page.context.close()


@pytest.mark.parametrize("size, lang", [("wide", "en"), ("phone", "ko"), ("phone", "en"), ("wide", "ko")])
def test_a_refused_form_reloads_without_resending(site: Site, browser: Browser, size: str, lang: str) -> None:
    """Refused (a year that is not a year): the browser lands on the form by a GET with everything
    typed still there; a reload asks nothing, sends no form again, and keeps the text."""
    page = browser.new_context(viewport=SIZES[size], locale="en-GB").new_page()
    documents: list[tuple[str, str]] = []
    page.on("request", lambda r: documents.append((r.method, r.url)) if r.resource_type == "document" else None)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    narrative = "[SYNTHETIC TEST] 압록강을 건넌 밤 — the night we crossed the river, typed on a phone"
    try:
        sign_in(page, site, site.account("interviewer"))
        if lang == "ko":
            page.click("#lang-ko")
            page.wait_for_selector("html[lang=ko]")
        page.click("#nav-new")
        page.fill("#witness_birth_year", "nineteen-eighty")
        page.fill("#witness_origin", "[SYNTHETIC] a border county")
        page.fill("#text", narrative)
        page.check("#confirm-submit")
        page.click("#submit-testimony")
        page.wait_for_selector("#form-error")
        assert "kept=" in page.url
        assert documents[-2][0] == "POST" and documents[-1][0] == "GET"  # Post/Redirect/Get
        assert page.locator("#text").input_value() == narrative
        problem = page.inner_text("#error-witness_birth_year")
        assert problem.startswith("Year of birth:" if lang == "en" else "출생 연도:")
        assert not page.locator("#confirm-submit").is_checked()  # asked again
        if size == "wide":
            screenshot(page, f"interviewer-refused-kept{'-ko' if lang == 'ko' else ''}")
        sent = len(documents)
        page.reload()
        page.wait_for_selector("#form-error")
        assert [m for m, _ in documents[sent:]] == ["GET"]  # nothing resent
        assert not dialogs
        assert page.locator("#text").input_value() == narrative
        assert page.locator("#witness_birth_year").input_value() == "nineteen-eighty"
        assert page.locator("#witness_origin").input_value() == "[SYNTHETIC] a border county"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= SIZES[size]["width"], width
    finally:
        page.context.close()
