"""`testimony attachment list|add|show|delete|mask` through click's CliRunner."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from tests.factories import ADMIN, ADMIN_PASSPHRASE, Created, record
from tests.media_files import canary_wav, jpeg
from vault import testimonies
from vault.store import transaction


@pytest.fixture()
def cli(created: Created, tmp_path: Path) -> tuple[CliRunner, list[str], str]:
    secret = tmp_path / "pass"
    secret.write_text(ADMIN_PASSPHRASE + "\n")
    unlocked = created.archive.unlock(ADMIN, ADMIN_PASSPHRASE)
    with created.archive.open_vault(unlocked) as vault, transaction(vault.conn):
        tid = testimonies.add(vault.conn, record(), actor=vault.actor)
    base = ["--archive", str(created.archive.root), "--user", ADMIN, "--passphrase-file", str(secret)]
    return CliRunner(), base, tid


def test_add_list_show_delete(cli: tuple[CliRunner, list[str], str], tmp_path: Path) -> None:
    """Add prints id and SHA-256; list and show --json report them; show --output - streams the original;
    delete needs --yes and then the original cannot be read."""
    runner, base, tid = cli
    audio = tmp_path / "interview.wav"
    audio.write_bytes(canary_wav(300_000))
    added = runner.invoke(main, [*base, "attachment", "add", tid, str(audio)])
    assert added.exit_code == 0, added.output
    attachment_id = added.output.split()[0]
    assert hashlib.sha256(audio.read_bytes()).hexdigest() in added.output
    listed = json.loads(runner.invoke(main, [*base, "attachment", "list", tid, "--json"]).output)
    assert [i["id"] for i in listed] == [attachment_id] and listed[0]["kind"] == "audio"
    shown = json.loads(runner.invoke(main, [*base, "attachment", "show", attachment_id, "--json"]).output)
    assert shown["sha256"] == listed[0]["sha256"] and "never released as a recording" in shown["release"]
    streamed = runner.invoke(main, [*base, "attachment", "show", attachment_id, "--output", "-"])
    assert streamed.exit_code == 0 and streamed.stdout_bytes == audio.read_bytes()
    refused = runner.invoke(main, [*base, "attachment", "delete", attachment_id])
    assert refused.exit_code != 0 and "--yes" in refused.output
    deleted = runner.invoke(main, [*base, "attachment", "delete", attachment_id, "--yes"])
    assert deleted.exit_code == 0 and "key is destroyed" in deleted.output
    gone = runner.invoke(main, [*base, "attachment", "show", attachment_id, "--output", "-"])
    assert gone.exit_code == 1 and "deleted" in gone.output and "Traceback" not in gone.output
    assert json.loads(runner.invoke(main, [*base, "attachment", "list", "--json"]).output) == []


def test_refused_file_is_one_clear_line(cli: tuple[CliRunner, list[str], str], tmp_path: Path) -> None:
    """S29 from the CLI: exit 1 and one line naming the problem, no traceback."""
    runner, base, tid = cli
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"<html><script>x</script></html>")
    result = runner.invoke(main, [*base, "attachment", "add", tid, str(fake)])
    assert result.exit_code == 1 and "photo.jpg" in result.output and "Traceback" not in result.output


def test_mask_prints_boxes_and_writes_a_clean_image(cli: tuple[CliRunner, list[str], str], tmp_path: Path) -> None:
    """`mask --box` adds a typed box; --out writes a PNG rebuilt from pixels with that box solid."""
    runner, base, tid = cli
    photo = tmp_path / "p.jpg"
    photo.write_bytes(jpeg(320, 240))
    attachment_id = runner.invoke(main, [*base, "attachment", "add", tid, str(photo)]).output.split()[0]
    out = tmp_path / "masked.png"
    result = runner.invoke(main, [*base, "attachment", "mask", attachment_id, "--box", "10,20,30,40",
                                  "--out", str(out)])
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout.splitlines()[0])
    assert [10, 20, 30, 40] in line["boxes"] and "need a person's eye" in result.stderr
    from PIL import Image

    with Image.open(out) as image:
        assert image.format == "PNG" and not image.info
        region = image.convert("RGB").crop((10, 20, 40, 60))
        assert region.getextrema() == ((0, 0), (0, 0), (0, 0))


def test_purge_leftovers_removes_only_stale_orphans(cli: tuple[CliRunner, list[str], str], created: Created) -> None:
    """A blob left by a crash (no row) is removed once stale; a fresh staged blob and live blobs stay."""
    import os

    runner, base, tid = cli
    blobs = created.archive.folder("blobs")
    blobs.mkdir(exist_ok=True)
    stale, fresh = blobs / ("ab" * 16), blobs / (".tmp-" + "cd" * 16)
    stale.write_bytes(b"x")
    fresh.write_bytes(b"y")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    assert runner.invoke(main, [*base, "attachment", "purge-leftovers"]).exit_code != 0
    result = runner.invoke(main, [*base, "attachment", "purge-leftovers", "--yes"])
    assert result.exit_code == 0 and "removed 1" in result.output
    assert not stale.exists() and fresh.exists()

