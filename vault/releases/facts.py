"""What the release gate is shown: the rendered text, consent, the published set and k, the narrative's facts."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from vault import anonymity, reading_room
from vault.anonymity import Levels
from vault.archive import OpenVault
from vault.errors import ReleaseBlocked
from vault.releases import decisions, gate, narrative
from vault.releases.images import image_findings, images
from vault.releases.record import Release, list_releases
from vault.store import Connection


def gate_input(review: decisions.Review, text: str, **extra: Any) -> gate.GateInput:
    return gate.GateInput(text=text, consent=review.consent, status=review.status, undecided=review.undecided,
                          terms=review.terms, **extra)


@dataclass(frozen=True)
class PublishFacts:
    """Everything publishing reads before its write, read once: the gate's input and what goes out with it."""

    gate: gate.GateInput
    levels: Levels  # the levels the release goes out at
    accept_suppression: bool
    images: tuple[reading_room.Image, ...]


def publish_facts(vault: OpenVault, release: Release, levels: Levels | None,
                  accept_suppression: bool | None) -> PublishFacts:
    """Read what the gate needs to judge ``release`` at ``levels`` (raises :class:`ReleaseBlocked` if stale)."""
    conn = vault.conn
    review = decisions.review(conn, release.testimony_id, actor=vault.actor)
    if review.version != release.version or decisions.decisions_hash(review.stored) != release.decisions_hash:
        raise ReleaseBlocked([f"stale proposal: the testimony or its decisions changed since release {release.id}"
                              " was proposed; retract it and propose again"])
    levels_now = release.levels if levels is None else release.levels.raised(levels)
    accept = release.accept_suppression if accept_suppression is None else accept_suppression
    k = room_k(vault)
    others = published_others(conn, release)
    candidate = anonymity.Record("candidate:" + release.id, release.qi, levels_now)
    assert review.record is not None
    text_levels = narrative_levels(release, levels_now, accept, others, k)
    found = narrative.findings(release.text, narrative_facts(review.record, text_levels))
    pictures = tuple(images(conn, release.id))
    facts = gate_input(review, release.text, candidate=candidate, published=others, k=k, accept_suppression=accept,
                       image_findings=tuple(image_findings([i.data for i in pictures])), narrative=tuple(found))
    return PublishFacts(facts, levels_now, accept, pictures)


def room_k(vault: OpenVault) -> int:
    rk = vault.secret("reading_room_key")
    reading_room.ensure_reading_room(vault.archive, rk)
    room = reading_room.connect(vault.archive, rk)
    try:
        return reading_room.get_k(room)
    finally:
        room.close()


def published_others(conn: Connection, release: Release) -> list[anonymity.Record]:
    return [anonymity.Record(r.extract_id or "", r.qi, r.levels)
            for r in list_releases(conn, status="published") if r.id != release.id]


#: Every quasi-identifier withheld: what the text must match when the reading room would suppress them.
WITHHELD = Levels(*(anonymity.MAX_LEVEL[name] for name in anonymity.QUASI_IDENTIFIERS))


def narrative_levels(release: Release, levels: Levels, accept: bool, others: Sequence[anonymity.Record],
                     k: int) -> Levels:
    """The levels the text must not be finer than.

    With suppression accepted, the reading room shows the facts coarser than asked (or
    withholds them) until k similar extracts exist: the text then must not state what the
    facts beside it no longer show.
    """
    if not accept:
        return levels
    size, proposal = anonymity.assess(anonymity.Record("candidate:" + release.id, release.qi, levels), others, k)
    if size >= k:
        return levels
    return WITHHELD if proposal is None else levels.raised(proposal.levels)


def text_levels(vault: OpenVault, release: Release, levels: Levels, accept: bool) -> Levels:
    """:func:`narrative_levels` against the published set and the room's k now."""
    return narrative_levels(release, levels, accept, published_others(vault.conn, release), room_k(vault))


def narrative_facts(record: Any, levels: Levels) -> narrative.Facts:
    """What the narrative check compares a release's text with (the record stays in the vault)."""
    w = record.witness
    return narrative.Facts(levels, w.birth_year, w.exit_year, w.arrival_year, w.origin)


def ensure_unchanged(vault: OpenVault, release: Release, facts: gate.GateInput) -> None:
    """Raise :class:`ReleaseBlocked` if consent, decisions or the published set moved under the gate.

    Call it inside the write transaction, after ``facts`` passed the whole gate: it reads
    again only what another session can change, and judges only that (the text, images
    and narrative are pinned in the release and were judged already).
    """
    conn = vault.conn
    row = conn.execute("SELECT consent, status, current_version FROM testimonies WHERE id = ?",
                       (release.testimony_id,)).fetchone()
    stored = decisions.load(conn, release.testimony_id, release.version)
    if row is None or row[2] != release.version or decisions.decisions_hash(stored) != release.decisions_hash:
        raise ReleaseBlocked([f"stale proposal: the testimony or its decisions changed since release {release.id}"
                              " was proposed; retract it and propose again"])
    gate.ensure_still_releasable(replace(facts, consent=row[0], status=row[1],
                                         published=published_others(conn, release)))
