"""The real `testimony serve` process (waitress) over a private copy of the populated archive.

Requests go over real sockets; the server runs with TMPDIR set to a folder the test owns, so the
test can look for plaintext in it and in the files the process holds open.
"""
from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from keys import totp
from tests import factories
from tests.adversary.conftest import PASS, Populated

_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
REPO = Path(__file__).resolve().parents[2]
START_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    root: Path
    tmpdir: Path

    def open_files(self) -> list[str]:
        """Where each file descriptor of the server process points."""
        fd_dir = Path(f"/proc/{self.process.pid}/fd")
        targets = []
        for fd in fd_dir.iterdir():
            try:
                targets.append(os.readlink(fd))
            except OSError:
                continue  # closed between listing and reading
        return targets

    def held_file_bytes(self) -> bytes:
        """The contents of every regular file (deleted or not) the server holds open outside the archive."""
        data = b""
        for fd in Path(f"/proc/{self.process.pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
                if not target.startswith("/") or target.startswith(str(self.root)) or target.startswith("/dev"):
                    continue
                data += fd.read_bytes()
            except OSError:
                continue
        return data


def copy_archive(populated: Populated, where: Path) -> Path:
    return factories.copy_archive(populated.archive.root, where / "archive")


@contextmanager
def serve(populated: Populated, where: Path) -> Iterator[Server]:
    root = where / "archive"
    if not root.exists():  # a test may have prepared its copy first (see copy_archive)
        copy_archive(populated, where)
    with serve_archive(root, where) as server:
        yield server


@contextmanager
def serve_archive(root: Path, where: Path) -> Iterator[Server]:
    """`testimony serve` of the archive at ``root`` on a free loopback port (its files under ``where``)."""
    tmpdir = where / "server-tmp"
    tmpdir.mkdir(mode=0o700)
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONPATH": str(REPO), "TESTIMONY_SECRET_KEY": "ab" * 32}
    log = where / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-c", "from cli import main; main()", "--archive", str(root), "serve",
             "--port", str(port)], env=env, stdout=sink, stderr=sink)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:  # readiness: the port accepts connections
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(log.read_text(errors="replace")) from None
                time.sleep(0.05)
        yield Server(process, port, root, tmpdir)
    finally:
        process.terminate()
        process.wait(timeout=30)


def server_has_read(server: Server, client: socket.socket) -> None:
    """Wait until the server has taken every byte the client sent out of its receive queue."""
    local = f"{server.port:04X}"
    remote = f"{client.getsockname()[1]:04X}"
    deadline = time.monotonic() + START_SECONDS
    while True:
        queued = None
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[1].endswith(":" + local) and fields[2].endswith(":" + remote):
                queued = int(fields[4].split(":")[1], 16)
        assert queued is not None, "the connection is gone"
        if queued == 0:
            return
        assert time.monotonic() < deadline, f"the server left {queued} bytes unread"
        time.sleep(0.02)


@dataclass
class Browser:
    """A minimal cookie-keeping HTTP client for one user."""
    server: Server
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 30  # seconds a request may wait for its answer
    source: str = "127.0.0.1"  # the client's address (all of 127.0.0.0/8 is this machine)

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=self.timeout,
                                          source_address=(self.source, 0))
        headers = {"Cookie": self.cookie_header()} if self.cookies else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in header or "expires=Thu, 01 Jan 1970" in header:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response.status, text, dict(response.headers)

    def csrf(self, path: str) -> str:
        status, text, _ = self.request("GET", path)
        match = _CSRF.search(text)
        assert status == 200 and match is not None, f"{path}: {status}"
        return match.group(1)

    def sign_in(self, populated: Populated, user: str) -> None:
        token = self.csrf("/login")
        code = totp.code_at(populated.totp[user], time.time())
        status, text, _ = self.request("POST", "/login", {"csrf_token": token, "username": user,
                                                          "passphrase": PASS[user], "code": code})
        assert status in (302, 303), text[:500]
