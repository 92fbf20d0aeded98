"""Sign-in under a flood of bogus logins (issue 18): staff sign-in time and server memory.

Builds an archive at the production key profile (Argon2id, 256 MiB per attempt) in a temporary
folder, serves it with the real `testimony serve` on loopback, and measures staff sign-ins
(passphrase and code, as a person does: on "busy" they wait as the page asks and try again):

- quiet: nothing else happens (the baseline, same run);
- with 8 and with 32 loops sending sign-ins with wrong passphrases as fast as they are
  answered, each loop from its own loopback address.

For each phase: sign-ins from browsers that signed in before (they go first) and from new
browsers (they wait with everyone else), and the server's resident memory (peak, sampled every
20 ms). Bounded: a fixed number of sign-ins per phase; nothing leaves the machine.

    .venv/bin/python bench/bench_signin_flood.py [--loops 8,32] [--sign-ins 8] [--new 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.adversary._flood import Account, Flood, sensitive_archive, sign_in  # noqa: E402
from tests.adversary._live import Browser, Server, serve_archive  # noqa: E402

MiB = 1024 * 1024
NEW_PATIENCE = 120  # seconds a new browser keeps trying before the benchmark counts it as shut out


class Memory(threading.Thread):
    """The server's resident memory, sampled until stopped; ``peak`` in MiB."""

    def __init__(self, server: Server) -> None:
        super().__init__(daemon=True)
        self.status = Path(f"/proc/{server.process.pid}/status")
        self.peak = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            for line in self.status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    self.peak = max(self.peak, int(line.split()[1]) / 1024)


def _free(accounts: list[Account]) -> Account:
    """An account with a code left in this half-minute (a browser's cookie names no account)."""
    while True:
        for account in accounts:
            try:
                account.next_code()
                return account
            except RuntimeError:
                continue
        time.sleep(1)  # every code of this half-minute is used: the next one comes (rare)


def _cpu_seconds(pid: int) -> float:
    """User and system processor time of a process so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _phase(server: Server, browsers: list[Browser], accounts: list[Account], new: int, source: int) -> dict[str, object]:
    memory = Memory(server)
    memory.start()
    started = time.monotonic()
    server_cpu, own_cpu = _cpu_seconds(server.process.pid), _cpu_seconds(os.getpid())
    returning = []
    retries = 0
    for i in range(len(browsers)):
        seconds, tries = sign_in(browsers[i], _free(accounts), deadline=time.monotonic() + 300)
        returning.append(seconds)
        retries += tries
    fresh = []
    fresh_retries = shut_out = 0
    for i in range(new):
        browser = Browser(server, source=f"127.0.{240 + source}.{1 + i}", timeout=300)
        # not the name the flood hammers: strangers have used up its count (its own browser has not)
        try:
            seconds, tries = sign_in(browser, _free(accounts[1:]), deadline=time.monotonic() + NEW_PATIENCE)
        except AssertionError:  # still "busy" after NEW_PATIENCE seconds of trying
            shut_out += 1
            continue
        fresh.append(seconds)
        fresh_retries += tries
    memory.stop.set()
    memory.join()
    wall = time.monotonic() - started
    return {"server_cores": (_cpu_seconds(server.process.pid) - server_cpu) / wall,
            "client_cores": (_cpu_seconds(os.getpid()) - own_cpu) / wall,
            "returning": returning, "retries": retries, "new": fresh, "new_retries": fresh_retries,
            "shut_out": shut_out,
            "peak_mib": memory.peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loops", default="8,32")
    parser.add_argument("--sign-ins", type=int, default=8, help="returning-browser sign-ins per phase")
    parser.add_argument("--new", type=int, default=3, help="new-browser sign-ins per phase")
    args = parser.parse_args()
    loops = [int(x) for x in args.loops.split(",") if x]
    with tempfile.TemporaryDirectory(prefix="bench-signin-") as folder:
        where = Path(folder)
        started = time.monotonic()
        # each account signs in at most three times a half-minute (one code per step, S17)
        accounts = sensitive_archive(where / "archive", staff=args.sign_ins + args.new)[1:]
        print(f"sign-in flood benchmark: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
              f"archive with {len(accounts)} staff at the production key profile built in "
              f"{time.monotonic() - started:.0f} s", flush=True)
        with serve_archive(where / "archive", where) as server:
            browsers = [Browser(server, source=f"127.0.250.{1 + i}", timeout=300) for i in range(args.sign_ins)]
            rows = [("quiet", 0, _phase(server, browsers, accounts, args.new, 0), 0.0)]
            for n, count in enumerate(loops, start=1):
                with Flood(server, count, known=accounts[0].name) as flood:
                    flood.wait_until_busy(count)
                    before, t0 = flood.busy_answers(), time.monotonic()
                    result = _phase(server, browsers, accounts, args.new, n)
                    rate = (flood.busy_answers() - before) / (time.monotonic() - t0)
                rows.append((f"{count} loops", count, result, rate))
        quiet = statistics.median(rows[0][2]["returning"])  # type: ignore[arg-type]
        quiet_new = statistics.median(rows[0][2]["new"])  # type: ignore[arg-type]
        print()
        print("| phase | returning browser: median s (max) | x quiet | retries | new browser: median s (max) "
              f"| x quiet | retries | new browsers still busy after {NEW_PATIENCE} s | busy answers/s "
              "| server memory peak MiB | cores used: server, load generator |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for name, _, r, rate in rows:
            ret, fresh = r["returning"], r["new"]
            new_cells = (f"{statistics.median(fresh):.2f} ({max(fresh):.2f}) | {statistics.median(fresh) / quiet_new:.2f}"
                         if fresh else "- | -")
            print(f"| {name} | {statistics.median(ret):.2f} ({max(ret):.2f}) | {statistics.median(ret) / quiet:.2f} "
                  f"| {r['retries']} | {new_cells} | {r['new_retries']} | {r['shut_out']} of {len(fresh) + r['shut_out']} "
                  f"| {rate:.1f} | {r['peak_mib']:.0f} | {r['server_cores']:.2f}, {r['client_cores']:.2f} |")
        print(f"\nload average at the end {os.getloadavg()[0]:.1f}; whole run {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
