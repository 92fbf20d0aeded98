"""Releases: propose -> approve (another person, S33) -> publish through the gate -> retract.

A release pins the rendered redacted text of one testimony version (rendered from the
stored decisions), its generalised metadata and its quasi-identifiers. Publishing
runs :mod:`vault.gate`, gives the extract a fresh random id, signs it with the
archive's Ed25519 release key, and brings the reading room in line with the vault
(:func:`sync`), which also re-signs the room's manifest. Retraction (an archivist's,
or the witness withdrawing consent, S34) removes the extract, its full-text rows and
its pages (S09). Every step is audited.

vault.db is the source of truth; the reading room is derived from the published rows,
so a crash between the two commits is repaired by the next :func:`sync`.
"""
from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlcipher3.dbapi2 import DatabaseError

from keys import signing
from keys.keyring import VAULT_ROLES, Role
from vault import anonymity, audit, decisions, gate, narrative, reading_room, release_metadata, testimonies
from vault.anonymity import Levels, QiBase
from vault.archive import OpenVault
from vault.errors import InvalidInput, Locked, NotFound, ReleaseBlocked, StorageError
from vault.reading_room import Extract
from vault.redaction import render
from vault.store import Connection, check_database, transaction

STATUSES = ("proposed", "approved", "published", "retracted")
OPEN = ("proposed", "approved", "published")
RETRACT_REASONS = ("archivist", "consent_withdrawn")
KIND = "release"


@dataclass(frozen=True)
class Release:
    id: str
    testimony_id: str
    version: int
    status: str
    language: str
    levels: Levels
    accept_suppression: bool
    proposed_by: str
    proposed_at: str
    approved_by: str | None
    approved_at: str | None
    published_at: str | None
    extract_id: str | None
    retracted_at: str | None
    retract_reason: str | None
    text: str = field(repr=False)
    qi: QiBase = field(repr=False)
    metadata: release_metadata.Metadata = field(repr=False)
    decisions_hash: str = field(repr=False, default="")
    signature: bytes | None = field(repr=False, default=None)

    def summary(self) -> dict[str, Any]:
        """Plain data for listings (no text, no ungeneralised values)."""
        return {"id": self.id, "testimony_id": self.testimony_id, "version": self.version, "status": self.status,
                "levels": self.levels.to_dict(), "accept_suppression": self.accept_suppression,
                "proposed_by": self.proposed_by, "proposed_at": self.proposed_at, "approved_by": self.approved_by,
                "approved_at": self.approved_at, "published_at": self.published_at, "extract_id": self.extract_id,
                "retracted_at": self.retracted_at, "retract_reason": self.retract_reason}


def object_id(release_id: str) -> str:
    return f"{KIND}:{release_id}"


# -- steps -----------------------------------------------------------------------------------


