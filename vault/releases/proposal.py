"""Proposing a release, approving it (another person, S33), sending it back, and generalising its text."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from vault import anonymity, audit, testimonies
from vault.anonymity import Levels
from vault.archive import OpenVault
from vault.errors import InvalidInput, ReleaseBlocked
from vault.redaction import render
from vault.releases import decisions, gate, narrative
from vault.releases import metadata as release_metadata
from vault.releases.facts import gate_input, narrative_facts, narrative_levels, publish_facts, published_others, room_k
from vault.releases.record import Release, digest, dumps, ensure_role, get, object_id, timestamp
from vault.store import Connection, transaction


def propose(vault: OpenVault, testimony_id: str, *, levels: Levels = anonymity.DEFAULT_LEVELS,
            accept_suppression: bool = False, now: datetime | None = None) -> Release:
    """Render the current version with its stored decisions and propose it for release.

    Raises :class:`ReleaseBlocked` with every text and consent reason of the gate.
    """
    ensure_role(vault)
    conn = vault.conn
    review = decisions.review(conn, testimony_id, actor=vault.actor)
    open_release = conn.execute(
        "SELECT id, status FROM releases WHERE testimony_id = ? AND status IN ('proposed', 'approved', 'published')",
        (testimony_id,),
    ).fetchone()
    if open_release is not None:
        raise InvalidInput(f"testimony {testimony_id} already has release {open_release[0]} ({open_release[1]});"
                           " retract it before proposing another")
    text = render(review.text, review.decisions, pseudonym_key=vault.secret("pseudonym_key"))
    gate.ensure_releasable(gate_input(review, text))
    assert review.record is not None
    release_id = "R-" + secrets.token_hex(6)
    qi = release_metadata.qi_base(review.record)
    meta = release_metadata.metadata(review.record)
    with transaction(conn):
        conn.execute(
            "INSERT INTO releases (id, testimony_id, version, status, language, text, decisions_hash, qi, levels,"
            " accept_suppression, metadata, proposed_by, proposed_at) VALUES (?, ?, ?, 'proposed', ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?)",
            (release_id, testimony_id, review.version, review.language, text, decisions.decisions_hash(review.stored),
             dumps(qi.to_dict()), dumps(levels.to_dict()), int(accept_suppression), dumps(meta.to_dict()),
             vault.actor, timestamp(now)),
        )
        audit.append(conn, actor=vault.actor, action="release.propose", obj=object_id(release_id),
                     digest=digest(conn, release_id), now=now)
    return get(conn, release_id)


@dataclass(frozen=True)
class Preview:
    """What a proposal would release now, and what the gate would say (for the workbench)."""

    text: str = field(repr=False)
    reasons: tuple[gate.Reason, ...]
    undecided: int


def preview(vault: OpenVault, testimony_id: str) -> Preview:
    """Render the current decisions and run the gate's text and consent checks, storing nothing."""
    ensure_role(vault)
    review = decisions.review(vault.conn, testimony_id, actor=vault.actor)
    text = render(review.text, review.decisions, pseudonym_key=vault.secret("pseudonym_key"))
    return Preview(text, tuple(gate.check(gate_input(review, text))), len(review.undecided))


def approve(vault: OpenVault, release_id: str, *, shown_hash: str | None = None,
            now: datetime | None = None) -> Release:
    """Approve someone else's proposal (S33: never one's own).

    ``shown_hash`` is the :func:`content_hash` of the proposal as the approver saw it;
    the approval is refused when the proposal has changed since.
    """
    ensure_role(vault)
    conn = vault.conn
    with transaction(conn):
        release = get(conn, release_id)
        if release.status != "proposed":
            raise InvalidInput(f"release {release_id} is {release.status}, not proposed")
        ensure_may_approve(conn, release, vault.actor)
        if shown_hash is not None and shown_hash != content_hash(conn, release_id):
            raise ReleaseBlocked([CHANGED_SINCE_SHOWN])
        conn.execute("UPDATE releases SET status = 'approved', approved_by = ?, approved_at = ? WHERE id = ?",
                     (vault.actor, timestamp(now), release_id))
        audit.append(conn, actor=vault.actor, action="release.approve", obj=object_id(release_id),
                     digest=digest(conn, release_id), now=now)
    return get(conn, release_id)


CHANGED_SINCE_SHOWN = ("the proposal changed after it was shown to you (its text, facts or images are not what"
                       " you read); read it again before approving")


def content_hash(conn: Connection, release_id: str) -> str:
    """Hash of everything a release would publish: text, levels, facts, images (what an approver approves)."""
    release = get(conn, release_id)
    pictures = [sha for (sha,) in conn.execute("SELECT sha256 FROM release_images WHERE release_id = ?"
                                               " ORDER BY position", (release_id,))]
    return audit.content_hash([release.testimony_id, release.version, release.language, release.text,
                               release.levels.to_dict(), release.accept_suppression, release.metadata.to_dict(),
                               release.qi.to_dict(), pictures])


