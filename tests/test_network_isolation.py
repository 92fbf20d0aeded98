"""The suite runs with no network but loopback (S23), as `make test` arranges."""
from __future__ import annotations

import socket
from pathlib import Path


def test_s23_only_loopback_is_reachable() -> None:
    """Fails when the suite is run outside `make test`'s private network namespace."""
    interfaces = [line.split(":")[0].strip() for line in Path("/proc/net/dev").read_text().splitlines()[2:]]
    assert interfaces == ["lo"], (
        f"network interfaces {interfaces}: run the suite with `make test`, which isolates it from the network"
    )
    routes = Path("/proc/net/route").read_text().splitlines()[1:]
    assert routes == [], "a route to another network exists"


def test_s23_loopback_still_works_for_the_web_tests() -> None:
    server = socket.socket()
    try:
        server.bind(("127.0.0.1", 0))
        server.listen()
        client = socket.create_connection(server.getsockname(), timeout=5)
        client.close()
    finally:
        server.close()