def propose(vault: OpenVault, testimony_id: str, *, levels: Levels = anonymity.DEFAULT_LEVELS,
            accept_suppression: bool = False, now: datetime | None = None) -> Release:
    """Render the current version with its stored decisions and propose it for release.

    Raises :class:`ReleaseBlocked` with every text and consent reason of the gate.
    """
    _ensure_role(vault)
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
    gate.ensure_releasable(_facts(review, text))
    assert review.record is not None
    stored = decisions.load(conn, testimony_id, review.version)
    release_id = "R-" + secrets.token_hex(6)
    qi = release_metadata.qi_base(review.record)
    meta = release_metadata.metadata(review.record)
    with transaction(conn):
        conn.execute(
            "INSERT INTO releases (id, testimony_id, version, status, language, text, decisions_hash, qi, levels,"
            " accept_suppression, metadata, proposed_by, proposed_at) VALUES (?, ?, ?, 'proposed', ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?)",
            (release_id, testimony_id, review.version, review.language, text, decisions.decisions_hash(stored),
             _dumps(qi.to_dict()), _dumps(levels.to_dict()), int(accept_suppression), _dumps(meta.to_dict()),
             vault.actor, _stamp(now)),
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
    _ensure_role(vault)
    review = decisions.review(vault.conn, testimony_id, actor=vault.actor)
    text = render(review.text, review.decisions, pseudonym_key=vault.secret("pseudonym_key"))
    return Preview(text, tuple(gate.check(_facts(review, text))), len(review.undecided))


def approve(vault: OpenVault, release_id: str, *, shown_hash: str | None = None,
            now: datetime | None = None) -> Release:
    """Approve someone else's proposal (S33: never one's own).

    ``shown_hash`` is the :func:`content_hash` of the proposal as the approver saw it;
    the approval is refused when the proposal has changed since.
    """
    _ensure_role(vault)
    conn = vault.conn
    with transaction(conn):
        release = get(conn, release_id)
        if release.status != "proposed":
            raise InvalidInput(f"release {release_id} is {release.status}, not proposed")
        ensure_may_approve(conn, release, vault.actor)
        if shown_hash is not None and shown_hash != content_hash(conn, release_id):
            raise ReleaseBlocked([CHANGED_SINCE_SHOWN])
        conn.execute("UPDATE releases SET status = 'approved', approved_by = ?, approved_at = ? WHERE id = ?",
                     (vault.actor, _stamp(now), release_id))
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
    _ensure_role(vault)
    comment = comment.strip()
    if not comment:
        raise InvalidInput("say why the proposal is sent back")
    if len(comment) > MAX_NOTE:
        raise InvalidInput(f"the comment is too long (at most {MAX_NOTE} characters)")
    conn = vault.conn
    stamp = _stamp(now)
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


def add_image(vault: OpenVault, release_id: str, data: bytes, *, attachment_id: str | None = None,
              now: datetime | None = None) -> int:
    """Add a masked image (PNG or JPEG rebuilt from pixels) to a proposal; return its position.

    Call it as the archivist who confirmed the masks, before approval, so the approver
    sees the images. Raises :class:`ReleaseBlocked` if the file still carries metadata (S32).
    """
    _ensure_role(vault)
    media_type = _image_type(data)
    findings = _image_findings([data])
    if findings:
        raise ReleaseBlocked(findings)
    conn = vault.conn
    with transaction(conn):
        release = get(conn, release_id)
        if release.status != "proposed":
            raise InvalidInput(f"release {release_id} is {release.status}: images are added before approval")
        position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM release_images WHERE release_id = ?",
                                (release_id,)).fetchone()[0]
        conn.execute(
            "INSERT INTO release_images (release_id, position, media_type, data, sha256, attachment_id,"
            " confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (release_id, position, media_type, data, hashlib.sha256(data).hexdigest(), attachment_id, vault.actor,
             _stamp(now)),
        )
        audit.append(conn, actor=vault.actor, action="release.image", obj=object_id(release_id),
                     digest=digest(conn, release_id), now=now)
    return int(position)


def images(conn: Connection, release_id: str) -> list[reading_room.Image]:
    """Return a release's images in order."""
    rows = conn.execute("SELECT media_type, data FROM release_images WHERE release_id = ? ORDER BY position",
                        (release_id,))
    return [reading_room.Image(str(t), bytes(d)) for t, d in rows]


def check(vault: OpenVault, release_id: str, *, levels: Levels | None = None,
          accept_suppression: bool | None = None) -> list[gate.Reason]:
    """Run the whole gate for an approved (or proposed) release without publishing it."""
    release = get(vault.conn, release_id)
    return gate.check(_publish_facts(vault, release, levels, accept_suppression)[0])


