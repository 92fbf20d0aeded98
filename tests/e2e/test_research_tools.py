"""The researcher's tools in Chromium, at 1280 px and 390 px, in English and Korean: hit counts
and marked matches, sorting, downloading the current results (a CSV Excel reads in Korean),
charts of the current results downloaded as SVG, and printing an extract."""
from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.conftest import Site, screenshot, sign_in

SIZES = {"wide": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}


def _signed_in(browser: Browser, site: Site, size: str, lang: str) -> Page:
    context = browser.new_context(viewport=SIZES[size], locale="en-GB", accept_downloads=True)
    page = context.new_page()
    sign_in(page, site, site.account("researcher"))
    if lang == "ko":
        page.click("#lang-ko")
        page.wait_for_selector("html[lang=ko]")
    return page


@pytest.mark.parametrize("size, lang", [("wide", "en"), ("phone", "ko"), ("phone", "en"), ("wide", "ko")])
def test_search_export_chart_and_print(site: Site, browser: Browser, size: str, lang: str) -> None:
    page = _signed_in(browser, site, size, lang)
    try:
        page.fill("#q", "synthetic")
        page.select_option("#sort", "oldest")
        page.click("#search-submit")
        page.wait_for_selector("#results")
        count = page.inner_text("#hit-count")
        shown = page.locator("#results li.result").count()
        assert (f"showing 1–{shown}" if lang == "en" else f"1–{shown}번째") in count, count
        marks = page.locator("#results mark.match")
        assert marks.count() >= shown and marks.first.inner_text().lower().startswith("synthetic")
        assert page.locator("#sort").input_value() == "oldest"
        if size == "wide":
            screenshot(page, f"researcher-matches{'-ko' if lang == 'ko' else ''}")

        with page.expect_download() as caught:
            page.click("#export-results")
        data = Path(caught.value.path()).read_bytes()
        assert caught.value.suggested_filename == "reading-room-results.csv"
        assert data.startswith(b"\xef\xbb\xbfid,") and b"*," not in data
        rows = data.decode("utf-8-sig").count("\nX-")
        assert rows >= shown

        page.click("#chart-results")
        page.wait_for_selector("#charts-to-results")
        assert page.locator("#q").input_value() == "synthetic"
        assert page.locator("svg.bars").count() >= 1
        if (size, lang) == ("wide", "en"):
            screenshot(page, "researcher-charts-filtered")
        link = page.locator(".chart-download").first
        with page.expect_download() as caught:
            link.click()
        svg = ElementTree.parse(caught.value.path()).getroot()
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
        title = svg.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text == page.locator("section.chart h2").first.inner_text()

        page.goto(site.url + "/research/?q=synthetic")
        page.locator("#results a.result-link").first.click()
        page.wait_for_selector("#extract-text")
        assert page.locator("#print-page").is_visible()  # print.js shows the button
        assert not page.locator("#print-note").is_visible()
        page.emulate_media(media="print")
        assert not page.locator("header.top").is_visible() and not page.locator("#print-page").is_visible()
        assert page.locator("#print-note").is_visible() and page.locator("#extract-text").is_visible()
        if (size, lang) == ("wide", "en"):
            screenshot(page, "researcher-extract-print")
        page.emulate_media(media="screen")
    finally:
        page.context.close()
