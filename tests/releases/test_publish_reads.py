"""Publishing reads what it needs once: the decisions, the sensitive terms and the images are
read once before the write (and only what another session can change is read again inside it),
and the released text is scanned once by the gate."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest

from tests.release_world import World, add
from vault import releases
from vault.errors import ReleaseBlocked
from vault.media.encode import OutputFormat, encode_pixels
from vault.releases import decisions, gate

#: What publishing reads, by the start of the statement: the images with their bytes, the stored
#: decisions, the sensitive terms, and the published set.
IMAGES = "SELECT media_type, data FROM release_images"
DECISIONS = "SELECT version, decisions FROM redaction_decisions"
DECISIONS_AGAIN = "SELECT decisions FROM redaction_decisions"
TERMS = "SELECT term"
PUBLISHED = "SELECT id, testimony_id"


@contextmanager
def reads(world: World) -> Iterator[list[str]]:
    """Collect the SELECT statements of bob's connection, one line each."""
    statements: list[str] = []

    def trace(statement: str) -> None:
        line = " ".join(statement.split())
        if line.upper().startswith("SELECT"):
            statements.append(line)

    world.bob.conn.set_trace_callback(trace)
    try:
        yield statements
    finally:
        world.bob.conn.set_trace_callback(None)


def _count(statements: list[str], start: str, *, containing: str = "") -> int:
    return sum(1 for s in statements if s.startswith(start) and containing in s)


def _approved_with_image(world: World) -> releases.Release:
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    proposal = releases.propose(world.alice, tid)
    pixels = np.random.default_rng(3).integers(0, 256, size=(24, 32, 3), dtype=np.uint8)
    releases.add_image(world.alice, proposal.id, encode_pixels(pixels, OutputFormat.PNG))
    releases.approve(world.bob, proposal.id)
    releases.generalise_text(world.bob, proposal.id, accept_suppression=True)
    return proposal


def test_publish_reads_images_decisions_and_terms_once(world: World) -> None:
    """The images once (their hashes sign the extract), the decisions once plus the re-check inside
    the write, the testimony's and the archive's sensitive terms in one query."""
    proposal = _approved_with_image(world)
    with reads(world) as statements:
        published = releases.publish(world.bob, proposal.id, accept_suppression=True)
    assert published.status == "published"
    # the images: once for the gate and the extract's hashes, once as the reading room receives them
    assert _count(statements, IMAGES) == 2
    # the decisions: with the review, and again inside the write (another session may change them)
    assert _count(statements, DECISIONS) + _count(statements, DECISIONS_AGAIN) == 2
    # the terms: the review's one query (the testimony's and the archive's), the new status's audited digest
    assert _count(statements, TERMS, containing="FROM sensitive_terms") == 2
    # the published set: for the gate, inside the write, and once as the room is brought in line
    assert _count(statements, PUBLISHED, containing="FROM releases WHERE status = 'published'") == 3


def test_publish_scans_the_released_text_once(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate looks for invisible characters once: the re-check inside the write judges consent and k."""
    proposal = _approved_with_image(world)
    scanned: list[str] = []
    real = gate.find_forbidden_controls

    def counting(text: str) -> list[tuple[int, str]]:
        scanned.append(text)
        return real(text)

    monkeypatch.setattr(gate, "find_forbidden_controls", counting)
    releases.publish(world.bob, proposal.id, accept_suppression=True)
    assert len(scanned) == 1


def test_consent_withdrawn_under_the_gate_still_refuses(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Consent withdrawn after the gate ran and before the write: the re-check inside the write refuses."""
    proposal = _approved_with_image(world)
    real = gate.ensure_releasable

    def then_withdraw(facts: gate.GateInput) -> None:
        real(facts)
        world.alice.conn.execute("UPDATE testimonies SET status = 'withdrawn' WHERE id = ?",
                                 (proposal.testimony_id,))

    monkeypatch.setattr(gate, "ensure_releasable", then_withdraw)
    with pytest.raises(ReleaseBlocked) as caught:
        releases.publish(world.bob, proposal.id, accept_suppression=True)
    assert "withdrew consent" in str(caught.value)
    assert releases.get(world.bob.conn, proposal.id).status == "approved"
