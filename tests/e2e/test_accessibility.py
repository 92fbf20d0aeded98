"""WCAG 2.1 A and AA in a real Chromium: axe-core over every page of every role.

axe-core is a test-only dependency, vendored in ``tests/e2e/axe/`` (version and checksum
in its README there); the app never serves it. It is run with Playwright's ``evaluate``,
which the pages' Content-Security-Policy does not govern, so the pages are audited under
the same policy users get.

To audit a new page, add a ``Screen`` to ``SCREENS``: who signs in, the path (with
``{placeholders}`` filled from ``sweep_data``) and, for a page reached by a form, what to
do on it first. Each page is audited in English and Korean, at 1280 and 390 px wide.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import secrets
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from keys.keyring import Role
from tests.e2e.conftest import Site, sign_in
from tests.factories import add_users, open_as, record
from tests.imports import sheets
from tests.media_files import jpeg
from vault import attachments, reading_room, releases, testimonies
from vault.archive import Archive
from vault.releases import decisions
from vault.store import transaction
from webui.submission import seal_to_inbox

AXE = Path(__file__).parent / "axe" / "axe.min.js"
#: sha256 of axe-core 4.14.1's axe.min.js as published on the npm registry.
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 390)
#: Long enough that the workbench's text panes scroll.
LONG_TEXT = "[SYNTHETIC TEST] " + "The witness left Hyesan, Ryanggang in 2009 and reached Seoul. " * 60
LANGUAGES = ("en", "ko")
#: A narrative that states the witness's exact years and home town: the gate refuses to publish it.
NARRATIVE = ("[SYNTHETIC TEST] I was born in 1975 in Hoeryong. I left in 2009 and reached South Korea in 2011. "
             "The guards at the border post beat my aunt.")


def _fill_form_badly(page: Page) -> None:
    page.fill("#witness_birth_year", "not a year")
    page.fill("#text", "[SYNTHETIC TEST] a refused form")
    page.check("#confirm-submit")
    page.click("#submit-testimony")
    page.wait_for_selector("#form-error")


def _typed_unsaved(page: Page) -> None:
    """Type into the form: the line under it says it is not saved yet. Leaving the page then makes
    the browser ask first; the next screen's visit answers "leave"."""
    page.click("#text")
    page.keyboard.type("[SYNTHETIC TEST] typed, not saved")
    expect(page.locator("#draft-status")).to_have_class(re.compile("draft-unsaved"))
    page.once("dialog", lambda dialog: dialog.accept())


def _preview_unsaved(page: Page) -> None:
    """Change one string's action and press "Show preview": the page says the choices are not saved."""
    menu = page.locator("select.group-action >> nth=0")
    menu.select_option("keep" if menu.input_value() != "keep" else "mask")
    page.click("#show-preview")
    page.wait_for_selector("#undo-choices:not([hidden])")


def _save_draft(page: Page) -> None:
    page.fill("#text", "[SYNTHETIC TEST] a draft")
    page.click("#save-draft")
    page.wait_for_load_state()
    expect(page.locator("#draft-status")).to_contain_text(re.compile(r"\d\d:\d\d"))  # saved at what time


def _confirm_delete_draft(page: Page) -> None:
    page.click("#nav-new")
    _save_draft(page)
    page.click("#nav-drafts")
    page.click(".delete-draft >> nth=0")
    page.wait_for_selector("#confirm-box")


def _delete_draft(page: Page) -> None:
    """Delete a draft: the list then offers to restore it under "Recently deleted"."""
    _confirm_delete_draft(page)
    page.click("#confirm-yes")
    page.wait_for_selector("#deleted-drafts")


def _failed_login(page: Page) -> None:
    page.fill("#username", "nobody")
    page.fill("#passphrase", "wrong passphrase here")
    page.fill("#code", "000000")
    page.click("#login-submit")
    page.wait_for_selector("#login-error")


