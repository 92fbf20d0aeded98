"""The release gate: one failing case per reason, and the passing case."""
from __future__ import annotations

import pytest

from tests.release_world import World, add, record, release
from vault import anonymity, reading_room, releases, testimonies
from vault.anonymity import Levels, Origin, QiBase, Record
from vault.errors import ReleaseBlocked
from vault.redaction import Action, Decision, Span
from vault.releases import decisions, gate

NHG = Origin("North Hamgyong", "Northern border (DPRK)", "North Korea")


def _codes(exc: pytest.ExceptionInfo[ReleaseBlocked]) -> str:
    return " | ".join(exc.value.reasons)


def test_gate_passes_a_fully_decided_release(world: World) -> None:
    """Every span decided, no term readable, consent research, k met (with suppression accepted)."""
    tid = add(world)
    published = release(world, tid, accept_suppression=True)
    assert published.status == "published"
    room = reading_room.connect(world.archive, world.researcher_key())
    try:
        (extract,) = reading_room.extracts(room)
    finally:
        room.close()
    assert extract.id == published.extract_id and extract.id != tid
    assert "Kim Chol-su" not in extract.text and "Hyesan" not in extract.text


def test_gate_pure_check_passes_clean_input() -> None:
    facts = gate.GateInput(text="Person 12 left Ryanggang in 2008.", consent="public", status="in_review",
                           terms=["Kim Chol-su"])
    assert gate.check(facts) == []


def test_gate_refuses_undecided_span(world: World) -> None:
    """A detected span without a decision blocks the proposal; positions, not text, are named."""
    tid = add(world)
    with pytest.raises(ReleaseBlocked) as exc:
        releases.propose(world.alice, tid)
    assert "undecided spans" in _codes(exc)
    assert "Kim Chol-su" not in _codes(exc)


def test_gate_refuses_span_added_by_new_sensitive_term(world: World) -> None:
    """Decisions survive re-detection, but a string detected only now is undecided."""
    tid = add(world, record("The witness met the broker Dalgona near the river."))
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    with world.alice.conn:
        world.alice.conn.execute("INSERT INTO sensitive_terms (testimony_id, term) VALUES (NULL, 'river')")
    review = decisions.review(world.alice.conn, tid, actor=world.alice.actor)
    assert [s.label for s in review.undecided] == ["PERSON"]
    with pytest.raises(ReleaseBlocked, match="undecided spans: 1 detected"):
        releases.propose(world.alice, tid)


def test_s30_sensitive_term_left_readable_is_refused(world: World) -> None:
    """Rejecting the detection of a sensitive term leaves it readable: the gate refuses."""
    tid = add(world, record("My aunt Song-hwa stayed behind.", terms=("Song-hwa",)))
    review = decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    kept = [Decision(d.span, Action.KEEP, world.alice.actor) for d in review.decisions]
    decisions.save(world.alice.conn, tid, kept, actor=world.alice.actor)
    with pytest.raises(ReleaseBlocked) as exc:
        releases.propose(world.alice, tid)
    assert "sensitive term 1 of" in _codes(exc)
    assert "Song-hwa" not in _codes(exc)


@pytest.mark.parametrize("evasion", [
    "So\u200bng-hwa",  # zero-width space
    "Ｓｏｎｇ-ｈｗａ",  # full-width letters
    "Sоng-hwа",  # Cyrillic о and а
    "SONG HWA",  # case and separator
])
def test_s30_sensitive_term_caught_after_normalisation(evasion: str) -> None:
    facts = gate.GateInput(text=f"Her aunt {evasion} stayed.", consent="research", status="in_review",
                           terms=["Song-hwa"])
    assert gate.SENSITIVE_TERM in [r.code for r in gate.check(facts)]


def test_s30_archive_wide_term_checked(world: World) -> None:
    """A term on the archive-wide list is checked in every testimony."""
    tid = add(world, record("They took us to Sinuiju station."))
    with world.alice.conn:
        world.alice.conn.execute("INSERT INTO sensitive_terms (testimony_id, term) VALUES (NULL, 'Gorblax')")
    testimonies.revise(world.alice.conn, tid, "They took Gorblax to the station.", actor=world.alice.actor)
    review = decisions.review(world.alice.conn, tid, actor=world.alice.actor)
    assert "Gorblax" in review.terms
    decisions.save(world.alice.conn, tid, [Decision(s, Action.KEEP, "x") for s in review.undecided],
                   actor=world.alice.actor)
    with pytest.raises(ReleaseBlocked, match="sensitive term"):
        releases.propose(world.alice, tid)


def test_s31_bidi_and_zero_width_refused(world: World) -> None:
    """Text holding bidi or zero-width characters is refused, naming the code points."""
    tid = add(world, record("The train left at dawn.\u202e It was cold.\u200b"))
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    with pytest.raises(ReleaseBlocked) as exc:
        releases.propose(world.alice, tid)
    assert "U+202E" in _codes(exc) and "U+200B" in _codes(exc)


