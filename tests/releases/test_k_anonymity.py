"""k-anonymity of the reading room: after any sequence of publications and retractions,
every combination of quasi-identifier values shown occurs at least k times or is suppressed."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.release_world import close_world, make_world, record
from vault import anonymity, reading_room, releases, testimonies
from vault.anonymity import Levels, Origin, QiBase, Record
from vault.errors import ReleaseBlocked
from vault.releases import decisions, gate

ORIGINS = [Origin("North Hamgyong", "Northern border (DPRK)", "North Korea"),
           Origin("Ryanggang", "Northern border (DPRK)", "North Korea"),
           Origin("Pyongyang", "West and centre (DPRK)", "North Korea"), None]

bases = st.builds(QiBase, st.sampled_from(["female", "male", "unknown"]),
                  st.one_of(st.none(), st.integers(10, 70)), st.sampled_from(ORIGINS),
                  st.one_of(st.none(), st.integers(1995, 2020)))
levels = st.builds(Levels, st.integers(0, 1), st.integers(0, 3), st.integers(0, 3), st.integers(0, 3))


@given(st.lists(st.tuples(bases, levels), max_size=40), st.integers(2, 6))
def test_view_is_k_anonymous_for_any_records(items: list[tuple[QiBase, Levels]], k: int) -> None:
    records = [Record(str(i), base, lv) for i, (base, lv) in enumerate(items)]
    shown = anonymity.view(records, k)
    assert anonymity.is_k_anonymous([None if s is None else s.values for s in shown.values()], k)
    for r in records:
        s = shown[r.key]
        if s is None:
            continue
        # Never finer than the archivists approved, and the values are the record's own at those levels.
        assert s.levels.at_least(r.levels)
        assert s.values == anonymity.generalise(r.base, s.levels)


@given(st.lists(st.tuples(bases, levels), max_size=30), bases, levels, st.integers(2, 6))
def test_proposed_generalisation_restores_k(items: list[tuple[QiBase, Levels]], base: QiBase, start: Levels,
                                            k: int) -> None:
    others = [Record(str(i), b, lv) for i, (b, lv) in enumerate(items)]
    candidate = Record("c", base, start)
    size, proposal = anonymity.assess(candidate, others, k)
    if size >= k or proposal is None:
        return
    assert proposal.levels.at_least(start) and proposal.class_size >= k
    shown = anonymity.view([*others, Record("c", base, proposal.levels)], k)["c"]
    assert shown is not None and shown.levels == proposal.levels


def test_gate_proposal_names_the_least_generalisation() -> None:
    nhg = ORIGINS[0]
    others = [Record(str(i), QiBase("female", 28, nhg, 2008), anonymity.DEFAULT_LEVELS) for i in range(4)]
    size, proposal = anonymity.assess(Record("c", QiBase("female", 23, nhg, 2003), Levels()), others, 5)
    assert size == 1 and proposal is not None
    assert proposal.levels == Levels(age_band=1, exit_period=1)
    assert proposal.values == ("female", "20-29", "North Hamgyong", "2000-2009") and proposal.class_size == 5


_ops = st.lists(
    st.one_of(
        st.tuples(st.just("publish"), st.sampled_from(["female", "male"]), st.sampled_from([1975, 1980]),
                  st.sampled_from([2005, 2008, 2012]), st.sampled_from(["Musan", "Hyesan", "Pyongyang"]),
                  levels, st.booleans(), st.booleans()),
        st.tuples(st.just("retract"), st.integers(0, 20)),
    ),
    min_size=1, max_size=7,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ops, st.integers(2, 3))
def test_reading_room_k_anonymous_after_any_sequence(ops: list[tuple[object, ...]], k: int) -> None:
    """Publish (the gate's proposal or suppression when it refuses) and retract in any order."""
    with tempfile.TemporaryDirectory() as tmp:
        world = make_world(Path(tmp) / "archive")
        try:
            rk = world.researcher_key()
            releases.set_k(world.alice, k)
            published: list[str] = []
            for op in ops:
                if op[0] == "publish":
                    _, sex, birth, exit_year, origin, lv, accept, take_proposal = op
                    rec = record("We crossed the river at night.", sex=str(sex), birth_year=int(str(birth)),
                                 exit_year=int(str(exit_year)), origin=str(origin))
                    tid = testimonies.add(world.alice.conn, rec, actor=world.alice.actor)
                    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
                    proposal = releases.propose(world.alice, tid, levels=lv)  # type: ignore[arg-type]
                    releases.approve(world.bob, proposal.id)
                    try:
                        releases.publish(world.bob, proposal.id, accept_suppression=bool(accept))
                    except ReleaseBlocked as exc:
                        assert all(r.startswith("k-anonymity") for r in exc.reasons)
                        (reason,) = releases.check(world.bob, proposal.id)
                        assert reason.code == gate.K_ANONYMITY
                        if take_proposal and reason.proposal is not None:
                            releases.publish(world.bob, proposal.id, levels=reason.proposal.levels)
                        else:
                            releases.publish(world.bob, proposal.id, accept_suppression=True)
                    published.append(proposal.id)
                elif published:
                    index = int(str(op[1])) % len(published)
                    releases.retract(world.alice, published.pop(index))
                room = reading_room.connect(world.archive, rk)
                try:
                    rows = reading_room.extracts(room)
                finally:
                    room.close()
                assert len(rows) == len(published)
                shown = [None if e.qi_suppressed else (e.sex, e.age_band, e.origin_region, e.exit_period)
                         for e in rows]
                assert anonymity.is_k_anonymous(shown, k)
                assert all((e.sex, e.age_band, e.origin_region, e.exit_period) == ("*",) * 4
                           for e in rows if e.qi_suppressed)
        finally:
            close_world(world)
