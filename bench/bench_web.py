"""Load benchmark of the researcher pages over loopback (issue 4), and the S16 timing check.

Builds a demo archive (TEST_ONLY key profile, so sign-in is cheap), serves it with
waitress on 127.0.0.1 in this process, signs in N researcher sessions (one per
client), then N threads hammer the search page (English and Korean queries) and
extract pages for a bounded time. Prints requests per second and p50/p95 latency.

Then S16: median time of failed sign-ins for an unknown user vs a wrong passphrase.

Then the everyday pages of the other roles (issue 15), one client at a time, ``--rounds`` each:
the interviewer's form, a refused submission (the 303 and the page after it, which shows what
was typed), a saved draft (the 303 and the draft's page); the archivist's workbench and its
"Show preview" (the 303 and the workbench with the unsaved choices); the admin's backups
page. Each is printed in ms (p50, p95, max) and as a ratio of the sign-in page's p50 measured in
the same run (the baseline); the target is an answer under 0.5 s.

    .venv/bin/python bench/bench_web.py [--clients 20] [--seconds 10] [--count 200]
"""
from __future__ import annotations

import argparse
import http.client
import json
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cli import demo  # noqa: E402
from keys import totp  # noqa: E402
from keys.profiles import TEST_ONLY  # noqa: E402
from webui import WebConfig, create_app  # noqa: E402

QUERIES = ("detention", "Hyesan", "border", "market", "혜산", "보위부", "수용소", "China", "police", "어머니")
_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
_EXTRACT = re.compile(r'href="/research/extract/([A-Za-z0-9_-]+)"')


class Clock:
    """Real time plus an offset the benchmark moves forward so every sign-in gets its own TOTP step."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


class Browser:
    """One keep-alive HTTP connection with a cookie jar of one cookie."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""

    location = ""

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        self.location = response.getheader("Location") or ""
        set_cookie = response.getheader("Set-Cookie")
        if set_cookie:
            self.cookie = set_cookie.split(";", 1)[0]
        return response.status, text

    def sign_in(self, user: str, passphrase: str, code: str) -> int:
        _, page = self.request("GET", "/login")
        token = _CSRF.search(page).group(1)  # type: ignore[union-attr]
        status, _ = self.request("POST", "/login", {"csrf_token": token, "username": user,
                                                   "passphrase": passphrase, "code": code})
        return status


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--count", type=int, default=200, help="synthetic testimonies in the demo archive")
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    parser.add_argument("--s16-tries", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=30, help="requests per everyday page")
    args = parser.parse_args()

    import logging

    import waitress.server

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # queueing is what we measure

    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        started = time.perf_counter()
        built = demo.create(Path(tmp) / "archive", args.count, seed=1, profile=TEST_ONLY)
        print(f"demo archive: {len(built.testimony_ids)} testimonies, {len(built.published)} published extracts "
              f"({time.perf_counter() - started:.1f} s)")
        researcher = next(a for a in built.accounts if a.role == "researcher")
        secret = totp.from_base32(researcher.totp_secret)
        clock = Clock()
        app = create_app(WebConfig(archive=built.archive.root, secret_key=b"b" * 32, clock=clock))
        port = _free_port()
        server = waitress.server.create_server(app, host="127.0.0.1", port=port, threads=args.threads, ident="")
        threading.Thread(target=server.run, daemon=True).start()

        browsers = []
        for _ in range(args.clients):
            clock.offset += totp.STEP_SECONDS
            browser = Browser(port)
            status = browser.sign_in(researcher.user, researcher.passphrase, totp.code_at(secret, clock()))
            if status not in (302, 303):
                raise SystemExit(f"researcher sign-in failed with HTTP {status}")
            browsers.append(browser)
        _, page = browsers[0].request("GET", "/research/")
        ids = _EXTRACT.findall(page)
        if not ids:
            raise SystemExit("the demo reading room holds no extracts")

        latencies: dict[str, list[float]] = {"search": [], "extract": []}
        errors = [0]
        lock = threading.Lock()
        deadline = time.perf_counter() + args.seconds

        def run(index: int, browser: Browser) -> None:
            n = index
            local: dict[str, list[float]] = {"search": [], "extract": []}
            while time.perf_counter() < deadline:
                n += 1
                if n % 2:
                    kind, path = "search", "/research/?" + urlencode({"q": QUERIES[n % len(QUERIES)]})
                else:
                    kind, path = "extract", f"/research/extract/{ids[n % len(ids)]}"
                begin = time.perf_counter()
                status, _ = browser.request("GET", path)
                local[kind].append(time.perf_counter() - begin)
                if status != 200:
                    with lock:
                        errors[0] += 1
            with lock:
                for kind, values in local.items():
                    latencies[kind].extend(values)

        threads = [threading.Thread(target=run, args=(i, b)) for i, b in enumerate(browsers)]
        begin = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - begin
        total = sum(len(v) for v in latencies.values())
        result = {"clients": args.clients, "seconds": round(elapsed, 2), "waitress_threads": args.threads,
                  "extracts": len(built.published), "requests": total,
                  "requests_per_second": round(total / elapsed, 1), "errors": errors[0]}
        for kind, values in latencies.items():
            result[f"{kind}_p50_ms"] = round(_percentile(values, 0.50) * 1000, 1)
            result[f"{kind}_p95_ms"] = round(_percentile(values, 0.95) * 1000, 1)
        everything = latencies["search"] + latencies["extract"]
        result["all_p95_ms"] = round(_percentile(everything, 0.95) * 1000, 1)

        # S16: unknown user vs wrong passphrase, median over N tries each, through HTTP.
        probe = Browser(port)
        timings: dict[str, list[float]] = {"unknown_user": [], "wrong_passphrase": []}
        for i in range(args.s16_tries):
            for kind, user in (("unknown_user", f"nobody-{i}"), ("wrong_passphrase", researcher.user)):
                if i and i % 5 == 0:
                    clock.offset += 61  # stay under the throttle (5 failures a minute per name)
                _, page = probe.request("GET", "/login")
                token = _CSRF.search(page).group(1)  # type: ignore[union-attr]
                start = time.perf_counter()
                probe.request("POST", "/login", {"csrf_token": token, "username": user,
                                                 "passphrase": "wrong passphrase", "code": "000000"})
                timings[kind].append(time.perf_counter() - start)
        unknown = statistics.median(timings["unknown_user"]) * 1000
        wrong = statistics.median(timings["wrong_passphrase"]) * 1000
        result["s16_median_unknown_user_ms"] = round(unknown, 2)
        result["s16_median_wrong_passphrase_ms"] = round(wrong, 2)
        result["s16_median_difference_ms"] = round(abs(unknown - wrong), 2)
        result["everyday_pages"] = _everyday_pages(port, built, clock, args.rounds)
        # the daemon server thread ends with the process (closing its socket mid-poll is noisy)
    print(json.dumps(result, indent=1))


