"""The admin's tools in Chromium, at 1280 px and 390 px, in English and Korean: a suggested
passphrase shown once, a new second factor alone from the account's row (the passphrase
still works), the audit log filtered by person and action, intake.pub downloaded with its
fingerprint."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from cli import demo
from keys import totp
from keys.intake import IntakePublicKey
from tests.e2e.conftest import Site, screenshot, sign_in

SIZES = {"wide": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}


def _signed_in(browser: Browser, site: Site, size: str, lang: str) -> Page:
    page = browser.new_context(viewport=SIZES[size], locale="en-GB", accept_downloads=True).new_page()
    sign_in(page, site, site.account("admin"))
    if lang == "ko":
        page.click("#lang-ko")
        page.wait_for_selector("html[lang=ko]")
    return page


@pytest.mark.parametrize("size, lang", [("wide", "en"), ("phone", "ko"), ("phone", "en"), ("wide", "ko")])
def test_passphrase_second_factor_audit_and_intake_key(site: Site, browser: Browser, size: str, lang: str) -> None:
    owner = site.account("interviewer")
    page = _signed_in(browser, site, size, lang)
    try:
        row = page.locator("tr.user-row", has_text=owner.user)
        row.locator(".reset-from-row").click()
        page.wait_for_selector("#factor-form")
        assert page.locator("#factor-username").input_value() == owner.user
        assert page.locator("#reset-username").input_value() == owner.user

        page.click("#suggest-passphrase")
        page.wait_for_selector("#suggested-value")
        suggested = page.inner_text("#suggested-value")
        assert len(suggested) == 29 and page.locator("#new-passphrase").input_value() == suggested
        assert page.locator("#factor-username").input_value() == owner.user  # the chosen row is kept
        if size == "wide":
            screenshot(page, f"admin-suggested{'-ko' if lang == 'ko' else ''}")
        page.reload()
        assert page.locator("#suggested-value").count() == 0  # shown once

        page.fill("#factor-passphrase", owner.passphrase)  # typed by the phone's owner
        page.check("#confirm-factor")
        page.click("#reset-factor")
        page.wait_for_selector("#new-totp-secret")
        secret = page.inner_text("#new-totp-secret")
        assert secret != owner.totp_secret
        if (size, lang) == ("wide", "en"):
            screenshot(page, "admin-second-factor")

        fresh = page.context.browser.new_context(viewport=SIZES[size]).new_page()  # type: ignore[union-attr]
        try:
            sign_in(fresh, site, demo.DemoAccount(owner.role, owner.user, owner.passphrase, secret))
            assert fresh.locator("#nav-drafts").count() == 1  # same passphrase, new phone
        finally:
            fresh.context.close()

        page.click("#nav-audit")
        page.wait_for_selector("#audit")
        page.click("#check-chain")
        page.wait_for_selector("#chain-state.notice")
        page.select_option("#audit-what", "user.create")
        page.click("#audit-submit")
        page.wait_for_selector("#audit-showing")
        whats = set(page.locator("#audit .audit-what").all_inner_texts())
        assert whats == {"Account added" if lang == "en" else "계정 추가"}
        assert page.locator("#audit code", has_text=owner.user).count() >= 1
        if size == "wide":
            screenshot(page, f"admin-audit{'-ko' if lang == 'ko' else ''}")

        page.click("#nav-intake")
        fingerprint = page.inner_text("#intake-fingerprint")
        assert fingerprint in page.inner_text("#intake-download-hint")
        with page.expect_download() as caught:
            page.click("#download-intake-pub")
        assert caught.value.suggested_filename == "intake.pub"
        key = IntakePublicKey.from_text(Path(caught.value.path()).read_text("utf-8"))
        assert key.fingerprint == fingerprint
    finally:
        page.context.close()
    assert totp.from_base32(secret)


@pytest.mark.parametrize("size, lang", [("wide", "en"), ("phone", "ko"), ("phone", "en"), ("wide", "ko")])
def test_backup_size_and_restore_drill(site: Site, browser: Browser, size: str, lang: str) -> None:
    """The admin sees where a backup can go (the backup folder, and any mounted stick), the room
    there and the size a backup needs; makes one in the chosen place and verifies it there."""
    admin = site.account("admin")
    page = browser.new_context(viewport=SIZES[size], locale="en-GB").new_page()
    try:
        sign_in(page, site, admin)
        if lang == "ko":
            page.click("#lang-ko")
            page.wait_for_selector("html[lang=ko]")
        page.click("#nav-backups")
        need = page.inner_text("#backup-need")
        assert re.search(r"about [0-9.,]+ MB" if lang == "en" else r"약 [0-9.,]+메가바이트가 필요합니다", need), need
        default = page.locator(".place-row").first
        assert default.locator(".place-choice").is_checked()
        assert default.locator(".place-path").inner_text() == str(site.root.with_name(site.root.name + "-backups"))
        assert re.search(r"[0-9.,]+ ?(MB|메가바이트)", default.locator(".place-free").inner_text())
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
        if size == "wide":
            screenshot(page, f"admin-backup-places{'-ko' if lang == 'ko' else ''}")
        page.click("#make-backup")
        page.wait_for_selector(".backup-row")
        row = page.locator(".backup-row").first
        assert row.locator(".backup-size").inner_text().endswith("MB" if lang == "en" else "메가바이트")
        row.locator("input[type=password]").fill(admin.passphrase)
        assert row.locator(".drill-button").inner_text() == ("Verify this backup" if lang == "en" else "이 백업 검증하기")
        row.locator(".drill-button").click()
        page.wait_for_selector(".notice")
        notice = page.inner_text(".notice")
        assert ("passed" in notice) if lang == "en" else ("통과" in notice), notice
        if size == "wide":
            screenshot(page, "admin-restore-drill")
    finally:
        page.context.close()
