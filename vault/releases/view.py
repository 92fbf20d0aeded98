"""What the approval screen and ``testimony release show`` present of one release.

The frozen proposal exactly as it would be published (text, facts at the released
levels, images), beside the testimony text it was rendered from, each change marked;
the gate's findings with their fixes; and the content hash an approval is bound to
(:func:`vault.releases.content_hash`). The CLI and the web read the same view, so a
finding has one wording per language and one fix.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from vault import anonymity, releases
from vault.archive import OpenVault
from vault.errors import ReleaseBlocked
from vault.releases import decisions, gate, narrative


@dataclass(frozen=True)
class Piece:
    """A run of text and how it differs from the other side (``same``, ``changed`` or ``finding``)."""

    text: str = field(repr=False)
    kind: str
    number: int = 0  # the finding's number, for ``finding``


@dataclass(frozen=True)
class ReleaseView:
    release: releases.Release
    content_hash: str
    frozen: tuple[Piece, ...]
    original: tuple[Piece, ...]
    facts: dict[str, str]  # quasi-identifier -> value shown at the release's levels
    metadata: dict[str, tuple[str, ...]]  # event facts shown beside the extract
    reasons: tuple[gate.Reason, ...]
    refusals: tuple[str, ...]  # gate refusals that are not Reasons (a stale proposal)
    findings: tuple[narrative.Finding, ...]
    fixed_text: str = field(repr=False)  # the text after the suggested generalisation
    suggested_levels: anonymity.Levels | None
    suggested_facts: dict[str, str]
    suggested_class_size: int | None  # published extracts that would share the suggested facts
    proposer: str
    approver: str | None
    images: int


def build(vault: OpenVault, release_id: str) -> ReleaseView:
    """Read one release and run the gate on it, storing nothing."""
    conn = vault.conn
    release = releases.get(conn, release_id)
    review = decisions.review(conn, release.testimony_id, actor=vault.actor)
    assert review.record is not None
    levels = release.levels
    reasons: tuple[gate.Reason, ...] = ()
    refusals: tuple[str, ...] = ()
    if release.status in ("proposed", "approved"):
        try:
            reasons = tuple(releases.check(vault, release_id))
        except ReleaseBlocked as exc:
            refusals = tuple(exc.reasons)
    proposal = next((r.proposal for r in reasons if r.proposal is not None), None)
    suggested = proposal.levels if proposal is not None else None
    target = levels if suggested is None else levels.raised(suggested)
    found: tuple[narrative.Finding, ...] = next((r.findings for r in reasons if r.code == gate.NARRATIVE), ())
    if release.status in ("proposed", "approved") and not refusals:
        text_target = releases.text_levels(vault, release, target, release.accept_suppression)
    else:
        text_target = target
    fixed = narrative.fix(release.text, releases.narrative_facts(review.record, text_target))
    names = releases.usernames(conn)
    shown = releases.shown_metadata(release.metadata, levels)
    frozen, original = _pieces(review.text, release.text, found)
    return ReleaseView(
        release=release, content_hash=releases.content_hash(conn, release_id), frozen=frozen, original=original,
        facts=_facts(release.qi, levels), metadata={k: tuple(v) for k, v in shown.to_dict().items()},
        reasons=reasons, refusals=refusals, findings=found, fixed_text=fixed, suggested_levels=suggested,
        suggested_facts=_facts(release.qi, target),
        suggested_class_size=proposal.class_size if proposal is not None else None, proposer=names.get(release.proposed_by, ""),
        approver=names.get(release.approved_by or "") if release.approved_by else None,
        images=len(releases.images(conn, release_id)))


def _facts(base: anonymity.QiBase, levels: anonymity.Levels) -> dict[str, str]:
    return dict(zip(anonymity.QUASI_IDENTIFIERS, anonymity.generalise(base, levels), strict=True))


def _pieces(original: str, frozen: str,
            found: tuple[narrative.Finding, ...]) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """Split both texts into runs: unchanged, changed by redaction, and (frozen side) gate findings."""
    left = ["same"] * len(original)
    right = ["same"] * len(frozen)
    matcher = difflib.SequenceMatcher(None, original, frozen, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            left[a1:a2] = ["changed"] * (a2 - a1)
            right[b1:b2] = ["changed"] * (b2 - b1)
    numbers = [0] * len(frozen)
    for n, item in enumerate(found, start=1):
        right[item.start:item.end] = ["finding"] * (item.end - item.start)
        numbers[item.start:item.end] = [n] * (item.end - item.start)
    return _runs(frozen, right, numbers), _runs(original, left, [0] * len(original))


def _runs(text: str, kinds: list[str], numbers: list[int]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or kinds[i] != kinds[start] or numbers[i] != numbers[start]:
            out.append(Piece(text[start:i], kinds[start], numbers[start]))
            start = i
    return tuple(out)