def _signed_in(port: int, built: demo.Demo, clock: Clock, role: str) -> tuple[Browser, str]:
    account = next(a for a in built.accounts if a.role == role)
    clock.offset += totp.STEP_SECONDS
    browser = Browser(port)
    status = browser.sign_in(account.user, account.passphrase,
                             totp.code_at(totp.from_base32(account.totp_secret), clock()))
    if status not in (302, 303):
        raise SystemExit(f"{role} sign-in failed with HTTP {status}")
    _, page = browser.request("GET", browser.location)  # the role's home page, after the sign-in's redirect
    return browser, _CSRF.search(page).group(1)  # type: ignore[union-attr]


def _everyday_pages(port: int, built: demo.Demo, clock: Clock, rounds: int) -> dict[str, object]:
    """Latency of the pages issue 15 touched, one request at a time, against the sign-in page."""
    form = {"language": "en", "consent": "research", "witness_birth_year": "nineteen-eighty",
            "text": "[SYNTHETIC DEMO] " + "The night we crossed the river. " * 200}
    inter, inter_token = _signed_in(port, built, clock, "interviewer")
    arch, arch_token = _signed_in(port, built, clock, "archivist")
    admin, _ = _signed_in(port, built, clock, "admin")
    testimony = built.testimony_ids[0]
    _, bench = arch.request("GET", f"/archivist/testimony/{testimony}")
    choices = {name: "keep" for name in re.findall(r'<select name="((?:group|action)_[^"]+)"', bench)[:3]}
    def then_page(browser: Browser, path: str, data: dict[str, str]) -> int:
        """A form post and the page its 303 leads to (what the person waits for)."""
        status, _ = browser.request("POST", path, data)
        if status != 303:
            return status
        return browser.request("GET", browser.location)[0]

    def refused_page() -> int:
        return then_page(inter, "/interviewer/submit", {"csrf_token": inter_token, **form})

    steps: dict[str, object] = {
        "sign-in page (baseline)": lambda: Browser(port).request("GET", "/login")[0],
        "interviewer form": lambda: inter.request("GET", "/interviewer/new")[0],
        "refused submit: 303 + page with what was typed": refused_page,
        "save draft: 303 + the draft's page": lambda: then_page(inter, "/interviewer/save",
                                                               {"csrf_token": inter_token, **form}),
        "workbench": lambda: arch.request("GET", f"/archivist/testimony/{testimony}")[0],
        "show preview: 303 + workbench with the choices": lambda: then_page(
            arch, f"/archivist/testimony/{testimony}/preview", {"csrf_token": arch_token, **choices}),
        "admin backups": lambda: admin.request("GET", "/admin/backups")[0],
    }
    out: dict[str, object] = {}
    baseline = 0.0
    for name, step in steps.items():
        times = []
        for _ in range(rounds):
            begin = time.perf_counter()
            status = step()  # type: ignore[operator]
            times.append(time.perf_counter() - begin)
            if status != 200:
                raise SystemExit(f"{name}: HTTP {status}")
        p50 = _percentile(times, 0.5)
        baseline = baseline or p50
        out[name] = {"p50_ms": round(p50 * 1000, 1), "p95_ms": round(_percentile(times, 0.95) * 1000, 1),
                     "max_ms": round(max(times) * 1000, 1), "x_baseline": round(p50 / baseline, 1),
                     "under_0.5_s": max(times) < 0.5}
    return out


if __name__ == "__main__":
    main()
