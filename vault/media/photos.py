"""The photo release pipeline: decode -> find faces -> solid masks -> fresh file.

Box coordinates are pixels of the *upright* photo (after its EXIF orientation is applied),
which are also the released image's coordinates; for the usual photo without an
orientation tag they are the input file's own pixel coordinates.

The original bytes are never altered: every function here returns new bytes.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from vault.errors import MediaError
from vault.media.decode import DEFAULT_LIMITS, DecodedImage, Limits, decode_image
from vault.media.encode import JPEG_BLOCK, OutputFormat, encode_pixels
from vault.media.faces import Detection, FaceDetector
from vault.media.masks import DEFAULT_ENLARGEMENT, Box, Enlargement, apply_masks, clip, enlarge, snap
from vault.media.metadata import list_metadata
from vault.media.sniff import ImageType, sniff
from vault.media.text import identifier_boxes, read_words, redaction_engine_spans

OCR_NOTICE = (
    "Text was read by OCR (Korean and English) and the identifiers found in it were masked; "
    "OCR misses stylised, small, rotated, handwritten and low-contrast text: a person must still read every photo."
)
UNMASKED_BELOW = 0.9  # a detected face with less of its box under a mask is a finding

NOTICES = (
    "Text in images (signs, name tags, documents, screens) is not detected: it needs a person's eye.",
    "Faces under about 16 px, tattoos, scars, clothing, backgrounds, places and reflections "
    "are not detected: a person must review every photo before release.",
)


@dataclass(frozen=True)
class MaskProposal:
    """What the detector proposes for one photo; a person confirms or edits ``boxes``."""

    image: DecodedImage
    detections: tuple[Detection, ...]
    boxes: tuple[Box, ...]  # faces, then text (if read)
    text_boxes: tuple[Box, ...] = ()


@dataclass(frozen=True)
class ReleasedPhoto:
    """A rebuilt image: new bytes, its format and the masked regions."""

    data: bytes
    format: OutputFormat
    width: int
    height: int
    boxes: tuple[Box, ...]
    notices: tuple[str, ...] = NOTICES


@dataclass(frozen=True)
class CheckReport:
    """What ``check_photo`` found; ``is_clean`` only when both lists are empty."""

    metadata: tuple[str, ...]
    unmasked_faces: tuple[Detection, ...]

    @property
    def is_clean(self) -> bool:
        return not self.metadata and not self.unmasked_faces


def propose_masks(
    data: bytes,
    declared: str,
    detector: FaceDetector,
    *,
    enlargement: Enlargement = DEFAULT_ENLARGEMENT,
    limits: Limits = DEFAULT_LIMITS,
    rescan: bool = True,
    read_text: bool = False,
) -> MaskProposal:
    """Decode ``data`` (declared by file name or MIME type) and propose mask boxes."""
    image = decode_image(data, declared, limits=limits)
    detections = list(detector.detect(image.pixels))
    boxes = [enlarge(d, image.width, image.height, enlargement) for d in detections]
    if rescan and boxes:
        # Masking changes the context the detector sees: a face next to a masked one is
        # sometimes found only now. Look once more and mask what appears (what
        # `check_photo` would otherwise report).
        late = unmasked_faces(apply_masks(image.pixels, boxes), detector)
        detections.extend(late)
        boxes.extend(enlarge(d, image.width, image.height, enlargement) for d in late)
    text_boxes: list[Box] = []
    if read_text:
        words = read_words(image.pixels)
        text_boxes = identifier_boxes(words, redaction_engine_spans, image.width, image.height)
    return MaskProposal(
        image=image,
        detections=tuple(detections),
        boxes=tuple(b for b in [*boxes, *text_boxes] if b.w and b.h),
        text_boxes=tuple(text_boxes),
    )


def release_pixels(image: DecodedImage, boxes: Sequence[Box], fmt: OutputFormat | None = None) -> ReleasedPhoto:
    """Paint ``boxes`` as solid fills and encode a fresh file from the pixels alone.

    ``fmt`` defaults to JPEG for JPEG sources and PNG otherwise. For JPEG the boxes grow
    to the 8 px block grid so every masked pixel decodes to the same value.
    """
    fmt = fmt or (OutputFormat.JPEG if image.source_type is ImageType.JPEG else OutputFormat.PNG)
    width, height = image.width, image.height
    placed = [clip(b.x, b.y, b.x + b.w, b.y + b.h, width, height) for b in boxes]
    if fmt is OutputFormat.JPEG:
        placed = [snap(b, JPEG_BLOCK, width, height) for b in placed]
    placed = [b for b in placed if b.w and b.h]
    masked = apply_masks(image.pixels, placed)
    return ReleasedPhoto(encode_pixels(masked, fmt), fmt, width, height, tuple(placed))


def redact_photo(
    data: bytes,
    declared: str,
    detector: FaceDetector,
    *,
    extra_boxes: Sequence[Box] = (),
    fmt: OutputFormat | None = None,
    enlargement: Enlargement = DEFAULT_ENLARGEMENT,
    limits: Limits = DEFAULT_LIMITS,
    read_text: bool = False,
) -> ReleasedPhoto:
    """Mask every detected face (plus ``extra_boxes``; with ``read_text`` also words the
    text redaction engine flags in OCR output) and rebuild the image."""
    proposal = propose_masks(data, declared, detector, enlargement=enlargement, limits=limits, read_text=read_text)
    boxes = [*proposal.boxes, *extra_boxes]
    released = release_pixels(proposal.image, boxes, fmt)
    for _ in range(2):
        # Lossy encoding can make a face appear that the pixels before encoding did not
        # show the detector: look at what will really be released, as check_photo does.
        if released.format is not OutputFormat.JPEG:
            break
        late = unmasked_faces(decode_image(released.data, "image/jpeg", limits=limits).pixels, detector)
        if not late:
            break
        boxes.extend(enlarge(d, released.width, released.height, enlargement) for d in late)
        released = release_pixels(proposal.image, boxes, fmt)
    return released


def check_photo(data: bytes, detector: FaceDetector, *, limits: Limits = DEFAULT_LIMITS) -> CheckReport:
    """List metadata left in a released PNG/JPEG and faces not under a solid mask."""
    metadata = tuple(list_metadata(data))
    kind = sniff(data)
    if kind is None:
        raise MediaError("not a release format: released images are PNG or JPEG")
    image = decode_image(data, f"image/{kind.value.lower()}", limits=limits)
    return CheckReport(metadata=metadata, unmasked_faces=tuple(unmasked_faces(image.pixels, detector)))


def unmasked_faces(pixels: np.ndarray, detector: FaceDetector) -> list[Detection]:
    """Return the faces detected in ``pixels`` that do not lie under a solid mask."""
    solid = solid_raster(pixels)
    return [d for d in detector.detect(pixels) if solid_share(solid, d) < UNMASKED_BELOW]


def solid_raster(pixels: np.ndarray) -> np.ndarray:
    """Return an H x W bool array, True where a pixel lies in a patch of one colour."""
    same_right = np.all(pixels[:, 1:] == pixels[:, :-1], axis=2)
    same_down = np.all(pixels[1:] == pixels[:-1], axis=2)
    flat = np.zeros(pixels.shape[:2], dtype=bool)
    flat[:-1, :-1] = same_right[:-1] & same_down[:, :-1]
    # A pixel equal to a flat neighbour on its left or above closes the patch's edge.
    grown = flat.copy()
    grown[:, 1:] |= flat[:, :-1] & same_right
    grown[1:, :] |= flat[:-1, :] & same_down
    return grown


def solid_share(solid: np.ndarray, det: Detection) -> float:
    """Return the share of a detection's box lying in solid patches."""
    height, width = solid.shape
    box = clip(int(det.x), int(det.y), int(np.ceil(det.x + det.w)), int(np.ceil(det.y + det.h)), width, height)
    if box.w == 0 or box.h == 0:
        return 1.0
    return float(solid[box.y : box.y + box.h, box.x : box.x + box.w].mean())
