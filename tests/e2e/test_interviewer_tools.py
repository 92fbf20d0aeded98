"""The interviewer's form in Chromium, at 1280 px and 390 px, in English and Korean: "Add event"
adds a row that saves like the others (a local script; the CSP is unchanged), and dates typed
as people write them are kept in the one format."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

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


#: The device's time zone in each story: the saved time must be shown in it, not in UTC.
ZONES = {"en": "America/Halifax", "ko": "Asia/Seoul"}


@pytest.mark.parametrize("size, lang", [("wide", "en"), ("phone", "ko"), ("phone", "en"), ("wide", "ko")])
def test_unsaved_changes_are_named_and_leaving_asks_first(site: Site, browser: Browser, size: str,
                                                           lang: str) -> None:
    """Typing marks the form "not saved yet"; leaving the page then makes the browser ask first (and
    staying keeps every word); "Save draft" (a form post, 303, a GET) clears it and the line says the
    time of the save in the device's time zone. No request is ever sent in the background: only page
    loads and form posts, and same-origin static files."""
    context = browser.new_context(viewport=SIZES[size], locale="en-GB", timezone_id=ZONES[lang])
    page = context.new_page()
    requests: list[tuple[str, str, str]] = []
    page.on("request", lambda r: requests.append((r.method, r.resource_type, r.url)))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # a CSP refusal shows here
    status = page.locator("#draft-status")
    narrative = f"[SYNTHETIC TEST] unsaved {size} {lang}: 두만강을 건넌 밤, typed and not yet saved"
    try:
        sign_in(page, site, site.account("interviewer"))
        if lang == "ko":
            page.click("#lang-ko")
            page.wait_for_selector("html[lang=ko]")
        page.click("#nav-new")
        page.wait_for_selector("#testimony-form")
        opened = len(requests)
        expect(status).to_have_text("")
        page.click("#text")
        page.keyboard.type(narrative[:40])
        page.keyboard.insert_text(narrative[40:])
        expect(status).to_have_text("아직 저장하지 않았습니다. “초안 저장”을 누르십시오." if lang == "ko"
                                    else "Not saved yet: press “Save draft”.")
        expect(status).to_have_class(re.compile("draft-unsaved"))
        if size == "wide":
            screenshot(page, f"interviewer-unsaved{'-ko' if lang == 'ko' else ''}")

        form_url = page.url
        with page.expect_event("dialog"):  # leaving: the browser asks, and the test answers "stay"
            page.click("#nav-drafts")
        assert dialogs == ["beforeunload"], dialogs
        assert page.url == form_url and page.locator("#text").input_value() == narrative  # nothing lost

        page.click("#save-draft")
        page.wait_for_url(re.compile(r"/interviewer/draft/[0-9a-f]{32}$"))
        saved_at = page.locator("#draft-status").get_attribute("data-saved-at")
        assert saved_at
        local = datetime.strptime(saved_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).astimezone(
            ZoneInfo(ZONES[lang]))
        clock = local.strftime("%H:%M")
        expect(status).to_have_text(f"{clock}에 저장했습니다(암호화됨)." if lang == "ko"
                                    else f"Saved at {clock} (encrypted).")
        assert clock != saved_at[11:16]  # the device's time, not UTC
        expect(status).not_to_have_class(re.compile("draft-unsaved"))
        assert page.locator("#text").input_value() == narrative
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
        if size == "wide":
            screenshot(page, f"interviewer-saved{'-ko' if lang == 'ko' else ''}")

        page.click("#nav-drafts")  # saved: leaving asks nothing
        page.wait_for_url(re.compile(r"/interviewer/$"))
        assert dialogs == ["beforeunload"], dialogs
        posts = [(t, u) for m, t, u in requests[opened:] if m == "POST"]
        assert posts == [("document", site.url + "/interviewer/save")], posts  # the one save, by the form
        for method, kind, url in requests:
            assert kind == "document" or (method == "GET" and url.startswith(site.url + "/static/")), (
                method, kind, url)
        assert not errors, errors
    finally:
        context.close()
