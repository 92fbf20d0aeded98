"""The enrolment QR code, drawn as an SVG path, decodes back to the otpauth URI."""
from __future__ import annotations

import re

import pytest

from keys import totp
from webui.qr import QUIET_ZONE, qr_path


def _raster(size: int, path: str, scale: int = 8) -> object:
    np = pytest.importorskip("numpy")
    image = np.full((size * scale, size * scale), 255, dtype=np.uint8)
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", path):
        x, y, width = int(x), int(y), int(width)
        image[y * scale:(y + 1) * scale, x * scale:(x + width) * scale] = 0
    return image


def test_qr_path_decodes_to_the_uri() -> None:
    """An OpenCV QR reader gets the exact otpauth URI back from the drawn modules."""
    cv2 = pytest.importorskip("cv2")
    uri = totp.provisioning_uri(b"\x01" * 20, "demo-archivist-1")
    qr = qr_path(uri)
    assert qr.size > 2 * QUIET_ZONE and qr.path.startswith("M")
    decoded, _points, _straight = cv2.QRCodeDetector().detectAndDecode(_raster(qr.size, qr.path))
    assert decoded == uri