def publish(vault: OpenVault, release_id: str, *, levels: Levels | None = None,
            accept_suppression: bool | None = None, now: datetime | None = None, sync_room: bool = True) -> Release:
    """Publish an approved release through the gate into the reading room.

    ``levels`` may only raise the generalisation of the quasi-identifiers.
    ``sync_room=False`` leaves the reading room to a later :func:`sync` (batch publishing).
    """
    _ensure_role(vault)
    conn = vault.conn
    release = get(conn, release_id)
    if release.status != "approved":
        raise InvalidInput(f"release {release_id} is {release.status}; only an approved release can be published")
    facts, levels_now, accept = _publish_facts(vault, release, levels, accept_suppression)
    gate.ensure_releasable(facts)
    stamp = _stamp(now)
    shown_meta = shown_metadata(release.metadata, levels_now)
    extract = Extract(id="X-" + secrets.token_hex(8), language=release.language, text=release.text,
                      route_countries=shown_meta.route_countries,
                      violation_types=shown_meta.violation_types,
                      event_periods=shown_meta.event_periods,
                      event_provinces=shown_meta.event_provinces,
                      published=stamp[:7],
                      images=tuple(i.sha256 for i in images(conn, release_id)))
    signature = signing.sign(vault.secret("release_signing_key"), reading_room.extract_message(extract))
    with transaction(conn):
        # Re-check, inside the write transaction, what another session could have changed
        # since the gate ran: the release's state, consent, decisions, the published set.
        _ensure_unchanged(vault, release, facts)
        cursor = conn.execute(
            "UPDATE releases SET status = 'published', published_by = ?, published_at = ?, extract_id = ?,"
            " signature = ?, levels = ?, accept_suppression = ? WHERE id = ? AND status = 'approved'",
            (vault.actor, stamp, extract.id, signature, _dumps(levels_now.to_dict()), int(accept), release_id),
        )
        if cursor.rowcount != 1:
            raise InvalidInput(f"release {release_id} changed while it was being published; try again")
        audit.append(conn, actor=vault.actor, action="release.publish", obj=object_id(release_id),
                     digest=digest(conn, release_id), now=now)
    testimonies.set_status(conn, release.testimony_id, "released", actor=vault.actor)
    if sync_room:
        sync(vault, now=now)
    return get(conn, release_id)


def retract(vault: OpenVault, release_id: str, *, reason: str = "archivist", now: datetime | None = None) -> Release:
    """Withdraw a release; a published extract leaves the reading room and its file pages (S09)."""
    _ensure_role(vault)
    if reason not in RETRACT_REASONS:
        raise InvalidInput(f"retraction reason must be one of: {', '.join(RETRACT_REASONS)}")
    conn = vault.conn
    with transaction(conn):
        release = get(conn, release_id)
        if release.status == "retracted":
            raise InvalidInput(f"release {release_id} is already retracted")
        conn.execute("UPDATE releases SET status = 'retracted', retracted_by = ?, retracted_at = ?,"
                     " retract_reason = ? WHERE id = ?", (vault.actor, _stamp(now), reason, release_id))
        audit.append(conn, actor=vault.actor, action="release.retract", obj=object_id(release_id),
                     digest=digest(conn, release_id), now=now)
    if release.status == "published":
        if reason == "archivist":
            testimonies.set_status(conn, release.testimony_id, "in_review", actor=vault.actor)
        sync(vault, now=now)
    return get(conn, release_id)


def withdraw_consent(vault: OpenVault, testimony_id: str, *, now: datetime | None = None) -> list[str]:
    """The witness withdrew consent (S34): retract every release and mark the testimony withdrawn."""
    _ensure_role(vault)
    rows = vault.conn.execute(
        "SELECT id FROM releases WHERE testimony_id = ? AND status != 'retracted' ORDER BY proposed_at",
        (testimony_id,),
    ).fetchall()
    testimonies.set_status(vault.conn, testimony_id, "withdrawn", actor=vault.actor)
    for (release_id,) in rows:
        retract(vault, release_id, reason="consent_withdrawn", now=now)
    if not rows:
        sync(vault, now=now)
    return [r[0] for r in rows]


# -- the reading room as a view of the vault ------------------------------------------------------


