"""The sign-in derivation gate and returning browsers (issue 18), without a web server.

The real server under a flood is in tests/adversary/test_signin_flood.py; here each rule of
the gate is checked on its own: the memory ceiling, staff first, per-client, the counts.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

import pytest

from keys.errors import UnlockFailed
from webui.derivations import ANONYMOUS_NICE, SERVING_NICE, DerivationGate, serve_below_staff
from webui.devices import LIFETIME, STRIKES, ReturningBrowsers


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


class Holder(threading.Thread):
    """One sign-in attempt that holds its derivation slot until released."""

    def __init__(self, gate: DerivationGate, client: str, *, returning: bool = False) -> None:
        super().__init__(daemon=True)
        self.gate, self.client, self.returning = gate, client, returning
        self.admitted: bool | None = None
        self.inside = threading.Event()
        self.release = threading.Event()

    def run(self) -> None:
        with self.gate.admit(self.client, returning=self.returning) as admitted:
            self.admitted = admitted
            if admitted:
                self.inside.set()
                self.release.wait(30)


def test_never_more_derivations_than_slots_whatever_the_load() -> None:
    """Forty attempts at once, a tenth of them from returning browsers: at most one anonymous
    and two in all derive together (the memory ceiling: two times 256 MiB)."""
    gate = DerivationGate(slots=1, returning_slots=1, wait=0.2)
    lock = threading.Lock()
    running = {"all": 0, "anonymous": 0}
    peak = {"all": 0, "anonymous": 0}
    go = threading.Barrier(40)

    def attempt(n: int) -> None:
        returning = n % 10 == 0
        go.wait()
        with gate.admit(f"client-{n}", returning=returning) as admitted:
            if not admitted:
                return
            with lock:
                running["all"] += 1
                running["anonymous"] += 0 if returning else 1
                peak["all"] = max(peak["all"], running["all"])
                peak["anonymous"] = max(peak["anonymous"], running["anonymous"])
            for _ in range(20_000):  # some work while the slot is held
                pass
            with lock:
                running["all"] -= 1
                running["anonymous"] -= 0 if returning else 1

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert 1 <= peak["all"] <= 2 and peak["anonymous"] == 1
    assert gate.refused + sum(1 for _ in threads) >= 40


def test_a_returning_browser_goes_before_anonymous_attempts_that_wait() -> None:
    gate = DerivationGate(slots=1, returning_slots=1, wait=30)
    anonymous = Holder(gate, "address:10.0.0.1")
    staff = Holder(gate, "browser:aa", returning=True)
    anonymous.start()
    assert anonymous.inside.wait(30)
    staff.start()  # its own slot: in at once, beside the anonymous attempt
    assert staff.inside.wait(30)
    second_staff = Holder(gate, "browser:bb", returning=True)
    waiting_stranger = Holder(gate, "address:10.0.0.2")
    second_staff.start()
    _until(lambda: gate.waiting() == (1, 0))
    waiting_stranger.start()
    _until(lambda: gate.waiting() == (1, 1))
    anonymous.release.set()  # a slot frees: the returning browser takes it, not the stranger
    assert second_staff.inside.wait(30)
    assert not waiting_stranger.inside.is_set() and gate.waiting() == (0, 1)
    staff.release.set()
    second_staff.release.set()
    assert waiting_stranger.inside.wait(30)  # and the stranger once no staff derives
    waiting_stranger.release.set()
    for t in (anonymous, staff, second_staff, waiting_stranger):
        t.join(30)
    assert gate.refused == 0


def test_one_attempt_in_flight_per_client_and_busy_after_the_wait() -> None:
    gate = DerivationGate(slots=1, returning_slots=1, wait=0.0)
    first = Holder(gate, "address:10.0.0.1")
    first.start()
    assert first.inside.wait(30)
    with gate.admit("address:10.0.0.1") as again:  # the same client: refused at once
        assert again is False
    with gate.admit("address:10.0.0.9") as other:  # the anonymous slot is taken; no wait
        assert other is False
    first.release.set()
    first.join(30)
    with gate.admit("address:10.0.0.9") as later:
        assert later is True
    assert gate.refused == 2


def test_the_flood_report_counts_minutes_and_knows_when_it_began_and_ended() -> None:
    clock = Clock(60.0 * 1_000_000)
    gate = DerivationGate(slots=1, wait=0.0, clock=clock)
    holder = Holder(gate, "address:10.0.0.1")
    holder.start()
    assert holder.inside.wait(30)
    start = clock.now
    for minute in range(3):
        for n in range(4 + minute):
            with gate.admit(f"address:10.1.{minute}.{n}") as admitted:
                assert admitted is False
        clock.now += 60
    report = gate.report()
    assert [n for _, n in report.per_minute] == [4, 5, 6] and report.total == 15
    assert report.since == start
    record = gate.take_unrecorded()
    assert record is not None and (record.refused, record.clients) == (15, 15)
    assert "15 attempts" in record.describe() and "10.1" not in record.describe()
    assert gate.take_unrecorded() is None
    gate.put_back(record)  # a failed audit write keeps the counts
    assert gate.take_unrecorded() == record
    clock.now += 6 * 60  # five quiet minutes: the flood is over, the counts stay
    report = gate.report()
    assert report.since is None and report.total == 15 and len(report.per_minute) == 3
    holder.release.set()
    holder.join(30)


def test_a_returning_browser_token_is_genuine_fresh_and_loses_its_place_after_failures() -> None:
    clock = Clock()
    browsers = ReturningBrowsers(b"s" * 32, clock=clock)
    token = browsers.issue()
    browser = browsers.recognise(token)
    assert browser is not None and len(browser) == 16
    assert ReturningBrowsers(b"t" * 32, clock=clock).recognise(token) is None  # another server's
    tampered = token[:5] + ("A" if token[5] != "A" else "B") + token[6:]
    assert browsers.recognise(tampered) is None
    for junk in ("", "x", "!!!!", "A" * 200, token + "AAAA"):
        assert browsers.recognise(junk) is None
    for _ in range(STRIKES - 1):
        browsers.failed(browser)
    assert browsers.recognise(token) == browser
    browsers.signed_in(browser)  # a success forgives
    for _ in range(STRIKES):
        browsers.failed(browser)
    assert browsers.recognise(token) is None
    fresh = browsers.issue()
    clock.now += LIFETIME
    assert browsers.recognise(fresh) is None  # expired


@pytest.mark.parametrize("returning", [False, True])
def test_a_refused_attempt_frees_its_client(returning: bool) -> None:
    gate = DerivationGate(slots=1, returning_slots=0 if not returning else 1, wait=0.0)
    blocker = Holder(gate, "browser:zz" if returning else "address:1", returning=returning)
    blocker.start()
    assert blocker.inside.wait(30)
    if returning:
        other = Holder(gate, "address:2")
        other.start()  # fills the anonymous slot? no: anonymous waits while staff derive
        other.join(30)
        assert other.admitted is False
    with gate.admit("address:3") as admitted:
        assert admitted is False
    blocker.release.set()
    blocker.join(30)
    with gate.admit("address:3") as admitted:
        assert admitted is True


def test_a_name_hammered_by_strangers_stays_open_to_its_returning_browser() -> None:
    from webui.throttle import LoginThrottle

    clock = Clock()
    throttle = LoginThrottle(allowed=5, window=60, clock=clock, salt=b"salt")
    for _ in range(5):
        assert throttle.reserve("staff")
    assert not throttle.reserve("staff")  # strangers: blocked
    browser = b"b" * 16
    assert throttle.reserve("staff", scope=browser)  # the staff member's own browser: its own count
    throttle.record_success("staff", scope=browser)
    assert not throttle.reserve("staff")  # the strangers' block stands


def test_only_a_short_queue_of_anonymous_attempts_waits() -> None:
    """Each waiting attempt holds a worker thread of the web server: beyond the queue, busy at once."""
    gate = DerivationGate(slots=1, returning_slots=1, wait=30, queue=2)
    holder = Holder(gate, "address:1")
    holder.start()
    assert holder.inside.wait(30)
    waiting = [Holder(gate, f"address:{n}") for n in (2, 3)]
    for t in waiting:
        t.start()
    _until(lambda: gate.waiting() == (0, 2))
    fourth = Holder(gate, "address:4")
    fourth.start()
    fourth.join(20)  # answered while the slot is still held: it did not wait for one (the wait is 30 s)
    assert not fourth.is_alive() and fourth.admitted is False
    staff = Holder(gate, "browser:aa", returning=True)  # staff are not queued behind them
    staff.start()
    assert staff.inside.wait(30)
    for t in (holder, staff, *waiting):
        t.release.set()
    for t in (holder, staff, *waiting):
        t.join(30)


def test_an_attempt_answered_busy_does_not_count_against_the_name() -> None:
    from webui.throttle import LoginThrottle

    throttle = LoginThrottle(allowed=2, window=60, clock=Clock(), salt=b"salt")
    for _ in range(10):  # reserved, then the gate said busy: given back
        assert throttle.reserve("staff")
        throttle.cancel("staff")
    assert throttle.reserve("staff") and throttle.reserve("staff")
    assert not throttle.reserve("staff")


def test_a_newcomer_goes_before_addresses_that_derived_recently() -> None:
    """Two flooding addresses that have just derived fill the queue; a visitor who never derived
    takes the place of one of them (answered busy) and is next when the slot frees."""
    clock = Clock()
    gate = DerivationGate(slots=1, returning_slots=1, wait=30, queue=2, clock=clock)
    for n in (1, 2, 3):  # the flooding addresses have derived before
        with gate.admit(f"address:10.0.0.{n}") as admitted:
            assert admitted is True
        clock.now += 1
    holder = Holder(gate, "address:10.0.0.3")
    holder.start()
    assert holder.inside.wait(30)
    flooders = [Holder(gate, f"address:10.0.0.{n}") for n in (1, 2)]
    for t in flooders:
        t.start()
    _until(lambda: gate.waiting() == (0, 2))
    visitor = Holder(gate, "address:192.168.1.7")
    visitor.start()
    _until(lambda: any(not t.is_alive() for t in flooders))  # one flooder gave up its place
    assert [t.admitted for t in flooders if not t.is_alive()] == [False]
    holder.release.set()
    assert visitor.inside.wait(30)  # next, before the flooder still waiting
    still = next(t for t in flooders if t.is_alive())
    assert not still.inside.is_set()
    visitor.release.set()
    assert still.inside.wait(30)
    still.release.set()
    for t in (holder, visitor, *flooders):
        t.join(30)


def _priority() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_anonymous_derivations_run_at_the_lowest_priority_and_staff_at_their_own() -> None:
    """While staff derive, an anonymous derivation already running must not take half the processor."""
    gate = DerivationGate()
    mine = _priority()
    with gate.admit("address:10.0.0.1") as admitted:
        assert admitted
        assert gate.derive(_priority, returning=False) == ANONYMOUS_NICE
    with gate.admit("browser:ab", returning=True) as admitted:
        assert admitted
        assert gate.derive(_priority, returning=True) == mine
    assert _priority() == mine  # the request's own thread is untouched


def test_a_failed_anonymous_derivation_raises_in_the_request() -> None:
    def wrong() -> None:
        raise UnlockFailed()

    gate = DerivationGate()
    with gate.admit("address:10.0.0.2") as admitted:
        assert admitted
        with pytest.raises(UnlockFailed):
            gate.derive(wrong, returning=False)


def test_a_staff_derivation_keeps_the_server_priority_while_requests_are_answered_below_it() -> None:
    """The web server's threads run at SERVING_NICE (a flood's "busy" answers cost processor time);
    a returning browser's derivation, asked for from such a thread, runs at the priority the gate
    was made with, and its failure reaches the request."""
    gate = DerivationGate()
    mine = _priority()
    seen: dict[str, object] = {}

    def request_thread() -> None:  # stands for waitress's main thread: its workers start from it
        serve_below_staff()
        seen["request"] = _priority()

        def worker() -> None:
            seen["worker"] = _priority()
            with gate.admit("browser:cd", returning=True) as admitted:
                assert admitted
                seen["staff"] = gate.derive(_priority, returning=True)
                try:
                    gate.derive(_wrong_passphrase, returning=True)
                except UnlockFailed:
                    seen["failed"] = True

        child = threading.Thread(target=worker)
        child.start()
        child.join(30)

    thread = threading.Thread(target=request_thread)  # the test's own thread cannot be raised again
    thread.start()
    thread.join(30)
    assert seen == {"request": max(mine, SERVING_NICE), "worker": max(mine, SERVING_NICE),
                    "staff": mine, "failed": True}
    assert _priority() == mine


def _wrong_passphrase() -> None:
    raise UnlockFailed()
