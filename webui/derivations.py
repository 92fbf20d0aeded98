"""A ceiling on the key derivations that sign-in attempts can start, and staff served first.

Every sign-in attempt runs Argon2id with 256 MiB, known user or not, so that timing says
nothing (S16). Without a ceiling, anyone who reaches the server makes it derive as often as
they like, and each attempt in flight holds 256 MiB. Here:

- at most ``slots`` anonymous derivations run at once, plus ``returning_slots`` kept for
  browsers that have signed in before (:mod:`webui.devices`): the memory ceiling is
  (slots + returning_slots) x 256 MiB at any number of connections;
- a returning browser goes first: while one waits or derives, no anonymous derivation
  starts, so a staff sign-in shares the processor with at most one attempt already running,
  and anonymous derivations run in a thread of the lowest scheduling priority (``nice``
  19, Linux): when staff derive at the same time, the processor is theirs;
- a returning browser's derivation runs on threads started with the gate, at the priority
  the server started with, while the threads that answer web requests run below it
  (``nice`` 10, :func:`serve_below_staff`): the answers "busy" that a flood is sent as fast
  as it asks cost processor time, and that time is taken after a staff derivation's, not
  shared with it;
- one client (an address, or a returning browser's token) has one attempt in flight;
- among anonymous attempts, the client whose last derivation is oldest (or who never had
  one) goes first, and takes the queue place of one that derived more recently: a handful
  of addresses sending as fast as they are answered cannot keep a new visitor out;
- an attempt waits at most ``wait`` seconds, and at most ``queue`` anonymous attempts wait
  at once (each waiting request holds one of the web server's few worker threads: a long
  queue would keep staff from even reaching the gate); beyond that the answer is at once
  "busy, try again in a few seconds", the same for every name.

Refusals are counted per minute for the admin page (how many, since when) and summed for
the audit log, which the sign-in code writes when a vault is next open (no names: the
attempts are counted, never the names they tried).
The second step of a sign-in (the code) derives nothing, so it is never held up here.
"""
from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar, cast

from vault import audit, store
from vault.archive import OpenVault
from vault.errors import VaultError

SLOTS = 1
RETURNING_SLOTS = 1
WAIT_SECONDS = 3.0
QUEUE = 2  # anonymous attempts that may wait for a slot (the server has 8 worker threads)
MAX_CLIENTS_REMEMBERED = 100_000  # when each client last derived (forgotten oldest first)
ANONYMOUS_NICE = 19  # the scheduling priority of anonymous derivations (19: the lowest)
SERVING_NICE = 10  # the priority of the threads that answer web requests, below staff derivations


T = TypeVar("T")


def _lower_priority(nice: int) -> None:
    """Lower the calling thread's priority to ``nice`` (Linux sets it per thread; threads started
    from it afterwards inherit it, Argon2's included). Elsewhere nothing changes."""
    try:
        me = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, me, max(nice, os.getpriority(os.PRIO_PROCESS, me)))
    except (AttributeError, OSError):
        pass


def _lowest_priority() -> None:
    _lower_priority(ANONYMOUS_NICE)


def serve_below_staff() -> None:
    """Lower the calling thread, and every thread it starts from now on, below staff derivations.

    The web server calls this before it starts its threads. A thread's priority cannot be raised
    again without privileges, so the gate's staff threads are started before (:class:`_StaffThreads`).
    """
    _lower_priority(SERVING_NICE)


class _StaffThreads:
    """Threads for returning browsers' derivations, one set per process, started when a gate is
    made: they keep the priority of the thread that made it (threads started later by a request
    would inherit the web server's lower priority)."""

    _lock = threading.Lock()
    _work: queue.SimpleQueue[tuple[Callable[[], object], Future[object]]] = queue.SimpleQueue()
    _count = 0

    @classmethod
    def at_least(cls, count: int) -> None:
        with cls._lock:
            for n in range(cls._count, count):
                threading.Thread(target=cls._run, name=f"staff-derivation-{n}", daemon=True).start()
            cls._count = max(cls._count, count)

    @classmethod
    def _run(cls) -> None:
        while True:
            work, future = cls._work.get()
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(work())
                except BaseException as exc:  # handed to the waiting request, as an executor would
                    future.set_exception(exc)

    @classmethod
    def run(cls, work: Callable[[], T]) -> T:
        future: Future[object] = Future()
        cls._work.put((work, future))
        return cast(T, future.result())