def sync(vault: OpenVault, *, k: int | None = None, now: datetime | None = None) -> reading_room.Changes:
    """Make the reading room hold exactly the published releases, re-signing its manifest."""
    archive = vault.archive
    rk = vault.secret("reading_room_key")
    reading_room.ensure_reading_room(archive, rk)
    room = reading_room.connect(archive, rk)
    try:
        k = reading_room.get_k(room) if k is None else k
        wanted = published_extracts(vault.conn, k)
        manifest = reading_room.build_manifest(wanted, k=k, updated_at=_stamp(now))
        private = vault.secret("release_signing_key")
        signature = signing.sign(private, reading_room.manifest_message(manifest))
        by_extract = {r.extract_id: r.id for r in list_releases(vault.conn, status="published")}
        return reading_room.apply(room, wanted, k=k, manifest=manifest, signature=signature,
                                  public_key=signing.public_key(private),
                                  images=lambda extract_id: images(vault.conn, by_extract[extract_id]))
    finally:
        room.close()


def published_extracts(conn: Connection, k: int) -> list[Extract]:
    """Return the reading room's rows, with quasi-identifiers shown only where k-anonymous."""
    releases = list_releases(conn, status="published")
    records = [anonymity.Record(r.extract_id or "", r.qi, r.levels) for r in releases]
    hashes: dict[str, list[str]] = {}
    for release_id, sha in conn.execute(
        "SELECT i.release_id, i.sha256 FROM release_images i JOIN releases r ON r.id = i.release_id"
        " WHERE r.status = 'published' ORDER BY i.release_id, i.position"
    ):
        hashes.setdefault(release_id, []).append(sha)
    shown = anonymity.view(records, k)
    out = []
    for r in releases:
        seen = shown[r.extract_id or ""]
        values = None if seen is None else seen.values
        qis = values if values is not None else (anonymity.SUPPRESSED,) * 4
        meta = shown_metadata(r.metadata, r.levels)
        out.append(Extract(
            id=r.extract_id or "", language=r.language, text=r.text, sex=qis[0], age_band=qis[1],
            origin_region=qis[2], exit_period=qis[3], qi_suppressed=values is None,
            route_countries=meta.route_countries, violation_types=meta.violation_types,
            event_periods=meta.event_periods, event_provinces=meta.event_provinces,
            published=(r.published_at or "")[:7],
            signature=(r.signature or b"").hex(), images=tuple(hashes.get(r.id, ()))))
    return out


