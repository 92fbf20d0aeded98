"""Release steps of the browser stories: publishing as an archivist does it (only buttons and a
checkbox), the masked photo the approver sees, and what the researcher's download holds."""
from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable

import numpy as np
from PIL import Image
from playwright.sync_api import Page

from tests.e2e.conftest import Site
from tests.media_files import jpeg
from vault import attachments
from vault.archive import OpenVault
from vault.attachments import review
from vault.media import FaceDetector
from vault.media.masks import Box


def standalone(value: str, text: str) -> bool:
    """``value`` appears in ``text`` on its own: not inside a range (2000-2019) nor inside a word or an
    identifier (the extract's random id, X-242f9eca34f05b72, holds "34" by chance)."""
    return re.search(rf"(?<![\dA-Za-z~-]){re.escape(value)}(?![\dA-Za-z~-])", text) is not None


def add_masked_photo(vault: OpenVault, testimony_id: str, release_id: str, mask: Box) -> None:
    """The proposer attaches a (synthetic) photo and confirms it into the proposal with ``mask`` drawn."""
    item = attachments.add(vault, testimony_id, "street.jpg", io.BytesIO(jpeg(320, 240)))
    review.confirm(vault, item.id, release_id, [mask], FaceDetector())


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


def sees_the_masked_photo(page: Page, mask: Box) -> None:
    """The approver sees the photo as it will be published: drawn, masked, without metadata."""
    image = page.locator("img.release-image")
    assert image.count() == 1
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert page.evaluate("img => img.naturalWidth", image.element_handle()) == 320  # drawn, not a broken image
    shown = page.request.get(_origin(page) + (image.get_attribute("src") or ""))
    assert shown.status == 200 and shown.headers["cache-control"] == "no-store"
    with Image.open(io.BytesIO(shown.body())) as picture:
        assert not {k for k in picture.info if k not in ("dpi", "jfif", "jfif_version", "jfif_unit",
                                                           "jfif_density", "progressive", "progression")}
        pixels = np.asarray(picture.convert("RGB")).astype(int)
    region = pixels[mask.y + 2:mask.y + mask.h - 2, mask.x + 2:mask.x + mask.w - 2]
    assert np.ptp(region, axis=(0, 1)).max() <= 8  # one solid fill (JPEG may blur its edge)
    assert np.ptp(pixels[150:230, 150:310], axis=(0, 1)).max() > 40  # the rest of the photo is still there


def _origin(page: Page) -> str:
    return re.match(r"https?://[^/]+", page.url).group(0)  # type: ignore[union-attr]


def downloaded_export_holds_nothing_finer(reader: Page, site: Site, marker: str, finer: Iterable[str]) -> None:
    """The dataset a researcher downloads states nothing finer than the released levels either."""
    reader.goto(f"{site.url}/research/")
    reader.click("#nav-export")
    with reader.expect_download() as download:
        reader.click("#export-bag")
    with zipfile.ZipFile(download.value.path()) as bag:
        names = bag.namelist()
        [jsonl] = [n for n in names if n.endswith("data/extracts.jsonl")]
        [csv_name] = [n for n in names if n.endswith("data/extracts.csv")]
        extracts = [json.loads(line) for line in bag.read(jsonl).decode().splitlines() if line]
        table = bag.read(csv_name).decode("utf-8-sig")
    ours = [e for e in extracts if marker in json.dumps(e, ensure_ascii=False)]
    assert len(ours) == 1, marker
    [row] = [line for line in table.splitlines() if marker in line]
    # The extract's random id, publication time and signature are the archive's, not the witness's:
    # "34" inside a hex signature or at 23:34 is no age.
    machine = {key: ours[0][key] for key in ("id", "published", "signature")}
    content = json.dumps({k: v for k, v in ours[0].items() if k not in machine}, ensure_ascii=False)
    for value in machine.values():
        row = row.replace(value, " ")
    for value in finer:
        assert not standalone(value, content), value
        assert not standalone(value, row), value
