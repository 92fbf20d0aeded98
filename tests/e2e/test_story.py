"""The whole story in a real browser: intake, import, review, two-person release, reading room.

Also the Korean interface, and screenshots of each role's main page for docs/guide-*.md.
"""
from __future__ import annotations

import re

from playwright.sync_api import Page

from tests.e2e._release import (
    add_masked_photo,
    downloaded_export_holds_nothing_finer,
    publish_accepting_withheld,
    sees_the_masked_photo,
)
from tests.e2e.conftest import Site, screenshot, sign_in
from vault.archive import Archive
from vault.media.masks import Box

CANARY_EN = "Oswin Vantablack-Kestrelford"
CANARY_KO = "궉팔봉"
TEXT = (
    f"[합성 시험 자료] {CANARY_KO} 씨는 2009년 3월 양강도 혜산에서 보위부에 끌려갔다. "
    f"중개인 {CANARY_EN} 도 그 자리에 있었다. 두 해 뒤 {CANARY_KO} 씨는 장마당에서 다시 보였다. "
    "그녀는 구류장에서 매일 강제노동을 했다고 말했다. 파란 대문 집 이야기도 했다."
)
MANUAL = "파란 대문 집"
MASK = Box(40, 20, 100, 120)  # the part of the photo archivist 1 masks
#: what the released extract and the downloaded dataset must not state (coarser levels only)
FINER = (CANARY_KO, CANARY_EN, "Vantablack", "2009", "1979", "2011", "혜산")


def _no_canary(page: Page) -> None:
    html = page.content()
    assert CANARY_EN not in html and CANARY_KO not in html, page.url
    assert "Vantablack" not in html
    assert "2009년 3월" not in html and "혜산" not in html, page.url  # nothing finer than the released levels


def _select_text(page: Page, needle: str) -> None:
    """Select ``needle`` inside the original text with the mouse's equivalent: a DOM Range."""
    page.evaluate(
        """(needle) => {
            const doc = document.getElementById('original-text');
            const walker = document.createTreeWalker(doc, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                const at = node.textContent.indexOf(needle);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + needle.length);
                    const sel = window.getSelection();
                    sel.removeAllRanges();
                    sel.addRange(range);
                    return;
                }
            }
            throw new Error('text not found: ' + needle);
        }""",
        needle,
    )


