"""First redaction-workbench load after the web server has started (issue: 3.6 s before).

Builds a demo archive (TEST_ONLY key profile: sign-in is not what is measured), starts
the real ``testimony serve`` in a child process, waits for its start-up to finish (the
"serving" line and the Korean name finder's "ready" line), signs an archivist in over
HTTP and times the first and second GET of a Korean testimony's workbench.

    .venv/bin/python bench/bench_workbench.py [--count 30] [--rounds 3]
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cli import demo  # noqa: E402
from keys import totp  # noqa: E402
from keys.profiles import TEST_ONLY  # noqa: E402

_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
_BENCH = re.compile(r'href="(/archivist/testimony/[^"?]+)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_listening(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"the server did not listen on port {port}") from None
            time.sleep(0.05)


def one_round(root: Path, archivist: demo.DemoAccount) -> tuple[float, float, float]:
    """Return (start-up seconds, first workbench load s, second load s)."""
    port = _free_port()
    env = {**os.environ, "TESTIMONY_SECRET_KEY": secrets.token_hex(32), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-c", "from cli import main; main()", "--archive", str(root),
                               "serve", "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        seen = set()
        for line in server.stderr:
            if line.startswith("serving "):
                seen.add("serving")
            if line.startswith("Korean name finder ready"):
                seen.add("ready")
            if seen == {"serving", "ready"}:
                break
        _wait_listening(port)  # waitress binds after printing "serving"
        startup = time.perf_counter() - started
        url = f"http://127.0.0.1:{port}"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        login = opener.open(url + "/login", timeout=60).read().decode()
        code = totp.code_at(totp.from_base32(archivist.totp_secret), time.time())
        form = {"csrf_token": _CSRF.search(login).group(1), "username": archivist.user,  # type: ignore[union-attr]
                "passphrase": archivist.passphrase, "code": code}
        home = opener.open(url + "/login", data=urllib.parse.urlencode(form).encode(), timeout=60).read().decode()
        links = _BENCH.findall(home)
        if not links:
            raise SystemExit("no testimony on the archivist's home page (sign-in failed?)")
        times = []
        for _ in range(2):
            t = time.perf_counter()
            opener.open(url + links[0], timeout=60).read()
            times.append(time.perf_counter() - t)
        return startup, times[0], times[1]
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=30, help="demo testimonies")
    parser.add_argument("--rounds", type=int, default=3, help="server starts (a TOTP step apart each)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-workbench-"))
    try:
        run(folder, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, args: argparse.Namespace) -> None:
    made = demo.create(folder / "archive", args.count, seed=1, profile=TEST_ONLY)
    archivists = [a for a in made.accounts if a.role == "archivist"]
    results = []
    for n in range(args.rounds):
        if n:  # one sign-in per TOTP step and account (replays are refused)
            step = totp.step_at(time.time())
            while totp.step_at(time.time()) == step:
                time.sleep(0.5)
        results.append(one_round(folder / "archive", archivists[n % len(archivists)]))
        print(f"round {n + 1}: start-up finished after {results[-1][0]:.2f} s; first workbench load "
              f"{results[-1][1] * 1000:.0f} ms, second {results[-1][2] * 1000:.0f} ms", flush=True)
    print(f"median first workbench load after start-up: {statistics.median(r[1] for r in results) * 1000:.0f} ms "
          f"(second load {statistics.median(r[2] for r in results) * 1000:.0f} ms; load average "
          f"{os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
