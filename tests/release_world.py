"""Fixtures for releases: a TEST_ONLY archive with an admin, two archivists and a researcher."""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from keys.keyring import Role
from keys.profiles import TEST_ONLY
from vault import archive as archive_api
from vault import records, releases, testimonies
from vault.archive import Archive, OpenVault
from vault.releases import decisions

PASSPHRASES = {"admin": "admin passphrase 1", "alice": "alice passphrase 1", "bob": "bob passphrase 12",
               "rita": "rita passphrase 12"}
_counter = itertools.count()


@dataclass
class World:
    archive: Archive
    alice: OpenVault  # archivist, proposes
    bob: OpenVault  # archivist, approves
    root: Path

    def researcher_key(self) -> bytes:
        return self.archive.unlock("rita", PASSPHRASES["rita"]).secret


def make_world(root: Path) -> World:
    created = archive_api.init(root, "admin", PASSPHRASES["admin"], threshold=1, share_count=1, profile=TEST_ONLY)
    archive = created.archive
    with archive.open_vault(archive.unlock("admin", PASSPHRASES["admin"])) as admin:
        archive_api.add_user(admin, "alice", PASSPHRASES["alice"], Role.ARCHIVIST)
        archive_api.add_user(admin, "bob", PASSPHRASES["bob"], Role.ARCHIVIST)
        archive_api.add_user(admin, "rita", PASSPHRASES["rita"], Role.RESEARCHER)
    alice = archive.open_vault(archive.unlock("alice", PASSPHRASES["alice"]))
    bob = archive.open_vault(archive.unlock("bob", PASSPHRASES["bob"]))
    return World(archive, alice, bob, root)


def close_world(world: World) -> None:
    world.alice.close()
    world.bob.close()


@pytest.fixture()
def world(tmp_path: Path) -> Iterator[World]:
    w = make_world(tmp_path / "archive")
    yield w
    close_world(w)


def record(text: str = "The witness left Hyesan in March 2008 after Kim Chol-su was arrested.", *,
           consent: str = "research", sex: str = "female", birth_year: int = 1980, exit_year: int = 2008,
           origin: str = "Musan", terms: tuple[str, ...] = (), language: str = "en",
           events: tuple[dict[str, Any], ...] = ({"violation_type": "arbitrary_detention", "date": "2007-05",
                                                 "place": "Onsong"},)) -> records.TestimonyInput:
    return records.parse({
        "language": language, "text": text, "consent": consent, "interview_date": "2020-01-02",
        "witness": {"name": f"Witness Nameless{next(_counter)}", "sex": sex, "birth_year": birth_year,
                    "origin": origin, "exit_year": exit_year},
        "sensitive_terms": list(terms), "events": list(events),
    })


def add(world: World, rec: records.TestimonyInput | None = None) -> str:
    return testimonies.add(world.alice.conn, rec or record(), actor=world.alice.actor)


def release(world: World, testimony_id: str, **publish_options: Any) -> releases.Release:
    """Accept all detections, propose (alice), approve (bob), generalise the text as the gate suggests,
    publish (bob)."""
    decisions.accept_all(world.alice.conn, testimony_id, actor=world.alice.actor)
    proposal = releases.propose(world.alice, testimony_id)
    releases.approve(world.bob, proposal.id)
    releases.generalise_text(world.bob, proposal.id, levels=publish_options.get("levels"),
                             accept_suppression=publish_options.get("accept_suppression"))
    return releases.publish(world.bob, proposal.id, **publish_options)
