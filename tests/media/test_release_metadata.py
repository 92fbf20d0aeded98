"""S32: released images are rebuilt from pixels only; exiftool finds no metadata in them."""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.media import factories
from tests.media.conftest import exiftool_tags, metadata_tags
from vault.media import Box, FaceDetector, OutputFormat, decode_image, list_metadata, redact_photo
from vault.media.encode import encode_pixels

FIXTURES: dict[str, Callable[[], bytes]] = {
    "photo.jpg": factories.jpeg_with_everything,
    "photo.png": factories.png_with_everything,
    "photo.webp": factories.webp_with_everything,
    "photo.tif": factories.tiff_with_everything,
}

# What exiftool must find in each input before redaction, so the test proves removal.
EXPECTED_IN_INPUT = {
    "photo.jpg": ["GPS:GPSLatitude", "Canon:OwnerName", "IFD1:ThumbnailImage", "XMP-dc:Creator",
                  "ICC-header:ProfileVersion", "IPTC:By-line", "File:Comment"],
    "photo.png": ["GPS:GPSLatitude", "Canon:OwnerName", "XMP-dc:Creator", "ICC-header:ProfileVersion",
                  "PNG:Author", "PNG:Comment", "PNG:Description-ko", "PNG:ModifyDate", "PNG-pHYs:PixelsPerUnitX"],
    "photo.webp": ["GPS:GPSLatitude", "Canon:OwnerName", "XMP-dc:Creator", "ICC-header:ProfileVersion"],
    "photo.tif": ["IFD0:ImageDescription", "IFD0:Artist", "ICC-header:ProfileVersion"],
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_s32_fixture_carries_the_metadata_it_claims(name: str, tmp_path: Path) -> None:
    """Each fixture really holds GPS, maker notes, thumbnail, XMP, ICC, IPTC or PNG text."""
    path = tmp_path / name
    path.write_bytes(FIXTURES[name]())
    tags = exiftool_tags(path)
    missing = [t for t in EXPECTED_IN_INPUT[name] if t not in tags]
    assert not missing, f"fixture lacks {missing}; exiftool saw {sorted(tags)}"


@pytest.mark.parametrize("fmt", [None, OutputFormat.PNG, OutputFormat.JPEG])
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_s32_released_image_has_no_metadata_for_exiftool(
    name: str, fmt: OutputFormat | None, detector: FaceDetector, tmp_path: Path
) -> None:
    """After redaction exiftool reports nothing beyond file type, size and pixel encoding."""
    released = redact_photo(FIXTURES[name](), name, detector, fmt=fmt, extra_boxes=[Box(10, 10, 50, 40)])
    out = tmp_path / f"released{released.format.value}"
    out.write_bytes(released.data)
    assert metadata_tags(out) == []
    assert list_metadata(released.data) == []
    assert factories.CANARY.encode("utf-8") not in released.data
    assert b"Canon" not in released.data and b"8BIM" not in released.data


def test_s32_exiftool_check_would_catch_metadata(tmp_path: Path) -> None:
    """The allow-list is not so wide that a metadata-laden file passes it."""
    for name, build in FIXTURES.items():
        path = tmp_path / name
        path.write_bytes(build())
        assert metadata_tags(path), name


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_own_metadata_lister_sees_what_exiftool_sees(name: str) -> None:
    """list_metadata (used by `testimony media check`) reports the blocks of JPEG and PNG inputs."""
    data = FIXTURES[name]()
    if name.endswith((".jpg", ".png")):
        found = " ".join(list_metadata(data))
        expected = ["EXIF", "XMP", "ICC", "IPTC", "comment"] if name.endswith(".jpg") else ["tEXt", "zTXt", "iTXt", "eXIf", "iCCP", "tIME", "pHYs"]
        assert all(word in found for word in expected), found


def test_released_pixels_equal_the_decoded_pixels_outside_masks(detector: FaceDetector) -> None:
    """A PNG release changes no pixel except under its masks (nothing else is rewritten)."""
    data = factories.png_with_everything()
    box = Box(100, 60, 40, 30)
    released = redact_photo(data, "photo.png", detector, extra_boxes=[box])
    before = decode_image(data, "photo.png").pixels
    after = decode_image(released.data, "out.png").pixels
    outside = np.ones(before.shape[:2], dtype=bool)
    for b in released.boxes:
        outside[b.y : b.y + b.h, b.x : b.x + b.w] = False
    assert np.array_equal(before[outside], after[outside])
    assert not outside[box.y : box.y + box.h, box.x : box.x + box.w].any()


def test_a_large_noisy_photo_encodes_for_review_without_metadata() -> None:
    """Found while attacking: view.jpg answered 500 for a large high-entropy photo (Pillow's
    optimised JPEG writes the scan in one block that such a photo overflows). It now encodes,
    with nothing but the JFIF header besides the pixels."""
    noise = np.random.default_rng(7).integers(0, 256, (1500, 2000, 3), dtype=np.uint8)
    data = encode_pixels(noise, OutputFormat.JPEG)
    decoded = Image.open(io.BytesIO(data))
    assert decoded.size == (2000, 1500) and decoded.format == "JPEG"
    assert set(decoded.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density"}
