"""Irreversible actions ask once and name what will be lost (issue: everyday use).

Real Chromium against the real app: deleting a draft goes through a confirmation page that
names the draft by its first words; Cancel keeps it, Confirm deletes it; sealing a testimony
needs a ticked confirmation, and the browser refuses to send the form without it.
"""
from __future__ import annotations

from tests.e2e.conftest import Site, screenshot, sign_in

FIRST_WORDS = "[SYNTHETIC TEST] Confirmation draft about a winter crossing"


def _save_draft(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.click("#nav-new")
    page.fill("#text", text)
    page.click("#save-draft")
    page.wait_for_selector("#draft_id[value]:not([value=''])", state="attached")


def test_deleting_a_draft_asks_first_and_names_it(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    for width in (1280, 390):
        page = new_page()
        page.set_viewport_size({"width": width, "height": 860})
        sign_in(page, site, site.account("interviewer"))
        _save_draft(page, FIRST_WORDS + " and the river")
        page.click("#nav-drafts")
        assert page.locator(".delete-draft").count() == 1
        page.click(".delete-draft")
        box = page.inner_text("#confirm-box")
        assert "winter crossing" in box and "restore it" in box
        if width == 390:
            screenshot(page, "interviewer-delete-confirm-phone")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.click("#confirm-cancel")  # Cancel keeps the draft
        page.wait_for_selector("#drafts")
        assert page.locator(".open-draft").count() == 1
        page.click(".delete-draft")
        page.click("#confirm-yes")
        page.wait_for_selector("#no-drafts")
        page.reload()  # a redirect after the POST: reloading sends nothing again
        assert page.locator("#no-drafts").count() == 1
        assert "winter crossing" in page.inner_text("#deleted-drafts")  # undo: restore it
        if width == 390:
            screenshot(page, "interviewer-recently-deleted-phone")
        page.click(".restore-draft")
        page.wait_for_selector("#drafts")
        assert page.locator("#deleted-drafts").count() == 0
        page.click(".open-draft")
        assert "winter crossing" in page.input_value("#text")


def test_korean_delete_confirmation(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(locale="ko-KR")
    sign_in(page, site, site.account("interviewer"))
    _save_draft(page, "[SYNTHETIC TEST] 두만강을 건넌 날의 기록")
    page.click("#nav-drafts")
    page.click(".delete-draft")
    box = page.inner_text("#confirm-box")
    assert "두만강을 건넌" in box and "되살릴 수 있으며" in box
    assert page.inner_text("#confirm-yes") == "초안 삭제"


def test_sealing_needs_the_confirmation_ticked(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    sign_in(page, site, site.account("interviewer"))
    page.click("#nav-new")
    page.fill("#text", "[SYNTHETIC TEST] sealed only after confirming")
    before = len(list((site.root / "inbox").glob("*.sealed")))
    page.click("#submit-testimony")  # not ticked: the browser keeps the form, nothing is sent
    assert page.evaluate("document.querySelector('#confirm-submit').validity.valueMissing")
    assert page.input_value("#text").endswith("after confirming")
    assert len(list((site.root / "inbox").glob("*.sealed"))) == before
    page.click("#save-draft")  # saving a draft needs no confirmation
    page.wait_for_selector("#draft_id[value]:not([value=''])", state="attached")
    page.check("#confirm-submit")
    page.click("#submit-testimony")
    page.wait_for_selector("#no-drafts")  # the draft goes with the submission
    assert len(list((site.root / "inbox").glob("*.sealed"))) == before + 1
