"""The release tests' world: a TEST_ONLY archive with an admin, two archivists and a researcher.

Built by tests/factories.py; ``record``, ``add`` and ``release`` are the factories' release
record, testimony and two-person release, with the world's archivists in their parts.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from keys.keyring import Role
from tests.factories import add_testimony, new_archive, open_as, publish_release
from tests.factories import release_record as record
from vault import records, releases
from vault.archive import Archive, OpenVault

PASSPHRASES = {"admin": "admin passphrase 1", "alice": "alice passphrase 1", "bob": "bob passphrase 12",
               "rita": "rita passphrase 12"}
ROLES = {"alice": Role.ARCHIVIST, "bob": Role.ARCHIVIST, "rita": Role.RESEARCHER}

__all__ = ["PASSPHRASES", "World", "add", "close_world", "make_world", "record", "release", "world"]


@dataclass
class World:
    archive: Archive
    alice: OpenVault  # archivist, proposes
    bob: OpenVault  # archivist, approves
    root: Path

    def researcher_key(self) -> bytes:
        return self.archive.unlock("rita", PASSPHRASES["rita"]).secret


def make_world(root: Path) -> World:
    archive = new_archive(root, admin="admin", passphrase=PASSPHRASES["admin"], threshold=1, share_count=1,
                          users={name: (role, PASSPHRASES[name]) for name, role in ROLES.items()}).archive
    alice = open_as(archive, "alice", PASSPHRASES["alice"])
    bob = open_as(archive, "bob", PASSPHRASES["bob"])
    return World(archive, alice, bob, root)


def close_world(world: World) -> None:
    world.alice.close()
    world.bob.close()


@pytest.fixture()
def world(tmp_path: Path) -> Iterator[World]:
    w = make_world(tmp_path / "archive")
    yield w
    close_world(w)


def add(world: World, rec: records.TestimonyInput | None = None) -> str:
    """Store ``rec`` (a :func:`record` by default) as alice."""
    return add_testimony(world.alice, rec or record())


def release(world: World, testimony_id: str, **publish_options: Any) -> releases.Release:
    """Accept all detections, propose (alice), approve (bob), generalise the text as the gate suggests,
    publish (bob)."""
    return publish_release(world.alice, world.bob, testimony_id, **publish_options)
