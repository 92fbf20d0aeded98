"""Issue finding: the web server must never spill a request or response body to a temporary file.

Through the real `testimony serve` process (waitress): a slow upload of a body over waitress's
default in-memory limit, a slow download of a page over its default output limit, both held
open while the test reads every file the server holds and its TMPDIR; an anonymous oversized
POST is refused before it is read.
"""
from __future__ import annotations

import socket
import time
from dataclasses import replace
from pathlib import Path

from tests.adversary._live import Browser, Server, copy_archive, serve, server_has_read
from tests.adversary.conftest import PASS, Populated
from tests.factories import CANARY_HANGUL, CANARY_LATIN, canary_record
from vault import testimonies
from vault.archive import Archive
from webui.config import DEFAULT_MAX_UPLOAD

MiB = 1024 * 1024


def _nothing_spilled(server: Server, canary: bytes) -> None:
    targets = server.open_files()
    assert not [t for t in targets if "(deleted)" in t or t.startswith(str(server.tmpdir))], targets
    assert canary not in server.held_file_bytes()
    for path in server.tmpdir.rglob("*"):
        assert path.is_dir() or canary not in path.read_bytes(), path


def _read_until(sock: socket.socket, marker: bytes, data: bytes = b"") -> bytes:
    while marker not in data:
        chunk = sock.recv(65536)
        assert chunk, data[:300]
        data += chunk
    return data


def test_slow_upload_stays_in_memory(populated: Populated, tmp_path: Path) -> None:
    """A 1.5 MiB body holding a canary, sent slowly and held unfinished: no byte of it on a disk."""
    canary = CANARY_LATIN.encode()
    body = (b"x" * 1000 + canary) * 1500
    with serve(populated, tmp_path) as server, socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                     b"Content-Length: %d\r\n\r\n" % (len(body) + 100))
        sock.sendall(body)  # the last 100 bytes never come: the server holds the request open
        server_has_read(server, sock)
        _nothing_spilled(server, canary)


def test_slow_download_stays_in_memory(populated: Populated, tmp_path: Path) -> None:
    """A workbench page of about 6 MB holding a canary, read slowly: the unsent rest is not on a disk."""
    canary = CANARY_HANGUL.encode()
    archive = Archive(copy_archive(populated, tmp_path))
    alice = archive.open_vault(archive.unlock("alice", PASS["alice"]))
    try:
        text = f"[SYNTHETIC TEST] {CANARY_LATIN} {CANARY_HANGUL} " + "혜산" * 499_000
        testimony_id = testimonies.add(alice.conn, replace(canary_record(), text=text), actor=alice.actor)
    finally:
        alice.close()
    with serve(populated, tmp_path) as server:
        browser = Browser(server, timeout=300)  # a million characters take a slow machine a while to read
        browser.sign_in(populated, "alice")
        # the Korean analyser loads in the background at start-up; until then the workbench is a
        # short progress page: ask until the real page is served (each answer is a real request)
        deadline = time.monotonic() + 180
        while 'id="preparing"' in browser.request("GET", f"/archivist/testimony/{testimony_id}")[1]:
            assert time.monotonic() < deadline, "the Korean analyser never finished loading"
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 * 1024)  # a client that reads slowly
        sock.connect(("127.0.0.1", server.port))
        with sock:
            sock.sendall(f"GET /archivist/testimony/{testimony_id} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         f"Cookie: {browser.cookie_header()}\r\n\r\n".encode())
            received = _read_until(sock, b"\r\n\r\n")
            head = received.split(b"\r\n\r\n")[0]
            assert head.startswith(b"HTTP/1.1 200"), head[:300]
            length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
            assert length > 4 * MiB  # more than the kernel takes into its socket buffers
            # headers may go out before the body is handed to the server: wait for body bytes
            _read_until(sock, b"<main", received)
            _nothing_spilled(server, canary)


def test_anonymous_oversized_post_is_refused_unread(populated: Populated, tmp_path: Path) -> None:
    """A POST to /login announcing more than the upload limit is answered 413 before its body is sent."""
    with serve(populated, tmp_path) as server, socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                     b"Content-Length: %d\r\n\r\n" % (2 * DEFAULT_MAX_UPLOAD))
        sock.sendall(b"y" * MiB)  # a first megabyte; the rest is never sent, the answer comes anyway
        head = _read_until(sock, b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 413"), head[:300]
        _nothing_spilled(server, b"y" * 4096)