def _add_user(page: Page) -> None:
    page.fill("#new-username", "a11y-" + secrets.token_hex(3))
    page.select_option("#new-role", "researcher")
    page.fill("#new-passphrase", "correct horse battery staple twelve")
    page.click("#add-user")
    page.wait_for_selector("#enrolment")


def _suggest_passphrase(page: Page) -> None:
    page.click("#suggest-passphrase")
    page.wait_for_selector("#suggested-passphrase")


def _make_backup(page: Page) -> None:
    page.click("#make-backup")
    page.wait_for_selector(".backup-row")


def _import_inbox(page: Page) -> None:
    page.click("#import-all")
    page.wait_for_load_state()


def _sheet(rows: list[list[str]]) -> dict[str, Any]:
    """A small CSV (the import tests' fictional sheet) handed to the file input as an upload."""
    out = io.StringIO()
    csv.writer(out).writerows([sheets.HEADERS, *rows])
    return {"name": "old-archive.csv", "mimeType": "text/csv", "buffer": out.getvalue().encode("utf-8")}


def _upload_sheet(page: Page) -> None:
    # each walk of the pages imports new rows (the same rows twice would be "already imported")
    rows = [sheets.row(i) for i in (0, 1, 99)]  # row 99 has a mistake
    marker = secrets.token_hex(4)
    for row in rows[:2]:
        row[0] += f" ({marker})"
    page.set_input_files("#import-file", _sheet(rows))
    page.click("#import-upload-submit")
    page.wait_for_selector("#import-columns")


def _upload_broken(page: Page) -> None:
    page.set_input_files("#import-file", {"name": "broken.xlsx", "mimeType": "application/octet-stream",
                                          "buffer": b"PK\x03\x04 not really a workbook"})
    page.click("#import-upload-submit")
    page.wait_for_selector("#import-error")


def _run_import(page: Page) -> None:
    _upload_sheet(page)
    page.select_option("#column-9", "ignore")  # "Interviewer code": no field of the archive
    page.check("#import-confirm")
    page.click("#import-start")
    page.wait_for_selector("#import-summary", timeout=120_000)


def _refused_publication(page: Page) -> None:
    page.click("#publish-release")
    page.wait_for_selector("#gate-reasons")


def _forged_post(page: Page) -> None:
    """A form posted without the session's token: the 400 page."""
    page.evaluate("""() => {
        const form = document.createElement('form');
        form.method = 'post'; form.action = '/language';
        document.body.appendChild(form); form.submit();
    }""")
    page.wait_for_selector("#error-code")


@dataclass(frozen=True)
class Screen:
    role: str  # interviewer, archivist, researcher, admin, anonymous, enrolling
    name: str
    path: str  # {placeholders} come from sweep_data
    then: Callable[[Page], None] | None = None  # to reach a page that follows a form
    once: bool = False  # ``then`` changes something for good: audit in the last language only
    shows: str = "h1"  # a selector the page must show, so the audit covers what it claims to


