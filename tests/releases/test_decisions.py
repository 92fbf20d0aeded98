"""Redaction decisions stored in the vault: who, when, audited, rechecked by verify."""
from __future__ import annotations

from tests.release_world import World, add, record
from vault import audit, releases, testimonies
from vault.redaction import Action
from vault.releases import decisions
from vault.verify import DIGESTS, verify_vault


def test_decisions_are_audited_and_verified(world: World) -> None:
    assert releases.KIND in DIGESTS and decisions.KIND in DIGESTS
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    entries = [e for e in audit.entries(world.alice.conn) if e.action == "decisions.save"]
    assert [e.object for e in entries] == [f"decisions:{tid}@1"]
    assert entries[0].actor == world.alice.actor
    assert verify_vault(world.alice).problems == []
    world.alice.conn.execute("UPDATE redaction_decisions SET decisions = '[]' WHERE testimony_id = ?", (tid,))
    assert any(f"decisions:{tid}@1" in p for p in verify_vault(world.alice).problems)


def test_decisions_record_who_and_when(world: World) -> None:
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    first = decisions.load(world.alice.conn, tid)
    assert first and {d["decided_by"] for d in first} == {world.alice.actor}
    # Bob adds a manual span: Alice's decisions keep their author and time.
    manual = decisions.manual(4, 11, "ORG", Action.MASK, decided_by=world.bob.actor)
    current = decisions.review(world.bob.conn, tid, actor=world.bob.actor)
    decisions.save(world.bob.conn, tid, [*current.decisions, manual], actor=world.bob.actor)
    second = decisions.load(world.bob.conn, tid)
    kept = {(d["start"], d["end"]): (d["decided_by"], d["decided_at"]) for d in first}
    for item in second:
        if (item["start"], item["end"]) in kept:
            assert (item["decided_by"], item["decided_at"]) == kept[(item["start"], item["end"])]
    assert any(d["detector"] == "manual" and d["decided_by"] == world.bob.actor for d in second)


def test_decisions_carry_over_to_a_revision(world: World) -> None:
    """After a revision, string-scoped and manual decisions follow their strings; the rest is undecided."""
    tid = add(world, record("The cook Dalgona fed us."))
    review = decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    text = review.text
    start = text.index("cook")
    decisions.save(world.alice.conn, tid,
                   [*review.decisions, decisions.manual(start, start + 4, "ORG", Action.MASK,
                                                        decided_by=world.alice.actor)],
                   actor=world.alice.actor)
    testimonies.revise(world.alice.conn, tid, "Later, the cook Dalgona fed us.", actor=world.alice.actor)
    again = decisions.review(world.alice.conn, tid, actor=world.alice.actor)
    assert again.version == 2
    moved = [d for d in again.decisions if d.span.detector == "manual"]
    assert moved and again.text[moved[0].span.start:moved[0].span.end] == "cook"
