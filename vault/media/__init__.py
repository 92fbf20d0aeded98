"""Release pipeline for photos: faces under solid masks, rebuilt from pixels only.

::

    decode_image      sniff type, refuse polyglots and bombs, apply EXIF orientation
    FaceDetector      CenterFace (vendored ONNX) through OpenCV DNN at several scales
    propose_masks     detections -> enlarged mask boxes, for a person to confirm
    release_pixels    paint solid fills, encode a fresh PNG/JPEG with no metadata
    redact_photo      propose_masks + release_pixels in one call
    check_photo       metadata left and faces not under a mask, in a released file

Audio and video are never released as recordings (``vault.media.recordings``).
"""
from __future__ import annotations

from vault.media.decode import DEFAULT_LIMITS, DecodedImage, Limits, decode_image
from vault.media.encode import OutputFormat
from vault.media.faces import DEFAULT_CONFIG, Detection, DetectorConfig, FaceDetector
from vault.media.masks import DEFAULT_ENLARGEMENT, Box, Enlargement
from vault.media.metadata import list_metadata
from vault.media.photos import (
    NOTICES,
    CheckReport,
    MaskProposal,
    ReleasedPhoto,
    check_photo,
    propose_masks,
    redact_photo,
    release_pixels,
)
from vault.media.recordings import MediaKind, ensure_releasable_as_media, release_rule
from vault.media.sniff import ImageType, ensure_image_type

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_ENLARGEMENT",
    "DEFAULT_LIMITS",
    "NOTICES",
    "Box",
    "CheckReport",
    "DecodedImage",
    "Detection",
    "DetectorConfig",
    "Enlargement",
    "FaceDetector",
    "ImageType",
    "Limits",
    "MaskProposal",
    "MediaKind",
    "OutputFormat",
    "ReleasedPhoto",
    "check_photo",
    "decode_image",
    "ensure_image_type",
    "ensure_releasable_as_media",
    "list_metadata",
    "propose_masks",
    "redact_photo",
    "release_pixels",
    "release_rule",
]
