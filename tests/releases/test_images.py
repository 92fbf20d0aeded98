"""Released images: S32 at the gate, signed with the extract, exported, retracted (S09)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import bagit
import numpy as np
import pytest
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo

from tests.release_world import World, add
from tests.releases import _pages
from vault import reading_room, releases
from vault.errors import IntegrityError, InvalidInput, ReleaseBlocked
from vault.media.encode import OutputFormat, encode_pixels
from vault.releases import decisions, export_bag


def _clean_png() -> bytes:
    pixels = np.random.default_rng(7).integers(0, 256, size=(48, 64, 3), dtype=np.uint8)
    return encode_pixels(pixels, OutputFormat.PNG)


def _png_with_text() -> bytes:
    info = PngInfo()
    info.add_text("Author", "someone")
    out = io.BytesIO()
    PILImage.new("RGB", (8, 8), (1, 2, 3)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _proposal(world: World) -> releases.Release:
    tid = add(world)
    decisions.accept_all(world.alice.conn, tid, actor=world.alice.actor)
    return releases.propose(world.alice, tid)


def test_s32_image_with_metadata_refused(world: World) -> None:
    proposal = _proposal(world)
    with pytest.raises(ReleaseBlocked, match="image metadata: image 1 still carries"):
        releases.add_image(world.alice, proposal.id, _png_with_text())
    with pytest.raises(InvalidInput, match="PNG or JPEG"):
        releases.add_image(world.alice, proposal.id, b"GIF89a not an image")
    assert releases.images(world.alice.conn, proposal.id) == []


def test_s32_image_added_after_approval_refused(world: World) -> None:
    proposal = _proposal(world)
    releases.approve(world.bob, proposal.id)
    with pytest.raises(InvalidInput, match="before approval"):
        releases.add_image(world.alice, proposal.id, _clean_png())


def test_image_published_exported_and_retracted(world: World, tmp_path: Path) -> None:
    picture = _clean_png()
    proposal = _proposal(world)
    assert releases.add_image(world.alice, proposal.id, picture) == 0
    releases.approve(world.bob, proposal.id)
    releases.generalise_text(world.bob, proposal.id, accept_suppression=True)
    done = releases.publish(world.bob, proposal.id, accept_suppression=True)
    rk = world.researcher_key()
    room = reading_room.connect(world.archive, rk)
    try:
        extract = reading_room.get(room, done.extract_id or "")
        assert reading_room.image(room, extract.id, 0).data == picture
        result = export_bag.export(room, tmp_path / "bag")
    finally:
        room.close()
    assert len(extract.images) == 1
    line = json.loads((result.path / "data" / "extracts.jsonl").read_text())
    assert line["images"] == list(extract.images)
    assert (result.path / "data" / "images" / f"{extract.images[0]}.png").read_bytes() == picture
    assert export_bag.verify(result.path).extracts == 1
    assert releases.verify_reading_room(world.alice) == []

    # Swapping the image (and rebuilding the bag's checksums) is caught by the signed hash.
    target = result.path / "data" / "images" / f"{extract.images[0]}.png"
    target.write_bytes(_clean_png()[:-1] + b"\x00")
    bagit.Bag(str(result.path)).save(manifests=True)
    with pytest.raises(IntegrityError, match="does not match its SHA-256 name"):
        export_bag.verify(result.path)

    sample = picture[len(picture) // 2:len(picture) // 2 + 48]
    assert sample in _pages.plaintext(world.archive.reading_room_path, rk)  # positive control
    releases.retract(world.alice, done.id)
    assert sample not in _pages.plaintext(world.archive.reading_room_path, rk)


def test_add_image_command(world: World, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import main
    from tests.release_world import PASSPHRASES

    proposal = _proposal(world)
    image = tmp_path / "masked.png"
    image.write_bytes(_clean_png())
    secret = tmp_path / "alice.pass"
    secret.write_text(PASSPHRASES["alice"] + "\n")
    base = ["--archive", str(world.archive.root), "--user", "alice", "--passphrase-file", str(secret), "release"]
    result = CliRunner().invoke(main, [*base, "add-image", proposal.id, str(image)])
    assert result.exit_code == 0 and "image 1 added" in result.output
    shown = CliRunner().invoke(main, [*base, "show", proposal.id, "--json"])
    assert json.loads(shown.output)["images"][0]["media_type"] == "image/png"
    image.write_bytes(_png_with_text())
    refused = CliRunner().invoke(main, [*base, "add-image", proposal.id, str(image)])
    assert refused.exit_code == 1 and "S32" in refused.output
