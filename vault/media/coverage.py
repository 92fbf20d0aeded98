"""Score mask boxes against annotated faces (used by the benchmark and the tests).

A face counts as covered when at least ``COVERED_AT`` of its annotated pixels lie under
the union of the masks. Face sizes are bucketed by their height after scaling the photo
to ``REFERENCE_SIDE`` px on its long side. A mask is false when it covers the centre of
no annotated box (ignored boxes included: a mask on them is not an error).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vault.media.masks import Box, covered_share, mask_raster

COVERED_AT = 0.9
REFERENCE_SIDE = 1024
BUCKETS = (("tiny <16", 0.0, 16.0), ("small 16-32", 16.0, 32.0), ("medium 32-64", 32.0, 64.0), ("large >=64", 64.0, float("inf")))


@dataclass(frozen=True)
class Face:
    """An annotated face; ``ignore`` faces count neither as misses nor as false masks."""

    box: Box
    ignore: bool = False


@dataclass(frozen=True)
class FaceScore:
    height_at_reference: float
    share_masked: float

    @property
    def covered(self) -> bool:
        return self.share_masked >= COVERED_AT

    @property
    def bucket(self) -> str:
        for name, low, high in BUCKETS:
            if low <= self.height_at_reference < high:
                return name
        raise AssertionError("buckets cover every height")


@dataclass(frozen=True)
class PhotoScore:
    faces: tuple[FaceScore, ...]
    false_masks: int
    masks: int


def score_photo(faces: Sequence[Face], masks: Sequence[Box], width: int, height: int) -> PhotoScore:
    """Return per-face coverage and the number of false masks for one photo."""
    raster = mask_raster(masks, width, height)
    factor = REFERENCE_SIDE / max(width, height)
    scores = tuple(
        FaceScore(face.box.h * factor, covered_share(raster, face.box)) for face in faces if not face.ignore
    )
    centres = [(f.box.x + f.box.w / 2, f.box.y + f.box.h / 2) for f in faces]
    false_masks = sum(
        1
        for m in masks
        if not any(m.x <= cx < m.x + m.w and m.y <= cy < m.y + m.h for cx, cy in centres)
    )
    return PhotoScore(faces=scores, false_masks=false_masks, masks=len(masks))


def faces_from_annotation(boxes: Sequence[Sequence[int]], attrs: Sequence[dict[str, int]] | None) -> list[Face]:
    """Build faces from WIDER-style ``[x, y, w, h]`` boxes and attributes."""
    faces = []
    for i, raw in enumerate(boxes):
        x, y, w, h = (int(v) for v in raw)
        invalid = bool(attrs[i].get("invalid", 0)) if attrs else False
        faces.append(Face(Box(x, y, max(w, 0), max(h, 0)), ignore=invalid or w <= 0 or h <= 0))
    return faces
