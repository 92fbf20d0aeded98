"""Browser tests: a real Chromium (Debian's /usr/bin/chromium) driven by Playwright
against the real app served by waitress on loopback, over a demo archive."""
from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import waitress  # type: ignore[import-untyped]
from playwright.sync_api import Browser, Page, sync_playwright

from cli import demo
from keys import totp
from keys.keyring import Role
from tests.factories import add_users, demo_archive, enrol_totp, open_as
from vault.archive import Archive
from webui import WebConfig, create_app

CHROMIUM = "/usr/bin/chromium"
#: The flags the workplace's own probe uses: no background traffic from the browser.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
#: Screenshots used by docs/guide-*.md; refreshed with UPDATE_SCREENSHOTS=1.
DOC_SHOTS = REPO / "docs" / "screenshots"
ARTIFACTS = REPO / "tests" / "e2e" / "artifacts"


@dataclass
class Site:
    url: str
    root: Path
    accounts: dict[str, demo.DemoAccount]
    last_step: dict[str, int] = field(default_factory=dict)

    def account(self, role: str) -> demo.DemoAccount:
        """A new account of ``role`` with its own TOTP secret.

        Each test signs in with fresh accounts: a TOTP code is good for one sign-in and
        only one step either side of now, so one account cannot sign in three times
        within 30 seconds (and no test may wait).
        """
        admin = next(a for a in self.accounts.values() if a.role == "admin")
        name = f"e2e-{role}-{secrets.token_hex(3)}"
        passphrase = demo.demo_passphrase()
        archive = Archive(self.root)
        with open_as(archive, admin.user, admin.passphrase) as vault:
            add_users(vault, {name: (Role(role), passphrase)})
        secret = enrol_totp(archive, {name: passphrase})[name]
        account = demo.DemoAccount(role, name, passphrase, totp.to_base32(secret))
        self.accounts[name] = account
        return account

    def code_for(self, account: demo.DemoAccount) -> str:
        """A valid TOTP code never used before by this account (replays are refused)."""
        secret = totp.from_base32(account.totp_secret)
        step = max(totp.step_at(time.time()), self.last_step.get(account.user, -10) + 1)
        self.last_step[account.user] = step
        return totp.code_at(secret, step * totp.STEP_SECONDS)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("e2e") / "archive"
    made = demo_archive(root, 16, seed=4)
    media = root.parent / "media"  # nothing is mounted here: the pages show the backup folder alone
    media.mkdir()
    app = create_app(WebConfig(archive=root, secret_key=secrets.token_bytes(32), backup_mount_roots=(media,)))
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.effective_port}", root, {a.user: a for a in made.accounts})
    finally:
        server.close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[callable]:  # type: ignore[valid-type]
    contexts = []

    def make(locale: str = "en-GB") -> Page:
        context = browser.new_context(viewport={"width": 1366, "height": 860}, locale=locale)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page: Page, site: Site, account: demo.DemoAccount) -> None:
    page.goto(site.url + "/login")
    page.fill("#username", account.user)
    page.fill("#passphrase", account.passphrase)
    page.fill("#code", site.code_for(account))
    page.click("#login-submit")
    page.wait_for_selector("#who")


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot; into docs/screenshots when UPDATE_SCREENSHOTS=1."""
    folder = DOC_SHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else ARTIFACTS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
