"""Text in photos: OCR (Tesseract, optional) feeds the text redaction engine."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw, ImageFont

from cli.main import main
from tests.media import factories
from vault.media import Box, FaceDetector, decode_image, propose_masks
from vault.media.text import TextSpan, identifier_boxes, is_ocr_available, join_words, parse_tsv

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t900\t300\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t31\t48\t180\t30\t96.2\tWelcome\n"
    "5\t1\t1\t1\t1\t2\t283\t49\t141\t37\t91.8\tHyesan\n"
    "5\t1\t2\t1\t1\t1\t34\t149\t51\t29\t12.0\tnoise\n"
    "5\t1\t2\t1\t1\t2\t107\t148\t69\t30\t93.2\tKim\n"
)


def test_parse_tsv_keeps_confident_words() -> None:
    words = parse_tsv(TSV)
    assert [w.text for w in words] == ["Welcome", "Hyesan", "Kim"]
    assert words[1].box == Box(283, 49, 141, 37)


def test_join_words_maps_offsets_and_lines() -> None:
    words = parse_tsv(TSV)
    text, offsets = join_words(words)
    assert text == "Welcome Hyesan\nKim"
    assert [text[a:b] for a, b in offsets] == ["Welcome", "Hyesan", "Kim"]


def test_identifier_boxes_cover_flagged_words_only() -> None:
    words = parse_tsv(TSV)
    boxes = identifier_boxes(words, lambda text: [TextSpan(text.index("Hyesan"), text.index("Hyesan") + 6, "LOCATION")], 900, 300)
    assert len(boxes) == 1
    b = boxes[0]
    assert b.x < 283 and b.y < 49 and b.x + b.w > 283 + 141 and b.y + b.h > 49 + 37


def _sign() -> bytes:
    if not FONT.is_file():
        pytest.skip("DejaVu font not installed")
    image = Image.new("RGB", (900, 300), (230, 220, 200))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 40)
    draw.text((30, 40), "Welcome to Hyesan Station", font=font, fill=(20, 20, 20))
    draw.text((30, 140), "Mr. Kim Chol-su, broker", font=font, fill=(20, 20, 20))
    return factories.encode(np.asarray(image), "PNG")


@pytest.mark.skipif(not is_ocr_available(), reason="tesseract-ocr not installed (text in images then needs a person's eye)")
def test_names_and_places_in_a_photo_are_masked(detector: FaceDetector) -> None:
    """A sign naming a person and a place: both are masked, ordinary words are not."""
    proposal = propose_masks(_sign(), "sign.png", detector, read_text=True)
    assert proposal.text_boxes
    covered = np.zeros((300, 900), dtype=bool)
    for b in proposal.text_boxes:
        covered[b.y : b.y + b.h, b.x : b.x + b.w] = True
    assert covered[55:80, 290:420].all()  # "Hyesan"
    assert covered[155:175, 110:170].all()  # "Kim"
    assert not covered[55:80, 40:200].any()  # "Welcome"


@pytest.mark.skipif(not is_ocr_available(), reason="tesseract-ocr not installed")
def test_cli_read_text(tmp_path: Path) -> None:
    src = tmp_path / "sign.png"
    src.write_bytes(_sign())
    result = CliRunner().invoke(main, ["media", "redact", str(src), "--out-dir", str(tmp_path / "o"), "--read-text"])
    assert result.exit_code == 0, result.output
    out = decode_image((tmp_path / "o" / "sign.png").read_bytes(), "sign.png").pixels
    assert (out[60:75, 300:410] == 0).all()
    assert "read by OCR" in result.output
