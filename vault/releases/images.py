"""Masked images in a release proposal: only PNG or JPEG rebuilt from pixels, with no metadata left (S32)."""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from vault import audit, reading_room
from vault.archive import OpenVault
from vault.errors import InvalidInput, MediaError, ReleaseBlocked
from vault.releases.record import digest, ensure_role, get, object_id, timestamp
from vault.store import Connection, transaction


def add_image(vault: OpenVault, release_id: str, data: bytes, *, attachment_id: str | None = None,
              now: datetime | None = None) -> int:
    """Add a masked image (PNG or JPEG rebuilt from pixels) to a proposal; return its position.

    Call it as the archivist who confirmed the masks, before approval, so the approver
    sees the images. Raises :class:`ReleaseBlocked` if the file still carries metadata (S32).
    """
    ensure_role(vault)
    media_type = image_type(data)
    findings = image_findings([data])
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
             timestamp(now)),
        )
        audit.append(conn, actor=vault.actor, action="release.image", obj=object_id(release_id),
                     digest=digest(conn, release_id), now=now)
    return int(position)


def images(conn: Connection, release_id: str) -> list[reading_room.Image]:
    """Return a release's images in order."""
    rows = conn.execute("SELECT media_type, data FROM release_images WHERE release_id = ? ORDER BY position",
                        (release_id,))
    return [reading_room.Image(str(t), bytes(d)) for t, d in rows]


def image_type(data: bytes) -> str:
    from vault.media.sniff import ImageType, sniff  # imported when needed: it loads numpy

    kind = sniff(data)
    if kind not in (ImageType.PNG, ImageType.JPEG):
        raise InvalidInput("released images must be PNG or JPEG files rebuilt by the media pipeline")
    return "image/png" if kind is ImageType.PNG else "image/jpeg"


def image_findings(items: Sequence[bytes]) -> list[str]:
    """S32: every released image carries nothing but pixels."""
    from vault.media.metadata import list_metadata  # imported when needed: it loads numpy

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