def shown_metadata(meta: release_metadata.Metadata, levels: Levels) -> release_metadata.Metadata:
    """Event facts shown beside an extract obey the released levels of origin and period.

    Provinces of events are shown only when origins are shown by province; event
    periods are widened to the released exit period (withheld with it).
    """
    provinces = meta.event_provinces if levels.origin_region == 0 else ()
    widths = (5, 10, 20)
    periods: tuple[str, ...] = ()
    if levels.exit_period < len(widths):
        width = widths[levels.exit_period]
        lows = {int(p[:4]) // width * width for p in meta.event_periods if p[:4].isdigit()}
        periods = tuple(f"{low}-{low + width - 1}" for low in sorted(lows))
    return replace(meta, event_provinces=provinces, event_periods=periods)


def verify_reading_room(vault: OpenVault) -> list[str]:
    """Check reading-room.db: both integrity checks, its signed manifest, and that it holds
    exactly what the vault published. Returns the problems found (for ``testimony verify``)."""
    archive = vault.archive
    if not archive.reading_room_path.exists():
        published = list_releases(vault.conn, status="published")
        return ["reading-room.db is missing but releases are published"] if published else []
    damaged = "reading-room.db is damaged ({}): content checks skipped; restore it from a backup"
    try:
        room = reading_room.connect(archive, vault.secret("reading_room_key"))
    except (StorageError, DatabaseError) as exc:
        return [damaged.format(_first_line(exc))]
    try:
        problems = check_database(room, "reading-room.db")
        if problems:
            return [damaged.format("; ".join(problems[:3]))]
        k = reading_room.get_k(room)
        held = reading_room.extracts(room)
        manifest = reading_room.meta(room, "manifest")
        signature = reading_room.meta(room, "manifest_signature")
    except DatabaseError as exc:
        return [damaged.format(_first_line(exc))]
    finally:
        room.close()
    public = signing.public_key(vault.secret("release_signing_key"))
    if manifest is None or signature is None:
        return problems + (["reading-room.db: no signed manifest"] if held else [])
    try:
        signing.verify_signature(public, bytes.fromhex(signature), reading_room.manifest_message(manifest.encode()))
    except (ValueError, signing.BadSignature):
        problems.append("reading-room.db: the manifest signature does not verify")
    signed = {i: h for i, h in json.loads(manifest)["extracts"]}
    for extract in held:
        if signed.get(extract.id) != reading_room.extract_hash(extract):
            problems.append(f"reading-room.db: extract {extract.id} differs from the signed manifest")
    wanted = {e.id: e for e in published_extracts(vault.conn, k)}
    have = {e.id: e for e in held}
    problems += [f"reading-room.db: extract {i} is not a published release" for i in sorted(set(have) - set(wanted))]
    problems += [f"reading-room.db: published extract {i} is missing (an interrupted publish: run"
                 " `testimony release sync`)" for i in sorted(set(wanted) - set(have))]
    problems += [f"reading-room.db: extract {i} differs from the vault" for i in sorted(set(have) & set(wanted))
                 if have[i] != wanted[i]]
    return problems


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def set_k(vault: OpenVault, k: int) -> reading_room.Changes:
    """Change the archive's k and recompute what the reading room shows."""
    _ensure_role(vault)
    return sync(vault, k=k)


# -- reading ----------------------------------------------------------------------------------------

_COLUMNS = ("id, testimony_id, version, status, language, levels, accept_suppression, proposed_by, proposed_at,"
            " approved_by, approved_at, published_at, extract_id, retracted_at, retract_reason, text, qi, metadata,"
            " decisions_hash, signature")


def _release(row: Sequence[Any]) -> Release:
    v = list(row)
    return Release(v[0], v[1], v[2], v[3], v[4], Levels.from_dict(json.loads(v[5])), bool(v[6]), v[7], v[8],
                   v[9], v[10], v[11], v[12], v[13], v[14], text=v[15], qi=QiBase.from_dict(json.loads(v[16])),
                   metadata=release_metadata.Metadata.from_dict(json.loads(v[17])), decisions_hash=v[18],
                   signature=None if v[19] is None else bytes(v[19]))


def get(conn: Connection, release_id: str) -> Release:
    # B608: the interpolated SQL names are module constants, never input
    row = conn.execute(f"SELECT {_COLUMNS} FROM releases WHERE id = ?", (release_id,)).fetchone()  # noqa: S608  # nosec B608
    if row is None:
        raise NotFound(f"no release {release_id}")
    return _release(row)


def list_releases(conn: Connection, *, status: str | None = None) -> list[Release]:
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"status must be one of: {', '.join(STATUSES)}")
    # B608: the interpolated SQL names are module constants, never input
    sql = f"SELECT {_COLUMNS} FROM releases"  # noqa: S608  # nosec B608
    params: tuple[Any, ...] = ()
    if status is not None:
        sql += " WHERE status = ?"
        params = (status,)
    return [_release(r) for r in conn.execute(sql + " ORDER BY proposed_at, id", params)]


def usernames(conn: Connection) -> dict[str, str]:
    """Return user id -> account name, to say who proposed and approved (archivists only, never researchers)."""
    return {str(i): str(n) for i, n in conn.execute("SELECT id, username FROM users")}


def digest(conn: Connection, release_id: str) -> str:
    """Content hash of a release's current row, for the audit log and ``verify``."""
    row = conn.execute("SELECT * FROM releases WHERE id = ?", (release_id,)).fetchone()
    if row is None:
        return audit.DELETED
    value = [bytes(v).hex() if isinstance(v, bytes | memoryview) else v for v in row]
    pictures = conn.execute("SELECT position, media_type, sha256, attachment_id, confirmed_by, confirmed_at"
                            " FROM release_images WHERE release_id = ? ORDER BY position", (release_id,)).fetchall()
    if pictures:  # releases without images hash as before images existed
        value.append([list(p) for p in pictures])
    return audit.content_hash(value)