class _Waiter:
    """An anonymous attempt waiting for a slot; ``rank`` is when its client last derived."""

    __slots__ = ("rank", "evicted")

    def __init__(self, rank: float) -> None:
        self.rank = rank
        self.evicted = False
MINUTES_KEPT = 60
QUIET_MINUTES = 5  # a flood has ended after this many minutes without a refusal
MAX_CLIENTS_COUNTED = 10_000


@dataclass(frozen=True)
class FloodReport:
    """What the admin page shows: refusals per minute (newest last) and since when it lasts."""

    per_minute: tuple[tuple[float, int], ...]  # (start of the minute, refusals), minutes with refusals
    since: float | None  # start of the current flood, None when none in the last QUIET_MINUTES
    total: int  # since the server started


@dataclass(frozen=True)
class FloodRecord:
    """Refusals not yet written to the audit log: how many, from how many clients, when."""

    refused: int
    clients: int
    first: float
    last: float

    def describe(self) -> str:
        """The audit entry's object: counts and UTC times, no names, no addresses."""
        def at(t: float) -> str:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
        more = "+" if self.clients >= MAX_CLIENTS_COUNTED else ""
        return (f"sign-in form: {self.refused} attempts answered busy from {self.clients}{more} "
                f"addresses between {at(self.first)} and {at(self.last)}")


