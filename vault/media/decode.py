"""Decode an untrusted image into upright 8-bit RGB pixels, refusing bombs (S29).

Only pixels leave this module: no EXIF, XMP, ICC profile, text chunk or thumbnail is
carried along, so nothing but what is visible can reach a released image.
"""
from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps

from vault.errors import MediaError
from vault.media.sniff import ImageType, ensure_image_type

MAX_PIXELS = 64_000_000  # 64 MP: larger than any phone photo's default mode
MAX_SIDE = 30_000
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What an image may declare before any pixel is decoded."""

    max_pixels: int = MAX_PIXELS
    max_side: int = MAX_SIDE
    max_bytes: int = MAX_BYTES


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class DecodedImage:
    """Upright RGB pixels (H x W x 3, uint8) and the verified source type."""

    pixels: np.ndarray
    source_type: ImageType

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])


@contextmanager
def map_errors(what: str) -> Iterator[None]:
    """Turn Pillow's many decode failures into one MediaError naming ``what``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Pillow warns about corrupt EXIF/TIFF tags; that metadata is dropped anyway.
            warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaError(f"refused: {what} declares too many pixels (decompression bomb)") from None
    # TypeError: Pillow's TIFF reader raises it for some damaged headers ("Missing dimensions").
    except (OSError, ValueError, EOFError, SyntaxError, struct.error, TypeError) as exc:
        raise MediaError(f"cannot decode {what}: {exc}") from None


def decode_image(data: bytes, declared: str, *, limits: Limits = DEFAULT_LIMITS) -> DecodedImage:
    """Verify, decode and orient ``data``; ``declared`` is its file name or MIME type.

    Raises:
        MediaError: wrong or unsupported type, polyglot, bomb, several frames, or damage.
    """
    if len(data) > limits.max_bytes:
        raise MediaError(f"refused: the file is larger than {limits.max_bytes // (1024 * 1024)} MiB")
    kind = ensure_image_type(data, declared)
    with map_errors("the image"):
        with Image.open(io.BytesIO(data), formats=[kind.value]) as image:
            ensure_declared_size(image.size, limits)
            if getattr(image, "n_frames", 1) != 1:
                raise MediaError("refused: animated or multi-page images are not supported; export one frame")
            image.load()
            upright = ImageOps.exif_transpose(image)
            pixels = to_rgb_array(upright)
    return DecodedImage(pixels=pixels, source_type=kind)


def ensure_declared_size(size: tuple[int, int], limits: Limits) -> None:
    """Refuse dimensions over the limits before anything is decoded."""
    width, height = size
    if width <= 0 or height <= 0:
        raise MediaError("refused: the image declares no pixels")
    if width > limits.max_side or height > limits.max_side or width * height > limits.max_pixels:
        raise MediaError(
            f"refused: the image declares {width} x {height} pixels, over the limit of "
            f"{limits.max_pixels:,} (decompression bomb?)"
        )


def to_rgb_array(image: Image.Image) -> np.ndarray:
    """Return the image as contiguous uint8 RGB; transparency is flattened onto white."""
    mode = image.mode
    if mode.startswith("I;16") or mode == "I":
        wide = np.asarray(image, dtype=np.float64)
        grey = np.clip(wide / 257.0, 0, 255).round().astype(np.uint8)
        return np.ascontiguousarray(np.repeat(grey[:, :, None], 3, axis=2))
    if mode == "F":
        raise MediaError("refused: floating-point images are not supported")
    has_alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if has_alpha:
        # Flatten onto white so colour hidden under transparent pixels never comes back.
        rgba = image.convert("RGBA")
        canvas = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        canvas.alpha_composite(rgba)
        rgb = canvas.convert("RGB")
    else:
        rgb = image.convert("RGB")
    array = np.asarray(rgb, dtype=np.uint8)
    return np.ascontiguousarray(array)
