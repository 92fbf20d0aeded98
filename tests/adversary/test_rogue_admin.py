"""Adversary: one administrator tries to publish alone, around the two-person rule (S33).

Before the fix an administrator could approve an archivist's proposal, and one admin
could create an archivist account on the command line, approve their own proposal with
it and publish. The approver must be an archivist other than the proposer, not created
by the proposer, and not created after the proposal.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from keys.keyring import Role
from tests.factories import add_users, open_as
from tests.release_world import PASSPHRASES, World, add, close_world, make_world
from vault import releases
from vault.anonymity import Levels
from vault.archive import OpenVault
from vault.errors import ReleaseBlocked
from vault.releases import decisions

MALLORY = "mallory passphrase 1"


@pytest.fixture()
def world(tmp_path: Path) -> Iterator[World]:
    w = make_world(tmp_path / "archive")
    yield w
    close_world(w)


def _admin(world: World) -> OpenVault:
    return open_as(world.archive, "admin", PASSPHRASES["admin"])


def _cli(world: World, user: str, passphrase: str, *args: str) -> tuple[int, str]:
    secret = world.root.parent / f"{user}.pass"
    secret.write_text(passphrase + "\n")
    result = CliRunner().invoke(main, ["--archive", str(world.archive.root), "--user", user,
                                       "--passphrase-file", str(secret), *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_admin_cannot_approve_an_archivists_proposal(world: World) -> None:
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid)
    code, out = _cli(world, "admin", PASSPHRASES["admin"], "release", "approve", proposal.id)
    assert code == 1 and "administrator cannot" in out
    assert releases.get(world.alice.conn, proposal.id).status == "proposed"


def test_admin_cannot_approve_own_proposal_with_an_account_they_create(world: World) -> None:
    """The attack of the report: admin proposes, creates an archivist on the CLI, approves with it, publishes."""
    tid = add(world)
    with _admin(world) as admin:
        decisions.accept_all(admin.conn, tid, actor=admin.actor)
        proposal = releases.propose(admin, tid)
    secret = world.root.parent / "new.pass"
    secret.write_text(MALLORY + "\n")
    code, out = _cli(world, "admin", PASSPHRASES["admin"], "passphrase", "add", "mallory", "--role", "archivist",
                     "--new-passphrase-file", str(secret))
    assert code == 0, out
    code, out = _cli(world, "mallory", MALLORY, "release", "approve", proposal.id)
    assert code == 1 and "created by the person who proposed" in out
    code, out = _cli(world, "mallory", MALLORY, "release", "publish", proposal.id, "--accept-suppression")
    assert code == 1 and "only an approved release" in out
    assert releases.get(world.alice.conn, proposal.id).status == "proposed"


def test_account_created_after_the_proposal_cannot_approve_it(world: World) -> None:
    """Even created by someone else: an account made after the proposal is not an independent second person."""
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid)
    with _admin(world) as admin:
        add_users(admin, {"mallory": (Role.ARCHIVIST, MALLORY)})
    with world.archive.open_vault(world.archive.unlock("mallory", MALLORY)) as mallory:
        with pytest.raises(ReleaseBlocked, match="created after this release was proposed"):
            releases.approve(mallory, proposal.id)
    approved = releases.approve(world.bob, proposal.id)  # an archivist who existed before still can
    assert approved.approved_by == world.bob.actor


def test_release_list_and_show_say_who_approved(world: World) -> None:
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid)
    releases.approve(world.bob, proposal.id)
    code, out = _cli(world, "alice", PASSPHRASES["alice"], "release", "list")
    assert code == 0 and "approved by bob" in out
    code, out = _cli(world, "alice", PASSPHRASES["alice"], "release", "show", proposal.id)
    assert code == 0 and "approved by bob" in out


def test_cli_approval_is_bound_to_the_content_hash_shown(world: World) -> None:
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid)
    code, out = _cli(world, "bob", PASSPHRASES["bob"], "release", "show", proposal.id, "--json")
    shown = json.loads(out)["content_hash"]
    releases.generalise_text(world.alice, proposal.id, levels=Levels(age_band=2))  # changed after bob read it
    code, out = _cli(world, "bob", PASSPHRASES["bob"], "release", "approve", proposal.id, "--content-hash", shown)
    assert code == 1 and "changed after it was shown" in out
    code, out = _cli(world, "bob", PASSPHRASES["bob"], "release", "show", proposal.id, "--json")
    code, out = _cli(world, "bob", PASSPHRASES["bob"], "release", "approve", proposal.id, "--content-hash",
                     json.loads(out)["content_hash"])
    assert code == 0, out
