"""Photo review in a real Chromium: drawing a rectangle on the photo fills the box fields
(attachments.js), the outline appears, and the masked preview follows (no CSP violation)."""
from __future__ import annotations

import io

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Site, screenshot, sign_in
from tests.factories import record
from tests.media_files import jpeg
from vault import attachments, testimonies
from vault.archive import Archive
from vault.store import transaction


def _photo_attachment(site: Site) -> str:
    admin = site.account("admin")
    archive = Archive(site.root)
    with archive.open_vault(archive.unlock(admin.user, admin.passphrase)) as vault:
        with transaction(vault.conn):
            testimony_id = testimonies.add(vault.conn, record(), actor=vault.actor)
        return attachments.add(vault, testimony_id, "street.jpg", io.BytesIO(jpeg(640, 480))).id


def test_drawing_a_box_on_the_photo_fills_the_fields(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    """Drag on the photo -> x/y/w/h of the new row filled in photo pixels -> Update preview keeps it."""
    attachment_id = _photo_attachment(site)
    page: Page = new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    sign_in(page, site, site.account("archivist"))
    page.goto(f"{site.url}/archivist/attachment/{attachment_id}")
    expect(page.locator("#photo")).to_have_js_property("complete", True)
    page.wait_for_selector("#photo-frame[data-ready]")  # attachments.js listens (it may run after the load)
    box = page.locator("#photo").bounding_box()
    assert box is not None
    scale = 640 / box["width"]
    page.mouse.move(box["x"] + 50, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + 100, steps=5)
    page.mouse.up()
    values = [int(page.input_value(f'input[name="box_{k}_new"]')) for k in "xywh"]
    assert abs(values[0] - 50 * scale) <= 2 and abs(values[1] - 40 * scale) <= 2
    assert abs(values[2] - 70 * scale) <= 2 and abs(values[3] - 60 * scale) <= 2
    assert page.locator(".box-overlay.new").count() == 1
    assert "person" in page.inner_text("#person-notice")
    page.click("#update-preview")
    page.wait_for_selector("#box-0")
    assert [int(page.input_value(f'input[name="box_{k}_0"]')) for k in "xywh"] == values
    expect(page.locator("#masked-preview")).to_have_js_property("naturalWidth", 640)
    assert page.locator(".box-overlay").count() == 1
    screenshot(page, "archivist-photo-review")
    assert problems == []
