"""Photo review: proposed face boxes, a masked preview, and the confirmed image into a release.

The original is never altered. Everything here works on the decoded, upright pixels in
memory (``vault.media``): the view and the preview are fresh encodes with no metadata,
and nothing is written to disk. Box coordinates are pixels of the upright photo.

Only photos are released as images. Audio and video are never released as recordings
(the release carries the redacted transcript); PDFs are released as re-rendered pages
through ``testimony media redact`` and are not reviewed here yet.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vault import releases
from vault.archive import OpenVault
from vault.attachments.store import Attachment, get, read
from vault.errors import InvalidInput, MediaError
from vault.media import (
    DEFAULT_LIMITS,
    NOTICES,
    Box,
    DecodedImage,
    FaceDetector,
    MediaKind,
    OutputFormat,
    ReleasedPhoto,
    check_photo,
    decode_image,
    propose_masks,
    release_pixels,
    release_rule,
)
from vault.media.encode import encode_pixels
from vault.media.masks import clip
from vault.releases import Release

MAX_BOXES = 200
#: Shown on every review page, beside the media module's own notices.
PERSON_NOTICE = ("Text in images, tattoos, scars, clothing, uniforms, backgrounds and reflections are not "
                 "detected: they need a person's eye before you confirm.")
REVIEW_NOTICES = (PERSON_NOTICE, *NOTICES)


@dataclass(frozen=True)
class Proposal:
    attachment: Attachment
    width: int
    height: int
    boxes: tuple[Box, ...]
    notices: tuple[str, ...] = REVIEW_NOTICES


def load(vault: OpenVault, attachment_id: str) -> tuple[Attachment, DecodedImage]:
    """Decode a stored photo (audited read); refuse anything that is not a photo."""
    item = get(vault.conn, attachment_id)
    ensure_photo(item)
    data = read(vault, attachment_id, max_bytes=DEFAULT_LIMITS.max_bytes)
    return item, decode_image(data, item.media_type)


def ensure_photo(item: Attachment) -> None:
    if item.is_deleted:
        raise InvalidInput(f"attachment {item.id} was deleted")
    if item.kind is not MediaKind.PHOTO:
        raise MediaError(f"{item.kind.value} attachments are {release_rule(item.kind)}")


def propose(vault: OpenVault, attachment_id: str, detector: FaceDetector) -> Proposal:
    """Run the face detector on a stored photo and return the boxes it proposes."""
    item = get(vault.conn, attachment_id)
    ensure_photo(item)
    data = read(vault, attachment_id, max_bytes=DEFAULT_LIMITS.max_bytes)
    found = propose_masks(data, item.media_type, detector)
    return Proposal(item, found.image.width, found.image.height, found.boxes)


def view(image: DecodedImage) -> bytes:
    """The upright photo re-encoded from its pixels (no metadata), for the archivist's screen."""
    return encode_pixels(image.pixels, OutputFormat.JPEG)


def preview(image: DecodedImage, boxes: Sequence[Box]) -> ReleasedPhoto:
    """The image exactly as it would be released with these boxes."""
    return release_pixels(image, boxes, OutputFormat.PNG)


def box_from_fields(x: str, y: str, w: str, h: str, width: int, height: int) -> Box | None:
    """Parse one typed or drawn box; None when all four fields are empty."""
    raw = [v.strip() for v in (x, y, w, h)]
    if not any(raw):
        return None
    try:
        values = [int(float(v)) for v in raw]
    except ValueError:
        raise InvalidInput("a box needs four whole numbers: x, y, width and height in pixels") from None
    if values[2] <= 0 or values[3] <= 0:
        raise InvalidInput("a box needs a positive width and height")
    box = clip(values[0], values[1], values[0] + values[2], values[1] + values[3], width, height)
    if box.w == 0 or box.h == 0:
        raise InvalidInput(f"a box lies outside the photo ({width} x {height} pixels)")
    return box


def open_proposal(vault: OpenVault, testimony_id: str) -> Release | None:
    """The testimony's release proposal that images can still be added to, if any."""
    for release in releases.list_releases(vault.conn, status="proposed"):
        if release.testimony_id == testimony_id:
            return release
    return None


def confirm(vault: OpenVault, attachment_id: str, release_id: str, boxes: Sequence[Box], detector: FaceDetector,
            *, allow_unmasked_faces: bool = False) -> int:
    """Rebuild the photo with ``boxes`` masked and add it to a release proposal (S32).

    Refuses (MediaError) if the detector still finds a face not under a mask, unless the
    archivist said it is not a face (``allow_unmasked_faces``). Returns the image's position.
    """
    if len(boxes) > MAX_BOXES:
        raise InvalidInput(f"at most {MAX_BOXES} boxes per photo")
    item, image = load(vault, attachment_id)
    release = releases.get(vault.conn, release_id)
    if release.testimony_id != item.testimony_id:
        raise InvalidInput(f"release {release_id} belongs to another testimony")
    photo = preview(image, boxes)
    if not allow_unmasked_faces:
        unmasked = check_photo(photo.data, detector).unmasked_faces
        if unmasked:
            raise MediaError(f"the detector still sees {len(unmasked)} face(s) not under a mask: add boxes over "
                             "them, or confirm that they are not faces")
    return releases.add_image(vault, release_id, photo.data, attachment_id=attachment_id)
