"""Server-side sessions held in memory: 256-bit random ids, idle and absolute timeouts.

A session dies with the process. The cookie carries only the id. Signing in always
starts a new session (new id), so an id seen before login is worthless after it.
Ending a session (logout, timeout, lock-now) runs ``on_end`` so the vault key is
released as soon as its last user is gone.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from keys.keyring import Role
from webui.revocation import SlotMark

ID_BYTES = 32  # 256-bit session ids
MAX_SESSIONS = 5000  # anonymous sessions beyond this evict the oldest anonymous one


@dataclass(frozen=True)
class KeptForm:
    """A refused form, or the workbench's unsaved choices sent to be previewed, kept for the page after
    the redirect (``webui.kept_forms``): memory only."""

    endpoint: str  # the page that shows it: its endpoint and the values in its path
    values: tuple[tuple[str, str], ...] = field(repr=False)  # what was typed, secrets left out
    page: dict[str, Any] = field(repr=False)  # the refusal, as the page's renderer takes it
    made: float

    def form(self) -> MultiDict[str, str]:
        return MultiDict(list(self.values))


@dataclass
class Session:
    """One visitor. ``role`` None: not signed in; ``enrolling``: passphrase ok, TOTP not yet set."""

    id: str = field(repr=False)
    csrf: str = field(repr=False)
    created: float
    last_seen: float
    lang: str = "en"
    username: str | None = None
    role: Role | None = None
    enrolling: bool = False
    actor: str | None = None  # the user's id in the vault (vault roles)
    secret: bytes | None = field(default=None, repr=False)  # draft key or reading-room key
    pending_totp: bytes | None = field(default=None, repr=False)
    slot: SlotMark | None = field(default=None, repr=False)  # the keyslot signed in with (revocation)
    notices: list[str | tuple[str, str, str]] = field(default_factory=list)  # text, or (text, href, link text)
    enrolment: tuple[str, bytes] | None = field(default=None, repr=False)  # admin: a new second factor, shown once
    suggested: str | None = field(default=None, repr=False)  # admin: a suggested passphrase, shown once
    kept: dict[str, KeptForm] = field(default_factory=dict, repr=False)  # refused forms, by one-time token

    @property
    def signed_in(self) -> bool:
        return self.role is not None and not self.enrolling

    @property
    def principal(self) -> str:
        """The name the permission table uses for this visitor."""
        if self.role is None:
            return "anonymous"
        if self.enrolling:
            return "enrolling"
        return self.role.value


class SessionStore:
    """Thread-safe map of session id -> :class:`Session`."""

    def __init__(
        self,
        *,
        idle: int,
        absolute: int,
        clock: Callable[[], float],
        rng: Callable[[int], bytes],
        on_end: Callable[[Session], None],
    ) -> None:
        self._idle = idle
        self._absolute = absolute
        self._clock = clock
        self._rng = rng
        self._on_end = on_end
        self._sessions: dict[str, Session] = {}
        self._lock = threading.RLock()

    def new(self, *, lang: str = "en") -> Session:
        now = self._clock()
        session = Session(id=self._rng(ID_BYTES).hex(), csrf=self._rng(ID_BYTES).hex(),
                          created=now, last_seen=now, lang=lang)
        with self._lock:
            if len(self._sessions) >= MAX_SESSIONS:
                self._evict_anonymous()
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        """Return a live session and mark it used, or None (expired sessions end here)."""
        if not session_id:
            return None
        now = self._clock()
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None:
                return None
            if self._expired(session, now):
                self.end(session)
                return None
            session.last_seen = now
            return session

    def end(self, session: Session) -> None:
        with self._lock:
            if self._sessions.pop(session.id, None) is None:
                return
        session.secret = None
        session.pending_totp = None
        session.kept.clear()  # what a refused form held goes with the session
        self._on_end(session)

    def sweep(self) -> int:
        """End every expired session; return how many ended."""
        now = self._clock()
        with self._lock:
            expired = [s for s in self._sessions.values() if self._expired(s, now)]
        for session in expired:
            self.end(session)
        return len(expired)

    def end_where(self, predicate: Callable[[Session], bool]) -> int:
        with self._lock:
            chosen = [s for s in self._sessions.values() if predicate(s)]
        for session in chosen:
            self.end(session)
        return len(chosen)

    def live(self) -> list[Session]:
        with self._lock:
            return list(self._sessions.values())

    def _expired(self, session: Session, now: float) -> bool:
        return now - session.last_seen > self._idle or now - session.created > self._absolute

    def _evict_anonymous(self) -> None:
        anonymous = [s for s in self._sessions.values() if s.role is None]
        if anonymous:
            oldest = min(anonymous, key=lambda s: s.last_seen)
            self._sessions.pop(oldest.id, None)
