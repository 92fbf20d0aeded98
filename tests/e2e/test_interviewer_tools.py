"""The interviewer's form in Chromium, at 1280 px and 390 px, in English and Korean: "Add event"
adds a row that saves like the others (a local script; the CSP is unchanged), and dates typed
as people write them are kept in the one format."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

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


@pytest.mark.parametrize("size, lang", [("wide", "en"), ("phone", "ko"), ("phone", "en"), ("wide", "ko")])
def test_the_draft_saves_itself_while_typing_and_on_leaving(site: Site, browser: Browser, size: str,
                                                            lang: str) -> None:
    """About 30 s after typing the draft is saved (encrypted, as "Save draft" does) and the page says
    when, in its language; a failed save says so plainly and the next one recovers; leaving the page
    saves what was typed since. The page's time is a fake clock moved by the test (no waiting)."""
    page = browser.new_context(viewport=SIZES[size], locale="en-GB").new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # a CSP refusal shows here
    status = page.locator("#autosave-status")
    try:
        sign_in(page, site, site.account("interviewer"))
        if lang == "ko":
            page.click("#lang-ko")
            page.wait_for_selector("html[lang=ko]")
        page.clock.install()
        page.click("#nav-new")
        expect(status).to_contain_text("30초마다" if lang == "ko" else "every 30 seconds")
        first = f"[SYNTHETIC TEST] autosave {size} {lang}: the first part of the story"
        page.fill("#text", first)
        with page.expect_response("**/interviewer/autosave") as answer:
            page.clock.run_for(31_000)
        assert answer.value.ok
        expect(status).to_have_text(re.compile(r"^\d\d:\d\d에 저장했습니다" if lang == "ko" else r"^Saved at \d\d:\d\d"))
        draft_id = page.locator("#draft_id").input_value()
        assert len(draft_id) == 32 and page.url.endswith(f"/interviewer/draft/{draft_id}")  # a reload opens it
        if size == "wide":
            screenshot(page, f"interviewer-autosave{'-ko' if lang == 'ko' else ''}")

        page.route("**/interviewer/autosave", lambda route: route.abort())  # the server cannot be reached
        page.fill("#text", first + ", then the network failed")
        page.clock.run_for(31_000)
        expect(status).to_have_class(re.compile("autosave-failed"))
        expect(status).to_contain_text("저장하지 못했습니다" if lang == "ko" else "Not saved")
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
        page.unroute("**/interviewer/autosave")
        page.fill("#text", first + ", and the second part")
        with page.expect_response("**/interviewer/autosave"):
            page.clock.run_for(31_000)
        expect(status).not_to_have_class(re.compile("autosave-failed"))

        last = first + ", and the end, typed just before leaving"
        page.fill("#text", last)
        # Leaving the page, well before the next 30 s. Chromium sends that save with keepalive while
        # the page unloads, which Playwright does not report; the event is the one it listens to.
        with page.expect_response("**/interviewer/autosave") as answer:
            page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: false}))")
        assert answer.value.ok
        page.goto(site.url + f"/interviewer/draft/{draft_id}")
        assert page.locator("#text").input_value() == last
        assert page.locator("#testimony-form").count() == 1
        page.goto(site.url + "/interviewer/")
        assert page.locator(f"a[href='/interviewer/draft/{draft_id}']").count() >= 1  # one draft, not one per save
        assert page.locator(".open-draft").count() == 1
        assert not [e for e in errors if "net::ERR_FAILED" not in e], errors  # only the failure the test made
    finally:
        page.context.close()