def test_whole_story_in_the_browser(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    # the approver's account exists before the proposal (a later account cannot approve it)
    approver = site.account("archivist")
    # -- interviewer: records and submits (the vault stays locked) ---------------------
    page = new_page()
    sign_in(page, site, site.account("interviewer"))
    page.click("#nav-new")
    page.select_option("#language", "ko")
    page.fill("#interview_date", "2025-06-01")
    page.select_option("#consent", "research")
    page.fill("#witness_name", CANARY_KO)
    page.select_option("#witness_sex", "female")
    page.fill("#witness_birth_year", "1979")
    page.fill("#witness_origin", "혜산")
    page.fill("#witness_exit_year", "2011")
    page.fill("#sensitive_terms", f"{CANARY_KO}\n{CANARY_EN}")
    page.select_option("#event_0_violation_type", "arbitrary_detention")
    page.fill("#event_0_date", "2009-03")
    page.fill("#event_0_place", "혜산")
    page.fill("#text", TEXT)
    screenshot(page, "interviewer-form")
    page.check("#confirm-submit")
    page.click("#submit-testimony")
    page.wait_for_load_state()
    assert CANARY_KO not in page.content()  # submitted: no longer readable by the interviewer
    assert list((site.root / "inbox").glob("*.sealed"))

    # -- archivist 1: imports, reviews, adds a span by selecting text, proposes ---------
    page = new_page()
    proposer = site.account("archivist")
    sign_in(page, site, proposer)
    page.click("#nav-inbox")
    page.click("#import-all")
    page.wait_for_load_state()
    imported = list(dict.fromkeys(re.findall(r"T-[0-9a-f]{12}", page.inner_text("main"))))
    assert imported, page.inner_text("main")
    # other browser tests may have left bundles in the same inbox: take the one sealed above
    for testimony_id in imported:
        page.goto(f"{site.url}/archivist/testimony/{testimony_id}")
        if "장마당에서 다시 보였다" in page.inner_text("#original-text"):
            break
    else:
        raise AssertionError(f"the submitted testimony is not among {imported}")
    assert page.locator("#original-text mark.hl-PERSON").count() >= 2
    assert CANARY_KO not in page.inner_text("#rendered-extract")
    _select_text(page, MANUAL)
    page.wait_for_function("document.getElementById('manual_start').value !== ''")
    page.select_option("#manual_label", "LOCATION")
    page.select_option("#manual_action", "mask")
    screenshot(page, "archivist-workbench")
    page.click("#save-decisions")
    page.wait_for_load_state()
    assert MANUAL not in page.inner_text("#rendered-extract")
    page.click("#propose-release")
    page.wait_for_load_state()
    page.goto(f"{site.url}/archivist/releases")
    release = page.locator("[id^=release-R-]").filter(has_text=testimony_id).first
    release_id = (release.get_attribute("id") or "").removeprefix("release-")
    assert release_id.startswith("R-")
    screenshot(page, "archivist-releases")
    archive = Archive(site.root)  # a photo of the testimony, masked by archivist 1 (tests/attachments walks it)
    with archive.open_vault(archive.unlock(proposer.user, proposer.passphrase)) as vault:
        add_masked_photo(vault, testimony_id, release_id, MASK)

    # -- archivist 2: approves (the author cannot) and publishes -------------------------
    page = new_page()
    sign_in(page, site, approver)
    page.goto(f"{site.url}/archivist/releases")
    page.click(f"#open-{release_id}")  # the approval screen: the frozen proposal beside the original
    page.wait_for_load_state()
    page.click("#lang-ko")  # archivist 2 works in Korean
    page.wait_for_load_state()
    assert "게시될 내용" in page.inner_text("main")
    assert CANARY_KO not in page.inner_text("#frozen-extract") and CANARY_KO in page.inner_text("#original-text")
    assert page.locator("#frozen-extract mark.changed").count() >= 2
    sees_the_masked_photo(page, MASK)
    screenshot(page, "archivist-approval")
    page.click("#approve-release")
    page.wait_for_load_state()
    assert page.locator("#release-error").count() == 0, page.inner_text("main")
    # the gate refuses: the text says 2009년 3월 while the facts show a ten-year period
    page.click("#publish-release")
    page.wait_for_load_state()
    reasons = page.inner_text("#gate-reasons")
    assert "본문이 공개되는 정보보다" in reasons and "Passage" not in reasons
    assert page.locator(".goto-passage").count() >= 1 and page.locator("#finding-1").count() == 1
    assert "--" not in reasons and not re.search(r"S\d\d", reasons)
    screenshot(page, "archivist-gate-refusal")
    page.click("#apply-fix")  # the suggested generalisation, shown before publishing
    page.wait_for_load_state()
    assert "2009년 3월" not in page.inner_text("#frozen-extract")
    publish_accepting_withheld(page)
    assert page.locator("#release-error").count() == 0, page.inner_text("main")
    assert page.locator("#publish-release").count() == 0, page.inner_text("main")

    # -- researcher: finds the extract; no page shows a canary; charts ------------------
    page = new_page()
    sign_in(page, site, site.account("researcher"))
    screenshot(page, "researcher-search")
    page.fill("#q", "강제노동")
    page.click("#search-submit")
    page.wait_for_load_state()
    results = page.locator("#results a[href*='/research/extract/']")
    assert results.count() >= 1
    _no_canary(page)
    visited = set()
    for index in range(results.count()):
        visited.add(results.nth(index).get_attribute("href"))
    for href in sorted(h for h in visited if h):
        page.goto(site.url + href)
        _no_canary(page)
    page.goto(f"{site.url}/research/extract/" + sorted(visited)[0].rsplit("/", 1)[1])
    screenshot(page, "researcher-extract")
    page.click("#nav-charts")
    page.wait_for_load_state()
    assert page.locator("svg, .bar").count() > 0
    _no_canary(page)
    screenshot(page, "researcher-charts")
    page.click("#nav-export")
    page.wait_for_load_state()
    _no_canary(page)
    downloaded_export_holds_nothing_finer(page, site, "매일 강제노동을 했다고", FINER)


def test_korean_browser_gets_korean_pages(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(locale="ko-KR")
    page.goto(site.url + "/login")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("#lang-en").count() == 1


def test_korean_interface(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    page.goto(site.url + "/login")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("#lang-ko")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "로그인" in page.inner_text("body")
    sign_in(page, site, site.account("researcher"))
    assert "열람실" in page.inner_text("body")
    page.fill("#q", "혜산")
    page.click("#search-submit")
    page.wait_for_load_state()
    assert page.locator("#results, #no-results").count() == 1
    screenshot(page, "researcher-search-ko")
    page.click("#nav-charts")
    page.wait_for_load_state()
    screenshot(page, "researcher-charts-ko")


def test_admin_main_page(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    sign_in(page, site, site.account("admin"))
    assert page.locator("#nav-users").count() == 1
    screenshot(page, "admin-home")
    page.click("#nav-backups")
    page.wait_for_load_state()
    screenshot(page, "admin-backups")


def test_archivist_queue_page(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    sign_in(page, site, site.account("archivist"))
    assert page.locator("#queue, #queue-empty").count() == 1
    screenshot(page, "archivist-queue")


def test_interviewer_home(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    sign_in(page, site, site.account("interviewer"))
    screenshot(page, "interviewer-home")
    assert page.locator("#nav-new").count() == 1


def test_korean_charts_name_provinces_in_korean(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(locale="ko-KR")
    sign_in(page, site, site.account("researcher"))
    page.goto(site.url + "/research/charts")
    labels = page.locator("#chart-province .bar-label").evaluate_all("els => els.map(e => e.textContent)")
    assert labels and all(any("\uac00" <= ch <= "\ud7a3" for ch in label) for label in labels), labels
