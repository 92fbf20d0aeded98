"""Publishing through the gate, retracting, and the reading room as a view of the published releases."""
from __future__ import annotations

import json
import secrets
from dataclasses import replace
from datetime import datetime

from sqlcipher3.dbapi2 import DatabaseError

from keys import signing
from vault import anonymity, audit, reading_room, testimonies
from vault.anonymity import Levels
from vault.archive import OpenVault
from vault.errors import InvalidInput, StorageError
from vault.reading_room import Extract
from vault.releases import gate
from vault.releases import metadata as release_metadata
from vault.releases.facts import ensure_unchanged, publish_facts
from vault.releases.images import images
from vault.releases.record import RETRACT_REASONS, Release, digest, dumps, ensure_role, get, list_releases, object_id, timestamp
from vault.store import Connection, check_database, transaction


def publish(vault: OpenVault, release_id: str, *, levels: Levels | None = None,
            accept_suppression: bool | None = None, now: datetime | None = None, sync_room: bool = True) -> Release:
    """Publish an approved release through the gate into the reading room.

    ``levels`` may only raise the generalisation of the quasi-identifiers.
    ``sync_room=False`` leaves the reading room to a later :func:`sync` (batch publishing).
    """
    ensure_role(vault)
    conn = vault.conn
    release = get(conn, release_id)
    if release.status != "approved":
        raise InvalidInput(f"release {release_id} is {release.status}; only an approved release can be published")
    facts = publish_facts(vault, release, levels, accept_suppression)
    gate.ensure_releasable(facts.gate)
    levels_now, accept = facts.levels, facts.accept_suppression
    stamp = timestamp(now)
    shown_meta = shown_metadata(release.metadata, levels_now)
    extract = Extract(id="X-" + secrets.token_hex(8), language=release.language, text=release.text,
                      route_countries=shown_meta.route_countries,
                      violation_types=shown_meta.violation_types,
                      event_periods=shown_meta.event_periods,
                      event_provinces=shown_meta.event_provinces,
                      published=stamp[:7],
                      images=tuple(i.sha256 for i in facts.images))
    signature = signing.sign(vault.secret("release_signing_key"), reading_room.extract_message(extract))
    with transaction(conn):
        # Re-check, inside the write transaction, what another session could have changed
        # since the gate ran: the release's state, consent, decisions, the published set.
        ensure_unchanged(vault, release, facts.gate)
        cursor = conn.execute(
            "UPDATE releases SET status = 'published', published_by = ?, published_at = ?, extract_id = ?,"
            " signature = ?, levels = ?, accept_suppression = ? WHERE id = ? AND status = 'approved'",
            (vault.actor, stamp, extract.id, signature, dumps(levels_now.to_dict()), int(accept), release_id),
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
    ensure_role(vault)
    if reason not in RETRACT_REASONS:
        raise InvalidInput(f"retraction reason must be one of: {', '.join(RETRACT_REASONS)}")
    conn = vault.conn
    with transaction(conn):
        release = get(conn, release_id)
        if release.status == "retracted":
            raise InvalidInput(f"release {release_id} is already retracted")
        conn.execute("UPDATE releases SET status = 'retracted', retracted_by = ?, retracted_at = ?,"
                     " retract_reason = ? WHERE id = ?", (vault.actor, timestamp(now), reason, release_id))
        audit.append(conn, actor=vault.actor, action="release.retract", obj=object_id(release_id),
                     digest=digest(conn, release_id), now=now)
    if release.status == "published":
        if reason == "archivist":
            testimonies.set_status(conn, release.testimony_id, "in_review", actor=vault.actor)
        sync(vault, now=now)
    return get(conn, release_id)


def withdraw_consent(vault: OpenVault, testimony_id: str, *, now: datetime | None = None) -> list[str]:
    """The witness withdrew consent (S34): retract every release and mark the testimony withdrawn."""
    ensure_role(vault)
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


def sync(vault: OpenVault, *, k: int | None = None, now: datetime | None = None) -> reading_room.Changes:
    """Make the reading room hold exactly the published releases, re-signing its manifest."""
    archive = vault.archive
    rk = vault.secret("reading_room_key")
    reading_room.ensure_reading_room(archive, rk)
    room = reading_room.connect(archive, rk)
    try:
        k = reading_room.get_k(room) if k is None else k
        published = list_releases(vault.conn, status="published")
        wanted = _extracts(vault.conn, published, k)
        manifest = reading_room.build_manifest(wanted, k=k, updated_at=timestamp(now))
        private = vault.secret("release_signing_key")
        signature = signing.sign(private, reading_room.manifest_message(manifest))
        by_extract = {r.extract_id: r.id for r in published}
        return reading_room.apply(room, wanted, k=k, manifest=manifest, signature=signature,
                                  public_key=signing.public_key(private),
                                  images=lambda extract_id: images(vault.conn, by_extract[extract_id]))
    finally:
        room.close()


def published_extracts(conn: Connection, k: int) -> list[Extract]:
    """Return the reading room's rows, with quasi-identifiers shown only where k-anonymous."""
    return _extracts(conn, list_releases(conn, status="published"), k)


def _extracts(conn: Connection, releases: list[Release], k: int) -> list[Extract]:
    """The reading room's rows of the ``releases`` published (all of them, in their order)."""
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
    ensure_role(vault)
    return sync(vault, k=k)
