"""The archivist's queue and workbench tools in Chromium, at 1280 px and 390 px, in English and
Korean: the queue sorts and filters; one action for every span of a kind; reset to proposed,
asked once and naming what is lost."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Site, screenshot, sign_in
from tests.factories import record
from vault import testimonies
from vault.archive import Archive

SIZES = {"wide": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}
TEXT = ("[SYNTHETIC TEST] Test Person rang 010-2345-6789 from Hyesan, then 010-9876-5432 the next day; "
        "her brother kept the number 010-2345-6789 on paper.")


def _signed_in(browser: Browser, site: Site, size: str, lang: str) -> Page:
    page = browser.new_context(viewport=SIZES[size], locale="en-GB").new_page()
    sign_in(page, site, site.account("archivist"))
    if lang == "ko":
        page.click("#lang-ko")
        page.wait_for_selector("html[lang=ko]")
    return page


def _add(site: Site) -> str:
    account = site.account("archivist")
    archive = Archive(site.root)
    with archive.open_vault(archive.unlock(account.user, account.passphrase)) as vault:
        return testimonies.add(vault.conn, record(text=TEXT, interview_date="2025-12-01"), actor=vault.actor)


@pytest.mark.parametrize("size, lang", [("wide", "en"), ("phone", "ko"), ("phone", "en"), ("wide", "ko")])
def test_queue_order_bulk_action_and_reset(site: Site, browser: Browser, size: str, lang: str) -> None:
    testimony_id = _add(site)
    page = _signed_in(browser, site, size, lang)
    try:
        page.select_option("#queue-order", "interview_newest")
        page.select_option("#queue-language", "en")
        page.click("#queue-submit")
        page.wait_for_selector("#queue-showing")
        dates = [d for d in page.locator("#queue tbody tr td:nth-child(4)").all_inner_texts() if d.strip()]
        assert dates == sorted(dates, reverse=True) and len(dates) >= 2
        assert page.locator("#queue-order").input_value() == "interview_newest"
        if size == "wide":
            screenshot(page, f"archivist-queue-sorted{'-ko' if lang == 'ko' else ''}")

        page.goto(f"{site.url}/archivist/testimony/{testimony_id}")
        page.wait_for_selector("#bulk-box", timeout=60_000)
        assert page.locator("#reset-decisions").count() == 0
        page.select_option("#bulk_label", "CONTACT")
        page.select_option("#bulk_action", "keep")
        page.click("#bulk-apply")
        page.wait_for_selector(".notice")
        contacts = page.locator("#original-text mark.hl-CONTACT")
        assert contacts.count() >= 3
        assert all("act-keep" in (c or "") for c in [contacts.nth(i).get_attribute("class")
                                                      for i in range(contacts.count())])
        assert "010-9876-5432" in page.inner_text("#rendered-extract")
        if (size, lang) == ("wide", "en"):
            screenshot(page, "archivist-bulk-kind")

        page.click("#reset-decisions")
        page.wait_for_selector("#confirm-box")
        assert re.search(r"\d", page.inner_text("#confirm-box"))
        if (size, lang) == ("wide", "en"):
            screenshot(page, "archivist-reset-confirm")
        page.click("#confirm-yes")
        page.wait_for_selector("#bulk-box")
        assert "010-9876-5432" not in page.inner_text("#rendered-extract")
        assert page.locator("#original-text mark.hl-CONTACT.act-keep").count() == 0
        assert page.locator("#reset-decisions").count() == 0
    finally:
        page.context.close()


KOREAN_TEXT = "[가상 시험 자료] 김영희는 2009년 3월 혜산에서 떠났다. 김영희를 다시 본 사람은 없다."


@pytest.mark.parametrize("size, lang", [("wide", "en"), ("phone", "ko"), ("phone", "en"), ("wide", "ko")])
def test_live_preview_follows_each_action_without_a_reload(site: Site, browser: Browser, size: str,
                                                           lang: str) -> None:
    """Changing a string's action redraws the extract at once (the server's renderer, Korean
    particles included), says it is not saved, and "undo" brings back the saved preview; no page
    load happens and nothing is saved."""
    account = site.account("archivist")
    archive = Archive(site.root)
    with archive.open_vault(archive.unlock(account.user, account.passphrase)) as vault:
        testimony_id = testimonies.add(vault.conn, record(text=KOREAN_TEXT, language="ko",
                                                          sensitive_terms=["김영희"]), actor=vault.actor)
    page = _signed_in(browser, site, size, lang)
    documents: list[str] = []
    page.on("request", lambda r: documents.append(r.method) if r.resource_type == "document" else None)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(f"{site.url}/archivist/testimony/{testimony_id}")
        page.wait_for_selector("#strings", timeout=60_000)
        preview = page.locator("#rendered-extract")
        saved = preview.inner_text()
        assert "김영희" not in saved
        menu = page.locator("#strings tr", has_text="김영희").locator("select.group-action")
        loads = len(documents)
        menu.select_option("keep")
        expect(preview).to_contain_text("김영희는 2009년")
        expect(preview).to_contain_text("김영희를 다시")
        status = page.locator("#preview-status")
        expect(status).to_contain_text("저장되지 않았습니다" if lang == "ko" else "not saved yet")
        menu.select_option("pseudonymise")
        expect(preview).to_contain_text(re.compile(r"인물 \d+(은|는) 2009년"))
        number = re.search(r"인물 (\d+)(은|는) 2009년", preview.inner_text())
        assert number is not None
        assert number.group(2) == ("은" if number.group(1)[-1] in "013678" else "는")  # the particle follows
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
        if size == "wide":
            screenshot(page, f"archivist-live-preview{'-ko' if lang == 'ko' else ''}")
        asked: list[str] = []
        page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))  # "no": nothing changes
        page.click("#undo-choices")
        assert asked and asked[0].startswith("Undo every choice" if lang == "en" else "마지막으로 저장한 뒤")
        assert menu.input_value() == "pseudonymise" and page.locator("#undo-choices").is_visible()
        page.once("dialog", lambda d: d.accept())
        page.click("#undo-choices")
        expect(preview).to_have_text(saved)
        expect(page.locator("#undo-choices")).to_be_hidden()
        assert len(documents) == loads  # no page load, no form sent
        page.reload()
        assert page.locator("#rendered-extract").inner_text() == saved  # nothing was saved
        assert not errors, errors
    finally:
        page.context.close()
