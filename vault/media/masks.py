"""Turn detections into mask boxes and paint them as solid fills.

Blur and pixelation keep information (they can be reversed or matched by face
recognition); a solid fill keeps none, so it is the only kind of mask used here.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from vault.errors import MediaError
from vault.media.faces import Detection

FILL = (0, 0, 0)


@dataclass(frozen=True)
class Box:
    """An integer pixel rectangle [x, y, w, h] (top-left origin)."""

    x: int
    y: int
    w: int
    h: int

    def as_list(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]

    @classmethod
    def from_list(cls, values: Sequence[int | float]) -> Box:
        """Build a box from ``[x, y, w, h]``; refuse anything else."""
        if len(values) != 4 or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in values):
            raise MediaError(f"a box is [x, y, w, h] in pixels, not {list(values)!r}")
        x, y, w, h = (int(round(v)) for v in values)
        if w <= 0 or h <= 0:
            raise MediaError(f"a box needs a positive width and height, not {list(values)!r}")
        return cls(x, y, w, h)


@dataclass(frozen=True)
class Enlargement:
    """How far a mask reaches beyond the detector's box, as shares of its size.

    CenterFace's boxes hug the face; hair, ears and the jaw line identify people too.
    """

    left_right: float = 0.4  # added on each side, times the box width
    top: float = 0.6  # added above (forehead, hair), times the box height
    bottom: float = 0.35  # added below (chin, neck), times the box height
    min_margin: int = 3  # pixels added on every side at least (tiny faces)


DEFAULT_ENLARGEMENT = Enlargement()


def enlarge(det: Detection, width: int, height: int, how: Enlargement = DEFAULT_ENLARGEMENT) -> Box:
    """Return the mask box for a detection, clipped to a ``width`` x ``height`` image."""
    dx = max(det.w * how.left_right, how.min_margin)
    x1 = math.floor(det.x - dx)
    x2 = math.ceil(det.x + det.w + dx)
    y1 = math.floor(det.y - max(det.h * how.top, how.min_margin))
    y2 = math.ceil(det.y + det.h + max(det.h * how.bottom, how.min_margin))
    return clip(x1, y1, x2, y2, width, height)


def clip(x1: int, y1: int, x2: int, y2: int, width: int, height: int) -> Box:
    """Return the part of the rectangle [x1, x2) x [y1, y2) inside the image."""
    x1, y1 = max(0, x1), max(0, y1)
    x2, y2 = min(width, x2), min(height, y2)
    return Box(x1, y1, max(0, x2 - x1), max(0, y2 - y1))


def snap(box: Box, grid: int, width: int, height: int) -> Box:
    """Grow ``box`` outward to multiples of ``grid`` (JPEG blocks stay wholly masked)."""
    x1 = box.x // grid * grid
    y1 = box.y // grid * grid
    x2 = -(-(box.x + box.w) // grid) * grid
    y2 = -(-(box.y + box.h) // grid) * grid
    return clip(x1, y1, x2, y2, width, height)


def apply_masks(pixels: np.ndarray, boxes: Iterable[Box], fill: tuple[int, int, int] = FILL) -> np.ndarray:
    """Return a copy of ``pixels`` with every box painted in one solid colour."""
    out = pixels.copy()
    for box in boxes:
        if box.w > 0 and box.h > 0:
            out[box.y : box.y + box.h, box.x : box.x + box.w] = fill
    return out


def mask_raster(boxes: Iterable[Box], width: int, height: int) -> np.ndarray:
    """Return an H x W bool array that is True under any box."""
    raster = np.zeros((height, width), dtype=bool)
    for box in boxes:
        raster[max(0, box.y) : box.y + box.h, max(0, box.x) : box.x + box.w] = True
    return raster


def covered_share(raster: np.ndarray, box: Box) -> float:
    """Return the share of ``box``'s pixels (inside the image) that ``raster`` covers."""
    height, width = raster.shape
    inner = clip(box.x, box.y, box.x + box.w, box.y + box.h, width, height)
    if inner.w == 0 or inner.h == 0:
        return 0.0
    return float(raster[inner.y : inner.y + inner.h, inner.x : inner.x + inner.w].mean())