#: Every page of every role. Extend this list when a page is added.
SCREENS: tuple[Screen, ...] = (
    Screen("anonymous", "login", "/login"),
    Screen("anonymous", "login-failed", "/login", _failed_login),
    Screen("anonymous", "not-found", "/no-such-page"),
    Screen("anonymous", "bad-request", "/login", _forged_post),
    Screen("enrolling", "enrol", "/enrol"),
    Screen("interviewer", "new-testimony", "/interviewer/new"),
    Screen("interviewer", "form-refused", "/interviewer/new", _fill_form_badly),
    Screen("interviewer", "draft-unsaved", "/interviewer/new", _typed_unsaved, shows="#draft-status.draft-unsaved"),
    Screen("interviewer", "draft-saved", "/interviewer/new", _save_draft, shows="#draft-status"),
    Screen("interviewer", "drafts", "/interviewer/", shows="#drafts"),
    Screen("interviewer", "delete-draft-confirm", "/interviewer/", _confirm_delete_draft, shows="#confirm-box"),
    Screen("interviewer", "draft-deleted", "/interviewer/", _delete_draft, shows=".restore-draft"),
    Screen("interviewer", "forbidden", "/archivist/"),
    Screen("archivist", "queue", "/archivist/", shows="#queue"),
    Screen("archivist", "queue-sorted", "/archivist/?language=en&order=interview_newest", shows="#queue-showing"),
    Screen("archivist", "inbox", "/archivist/inbox", shows="#bundles"),
    Screen("archivist", "inbox-imported", "/archivist/inbox", _import_inbox, once=True),
    Screen("archivist", "workbench-strings", "/archivist/testimony/{review}", shows="#strings, #original-text mark"),
    Screen("archivist", "workbench-preview-unsaved", "/archivist/testimony/{review}", _preview_unsaved,
           shows="#preview-status.preview-unsaved, #undo-choices"),
    Screen("archivist", "workbench-spans", "/archivist/testimony/{review}?view=spans", shows="#spans"),
    Screen("archivist", "workbench-proposed", "/archivist/testimony/{proposed}", shows="#bulk-box"),
    Screen("archivist", "reset-confirm", "/archivist/testimony/{proposed}/reset", shows="#confirm-box"),
    Screen("archivist", "releases", "/archivist/releases", shows=".release-link >> nth=0"),
    Screen("archivist", "approval", "/archivist/releases/{release}", shows="#approve-release"),
    Screen("archivist", "retract-confirm", "/archivist/releases/{release}/retract", shows="#confirm-box"),
    Screen("archivist", "consent", "/archivist/testimony/{proposed}/consent"),
    Screen("archivist", "attachments", "/archivist/testimony/{proposed}/attachments", shows="#attachments"),
    Screen("archivist", "photo-review", "/archivist/attachment/{photo}", shows="#boxes"),
    Screen("archivist", "publication-refused", "/archivist/releases/{refused}", _refused_publication,
           shows="#gate-reasons, #apply-fix"),
    Screen("archivist", "import", "/archivist/import", shows="#import-file"),
    Screen("archivist", "import-refused", "/archivist/import", _upload_broken, shows="#import-error"),
    Screen("archivist", "import-mapping", "/archivist/import", _upload_sheet, shows="#import-columns"),
    Screen("archivist", "import-done", "/archivist/import", _run_import, once=True,
           shows="#import-problems, a.imported-id"),
    Screen("researcher", "search", "/research/"),
    Screen("researcher", "search-results", "/research/?q=&province=", shows="#results"),
    Screen("researcher", "search-none", "/research/?q=zzzzzz", shows="#no-results"),
    Screen("researcher", "search-matches", "/research/?q=synthetic&sort=oldest", shows="mark.match"),
    Screen("researcher", "extract", "/research/extract/{extract}"),
    Screen("researcher", "charts", "/research/charts", shows="svg.bars"),
    Screen("researcher", "charts-filtered", "/research/charts?q=synthetic", shows="#charts-to-results"),
    Screen("researcher", "export", "/research/export"),
    Screen("researcher", "not-found", "/archivist/"),
    Screen("admin", "users", "/admin/"),
    Screen("admin", "user-added", "/admin/", _add_user),
    Screen("admin", "remove-user-confirm", "/admin/users/remove?username={user}", shows="#confirm-box"),
    Screen("admin", "passphrase-suggested", "/admin/?user={user}", _suggest_passphrase, shows="#suggested-value"),
    Screen("admin", "audit", "/admin/audit", shows="#audit"),
    Screen("admin", "audit-filtered", "/admin/audit?what=user.create", shows="#audit-showing"),
    Screen("admin", "backups", "/admin/backups"),
    Screen("admin", "backup-made", "/admin/backups", _make_backup, once=True, shows=".drill-button"),
    Screen("admin", "intake", "/admin/intake"),
)
ROLES = ("anonymous", "enrolling", "interviewer", "archivist", "researcher", "admin")


@pytest.fixture(scope="module")
def axe_source() -> str:
    data = AXE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == AXE_SHA256, "tests/e2e/axe/axe.min.js is not the pinned axe-core"
    return data.decode("utf-8")


