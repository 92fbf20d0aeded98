"""A flood of bogus sign-ins against the real `testimony serve`, and staff signing in through it.

Shared by tests/adversary/test_signin_flood.py and bench/bench_signin_flood.py (issue 18).
The archive uses the production key profile (Argon2id, 256 MiB): with the cheap test profile a
flood costs the server nothing and proves nothing. Every flood loop comes from its own loopback
address (127.0.x.y: the whole of 127.0.0.0/8 is this machine), as attackers on a network would.
"""
from __future__ import annotations

import re
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from keys import totp
from keys.keyring import Role
from keys.profiles import SENSITIVE
from tests.adversary._live import Browser, Server
from tests.factories import enrol_totp, new_archive

ADMIN = "admin"
_ERROR = re.compile(r'role="alert"[^>]*>(.*?)</', re.S)


@dataclass
class Account:
    name: str
    passphrase: str
    secret: bytes
    last_step: int = -1

    def next_code(self) -> tuple[int, str]:
        """A step not used yet and its code (the server refuses a step twice, S17)."""
        now = totp.step_at(time.time())
        step = max(self.last_step + 1, now)  # not the step before: the half-minute may end on the way
        if step > now + totp.WINDOW:
            raise RuntimeError(f"{self.name} has used every code of this half-minute: use more accounts")
        return step, totp.code_at(self.secret, step * totp.STEP_SECONDS)


def sensitive_archive(root: Path, staff: int) -> list[Account]:
    """An archive with an admin and ``staff`` archivists, every slot at the production profile."""
    passphrases = {ADMIN: "admin flood passphrase"} | {f"staff-{n}": f"staff {n} flood passphrase"
                                                        for n in range(1, staff + 1)}
    archive = new_archive(root, admin=ADMIN, passphrase=passphrases[ADMIN], threshold=1, share_count=1,
                          profile=SENSITIVE, users={name: (Role.ARCHIVIST, passphrase)
                                                    for name, passphrase in passphrases.items() if name != ADMIN}).archive
    secrets = enrol_totp(archive, passphrases)
    return [Account(name, passphrase, secrets[name]) for name, passphrase in passphrases.items()]


def error_text(html: str) -> str:
    """The failure message of the sign-in page ("" when there is none)."""
    match = _ERROR.search(html)
    return match.group(1).strip() if match else ""


def sign_in(browser: Browser, account: Account, *, deadline: float) -> tuple[float, int]:
    """Sign in as a person would: on "busy", wait as long as the server asks and try again.

    Returns the seconds from the first request to the signed-in answer, and the retries.
    """
    started = time.monotonic()
    retries = 0
    while True:
        token = browser.csrf("/login")
        step, code = account.next_code()
        status, text, headers = browser.request("POST", "/login", {
            "csrf_token": token, "username": account.name, "passphrase": account.passphrase, "code": code})
        if status in (302, 303):
            account.last_step = step  # "busy" used no code; a sign-in did
            return time.monotonic() - started, retries
        assert status == 503, f"{account.name}: {status} {error_text(text)}"
        retries += 1
        pause = float(headers.get("Retry-After", "3"))
        assert time.monotonic() + pause < deadline, f"{account.name} still refused after {retries} tries"
        time.sleep(pause)  # what the page asks a person to do, not a synchronisation


@dataclass
class Flood:
    """``loops`` clients sending sign-ins with wrong passphrases as fast as they are answered.

    The first loop always tries a ``known`` name (an account that exists), the second always one
    unknown name, so that the answers to both can be compared; the others try a new made-up
    name each time (the per-name limit never stops them: only the derivation gate does).
    """

    server: Server
    loops: int
    known: str
    answers: dict[str, Counter[tuple[int, str]]] = field(default_factory=lambda: {
        "known": Counter(), "unknown": Counter(), "random": Counter()})
    _stop: threading.Event = field(default_factory=threading.Event)
    _seen: threading.Condition = field(default_factory=threading.Condition)
    _threads: list[threading.Thread] = field(default_factory=list)

    def __enter__(self) -> Flood:
        for n in range(self.loops):
            thread = threading.Thread(target=self._loop, args=(n,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(120)

    def busy_answers(self) -> int:
        with self._seen:
            return sum(n for kind in self.answers.values() for (status, _), n in kind.items() if status == 503)

    def wait_until_busy(self, answers: int, timeout: float = 120) -> None:
        """Block until the server has answered "busy" ``answers`` times: the flood is biting."""
        with self._seen:
            assert self._seen.wait_for(lambda: sum(
                n for kind in self.answers.values() for (status, _), n in kind.items() if status == 503
            ) >= answers, timeout), f"the flood never made the server busy: {self.answers}"

    def wait_until_limited(self, timeout: float = 240) -> None:
        """Block until the known and the unknown name have both been refused by the per-name limit."""
        with self._seen:
            assert self._seen.wait_for(lambda: all(
                any(status == 429 for status, _ in self.answers[kind]) for kind in ("known", "unknown")
            ), timeout), f"the per-name limit never answered both names: {self.answers}"

    def _loop(self, n: int) -> None:
        browser = Browser(self.server, source=f"127.0.{1 + n // 200}.{1 + n % 200}", timeout=120)
        kind = ("known", "unknown")[n] if n < 2 else "random"
        while not self._stop.is_set():
            name = {"known": self.known, "unknown": "ghost"}.get(kind) or f"ghost-{secrets.token_hex(4)}"
            try:
                token = browser.csrf("/login")
                status, text, _ = browser.request("POST", "/login", {
                    "csrf_token": token, "username": name, "passphrase": "wrong wrong wrong", "code": "123456"})
            except OSError:
                if self._stop.is_set():
                    return
                raise
            with self._seen:
                self.answers[kind][(status, error_text(text))] += 1
                self._seen.notify_all()