class DerivationGate:
    def __init__(self, *, slots: int = SLOTS, returning_slots: int = RETURNING_SLOTS,
                 wait: float = WAIT_SECONDS, queue: int = QUEUE, clock: Callable[[], float] = time.time) -> None:
        self._slots = slots
        self._queue = queue
        self._returning_slots = returning_slots
        self._wait = wait
        self._clock = clock
        self._cond = threading.Condition()
        self._anonymous = 0  # derivations running in the anonymous slots
        self._returning = 0  # derivations of returning browsers, in any slot
        self._returning_waiting = 0
        self._waiters: list[_Waiter] = []
        self._last_derived: dict[str, float] = {}
        self._in_flight: set[str] = set()
        self.refused = 0
        self._minutes: dict[int, int] = {}
        self._unrecorded = 0
        self._unrecorded_clients: set[str] = set()
        self._unrecorded_clients_before = 0  # counted by a record that was put back
        self._unrecorded_first = 0.0
        self._unrecorded_last = 0.0
        self._low: ThreadPoolExecutor | None = None
        _StaffThreads.at_least(returning_slots + slots)  # returning browsers may take free anonymous slots

    @contextmanager
    def admit(self, client: str, *, returning: bool = False) -> Iterator[bool]:
        """Yield True with a derivation slot held, or False when the attempt must be refused."""
        with self._cond:
            if client in self._in_flight:
                self._refuse(client)
                admitted = False
            else:
                self._in_flight.add(client)
                admitted = self._take_returning() if returning else self._take_anonymous(client)
                if not admitted:
                    self._in_flight.discard(client)
                    self._refuse(client)
        if not admitted:
            yield False
            return
        try:
            yield True
        finally:
            with self._cond:
                if returning:
                    self._returning -= 1
                else:
                    self._anonymous -= 1
                self._in_flight.discard(client)
                self._cond.notify_all()

    def derive(self, work: Callable[[], T], *, returning: bool) -> T:
        """Run a sign-in's key derivation (inside :meth:`admit`): a returning browser's on a staff
        thread (the server's own priority), an anonymous one on a thread of the lowest priority."""
        if returning:
            return _StaffThreads.run(work)
        with self._cond:
            if self._low is None:
                self._low = ThreadPoolExecutor(self._slots, "anonymous-derivation", _lowest_priority)
            low = self._low
        return low.submit(work).result()

    def _take_returning(self) -> bool:
        self._returning_waiting += 1
        try:
            # its own slots, or an anonymous one that is free (anonymous attempts wait meanwhile)
            ok = self._cond.wait_for(
                lambda: self._returning + self._anonymous < self._slots + self._returning_slots, self._wait)
        finally:
            self._returning_waiting -= 1
        if ok:
            self._returning += 1
        else:
            self._cond.notify_all()  # anonymous attempts held back for this one may go on
        return ok

    def _take_anonymous(self, client: str) -> bool:
        me = _Waiter(self._last_derived.get(client, float("-inf")))

        def my_turn() -> bool:
            free = self._anonymous < self._slots and self._returning == 0 and self._returning_waiting == 0
            return me.evicted or free and me is min(self._waiters, key=lambda w: w.rank)

        if len(self._waiters) >= self._queue:
            worst = max(self._waiters, key=lambda w: w.rank)
            if worst.rank <= me.rank:
                return False  # the queue is full of clients with as good a claim: busy at once
            worst.evicted = True  # it derived more recently than this client: it gives up its place
            self._waiters.remove(worst)
            self._cond.notify_all()
        self._waiters.append(me)
        try:
            ok = self._cond.wait_for(my_turn, self._wait)
        finally:
            if me in self._waiters:
                self._waiters.remove(me)
        if not ok or me.evicted:
            self._cond.notify_all()  # the next in line may be able to go now
            return False
        self._anonymous += 1
        self._remember(client)
        return True

    def _remember(self, client: str) -> None:
        self._last_derived.pop(client, None)
        if len(self._last_derived) >= MAX_CLIENTS_REMEMBERED:
            del self._last_derived[next(iter(self._last_derived))]  # the longest ago (insertion order)
        self._last_derived[client] = self._clock()

    def _refuse(self, client: str) -> None:
        now = self._clock()
        self.refused += 1
        minute = int(now // 60)
        self._minutes[minute] = self._minutes.get(minute, 0) + 1
        for old in [m for m in self._minutes if m <= minute - MINUTES_KEPT]:
            del self._minutes[old]
        if self._unrecorded == 0:
            self._unrecorded_first = now
        self._unrecorded += 1
        self._unrecorded_last = now
        if len(self._unrecorded_clients) < MAX_CLIENTS_COUNTED:
            self._unrecorded_clients.add(client)

    def waiting(self) -> tuple[int, int]:
        """How many returning browsers and anonymous attempts wait for a slot now."""
        with self._cond:
            return self._returning_waiting, len(self._waiters)

    def report(self) -> FloodReport:
        now_minute = int(self._clock() // 60)
        with self._cond:
            minutes = sorted((m, n) for m, n in self._minutes.items() if m > now_minute - MINUTES_KEPT)
            total = self.refused
        since = None
        expected = now_minute
        for minute, _ in reversed(minutes):  # walk back while the gaps stay short
            if expected - minute > QUIET_MINUTES:
                break
            since = minute * 60.0
            expected = minute
        return FloodReport(tuple((m * 60.0, n) for m, n in minutes), since, total)

    def take_unrecorded(self) -> FloodRecord | None:
        """The refusals since the last call (for the audit log), or None; forgets them."""
        with self._cond:
            if self._unrecorded == 0:
                return None
            clients = min(len(self._unrecorded_clients) + self._unrecorded_clients_before, MAX_CLIENTS_COUNTED)
            record = FloodRecord(self._unrecorded, clients, self._unrecorded_first, self._unrecorded_last)
            self._unrecorded = 0
            self._unrecorded_clients.clear()
            self._unrecorded_clients_before = 0
            return record

    def put_back(self, record: FloodRecord) -> None:
        """Keep refusals that could not be written for the next attempt."""
        with self._cond:
            self._unrecorded_first = record.first if self._unrecorded == 0 else min(record.first,
                                                                                    self._unrecorded_first)
            self._unrecorded_last = max(record.last, self._unrecorded_last)
            self._unrecorded += record.refused
            self._unrecorded_clients_before += record.clients


def record_flood(gate: DerivationGate, vault: OpenVault) -> bool:
    """Write the refusals counted since the last time into the audit log (``signin.flood``).

    Called wherever a vault is open anyway (a staff sign-in, the admin page). A write that
    fails keeps the counts for the next time and does not stop the sign-in (False).
    """
    record = gate.take_unrecorded()
    if record is None:
        return True
    try:
        with store.transaction(vault.conn):
            audit.append(vault.conn, actor=vault.actor, action="signin.flood", obj=record.describe())
    except VaultError:
        gate.put_back(record)
        return False
    return True