# -- internals ----------------------------------------------------------------------------------------


def _facts(review: decisions.Review, text: str, **extra: Any) -> gate.GateInput:
    return gate.GateInput(text=text, consent=review.consent, status=review.status, undecided=review.undecided,
                          terms=review.terms, **extra)


def _publish_facts(vault: OpenVault, release: Release, levels: Levels | None,
                   accept_suppression: bool | None) -> tuple[gate.GateInput, Levels, bool]:
    conn = vault.conn
    review = decisions.review(conn, release.testimony_id, actor=vault.actor)
    stored = decisions.load(conn, release.testimony_id, review.version)
    if review.version != release.version or decisions.decisions_hash(stored) != release.decisions_hash:
        raise ReleaseBlocked([f"stale proposal: the testimony or its decisions changed since release {release.id}"
                              " was proposed; retract it and propose again"])
    levels_now = release.levels if levels is None else release.levels.raised(levels)
    accept = release.accept_suppression if accept_suppression is None else accept_suppression
    k = _room_k(vault)
    others = _others(conn, release)
    candidate = anonymity.Record("candidate:" + release.id, release.qi, levels_now)
    assert review.record is not None
    text_levels = narrative_levels(release, levels_now, accept, others, k)
    found = narrative.findings(release.text, narrative_facts(review.record, text_levels))
    facts = _facts(review, release.text, candidate=candidate, published=others, k=k, accept_suppression=accept,
                   image_findings=tuple(_image_findings([i.data for i in images(conn, release.id)])),
                   narrative=tuple(found))
    return facts, levels_now, accept


def _room_k(vault: OpenVault) -> int:
    rk = vault.secret("reading_room_key")
    reading_room.ensure_reading_room(vault.archive, rk)
    room = reading_room.connect(vault.archive, rk)
    try:
        return reading_room.get_k(room)
    finally:
        room.close()


def _others(conn: Connection, release: Release) -> list[anonymity.Record]:
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
    return narrative_levels(release, levels, accept, _others(vault.conn, release), _room_k(vault))


def narrative_facts(record: Any, levels: Levels) -> narrative.Facts:
    """What the narrative check compares a release's text with (the record stays in the vault)."""
    w = record.witness
    return narrative.Facts(levels, w.birth_year, w.exit_year, w.arrival_year, w.origin)


def generalise_text(vault: OpenVault, release_id: str, *, levels: Levels | None = None,
                    accept_suppression: bool | None = None, now: datetime | None = None) -> Release:
    """Apply the narrative check's suggested generalisations to a release's frozen text.

    Only passages finer than the released levels change, and only towards the released
    level; the levels may be raised at the same time (as at publishing), and accepting
    suppression is remembered (the text then follows the facts as the reading room would
    show them). Audited.
    """
    _ensure_role(vault)
    conn = vault.conn
    with transaction(conn):
        release = get(conn, release_id)
        if release.status not in ("proposed", "approved"):
            raise InvalidInput(f"release {release_id} is {release.status}; only a proposal can be changed")
        review = decisions.review(conn, release.testimony_id, actor=vault.actor)
        assert review.record is not None
        levels_now = release.levels if levels is None else release.levels.raised(levels)
        accept = release.accept_suppression if accept_suppression is None else accept_suppression
        text_levels = narrative_levels(release, levels_now, accept, _others(conn, release), _room_k(vault))
        text = narrative.fix(release.text, narrative_facts(review.record, text_levels))
        if text == release.text and levels_now == release.levels and accept == release.accept_suppression:
            return release
        conn.execute("UPDATE releases SET text = ?, levels = ?, accept_suppression = ? WHERE id = ?",
                     (text, _dumps(levels_now.to_dict()), int(accept), release_id))
        audit.append(conn, actor=vault.actor, action="release.generalise", obj=object_id(release_id),
                     digest=digest(conn, release_id), now=now)
    return get(conn, release_id)


def remember_suppression(vault: OpenVault, release_id: str, *, now: datetime | None = None) -> Release:
    """Record that the archivist accepts that the reading room may withhold this release's facts."""
    _ensure_role(vault)
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


