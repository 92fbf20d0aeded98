"""S29: decompression bombs, mismatched types and polyglots are refused with a clear error."""
from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
from PIL import Image

from tests.media import factories
from vault.errors import MediaError, VaultError
from vault.media import Limits, decode_image, ensure_image_type
from vault.media.sniff import ImageType


def _zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.txt", "hidden")
    return out.getvalue()


def test_media_error_is_a_vault_error() -> None:
    """Callers can catch every refusal through the package's error base."""
    assert issubclass(MediaError, VaultError)


# --- decompression bombs ----------------------------------------------------------------


@pytest.mark.parametrize(
    "data, name",
    [
        (factories.png_declaring(100_000, 100_000), "bomb.png"),  # 10 gigapixels
        (factories.png_declaring(20_000, 4_000), "bomb.png"),  # 80 MP, over the 64 MP limit
        (factories.jpeg_declaring(60_000, 60_000), "bomb.jpg"),
        (factories.jpeg_declaring(40_000, 10), "wide.jpg"),  # one side over the limit
    ],
)
def test_s29_decompression_bomb_refused(data: bytes, name: str) -> None:
    """Images declaring too many pixels are refused from their header, before decoding."""
    with pytest.raises(MediaError, match="declares"):
        decode_image(data, name)


def test_s29_bomb_limit_is_configurable() -> None:
    """A caller may set a lower limit; an ordinary image over it is refused."""
    data = factories.encode(factories.pattern(200, 100), "PNG")
    assert decode_image(data, "a.png").width == 200
    with pytest.raises(MediaError, match="declares 200 x 100"):
        decode_image(data, "a.png", limits=Limits(max_pixels=10_000))


def test_s29_oversized_file_refused() -> None:
    data = factories.encode(factories.pattern(64, 64), "PNG")
    with pytest.raises(MediaError, match="larger than"):
        decode_image(data, "a.png", limits=Limits(max_bytes=100))


def test_s29_compressed_text_bomb_refused() -> None:
    """A zTXt chunk that inflates to far more than any real caption is refused."""
    huge = factories.png_chunk(b"zTXt", b"Comment\x00\x00" + __import__("zlib").compress(b"A" * 80_000_000, 9))
    plain = factories.encode(factories.pattern(32, 32), "PNG")
    data = plain[:33] + huge + plain[33:]
    with pytest.raises(MediaError, match="too large"):
        decode_image(data, "a.png")


# --- mismatched and unsupported types ---------------------------------------------------


@pytest.mark.parametrize(
    "data, declared, message",
    [
        (factories.encode(factories.pattern(32, 32), "PNG"), "photo.jpg", "content is PNG but it is declared JPEG"),
        (factories.encode(factories.pattern(32, 32), "JPEG"), "photo.png", "content is JPEG but it is declared PNG"),
        (factories.encode(factories.pattern(32, 32), "JPEG"), "image/png", "content is JPEG but it is declared PNG"),
        (b"%PDF-1.7\n" + b"0" * 100, "scan.jpg", "not a JPEG, PNG, TIFF or WebP image"),
        (b"<html><script>alert(1)</script></html>", "photo.png", "not a JPEG, PNG, TIFF or WebP image"),
        (factories.encode(factories.pattern(32, 32), "GIF"), "anim.gif", "unsupported file type '.gif'"),
        (factories.encode(factories.pattern(32, 32), "GIF"), "photo.jpg", "not a JPEG"),
        (factories.encode(factories.pattern(32, 32), "BMP"), "photo.bmp", "unsupported file type"),
        (factories.encode(factories.pattern(32, 32), "PNG"), "photo", "unsupported file type"),
    ],
)
def test_s29_mismatched_type_refused(data: bytes, declared: str, message: str) -> None:
    """The magic bytes must name a supported format, the same one the name or MIME type claims."""
    with pytest.raises(MediaError, match=message):
        decode_image(data, declared)


