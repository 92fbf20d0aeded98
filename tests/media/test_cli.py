"""`testimony media redact` and `testimony media check` through click's test runner."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli.main import main
from tests.media import factories
from tests.media.conftest import FACES_DIR, metadata_tags


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_media_commands_have_help() -> None:
    runner = CliRunner()
    for args in (["media", "--help"], ["media", "redact", "--help"], ["media", "check", "--help"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0 and "Usage" in result.output


def test_redact_many_photos_writes_clean_images_and_boxes(tmp_path: Path) -> None:
    """One process masks several photos; B.jsonl holds one line per photo with its boxes."""
    a = _write(tmp_path / "a.jpg", factories.jpeg_with_everything())
    b = _write(tmp_path / "b.png", factories.png_with_everything())
    out = tmp_path / "out"
    boxes = tmp_path / "boxes.jsonl"
    result = CliRunner().invoke(main, ["media", "redact", str(a), str(b), "--out-dir", str(out), "--boxes-out", str(boxes)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.jpg", "b.png"]
    lines = [json.loads(line) for line in boxes.read_text(encoding="utf-8").splitlines()]
    assert [line["image"] for line in lines] == ["a.jpg", "b.png"]
    assert all(isinstance(line["boxes"], list) for line in lines)
    for released in out.iterdir():
        assert metadata_tags(released) == []
    check = CliRunner().invoke(main, ["media", "check", *(str(p) for p in sorted(out.iterdir()))])
    assert check.exit_code == 0, check.output
    assert check.output.count(": ok") == 2


def test_redact_boxes_are_the_masked_regions_on_real_faces(tmp_path: Path, face_set: list[dict[str, object]]) -> None:
    """The boxes written are exactly the solid regions in the output, in input coordinates."""
    from vault.media import decode_image

    name = next(str(r["image"]) for r in face_set if str(r["image"]).startswith("19_Couple"))
    out = tmp_path / "out"
    boxes = tmp_path / "b.jsonl"
    result = CliRunner().invoke(
        main, ["media", "redact", str(FACES_DIR / name), "--out-dir", str(out), "--boxes-out", str(boxes), "--format", "png"]
    )
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(x) for x in boxes.read_text(encoding="utf-8").splitlines()]
    assert line["image"] == name and line["boxes"]
    pixels = decode_image((out / name).with_suffix(".png").read_bytes(), "x.png").pixels
    original = decode_image((FACES_DIR / name).read_bytes(), name).pixels
    assert pixels.shape == original.shape
    for x, y, w, h in line["boxes"]:
        assert (pixels[y : y + h, x : x + w] == 0).all()
    check_original = CliRunner().invoke(main, ["media", "check", str(FACES_DIR / name)])
    assert check_original.exit_code != 0 and "face not under a mask" in check_original.output


def test_redact_refuses_bad_input_but_writes_the_others(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.png", factories.encode(factories.pattern(64, 64), "PNG"))
    bad = _write(tmp_path / "bad.jpg", factories.encode(factories.pattern(64, 64), "PNG"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["media", "redact", str(good), str(bad), "--out-dir", str(out)])
    assert result.exit_code == 1
    assert "bad.jpg: refused: the content is PNG but it is declared JPEG" in result.output
    assert "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["good.png"]


def test_redact_never_overwrites(tmp_path: Path) -> None:
    src = _write(tmp_path / "a.png", factories.encode(factories.pattern(64, 64), "PNG"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.png").write_bytes(b"keep me")
    result = CliRunner().invoke(main, ["media", "redact", str(src), "--out-dir", str(out)])
    assert result.exit_code == 1 and "refusing to overwrite" in result.output
    assert (out / "a.png").read_bytes() == b"keep me"
    twin = tmp_path / "sub"
    twin.mkdir()
    other = _write(twin / "a.jpg", factories.encode(factories.pattern(64, 64), "JPEG"))
    result = CliRunner().invoke(main, ["media", "redact", str(src), str(other), "--out-dir", str(tmp_path / "o2")])
    assert result.exit_code == 1 and "several inputs" in result.output


def test_check_lists_metadata_left(tmp_path: Path) -> None:
    """`check` names each metadata block and exits non-zero."""
    path = _write(tmp_path / "a.jpg", factories.jpeg_with_everything())
    result = CliRunner().invoke(main, ["media", "check", str(path)])
    assert result.exit_code == 1
    for word in ("EXIF", "XMP", "ICC profile", "IPTC", "JPEG comment"):
        assert word in result.output
    png = _write(tmp_path / "b.png", factories.png_with_everything())
    result = CliRunner().invoke(main, ["media", "check", str(png)])
    assert result.exit_code == 1 and "PNG chunk tEXt" in result.output and "PNG chunk eXIf" in result.output


def test_check_refuses_non_release_formats(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.webp", factories.webp_with_everything())
    result = CliRunner().invoke(main, ["media", "check", str(path)])
    assert result.exit_code == 1 and "not a release format" in result.output