def _ensure_unchanged(vault: OpenVault, release: Release, facts: gate.GateInput) -> None:
    """Raise :class:`ReleaseBlocked` if consent, decisions or the published set moved under the gate."""
    conn = vault.conn
    row = conn.execute("SELECT consent, status, current_version FROM testimonies WHERE id = ?",
                       (release.testimony_id,)).fetchone()
    stored = decisions.load(conn, release.testimony_id, release.version)
    if row is None or row[2] != release.version or decisions.decisions_hash(stored) != release.decisions_hash:
        raise ReleaseBlocked([f"stale proposal: the testimony or its decisions changed since release {release.id}"
                              " was proposed; retract it and propose again"])
    published = [anonymity.Record(r.extract_id or "", r.qi, r.levels)
                 for r in list_releases(conn, status="published") if r.id != release.id]
    gate.ensure_releasable(replace(facts, consent=row[0], status=row[1], undecided=(), terms=(),
                                   published=published))


def _image_type(data: bytes) -> str:
    from vault.media.sniff import ImageType, sniff  # imported when needed: it loads numpy

    kind = sniff(data)
    if kind not in (ImageType.PNG, ImageType.JPEG):
        raise InvalidInput("released images must be PNG or JPEG files rebuilt by the media pipeline")
    return "image/png" if kind is ImageType.PNG else "image/jpeg"


def _image_findings(items: Sequence[bytes]) -> list[str]:
    """S32: every released image carries nothing but pixels."""
    from vault.errors import MediaError
    from vault.media.metadata import list_metadata

    findings = []
    for number, data in enumerate(items, start=1):
        try:
            left = list_metadata(data)
        except MediaError as exc:
            findings.append(f"image {number}: {exc}")
            continue
        if left:
            findings.append(f"image metadata: image {number} still carries {', '.join(sorted(set(left)))} (S32);"
                            " rebuild it from pixels with the media pipeline (testimony media redact)")
    return findings


def _ensure_role(vault: OpenVault) -> None:
    if vault.role not in VAULT_ROLES:
        raise Locked("only archivists and administrators handle releases")


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# -- demo ----------------------------------------------------------------------------------------


def publish_demo_releases(vault: OpenVault, approver_id: str, *, testimony_ids: Sequence[str] | None = None,
                          limit: int | None = None) -> list[str]:
    """Release demo testimonies with two archivists: ``vault``'s actor proposes, ``approver_id`` approves.

    For demos only: every detected span is accepted with the engine's default action
    (mask, pseudonymise, generalise). A release the gate refuses for a text reason is
    skipped; k-anonymity is left to the reading room's view, which generalises each
    extract only as far as k requires (or withholds its quasi-identifiers). Returns the
    ids of the published releases.
    """
    row = vault.conn.execute("SELECT role FROM users WHERE id = ? AND disabled = 0", (approver_id,)).fetchone()
    if row is None or row[0] not in ("archivist", "admin") or approver_id == vault.actor:
        raise InvalidInput("the demo approver must be another enabled archivist")
    approver = replace(vault, actor=approver_id, role=Role(row[0]))
    if testimony_ids is None:
        testimony_ids = [s.id for s in testimonies.list_all(vault.conn) if s.consent != "archive_only"
                         and s.status in ("submitted", "in_review")]
    published: list[str] = []
    for testimony_id in list(testimony_ids)[:limit]:
        decisions.accept_all(vault.conn, testimony_id, actor=vault.actor)
        try:
            proposal = propose(vault, testimony_id)
        except (ReleaseBlocked, InvalidInput):
            continue
        approve(approver, proposal.id)
        generalise_text(approver, proposal.id, accept_suppression=True)
        try:
            # The reading room generalises each extract only as far as k requires (anonymity.view).
            publish(approver, proposal.id, accept_suppression=True, sync_room=False)
        except ReleaseBlocked:
            retract(approver, proposal.id)
            continue
        published.append(proposal.id)
    sync(vault)
    return published
