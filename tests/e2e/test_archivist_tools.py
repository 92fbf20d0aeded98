"""The archivist's queue and workbench tools in Chromium, at 1280 px and 390 px, in English and
Korean: the queue sorts and filters; one action for every span of a kind; reset to proposed,
asked once and naming what is lost."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

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
def test_show_preview_follows_the_chosen_actions(site: Site, browser: Browser, size: str, lang: str) -> None:
    """After "Show preview" (an ordinary form post and its redirect) the extract follows the chosen
    actions (the server's renderer, the Korean particle chosen again for a pseudonym), every menu
    stays as chosen and the page says nothing is saved yet; leaving after changing an action makes the
    browser ask first; "Undo unsaved choices" asks, then brings
    back the saved page; "Save decisions" keeps what the preview showed. Nothing is sent in the
    background: only page loads and form posts, and same-origin static files."""
    account = site.account("archivist")
    archive = Archive(site.root)
    with archive.open_vault(archive.unlock(account.user, account.passphrase)) as vault:
        testimony_id = testimonies.add(vault.conn, record(text=KOREAN_TEXT, language="ko",
                                                          sensitive_terms=["김영희"]), actor=vault.actor)
    page = _signed_in(browser, site, size, lang)
    requests: list[tuple[str, str, str]] = []
    page.on("request", lambda r: requests.append((r.method, r.resource_type, r.url)))
    dialogs: list[str] = []
    answer = {"confirm": False}

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.type)
        if answer["confirm"]:
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", on_dialog)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    workbench_url = f"{site.url}/archivist/testimony/{testimony_id}"
    try:
        page.goto(workbench_url)
        page.wait_for_selector("#strings", timeout=60_000)
        preview = page.locator("#rendered-extract")
        status = page.locator("#preview-status")
        undo = page.locator("#undo-choices")
        saved = preview.inner_text()
        assert "김영희" not in saved
        expect(undo).to_be_hidden()
        menu = "#strings tr:has-text('김영희') select.group-action"
        saved_choice = page.locator(menu).input_value()
        page.select_option(menu, "keep")
        expect(status).to_contain_text("미리보기 표시" if lang == "ko" else "Show preview")  # not shown yet
        expect(undo).to_be_visible()
        assert preview.inner_text() == saved
        with page.expect_event("dialog"):  # leaving with a changed action: the browser asks; "stay"
            page.click("#nav-queue")
        assert dialogs == ["beforeunload"] and page.url == workbench_url
        assert page.locator(menu).input_value() == "keep"  # nothing lost
        page.click("#show-preview")
        page.wait_for_url(re.compile(r"kept=.*#preview-heading$"))
        expect(preview).to_contain_text("김영희는 2009년")
        expect(preview).to_contain_text("김영희를 다시")
        assert page.locator(menu).input_value() == "keep"
        expect(status).to_contain_text("저장되지 않았습니다" if lang == "ko" else "not saved yet")
        page.select_option(menu, "pseudonymise" if saved_choice != "pseudonymise" else "mask")
        page.click("#show-preview")
        page.wait_for_url(re.compile(r"kept=.*#preview-heading$"))
        page.select_option(menu, "pseudonymise")
        page.click("#show-preview")
        page.wait_for_url(re.compile(r"kept=.*#preview-heading$"))
        expect(preview).to_contain_text(re.compile(r"인물 \d+(은|는) 2009년"))
        number = re.search(r"인물 (\d+)(은|는) 2009년.*인물 \1(을|를) 다시", preview.inner_text())
        assert number is not None
        consonant = number.group(1)[-1] in "013678"  # the particle is chosen again for the pseudonym
        assert (number.group(2), number.group(3)) == (("은", "을") if consonant else ("는", "를"))
        assert page.locator(menu).input_value() == "pseudonymise"
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
        if size == "wide":
            screenshot(page, f"archivist-preview{'-ko' if lang == 'ko' else ''}")

        previewed = page.url
        page.click("#undo-choices")  # asks first; "cancel" stays
        assert dialogs == ["beforeunload", "confirm"] and page.url == previewed
        answer["confirm"] = True
        page.click("#undo-choices")
        page.wait_for_url(workbench_url)
        assert dialogs == ["beforeunload", "confirm", "confirm"]
        assert preview.inner_text() == saved and page.locator(menu).input_value() == saved_choice
        expect(undo).to_be_hidden()

        page.select_option(menu, "keep")
        page.click("#show-preview")
        page.wait_for_url(re.compile(r"kept="))
        page.click("#save-decisions")
        page.wait_for_selector(".notice")
        page.goto(workbench_url)
        expect(preview).to_contain_text("김영희는 2009년")  # saved as previewed
        assert page.locator(menu).input_value() == "keep"
        for method, kind, url in requests:
            assert kind == "document" or (method == "GET" and url.startswith(site.url + "/static/")), (
                method, kind, url)
        assert not errors, errors
    finally:
        page.context.close()
