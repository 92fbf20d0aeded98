"""Decoding to upright RGB pixels, and solid masks that leave no trace of what they cover."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tests.media import factories
from vault.errors import MediaError
from vault.media import Box, Detection, FaceDetector, OutputFormat, decode_image, redact_photo, release_pixels
from vault.media.masks import Enlargement, apply_masks, enlarge, snap


def _marked(width: int = 120, height: int = 80) -> np.ndarray:
    """A textured image with a pure red 10 x 10 block at its top-left corner."""
    pixels = factories.pattern(width, height)
    pixels[:10, :10] = (255, 0, 0)
    return pixels


@pytest.mark.parametrize(
    "orientation, corner",
    [(1, "top-left"), (3, "bottom-right"), (6, "top-right"), (8, "bottom-left"), (2, "top-right")],
)
def test_exif_orientation_applied_to_pixels(orientation: int, corner: str) -> None:
    """The photo is turned upright before masking, and the tag itself is gone."""
    decoded = decode_image(factories.with_orientation(_marked(), orientation), "turned.jpg")
    rotated = orientation in (5, 6, 7, 8)
    assert (decoded.width, decoded.height) == ((80, 120) if rotated else (120, 80))
    h, w = decoded.height, decoded.width
    ys = slice(2, 8) if corner.startswith("top") else slice(h - 8, h - 2)
    xs = slice(2, 8) if corner.endswith("left") else slice(w - 8, w - 2)
    patch = decoded.pixels[ys, xs].astype(int)
    assert (patch[..., 0] > 200).all() and (patch[..., 1] < 60).all()


def test_masks_are_in_upright_coordinates(detector: FaceDetector) -> None:
    """A box given for the upright photo lands where the viewer sees it."""
    data = factories.with_orientation(_marked(), 6)
    released = redact_photo(data, "turned.jpg", detector, extra_boxes=[Box(0, 0, 16, 16)], fmt=OutputFormat.PNG)
    out = decode_image(released.data, "out.png").pixels
    assert out.shape[:2] == (120, 80)
    assert (out[:16, :16] == 0).all()
    assert (out[2:8, 72:78, 0] > 200).all()  # the red corner moved to the top right, unmasked


def test_transparency_flattened_onto_white() -> None:
    """Colour hidden under fully transparent pixels never reaches the release."""
    rgba = np.zeros((40, 40, 4), dtype=np.uint8)
    rgba[..., 0] = 255  # red everywhere ...
    rgba[:20, :, 3] = 255  # ... but visible only in the top half
    decoded = decode_image(factories.encode(rgba, "PNG"), "a.png")
    assert (decoded.pixels[:20] == (255, 0, 0)).all()
    assert (decoded.pixels[20:] == (255, 255, 255)).all()


@pytest.mark.parametrize("mode", ["L", "P", "CMYK", "I;16", "1", "LA"])
def test_every_pixel_mode_becomes_rgb(mode: str) -> None:
    image = Image.fromarray(factories.pattern(48, 32)).convert(mode if mode != "I;16" else "L")
    if mode == "I;16":
        image = Image.fromarray(np.asarray(image).astype(np.uint16) * 257)
    fmt = "JPEG" if mode == "CMYK" else ("TIFF" if mode == "LA" else "PNG")
    out = io.BytesIO()
    image.save(out, fmt)
    decoded = decode_image(out.getvalue(), f"a.{fmt.lower()}")
    assert decoded.pixels.shape == (32, 48, 3) and decoded.pixels.dtype == np.uint8
    if mode == "I;16":
        grey = np.asarray(Image.fromarray(factories.pattern(48, 32)).convert("L"))
        assert np.array_equal(decoded.pixels[..., 0], grey)


def test_enlarge_grows_beyond_the_detection_and_stays_inside_the_image() -> None:
    det = Detection(x=100, y=100, w=40, h=50, score=0.9)
    box = enlarge(det, 1000, 1000, Enlargement(left_right=0.5, top=0.5, bottom=0.25, min_margin=3))
    assert (box.x, box.y, box.w, box.h) == (80, 75, 80, 88)
    edge = enlarge(Detection(x=2, y=1, w=10, h=10, score=0.9), 12, 12)
    assert (edge.x, edge.y) == (0, 0) and edge.x + edge.w <= 12 and edge.y + edge.h <= 12


def test_snap_grows_to_the_block_grid() -> None:
    assert snap(Box(9, 15, 10, 2), 8, 100, 100) == Box(8, 8, 16, 16)
    assert snap(Box(90, 90, 9, 9), 8, 99, 99) == Box(88, 88, 11, 11)


def test_apply_masks_paints_solid_fill_and_copies() -> None:
    pixels = factories.pattern(50, 40)
    out = apply_masks(pixels, [Box(5, 6, 10, 12)])
    assert (out[6:18, 5:15] == 0).all()
    assert not (pixels[6:18, 5:15] == 0).all()  # the input is untouched


def test_box_from_list_refuses_bad_boxes() -> None:
    assert Box.from_list([1, 2, 3, 4]) == Box(1, 2, 3, 4)
    for bad in ([1, 2, 3], [0, 0, 0, 5], [0, 0, float("nan"), 5]):
        with pytest.raises(MediaError):
            Box.from_list(bad)


@pytest.mark.parametrize("fmt", [OutputFormat.PNG, OutputFormat.JPEG])
def test_s32_pixels_inside_each_mask_are_constant(fmt: OutputFormat) -> None:
    """Every pixel under a mask decodes to one colour, also in JPEG (boxes on the 8 px grid)."""
    decoded = decode_image(factories.encode(factories.pattern(333, 251), "PNG"), "a.png")
    boxes = [Box(3, 5, 31, 17), Box(100, 100, 57, 61), Box(300, 220, 40, 40), Box(0, 0, 1, 1)]
    released = release_pixels(decoded, boxes, fmt)
    out = decode_image(released.data, f"out{fmt.value}").pixels
    assert len(released.boxes) == 4
    for given, placed in zip(boxes, released.boxes):
        region = out[placed.y : placed.y + placed.h, placed.x : placed.x + placed.w].reshape(-1, 3)
        assert (region == region[0]).all(), placed
        assert placed.x <= given.x and placed.y <= given.y  # the mask only grows
        assert placed.x + placed.w >= min(given.x + given.w, 333)


def test_s32_masks_on_real_faces_are_constant_and_check_clean(
    detector: FaceDetector, face_set: list[dict[str, object]]
) -> None:
    """On real photos (JPEG and PNG releases) masks are solid and check finds no face left."""
    from tests.media.conftest import FACES_DIR
    from vault.media import check_photo

    for row in face_set[::97]:
        name = str(row["image"])
        data = (FACES_DIR / name).read_bytes()
        for fmt in (OutputFormat.JPEG, OutputFormat.PNG):
            released = redact_photo(data, name, detector, fmt=fmt)
            assert released.boxes, name
            out = decode_image(released.data, f"out{fmt.value}").pixels
            for b in released.boxes:
                region = out[b.y : b.y + b.h, b.x : b.x + b.w].reshape(-1, 3)
                assert (region == 0).all(), (name, b)
            report = check_photo(released.data, detector)
            assert report.metadata == ()
            assert report.unmasked_faces == (), (name, report.unmasked_faces)
