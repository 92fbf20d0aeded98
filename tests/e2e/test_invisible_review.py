"""Found while attacking: bidi and invisible characters in the workbench, in a real Chromium.

A right-to-left override shown as it is turns the review text around. The workbench shows
each such character as a red marker and warns; selecting text after the markers still
fills the testimony's own offsets (workbench.js counts a marker as one character).
"""
from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Site, sign_in
from tests.e2e.test_story import _select_text
from tests.factories import record
from vault import testimonies
from vault.archive import Archive
from vault.store import transaction

TEXT = ("[SYNTHETIC TEST] The broker was paid \u202e0005 NAUY\u202c near \u2066Hyesan\u2069 at\u2062 dawn;"
        " the river\u034f\ufe0f\U000e0041 was low.\u2028Then the border.")


def test_workbench_shows_markers_and_keeps_offsets(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    admin = site.account("admin")
    archive = Archive(site.root)
    with archive.open_vault(archive.unlock(admin.user, admin.passphrase)) as vault:
        with transaction(vault.conn):
            testimony_id = testimonies.add(vault.conn, record(text=TEXT), actor=vault.actor)
    page: Page = new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    sign_in(page, site, site.account("archivist"))
    page.goto(f"{site.url}/archivist/testimony/{testimony_id}")
    expect(page.locator("#invisible-warning")).to_be_visible()
    shown = page.inner_text("#original-text")
    assert "\u202e" not in shown and "[U+202E]" in shown and "[U+2062]" in shown
    assert page.locator("#original-text .ctl").count() == 9
    for needle in ("Hyesan", "dawn", "the border"):
        _select_text(page, needle)
        start = TEXT.index(needle)
        expect(page.locator("#manual_start")).to_have_value(str(start))
        expect(page.locator("#manual_end")).to_have_value(str(start + len(needle)))
    # a selection that starts inside a marker counts the marker as the one character it stands for
    page.evaluate(
        """() => {
            const marker = [...document.querySelectorAll('#original-text .ctl')]
                .find((m) => m.textContent === '[U+2062]');
            const after = marker.nextElementSibling.firstChild;  // the text " dawn; the river" follows
            const range = document.createRange();
            range.setStart(marker.firstChild, 3);
            range.setEnd(after, 5);
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
        }""")
    after_marker = TEXT.index("\u2062") + 1
    expect(page.locator("#manual_start")).to_have_value(str(after_marker))
    expect(page.locator("#manual_end")).to_have_value(str(after_marker + 5))
    assert problems == []