def ensure_may_approve(conn: Connection, release: Release, actor: str) -> None:
    """Raise :class:`ReleaseBlocked` unless ``actor`` is a second, independent archivist (S33).

    The approver is an enabled archivist (an administrator cannot approve), not the
    proposer, not an account the proposer created, and not an account created after
    the proposal (one person cannot make a second account to approve with). Who created
    an account and when is read from the audit log, whose chain ``verify`` checks.
    """
    if actor == release.proposed_by:
        raise ReleaseBlocked(["two-person rule (S33): you proposed this release, so another archivist must"
                              " approve it"])
    row = conn.execute("SELECT role, disabled FROM users WHERE id = ?", (actor,)).fetchone()
    if row is None or row[1] or row[0] != "archivist":
        raise ReleaseBlocked(["two-person rule (S33): only an archivist can approve a release; an administrator"
                              " cannot"])
    created = conn.execute("SELECT seq, actor FROM audit WHERE action = 'user.create' AND object = ?"
                           " ORDER BY seq LIMIT 1", (f"user:{actor}",)).fetchone()
    proposed = conn.execute("SELECT min(seq) FROM audit WHERE action = 'release.propose' AND object = ?",
                            (object_id(release.id),)).fetchone()
    if created is not None and created[1] == release.proposed_by:
        raise ReleaseBlocked(["two-person rule (S33): your account was created by the person who proposed this"
                              " release, so another archivist must approve it"])
    if created is not None and proposed is not None and proposed[0] is not None and created[0] > proposed[0]:
        raise ReleaseBlocked(["two-person rule (S33): your account was created after this release was proposed,"
                              " so an archivist who already had an account must approve it"])


MAX_NOTE = 2000


@dataclass(frozen=True)
class Note:
    kind: str
    note: str = field(repr=False)
    written_by: str = ""
    written_at: str = ""


def send_back(vault: OpenVault, release_id: str, comment: str, *, now: datetime | None = None) -> Release:
    """Another archivist sends a proposal back to its proposer with a comment (it is withdrawn; audited)."""
    ensure_role(vault)
    comment = comment.strip()
    if not comment:
        raise InvalidInput("say why the proposal is sent back")
    if len(comment) > MAX_NOTE:
        raise InvalidInput(f"the comment is too long (at most {MAX_NOTE} characters)")
    conn = vault.conn
    stamp = timestamp(now)
    with transaction(conn):
        release = get(conn, release_id)
        if release.status != "proposed":
            raise InvalidInput(f"release {release_id} is {release.status}; only a proposal can be sent back")
        if release.proposed_by == vault.actor:
            raise InvalidInput("you proposed this release: retract it instead of sending it back")
        conn.execute("UPDATE releases SET status = 'retracted', retracted_by = ?, retracted_at = ?,"
                     " retract_reason = 'archivist' WHERE id = ?", (vault.actor, stamp, release_id))
        conn.execute("INSERT INTO release_notes (release_id, kind, note, written_by, written_at)"
                     " VALUES (?, 'sent_back', ?, ?, ?)", (release_id, comment, vault.actor, stamp))
        audit.append(conn, actor=vault.actor, action="release.send_back", obj=object_id(release_id),
                     digest=digest(conn, release_id), now=now)
    return get(conn, release_id)


def notes(conn: Connection, release_id: str) -> list[Note]:
    rows = conn.execute("SELECT kind, note, written_by, written_at FROM release_notes WHERE release_id = ?"
                        " ORDER BY id", (release_id,))
    return [Note(*row) for row in rows]


def sent_back(conn: Connection) -> set[str]:
    """Ids of releases sent back to their proposer."""
    return {r for (r,) in conn.execute("SELECT DISTINCT release_id FROM release_notes WHERE kind = 'sent_back'")}


def generalise_text(vault: OpenVault, release_id: str, *, levels: Levels | None = None,
                    accept_suppression: bool | None = None, now: datetime | None = None) -> Release:
    """Apply the narrative check's suggested generalisations to a release's frozen text.

    Only passages finer than the released levels change, and only towards the released
    level; the levels may be raised at the same time (as at publishing), and accepting
    suppression is remembered (the text then follows the facts as the reading room would
    show them). Audited.
    """
    ensure_role(vault)
    conn = vault.conn
    with transaction(conn):
        release = get(conn, release_id)
        if release.status not in ("proposed", "approved"):
            raise InvalidInput(f"release {release_id} is {release.status}; only a proposal can be changed")
        record = testimonies.get(conn, release.testimony_id, actor=vault.actor).record  # no detection needed
        levels_now = release.levels if levels is None else release.levels.raised(levels)
        accept = release.accept_suppression if accept_suppression is None else accept_suppression
        text_levels = narrative_levels(release, levels_now, accept, published_others(conn, release), room_k(vault))
        text = narrative.fix(release.text, narrative_facts(record, text_levels))
        if text == release.text and levels_now == release.levels and accept == release.accept_suppression:
            return release
        conn.execute("UPDATE releases SET text = ?, levels = ?, accept_suppression = ? WHERE id = ?",
                     (text, dumps(levels_now.to_dict()), int(accept), release_id))
        audit.append(conn, actor=vault.actor, action="release.generalise", obj=object_id(release_id),
                     digest=digest(conn, release_id), now=now)
    return get(conn, release_id)


def remember_suppression(vault: OpenVault, release_id: str, *, now: datetime | None = None) -> Release:
    """Record that the archivist accepts that the reading room may withhold this release's facts."""
    ensure_role(vault)
    conn = vault.conn
    with transaction(conn):
        release = get(conn, release_id)
        if release.status not in ("proposed", "approved"):
            raise InvalidInput(f"release {release_id} is {release.status}; only a proposal can be changed")
        if release.accept_suppression:
            return release
        conn.execute("UPDATE releases SET accept_suppression = 1 WHERE id = ?", (release_id,))
        audit.append(conn, actor=vault.actor, action="release.generalise", obj=object_id(release_id),
                     digest=digest(conn, release_id), now=now)
    return get(conn, release_id)


def check(vault: OpenVault, release_id: str, *, levels: Levels | None = None,
          accept_suppression: bool | None = None) -> list[gate.Reason]:
    """Run the whole gate for an approved (or proposed) release without publishing it."""
    release = get(vault.conn, release_id)
    return gate.check(publish_facts(vault, release, levels, accept_suppression).gate)
