"""Publishing on the approval screen as an archivist does it: only buttons and a checkbox."""
from __future__ import annotations

from playwright.sync_api import Page


def publish_accepting_withheld(page: Page) -> None:
    """Accept withheld facts and publish; while the gate offers its suggested generalisation, apply it
    (accepting withheld facts can ask for a coarser text, so it may be offered again)."""
    for _ in range(3):
        accept = page.locator("#accept-suppression")
        if accept.count():
            accept.check()
        page.click("#publish-release")
        page.wait_for_load_state()
        if page.locator("#publish-release").count() == 0:
            return
        assert page.locator("#apply-fix").count() == 1, page.inner_text("main")
        page.click("#apply-fix")
        page.wait_for_load_state()
    raise AssertionError(page.inner_text("main"))
