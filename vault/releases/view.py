"""What the approval screen and ``testimony release show`` present of one release.

The frozen proposal exactly as it would be published (text, facts at the released
levels, images), beside the testimony text it was rendered from, each change marked;
the gate's findings with their fixes; and the content hash an approval is bound to
(:func:`vault.releases.content_hash`). The CLI and the web read the same view, so a
finding has one wording per language and one fix.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from vault import anonymity, releases
from vault.archive import OpenVault
from vault.errors import ReleaseBlocked
from vault.redaction.render import PSEUDONYM_WORDS
from vault.releases import decisions, gate, narrative

CHANGES = ("masked", "pseudonymised", "generalised", "dropped")
#: What a change looks like in the frozen text: a mask in brackets, a pseudonym word and number,
#: the ellipsis of cut-out words; any other change is a generalisation.
_MASK = re.compile(r"\[[^\[\]\n]{1,40}\]")
_PSEUDONYM = re.compile(r"(?:" + "|".join(sorted({w for words in PSEUDONYM_WORDS.values() for w in words.values()},
                                                   key=len, reverse=True)) + r") \d{1,6}")
_DROPPED = re.compile(r"…")
_GAP = 2  # unchanged letters between two parts of one change


@dataclass(frozen=True)
class Piece:
    """A run of text and how it differs from the other side: ``same``, a change (``masked``,
    ``pseudonymised``, ``generalised``, ``dropped``) or, on the frozen side, a gate ``finding``."""

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
    shape = ["generalised"] * len(frozen)
    for pattern, kind in ((_DROPPED, "dropped"), (_PSEUDONYM, "pseudonymised"), (_MASK, "masked")):
        for m in pattern.finditer(frozen):
            shape[m.start():m.end()] = [kind] * (m.end() - m.start())
    matcher = difflib.SequenceMatcher(None, original, frozen, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    kinds = [_strongest(shape[b1:b2]) for _, _, _, b1, b2 in changes]
    for i, (_, a1, a2, _b1, _b2) in enumerate(changes):
        if kinds[i] is None:  # removed with nothing in its place: part of the change beside it
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(changes) and kinds[j] is not None
                    and (changes[j][1] - a2 if j > i else a1 - changes[j][2]) <= _GAP]
            kinds[i] = kinds[near[0]] if near else "generalised"
    for i, (_, a1, a2, b1, b2) in enumerate(changes):
        kind = kinds[i] or "generalised"
        left[a1:a2] = [kind] * (a2 - a1)
        right[b1:b2] = [kind] * (b2 - b1)
        if i and kinds[i - 1] == kind:  # a letter shared by a change and its replacement: one change
            _, _, pa2, _, pb2 = changes[i - 1]
            if a1 - pa2 <= _GAP and b1 - pb2 <= _GAP:
                left[pa2:a1] = [kind] * (a1 - pa2)
                right[pb2:b1] = [kind] * (b1 - pb2)
    numbers = [0] * len(frozen)
    for n, item in enumerate(found, start=1):
        right[item.start:item.end] = ["finding"] * (item.end - item.start)
        numbers[item.start:item.end] = [n] * (item.end - item.start)
    return _runs(frozen, right, numbers), _runs(original, left, [0] * len(original))


def _strongest(shapes: list[str]) -> str | None:
    """The kind of a replacement from what stands in its place (None: nothing does)."""
    for kind in ("masked", "pseudonymised", "dropped", "generalised"):
        if kind in shapes:
            return kind
    return None


def _runs(text: str, kinds: list[str], numbers: list[int]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or kinds[i] != kinds[start] or numbers[i] != numbers[start]:
            out.append(Piece(text[start:i], kinds[start], numbers[start]))
            start = i
    return tuple(out)
