"""Encode released images afresh from a pixel array: nothing else goes into the file.

A PNG gets IHDR, IDAT and IEND only; a JPEG gets the JFIF header (version, pixel aspect,
no thumbnail), quantisation and Huffman tables and the scan. Chroma is not subsampled
(4:4:4) so that masks snapped to the 8 px block grid decode as exactly constant pixels.
"""
from __future__ import annotations

import enum
import io

import numpy as np
from PIL import Image

JPEG_QUALITY = 90
JPEG_BLOCK = 8


class OutputFormat(enum.Enum):
    """Formats a released image is written in; ``value`` is the file suffix."""

    PNG = ".png"
    JPEG = ".jpg"


def encode_pixels(pixels: np.ndarray, fmt: OutputFormat) -> bytes:
    """Return a new file holding exactly ``pixels`` (H x W x 3 uint8 RGB)."""
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] != 3:
        raise ValueError("pixels must be an H x W x 3 uint8 array")
    image = Image.fromarray(np.ascontiguousarray(pixels), mode="RGB")
    buffer = io.BytesIO()
    if fmt is OutputFormat.PNG:
        image.save(buffer, format="PNG", compress_level=6)
    else:
        try:
            image.save(buffer, format="JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True)
        except OSError:
            # optimize=True writes the scan in one block of width x height bytes; a large,
            # noisy photo compresses to more than that ("Suspension not allowed here").
            # The standard Huffman tables then: a slightly larger file, the same pixels.
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
    return buffer.getvalue()