def test_matching_types_accepted() -> None:
    for fmt, name, kind in [("JPEG", "a.JPG", ImageType.JPEG), ("PNG", "image/png", ImageType.PNG),
                            ("TIFF", "a.tiff", ImageType.TIFF), ("WEBP", "a.webp", ImageType.WEBP)]:
        assert ensure_image_type(factories.encode(factories.pattern(32, 32), fmt), name) is kind


# --- polyglots --------------------------------------------------------------------------


def _with_comment(jpeg: bytes, text: bytes) -> bytes:
    segment = b"\xff\xfe" + len(text + b"  ").to_bytes(2, "big") + text
    return jpeg[:2] + segment + jpeg[2:]


JPEG = factories.encode(factories.pattern(64, 48), "JPEG")
PNG = factories.encode(factories.pattern(64, 48), "PNG")


@pytest.mark.parametrize(
    "data, name",
    [
        (JPEG + _zip_bytes(), "jpeg+zip.jpg"),  # GIFAR-style: a JPEG that is also a ZIP/JAR
        (PNG + _zip_bytes(), "png+zip.png"),
        (_with_comment(JPEG, b"%PDF-1.4 1 0 obj"), "jpeg+pdf.jpg"),
        (_with_comment(JPEG, b"<html><script>alert(1)</script>"), "jpeg+html.jpg"),
        (PNG + b"<script>alert(1)</script>", "png+html.png"),
        (JPEG + b"trailing payload", "trailer.jpg"),
        (PNG + b"\x00\x00trailing", "trailer.png"),
        (JPEG + JPEG[:-40], "trailing-broken-jpeg.jpg"),
    ],
)
def test_s29_polyglot_refused(data: bytes, name: str) -> None:
    """A file that is an image and also something else (or carries a trailer) is refused."""
    with pytest.raises(MediaError, match="polyglot|truncated"):
        decode_image(data, name)


def test_multi_picture_jpeg_accepted() -> None:
    """Phones append whole JPEGs (MPF previews) after the first: tolerated, never copied."""
    decoded = decode_image(JPEG + JPEG, "phone.jpg")
    assert (decoded.width, decoded.height) == (64, 48)


@pytest.mark.parametrize(
    "data, name",
    [
        (PNG[:-20], "truncated.png"),
        (JPEG[: len(JPEG) // 2], "truncated.jpg"),
        (PNG[:40] + bytes([PNG[40] ^ 0xFF]) + PNG[41:], "bad-crc.png"),
        (b"RIFF\xff\xff\xff\x7fWEBPVP8 ", "bad.webp"),
    ],
)
def test_s29_damaged_file_refused(data: bytes, name: str) -> None:
    with pytest.raises(MediaError):
        decode_image(data, name)


def test_s29_animated_image_refused() -> None:
    """Only the first frame would be seen: refuse rather than release a partial check."""
    frames = [Image.fromarray(factories.pattern(32, 32, seed=i)) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:])
    with pytest.raises(MediaError, match="animated or multi-page"):
        decode_image(out.getvalue(), "anim.webp")
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    with pytest.raises(MediaError, match="animated or multi-page"):
        decode_image(out.getvalue(), "pages.tiff")


def test_random_bytes_never_raise_anything_but_media_error() -> None:
    """Fuzz the parsers with corrupted real images: only MediaError or success."""
    rng = np.random.default_rng(1)
    refused = 0
    bases = [
        (JPEG, "a.jpg"),
        (PNG, "a.png"),
        (factories.jpeg_with_everything(), "exif.jpg"),
        (factories.tiff_with_everything(), "a.tif"),
        (factories.webp_with_everything(), "a.webp"),
    ]
    for base, name in bases:
        for _ in range(150):
            data = bytearray(base)
            for pos in rng.integers(0, len(data), size=4):
                data[int(pos)] = int(rng.integers(0, 256))
            try:
                decode_image(bytes(data), name)
            except MediaError:
                refused += 1
    assert refused > 0  # the corruption reached the parsers
