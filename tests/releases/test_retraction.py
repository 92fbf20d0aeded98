"""Retraction removes an extract from the reading room, its index and its file pages (S09, S34)."""
from __future__ import annotations

from tests.release_world import World, add, record
from tests.releases import _pages
from vault import audit, reading_room, releases, room_search
from vault.redaction import Action, Decision
from vault.releases import decisions

CANARY = "Quorbleflaxium"
CANARY_KO = "꿹뚧뺣쀍"


def _publish_canary(world: World) -> releases.Release:
    tid = add(world, record(f"We hid the {CANARY} under the floor. 그날 {CANARY_KO} 이야기를 들었다.", language="ko"))
    review = decisions.review(world.alice.conn, tid, actor=world.alice.actor)
    # Keep every detection so the canary words certainly reach the released text.
    decisions.save(world.alice.conn, tid, [Decision(s, Action.KEEP, world.alice.actor) for s in review.undecided],
                   actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid)
    releases.approve(world.bob, proposal.id)
    return releases.publish(world.bob, proposal.id, accept_suppression=True)


def _room_state(world: World, rk: bytes) -> tuple[int, int, list[str]]:
    room = reading_room.connect(world.archive, rk)
    try:
        hits = len(room_search.search(room, CANARY)) + len(room_search.search(room, CANARY_KO))
        room.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, extract_search, 'row')")
        terms = [row[0] for row in room.execute("SELECT term FROM temp.vocab")]
        canary_terms = [t for t in terms if t in (CANARY.casefold(), CANARY_KO[:2], CANARY_KO[1:3])]
        return hits, room_search.count(room), canary_terms
    finally:
        room.close()


def test_s09_retraction_leaves_no_trace_in_reading_room_file(world: World) -> None:
    rk = world.researcher_key()
    published = _publish_canary(world)
    path = world.archive.reading_room_path
    before = _pages.plaintext(path, rk)
    # Positive control: the page reader sees the canary while it is published.
    assert CANARY.encode() in before and CANARY_KO.encode() in before
    hits, count, terms = _room_state(world, rk)
    assert hits == 2 and count == 1 and terms

    releases.retract(world.alice, published.id)

    hits, count, terms = _room_state(world, rk)
    assert (hits, count, terms) == (0, 0, [])
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    after = _pages.plaintext(path, rk)
    for needle in (CANARY.encode(), CANARY_KO.encode(), CANARY.casefold().encode(), CANARY_KO[:2].encode()):
        assert needle not in after
    raw = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert CANARY.encode() not in raw and CANARY_KO.encode() not in raw


def test_s34_consent_withdrawal_retracts_and_blocks_future_release(world: World) -> None:
    published = _publish_canary(world)
    testimony_id = published.testimony_id
    assert releases.withdraw_consent(world.alice, testimony_id) == [published.id]
    done = releases.get(world.alice.conn, published.id)
    assert done.status == "retracted" and done.retract_reason == "consent_withdrawn"
    hits, count, _ = _room_state(world, world.researcher_key())
    assert (hits, count) == (0, 0)
    actions = [(e.action, e.object) for e in audit.entries(world.alice.conn)]
    assert ("release.retract", f"release:{published.id}") in actions
    assert ("testimony.status", f"testimony:{testimony_id}") in actions


def test_every_release_step_is_audited_and_verifies(world: World) -> None:
    from vault.verify import verify_vault

    published = _publish_canary(world)
    releases.retract(world.alice, published.id)
    actions = [e.action for e in audit.entries(world.alice.conn) if e.object == f"release:{published.id}"]
    assert actions == ["release.propose", "release.approve", "release.publish", "release.retract"]
    assert verify_vault(world.alice).problems == []
    world.alice.conn.execute("UPDATE releases SET text = 'edited' WHERE id = ?", (published.id,))
    assert any(published.id in p for p in verify_vault(world.alice).problems)


def test_verify_reading_room_detects_rows_behind_the_vaults_back(world: World) -> None:
    published = _publish_canary(world)
    assert releases.verify_reading_room(world.alice) == []
    room = reading_room.connect(world.archive, world.researcher_key())
    try:
        room.execute("UPDATE extracts SET text = 'forged' WHERE id = ?", (published.extract_id,))
    finally:
        room.close()
    problems = releases.verify_reading_room(world.alice)
    assert any("differs from the signed manifest" in p for p in problems)
    releases.sync(world.alice)  # the vault is the source of truth: sync puts the published row back
    assert releases.verify_reading_room(world.alice) == []
