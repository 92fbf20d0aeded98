"""Times are shown in the visitor's time zone and language (webui/static/localtime.js); the UTC
wording the server wrote stays in the title, and is what a browser without JavaScript shows."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser

from tests.e2e.conftest import Site, sign_in


@pytest.mark.parametrize("locale, lang, zone", [("en-GB", "en", "Asia/Seoul"), ("ko-KR", "ko", "America/New_York")])
def test_draft_times_are_local(site: Site, browser: Browser, locale: str, lang: str, zone: str) -> None:
    context = browser.new_context(locale=locale, timezone_id=zone, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        sign_in(page, site, site.account("interviewer"))
        if page.locator("html").get_attribute("lang") != lang:
            page.click(f"#lang-{lang}")
            page.wait_for_load_state()
        page.click("#nav-new")
        page.fill("#text", "[SYNTHETIC TEST] a draft to date")
        page.click("#save-draft")
        page.wait_for_selector("#draft_id[value]:not([value=''])", state="attached")
        page.click("#nav-drafts")
        shown = page.locator(".open-draft time").first
        stamp = shown.get_attribute("datetime")
        assert stamp is not None and stamp.endswith("Z")
        local = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
        text = shown.inner_text()
        assert f"{local:%H:%M}" in text, (text, stamp)
        assert "UTC" in (shown.get_attribute("title") or "") and "UTC" not in text
        if lang == "ko":
            assert f"{local.year}년 {local.month}월 {local.day}일" in text, text
        else:
            assert f"{local.day} {local:%b} {local.year}" in text, text
    finally:
        context.close()