@pytest.fixture(scope="module")
def sweep_data(site: Site) -> dict[str, str]:
    """What the pages show: a testimony under review, one with a proposal, a photo, an extract, a bundle."""
    first, second = site.account("archivist"), site.account("archivist")
    archive = Archive(site.root)
    data: dict[str, str] = {"user": first.user}
    with archive.open_vault(archive.unlock(first.user, first.passphrase)) as vault:
        with transaction(vault.conn):
            data["review"] = testimonies.add(vault.conn, record(text=LONG_TEXT), actor=vault.actor)
            data["proposed"] = testimonies.add(vault.conn, record(), actor=vault.actor)
            approved = testimonies.add(vault.conn, record(), actor=vault.actor)
        for testimony_id in (data["proposed"], approved):
            decisions.accept_all(vault.conn, testimony_id, actor=vault.actor)
        data["release"] = releases.propose(vault, data["proposed"]).id
        to_approve = releases.propose(vault, approved).id
        refused = testimonies.add(vault.conn, record(text=NARRATIVE, witness={
            "sex": "male", "birth_year": 1975, "origin": "Hoeryong", "exit_year": 2009, "arrival_year": 2011}),
            actor=vault.actor)
        decisions.accept_all(vault.conn, refused, actor=vault.actor)
        data["refused"] = releases.propose(vault, refused).id
        data["photo"] = attachments.add(vault, data["proposed"], "street.jpg", io.BytesIO(jpeg(320, 240))).id
    with archive.open_vault(archive.unlock(second.user, second.passphrase)) as vault:
        releases.approve(vault, to_approve)
        releases.approve(vault, data["refused"])  # publishing it is refused: the text says more than the facts
        with closing(reading_room.connect(archive, vault.secret("reading_room_key"))) as conn:
            data["extract"] = reading_room.extracts(conn)[0].id
    seal_to_inbox(archive, json.dumps({
        "language": "en", "text": "[SYNTHETIC TEST] sealed for the inbox page", "consent": "research",
        "interview_date": "2024-05-01", "witness": {"sex": "unknown"}, "sensitive_terms": [], "events": [],
    }).encode())
    return data


def _sign_in(page: Page, site: Site, role: str) -> None:
    if role == "anonymous":
        return
    if role == "enrolling":
        account = site.account("researcher")
        archive = Archive(site.root)
        admin = next(a for a in site.accounts.values() if a.role == "admin")
        # a fresh account without a second factor: signing in leads to enrolment
        name = account.user + "-new"
        with open_as(archive, admin.user, admin.passphrase) as vault:
            add_users(vault, {name: (Role.RESEARCHER, account.passphrase)})
        page.goto(site.url + "/login")
        page.fill("#username", name)
        page.fill("#passphrase", account.passphrase)
        page.click("#login-submit")
        page.wait_for_selector("#enrol-form")
        return
    sign_in(page, site, site.account(role))


def _set_language(page: Page, site: Site, lang: str) -> None:
    page.goto(site.url + "/login")
    if page.locator("html").get_attribute("lang") != lang:
        page.click(f"#lang-{lang}")
        page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == lang


