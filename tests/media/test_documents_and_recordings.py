"""PDFs leave only as re-rendered page images; audio and video never leave as recordings."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from cli.main import main
from tests.media import factories
from tests.media.conftest import FACES_DIR, metadata_tags
from vault.errors import MediaError
from vault.media import Box, FaceDetector, MediaKind, decode_image, ensure_releasable_as_media, release_rule
from vault.media.documents import redact_pdf, render_pages


def _pdf(*images: np.ndarray) -> bytes:
    """A PDF (written by Pillow) with one page per image and identifying document info."""
    pages = [Image.fromarray(p) for p in images]
    out = io.BytesIO()
    pages[0].save(
        out, "PDF", save_all=True, append_images=pages[1:], resolution=72.0,
        title=factories.CANARY, author=factories.CANARY, subject="GPS 41.4N 128.2E",
    )
    return out.getvalue()


def test_pdf_pages_are_rendered_to_pixels() -> None:
    data = _pdf(factories.pattern(200, 100), factories.pattern(100, 150))
    pages = list(render_pages(data, "scan.pdf", dpi=72))
    assert [p.pixels.shape for p in pages] == [(100, 200, 3), (150, 100, 3)]
    assert np.abs(pages[0].pixels.astype(int) - factories.pattern(200, 100)).mean() < 12


def test_pdf_released_as_clean_png_pages(detector: FaceDetector, tmp_path: Path) -> None:
    """No document info, XMP or other PDF structure survives: only PNG pages."""
    data = _pdf(factories.pattern(200, 100), factories.pattern(120, 160))
    assert b"/Title" in data and b"/Author" in data  # the source carries document info
    pages = redact_pdf(data, "scan.pdf", detector, extra_boxes={2: [Box(10, 10, 40, 40)]})
    assert [p.number for p in pages] == [1, 2]
    for page in pages:
        path = tmp_path / f"p{page.number}.png"
        path.write_bytes(page.photo.data)
        assert page.photo.data.startswith(b"\x89PNG")
        assert metadata_tags(path) == []
        assert b"PDF" not in page.photo.data and factories.CANARY.encode() not in page.photo.data
    second = decode_image(pages[1].photo.data, "p2.png").pixels
    assert pages[1].photo.boxes and (second[10:50, 10:50] == 0).all()


def test_pdf_with_a_face_is_masked(detector: FaceDetector, face_set: list[dict[str, object]]) -> None:
    name = next(str(r["image"]) for r in face_set if str(r["image"]).startswith("19_Couple"))
    photo = decode_image((FACES_DIR / name).read_bytes(), name).pixels
    (page,) = redact_pdf(_pdf(photo), "scan.pdf", detector, dpi=72)
    assert page.photo.boxes


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"%PDF-1.4 not really", "a.pdf", "cannot open the PDF"),
        (factories.encode(factories.pattern(20, 20), "PNG"), "a.pdf", "not a PDF"),
        (b"%PDF-1.4\n<html><script>x</script>", "a.pdf", "polyglot"),
        (b"%PDF-1.4\n" + b"PK\x05\x06" + b"\x00" * 18, "a.pdf", "polyglot"),
        (b"%PDF-1.4\n", "a.jpg", "not declared as a PDF"),
    ],
)
def test_s29_bad_pdf_refused(data: bytes, name: str, message: str) -> None:
    with pytest.raises(MediaError, match=message):
        list(render_pages(data, name))


def test_s29_pdf_page_bomb_refused() -> None:
    """A page whose rendering would exceed the pixel limit is refused before drawing."""
    data = _pdf(factories.pattern(100, 100))
    with pytest.raises(MediaError, match="declares"):
        list(render_pages(data, "a.pdf", dpi=72 * 100))


def test_cli_redacts_pdf_to_page_images(tmp_path: Path) -> None:
    src = tmp_path / "scan.pdf"
    src.write_bytes(_pdf(factories.pattern(200, 100), factories.pattern(100, 150)))
    out = tmp_path / "out"
    boxes = tmp_path / "b.jsonl"
    result = CliRunner().invoke(main, ["media", "redact", str(src), "--out-dir", str(out), "--boxes-out", str(boxes)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["scan-p001.png", "scan-p002.png"]
    assert [json.loads(x)["image"] for x in boxes.read_text(encoding="utf-8").splitlines()] == [
        "scan.pdf#page=1",
        "scan.pdf#page=2",
    ]


@pytest.mark.parametrize("kind", [MediaKind.AUDIO, MediaKind.VIDEO])
def test_recordings_are_never_released(kind: MediaKind) -> None:
    """Voice prints: audio and video leave the vault only as redacted transcripts."""
    with pytest.raises(MediaError, match="transcript"):
        ensure_releasable_as_media(kind)
    assert "transcript" in release_rule(kind)


def test_photos_and_documents_may_be_released_as_media() -> None:
    ensure_releasable_as_media(MediaKind.PHOTO)
    ensure_releasable_as_media(MediaKind.DOCUMENT)
    assert "page images" in release_rule(MediaKind.DOCUMENT)
