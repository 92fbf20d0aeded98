"""The approval screen in a real browser, in English: approve what is shown, fix what the gate finds,
publish; and a proposal changed after the approver opened it is refused with the reason."""
from __future__ import annotations

import re

from cli.demo import DemoAccount
from tests.e2e._release import (
    add_masked_photo,
    downloaded_export_holds_nothing_finer,
    publish_accepting_withheld,
    sees_the_masked_photo,
    standalone,
)
from tests.e2e.conftest import Site, screenshot, sign_in
from vault import records, releases, testimonies
from vault.anonymity import Levels
from vault.archive import Archive
from vault.media.masks import Box
from vault.releases import decisions

TEXT = ("[SYNTHETIC TEST] I was born on 1975 in North Hamgyong, in Hoeryong. I left in winter 2009 with my "
        "aunt, when I was 34. I reached South Korea in 2011. The guards at the border post beat my aunt.")
FINER = ("1975", "2009", "2011", "Hoeryong", "winter", "34")
MASK = Box(20, 30, 120, 90)  # the proposer masked this part of the photo


def _propose(site: Site, proposer: DemoAccount, *, photo: bool = False) -> str:
    archive = Archive(site.root)
    with archive.open_vault(archive.unlock(proposer.user, proposer.passphrase)) as vault:
        rec = records.parse({
            "language": "en", "text": TEXT, "consent": "research", "interview_date": "2025-03-04",
            "witness": {"name": "Synthetic Witness", "sex": "male", "birth_year": 1975, "origin": "Hoeryong",
                        "exit_year": 2009, "arrival_year": 2011},
            "sensitive_terms": [], "events": [{"violation_type": "torture", "date": "2009-12", "place": "Hoeryong"}]})
        tid = testimonies.add(vault.conn, rec, actor=vault.actor)
        decisions.accept_all(vault.conn, tid, actor=vault.actor)
        release_id = releases.propose(vault, tid).id
        if photo:
            add_masked_photo(vault, tid, release_id, MASK)
        return release_id


def test_english_story_fix_and_publish(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    proposer, approver = site.account("archivist"), site.account("archivist")
    release_id = _propose(site, proposer, photo=True)
    page = new_page()
    sign_in(page, site, approver)
    page.goto(f"{site.url}/archivist/releases")
    assert page.locator(f"#release-{release_id}").inner_text().count("waiting for your approval") == 1
    page.click(f"#open-{release_id}")
    page.wait_for_load_state()
    assert proposer.user in page.inner_text("#release-who")
    sees_the_masked_photo(page, MASK)
    page.click("#approve-release")
    page.wait_for_load_state()
    assert approver.user in page.inner_text("#release-who")
    page.click("#publish-release")
    page.wait_for_load_state()
    reasons = page.inner_text("#gate-reasons")
    assert "The text says more about the witness than the published facts do" in reasons
    assert "--" not in reasons and not re.search(r"S\d\d", reasons) and "testimony release" not in reasons
    page.click(".goto-passage >> nth=0")  # goes to the passage in the frozen text
    assert page.evaluate("location.hash") == "#finding-1"
    page.click("#fixed-preview summary")
    preview = page.inner_text("#fixed-preview")
    assert not standalone("2009", preview) and "Hoeryong" not in preview
    page.click("#apply-fix")
    page.wait_for_load_state()
    frozen = page.inner_text("#frozen-extract")
    for finer in FINER:
        assert not standalone(finer, frozen), finer
    publish_accepting_withheld(page)
    assert page.locator("#gate-reasons").count() == 0, page.inner_text("main")
    assert "published" in page.inner_text("#release-who")

    reader = new_page()
    sign_in(reader, site, site.account("researcher"))
    reader.fill("#q", "guards")
    reader.click("#search-submit")
    reader.wait_for_load_state()
    links = reader.locator("#results a[href*='/research/extract/']")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    seen = False
    for href in sorted(h for h in hrefs if h):
        reader.goto(site.url + href)
        text = reader.inner_text("main")
        if "border post" not in text:
            continue
        seen = True
        for finer in FINER:
            assert not standalone(finer, text), finer
    assert seen
    downloaded_export_holds_nothing_finer(reader, site, "border post", FINER)


def test_changed_after_opening_is_refused(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    proposer, approver = site.account("archivist"), site.account("archivist")
    release_id = _propose(site, proposer)
    page = new_page()
    sign_in(page, site, approver)
    page.goto(f"{site.url}/archivist/releases/{release_id}")
    archive = Archive(site.root)
    with archive.open_vault(archive.unlock(proposer.user, proposer.passphrase)) as vault:
        releases.generalise_text(vault, release_id, levels=Levels(age_band=2))  # changed while it is open
    page.click("#approve-release")
    page.wait_for_load_state()
    assert "The proposal changed after it was shown to you" in page.inner_text("#release-error")
    screenshot(page, "archivist-approval-changed")
    assert "Not approved yet" in page.inner_text("#release-who")
    page.click("#approve-release")  # the page now shows the proposal as it is; approving it works
    page.wait_for_load_state()
    assert page.locator("#release-error").count() == 0 and approver.user in page.inner_text("#release-who")
