"""Every page of every role in Korean: no untranslated English in the interface text.

Walks the same screens as the accessibility sweep (tests/e2e/test_accessibility.py) in Korean and
collects Latin words from the page's own text: testimony text (marked with its ``lang``), form
values, codes and identifiers are data, not interface, and are left out; a short allow-list holds
names and codes that stay Latin.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from tests.e2e.conftest import Site
from tests.e2e.test_accessibility import ROLES, SCREENS, _set_language, _sign_in, sweep_data  # noqa: F401

#: Words that stay Latin in Korean text: product and standard names, formats, units.
ALLOWED = {
    "TOTP", "QR", "URI", "otpauth", "BagIt", "CSV", "JSON", "JSONL", "zip", "SVG", "PNG", "JPEG", "PDF", "EXIF",
    "GPS", "ML", "KEM", "X25519", "YYYY", "MM", "DD", "SYNTHETIC", "TEST", "UTC", "AES", "GCM", "SHA", "HPKE",
    "YYYY-MM", "YYYY-MM-DD", "TIFF", "WebP", "image", "jpeg",  # formats and MIME types
    "Tab", "Shift", "Enter", "Esc", "PageDown", "PageUp", "Argon2id", "DPRK", "PRC", "OK", "ID",
    "XLSX", "XML", "Lines", "Martus", "Uwazi",  # the formats an archive is brought in from ("JSON Lines")
    "USB",  # "USB 메모리", as Korean writes it
}
#: Text that is data, not interface: the testimony and extracts (they carry their own lang),
#: identifiers, codes, file names, user names.
DATA = ("[lang]:not(html)", "code", "kbd", "samp", "textarea", "select", "option", ".doc", ".extract-text",
        "#who", "#extract-id", ".release-link", ".user-row td:first-child", "pre", "svg", ".file-name",
        "#drafts td:first-child", "#lang-en", "#import-columns th[scope=row]", ".sample",
        "[id^=group-text-]", "[id^=span-text-]", "#record-details dd", "#record-events td", "script", "style", "noscript")
TOKEN = re.compile(r"[\w'’.-]+")
WORD = re.compile(r"^[A-Za-z][A-Za-z'’-]{2,}$")


def _interface_text(page) -> str:  # type: ignore[no-untyped-def]
    return page.evaluate("""(data) => {
        const skip = data.join(',');
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement;
            if (!el || el.closest(skip) || el.closest('[hidden]')) continue;
            out.push(n.textContent);
        }
        for (const el of document.querySelectorAll('[placeholder],[aria-label],[title],[alt]')) {
            if (el.closest(skip)) continue;
            for (const a of ['aria-label', 'title', 'alt']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
        }
        return out.join('\\n');
    }""", list(DATA))


@pytest.mark.parametrize("role", ROLES)
def test_korean_pages_have_no_english(role: str, site: Site, browser: Browser,
                                      sweep_data: dict[str, str]) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    try:
        page = context.new_page()
        _sign_in(page, site, role)
        _set_language(page, site, "ko")
        found: list[str] = []
        for screen in SCREENS:
            if screen.role != role or screen.once:
                continue
            page.goto(site.url + screen.path.format(**sweep_data))
            if screen.then is not None:
                screen.then(page)
            tokens = (t.strip(".-'’") for t in TOKEN.findall(_interface_text(page)))
            words = {t for t in tokens if WORD.match(t) and t not in ALLOWED and t not in site.accounts}
            if words:
                found.append(f"{screen.name}: {sorted(words)[:25]}")
        assert not found, "English left in Korean pages:\n" + "\n".join(found)
    finally:
        context.close()
