"""Per-app state (no module-level singletons): sessions, throttle, vault key, archive."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, g

from keys.keyring import VAULT_ROLES, Role
from keys.totp import StepGuard
from vault.archive import Archive, OpenVault
from vault.errors import Locked
from webui.config import WebConfig
from webui.derivations import DerivationGate
from webui.devices import ReturningBrowsers
from webui.import_jobs import ImportJobs
from webui.keeper import VaultKeeper
from webui.lockout import SecondFactorLockout
from webui.revocation import SlotWatch
from webui.sessions import Session, SessionStore
from webui.throttle import LoginThrottle

EXTENSION = "testimony"


@dataclass(frozen=True)
class WebState:
    config: WebConfig
    archive: Archive
    sessions: SessionStore
    throttle: LoginThrottle
    keeper: VaultKeeper
    #: Browsers that signed in before, served first by ``derivations``.
    browsers: ReturningBrowsers
    #: Derived views of the reading room (facets, chart counts), keyed by its manifest signature.
    room_cache: dict[tuple[str, str], Any] = field(default_factory=dict)
    cache_lock: threading.Lock = field(default_factory=threading.Lock)
    #: Closes the race of two concurrent sign-ins with the same TOTP code (S17).
    totp_guard: StepGuard = field(default_factory=StepGuard)
    #: Roles that may sign in to this app (all four, or interviewers only for the intake app).
    roles: frozenset[Role] = frozenset(Role)
    #: Keyslot versions, to end sessions whose account changed (even from the command line).
    slot_watch: SlotWatch = field(default_factory=SlotWatch)
    #: Accounts locked after repeated wrong second factors (set by the factory).
    lockout: SecondFactorLockout | None = None
    #: The ceiling on key derivations that sign-in attempts can start (a flood of bogus logins).
    derivations: DerivationGate = field(default_factory=DerivationGate)
    #: Imports started from the web (uploaded files in memory only, outcomes without content).
    imports: ImportJobs = field(default_factory=ImportJobs)
    #: When each account last signed in, since this server started (memory only, for the admin).
    last_sign_in: dict[str, float] = field(default_factory=dict)

    def end_sessions_of(self, username: str) -> int:
        """End every session of ``username`` at once (removed, reset, locked out...); return how many."""
        return self.sessions.end_where(lambda s: s.username == username)

    def account_unchanged(self, session: Session) -> bool:
        """Whether a session's account still has the keyslot it signed in with (checked per request)."""
        if session.username is None or session.slot is None:
            return session.role is None  # a signed-in session always carries its slot
        now = self.slot_watch.current(self.archive.keyring, session.username)
        current = self.slot_watch.still_valid(session.slot, now)
        if current is None:
            return False
        session.slot = current
        return True

    def lock_now(self) -> int:
        """Drop the vault key and end every session that used it; return how many ended."""
        claims = self.keeper.lock_now()
        self.imports.forget_files()
        return self.sessions.end_where(lambda s: s.id in claims)

    def sweep(self) -> int:
        """End expired sessions (and so drop the vault key when its last user timed out)."""
        return self.sessions.sweep()


def state() -> WebState:
    value = current_app.extensions[EXTENSION]
    assert isinstance(value, WebState)
    return value


def current_session() -> Session | None:
    value = g.get("session")
    return value if isinstance(value, Session) else None


def signed_in_session() -> Session:
    session = current_session()
    if session is None or not session.signed_in:
        raise Locked("not signed in")
    return session


def request_vault() -> OpenVault:
    """The vault opened for this request as the signed-in user (closed at teardown)."""
    existing = g.get("vault")
    if isinstance(existing, OpenVault):
        return existing
    session = signed_in_session()
    if session.role not in VAULT_ROLES or session.actor is None or session.username is None:
        raise Locked("this account cannot open the vault")
    vault = state().keeper.open_vault(state().archive, actor=session.actor, role=session.role,
                                      username=session.username)
    g.vault = vault
    return vault


def close_request_vault(_exc: BaseException | None = None) -> None:
    vault = g.pop("vault", None)
    if isinstance(vault, OpenVault):
        vault.close()