#: Found while attacking: invisible characters the first S31 list missed.
MORE_INVISIBLE = ["\u2061", "\u2062", "\u2063", "\u2064", "\u034f", "\ufe0f", "\ufe00", "\U000e0041",
                  "\U000e007f", "\U000e0100", "\u180e", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", MORE_INVISIBLE, ids=[f"U+{ord(c):04X}" for c in MORE_INVISIBLE])
def test_s31_every_invisible_character_refused(world: World, char: str) -> None:
    """Invisible operators, grapheme joiner, variation selectors, tags, U+180E and line separators are refused."""
    tid = add(world, record(f"The train left at dawn.{char} It was cold."))
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    with pytest.raises(ReleaseBlocked) as exc:
        releases.propose(world.alice, tid)
    assert f"U+{ord(char):04X}" in _codes(exc)


def test_s34_archive_only_never_released(world: World) -> None:
    tid = add(world, record(consent="archive_only"))
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    with pytest.raises(ReleaseBlocked, match="consent scope is 'archive_only'"):
        releases.propose(world.alice, tid)


def test_s34_withdrawn_consent_blocks_publication(world: World) -> None:
    """Consent withdrawn between approval and publication: the gate refuses at publish."""
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid)
    releases.approve(world.bob, proposal.id)
    world.alice.conn.execute("UPDATE testimonies SET status = 'withdrawn' WHERE id = ?", (tid,))
    with pytest.raises(ReleaseBlocked, match="withdrew consent"):
        releases.publish(world.bob, proposal.id, accept_suppression=True)


def test_k_anonymity_refused_with_generalisation_proposal(world: World) -> None:
    """With k=2, an extract alone in its class is refused and the proposed generalisation restores k."""
    releases.set_k(world.alice, 2)
    release(world, add(world, record("We crossed at night.", birth_year=1980, exit_year=2008)),
            accept_suppression=True)
    release(world, add(world, record("We crossed at night.", birth_year=1980, exit_year=2008)))
    tid = add(world, record("We crossed in winter.", birth_year=1980, exit_year=2003))
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid, levels=Levels())
    releases.approve(world.bob, proposal.id)
    reasons = releases.check(world.bob, proposal.id)
    assert [r.code for r in reasons] == [gate.K_ANONYMITY]
    assert reasons[0].proposal is not None
    assert reasons[0].proposal.levels == Levels(age_band=1, exit_period=1)
    with pytest.raises(ReleaseBlocked, match="--generalise age=1,exit=1"):
        releases.publish(world.bob, proposal.id)
    done = releases.publish(world.bob, proposal.id, levels=reasons[0].proposal.levels)
    room = reading_room.connect(world.archive, world.researcher_key())
    try:
        shown = {e.id: e for e in reading_room.extracts(room)}
    finally:
        room.close()
    assert shown[done.extract_id or ""].age_band == "20-29"
    assert anonymity.is_k_anonymous([None if e.qi_suppressed else (e.sex, e.age_band, e.origin_region,
                                     e.exit_period) for e in shown.values()], 2)


def test_k_anonymity_suppression_when_no_generalisation_reaches_k() -> None:
    base = QiBase("female", 27, NHG, 2009)
    candidate = Record("c", base, Levels())
    facts = gate.GateInput(text="x", consent="research", status="in_review", candidate=candidate, published=[],
                           k=5)
    (reason,) = gate.check(facts)
    assert reason.code == gate.K_ANONYMITY and reason.proposal is None
    assert "--accept-suppression" in reason.message
    accepted = gate.GateInput(text="x", consent="research", status="in_review", candidate=candidate,
                              published=[], k=5, accept_suppression=True)
    assert gate.check(accepted) == []


def test_stale_proposal_refused_after_decisions_change(world: World) -> None:
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid)
    releases.approve(world.bob, proposal.id)
    manual = decisions.manual(0, 3, "PERSON", Action.MASK, decided_by=world.alice.actor)
    current = decisions.review(world.alice.conn, tid, actor=world.alice.actor)
    decisions.save(world.alice.conn, tid, [*current.decisions, manual], actor=world.alice.actor)
    with pytest.raises(ReleaseBlocked, match="stale proposal"):
        releases.publish(world.bob, proposal.id, accept_suppression=True)


def test_manual_span_survives_redetection(world: World) -> None:
    """A manual span is kept by the next review; a rejected detection stays rejected."""
    tid = add(world, record("The cook Dalgona fed us. Later the guard beat Dalgona."))
    review = decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    text = review.text
    start = text.index("cook")
    manual = Decision(Span(start, start + 4, "ORG", 1.0, "manual"), Action.MASK, world.alice.actor)
    rejected = [Decision(d.span, Action.KEEP, world.alice.actor) for d in review.decisions if d.span.label == "DATE"]
    kept = [d for d in review.decisions if d.span.label != "DATE"]
    decisions.save(world.alice.conn, tid, [*kept, *rejected, manual], actor=world.alice.actor)
    again = decisions.review(world.alice.conn, tid, actor=world.alice.actor)
    assert again.undecided == ()
    assert any(d.span.detector == "manual" and d.span.start == start for d in again.decisions)
    stored = decisions.load(world.alice.conn, tid)
    assert all("decided_at" in item and item["decided_by"] for item in stored)
    assert "cook" not in str(stored) and "Dalgona" not in str(stored)


def test_preview_shows_rendered_text_and_reasons_without_storing(world: World) -> None:
    tid = add(world)
    before = releases.preview(world.alice, tid)
    assert before.undecided > 0 and [r.code for r in before.reasons][0] == gate.UNDECIDED
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    after = releases.preview(world.alice, tid)
    assert after.reasons == () and "Kim Chol-su" not in after.text
    assert releases.list_releases(world.alice.conn) == []