def _audit(page: Page, axe_source: str) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    return page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))""",
        TAGS,
    )


@pytest.mark.parametrize("role", ROLES)
def test_no_wcag_violation(role: str, site: Site, browser: Browser, sweep_data: dict[str, str],
                           axe_source: str) -> None:
    """Every page of the role, both languages, both widths: no WCAG 2.1 A/AA violation."""
    screens = [s for s in SCREENS if s.role == role]
    assert screens
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale="en-GB")
    try:
        page = context.new_page()
        _sign_in(page, site, role)
        found: list[str] = []
        for lang in LANGUAGES:
            _set_language(page, site, lang)
            for screen in screens:
                if screen.once and lang != LANGUAGES[-1]:
                    continue
                page.set_viewport_size({"width": WIDTHS[0], "height": 900})
                page.goto(site.url + screen.path.format(**sweep_data))
                if screen.then is not None:
                    screen.then(page)
                assert page.locator("html").get_attribute("lang") == lang, (screen.name, page.url)
                for selector in screen.shows.split(", "):
                    assert page.locator(selector).count() >= 1, (screen.name, selector, page.url)
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
                    if wide > 0:  # WCAG 1.4.10 reflow: no sideways scrolling of the page
                        found.append(f"{screen.name} [{lang}, {width}px] reflow: the page is {wide}px wider than the window")
                    for v in _audit(page, axe_source):
                        found.append(f"{screen.name} [{lang}, {width}px] {v['id']} ({v['impact']}): {v['help']}\n    "
                                     + "\n    ".join(v["nodes"]))
        assert not found, f"{len(found)} WCAG 2.1 A/AA violations:\n" + "\n".join(found)
    finally:
        context.close()


def _described(page: Page, selector: str) -> str:
    return page.evaluate("""(sel) => document.querySelector(sel).getAttribute('aria-describedby').split(' ')
        .map(id => document.getElementById(id).textContent).join(' ')""", selector)


def _focused(page: Page) -> str:
    return page.evaluate("() => document.activeElement.id")


def test_workbench_by_keyboard_alone(site: Site, new_page, sweep_data: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Skip link -> text pane (scrolls with the keys) -> span -> its action -> next span; back with Shift+Tab."""
    page = new_page()
    sign_in(page, site, site.account("archivist"))
    page.goto(f"{site.url}/archivist/testimony/{sweep_data['review']}")
    page.keyboard.press("Tab")
    assert _focused(page) == "skip-link"
    page.keyboard.press("Enter")
    assert _focused(page) == "main"
    pane = page.locator("#original-text")
    pane.focus()
    assert pane.evaluate("el => el.scrollHeight > el.clientHeight"), "the test text should overflow the pane"
    page.keyboard.press("PageDown")
    expect(pane).not_to_have_js_property("scrollTop", 0)
    pane.evaluate("el => { el.scrollTop = 0; }")
    marks = page.locator("#original-text mark[data-control]")
    assert marks.count() >= 3
    first, second = (marks.nth(i).get_attribute("id") for i in (0, 1))
    page.keyboard.press("Tab")
    assert _focused(page) == first
    described = _described(page, f"#{first}")
    kind = page.locator(f"#{first}").get_attribute("class") or ""
    label = next(c.removeprefix("hl-") for c in kind.split() if c.startswith("hl-"))
    assert page.inner_text(f"#legend-{label}") in described and "action:" in described, described
    control = page.locator(f"#{first}").get_attribute("data-control")
    page.keyboard.press("Tab")
    assert _focused(page) == control
    page.keyboard.press("Tab")
    assert _focused(page) == second
    page.keyboard.press("Shift+Tab")
    assert _focused(page) == control
    page.keyboard.press("Shift+Tab")
    assert _focused(page) == first
    # the focused span is visibly outlined
    assert page.evaluate(f"() => getComputedStyle(document.getElementById('{first}')).outlineStyle") == "solid"
    # in the occurrence view each span leads to its own row's control
    page.goto(f"{site.url}/archivist/testimony/{sweep_data['review']}?view=spans")
    page.locator(f"#{second}").focus()
    page.keyboard.press("Enter")
    assert _focused(page) == page.locator(f"#{second}").get_attribute("data-control")
    assert _focused(page).startswith("action-")


def test_axe_is_never_served(site: Site, new_page) -> None:  # type: ignore[no-untyped-def]
    """axe-core is a test dependency only: not in the app's files, not reachable over HTTP."""
    webui = Path(__file__).resolve().parents[2] / "webui"
    assert not [p for p in webui.rglob("*") if "axe" in p.name.lower()]
    page = new_page()
    for path in ("/static/axe.min.js", "/static/axe/axe.min.js", "/axe.min.js"):
        assert page.request.get(site.url + path).status == 404, path
