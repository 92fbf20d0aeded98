"""Two-person rule (S33) and the researcher's key opening only the reading room."""
from __future__ import annotations

import pytest

from keys.keyring import Role
from tests.release_world import PASSPHRASES, World, add
from vault import reading_room, releases, store
from vault.errors import InvalidInput, Locked, ReleaseBlocked, StorageError
from vault.releases import decisions


def _proposal(world: World) -> releases.Release:
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    return releases.propose(world.alice, tid)


def test_s33_author_cannot_approve_own_proposal(world: World) -> None:
    proposal = _proposal(world)
    with pytest.raises(ReleaseBlocked, match="two-person rule"):
        releases.approve(world.alice, proposal.id)
    assert releases.get(world.alice.conn, proposal.id).status == "proposed"


def test_s33_another_archivist_approves(world: World) -> None:
    proposal = _proposal(world)
    approved = releases.approve(world.bob, proposal.id)
    assert approved.status == "approved"
    assert (approved.proposed_by, approved.approved_by) == (world.alice.actor, world.bob.actor)


def test_s33_unapproved_release_cannot_be_published(world: World) -> None:
    proposal = _proposal(world)
    with pytest.raises(InvalidInput, match="only an approved release"):
        releases.publish(world.alice, proposal.id, accept_suppression=True)
    with pytest.raises(InvalidInput, match="only an approved release"):
        releases.publish(world.bob, proposal.id, accept_suppression=True)


def test_published_extract_carries_no_approver_ids(world: World) -> None:
    """Researchers and exports do not learn the archive's internal user ids (who approved stays in the vault)."""
    proposal = _proposal(world)
    releases.approve(world.bob, proposal.id)
    releases.generalise_text(world.bob, proposal.id, accept_suppression=True)
    done = releases.publish(world.bob, proposal.id, accept_suppression=True)
    room = reading_room.connect(world.archive, world.researcher_key())
    try:
        extract = reading_room.get(room, done.extract_id or "")
        everything = repr(reading_room.extracts(room))
    finally:
        room.close()
    assert extract.approvers == ()
    for actor in (world.alice.actor, world.bob.actor):
        assert actor not in everything
    assert releases.get(world.bob.conn, proposal.id).approved_by == world.bob.actor


def test_researcher_key_cannot_open_vault_file(world: World) -> None:
    """At file level: the researcher's keyslot yields RK, which opens reading-room.db and not vault.db."""
    unlocked = world.archive.unlock("rita", PASSPHRASES["rita"])
    assert unlocked.role is Role.RESEARCHER
    assert unlocked.secret == world.alice.secret("reading_room_key")
    assert unlocked.secret != world.alice.key
    with pytest.raises(StorageError, match="wrong key"):
        store.connect(world.archive.vault_path, unlocked.secret)
    with pytest.raises(Locked):
        world.archive.open_vault(unlocked)
    reading_room.ensure_reading_room(world.archive, world.alice.secret("reading_room_key"))
    room = reading_room.connect(world.archive, unlocked.secret)
    room.close()
    with pytest.raises(StorageError, match="wrong key"):
        store.connect(world.archive.reading_room_path, world.alice.key)


def test_researcher_cannot_act_on_releases(world: World) -> None:
    """Even handed a vault object, the researcher role is refused by the release steps."""
    proposal = _proposal(world)
    from dataclasses import replace

    as_researcher = replace(world.bob, role=Role.RESEARCHER)
    with pytest.raises(Locked):
        releases.approve(as_researcher, proposal.id)
