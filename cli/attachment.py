"""``testimony attachment list|add|show|delete|mask``: attachments of testimonies (vault roles)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from cli.context import CliContext
from cli.session import echo_json, open_vault
from cli.terminal import printable
from vault import attachments
from vault.archive import OpenVault
from vault.attachments import deletion, review
from vault.media import Box, FaceDetector, release_rule

pass_ctx = click.make_pass_decorator(CliContext)
_JSON = click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")


@click.group("attachment")
def attachment() -> None:
    """Photos, scans, PDFs and recordings, stored encrypted (one key each)."""


def _line(item: attachments.Attachment) -> str:
    state = "deleted" if item.is_deleted else item.kind.value
    return f"{item.id}  {item.testimony_id}  {state:8} {item.media_type:18} {item.size:>12,}  sha256:{item.sha256}"


@attachment.command("list")
@click.argument("testimony_id", required=False)
@click.option("--deleted", "include_deleted", is_flag=True, help="Also list deleted attachments.")
@_JSON
@pass_ctx
def list_(ctx: CliContext, testimony_id: str | None, include_deleted: bool, as_json: bool) -> None:
    """List attachments (of one testimony, or all) with type, size and SHA-256."""
    with open_vault(ctx) as vault:
        items = attachments.list_for(vault.conn, testimony_id, include_deleted=include_deleted)
    if as_json:
        echo_json([i.summary() for i in items])
        return
    for item in items:
        click.echo(_line(item))


@attachment.command("add")
@click.argument("testimony_id")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_ctx
def add(ctx: CliContext, testimony_id: str, files: tuple[Path, ...]) -> None:
    """Store FILES encrypted as attachments of TESTIMONY_ID (each streamed in 1 MiB chunks).

    The original is not removed: delete it yourself once it is stored (on SSDs and
    journaling file systems the old blocks may survive; see docs/field-guide.md).
    """
    with open_vault(ctx) as vault:
        for path in files:
            with path.open("rb") as source:
                item = attachments.add(vault, testimony_id, path.name, source)
            click.echo(f"{item.id}  {item.media_type}  {item.size:,} bytes  sha256:{item.sha256}")


@attachment.command("show")
@click.argument("attachment_id")
@click.option("--output", "output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default=None,
              help="Write the decrypted original here ('-' for stdout). This makes a PLAINTEXT copy.")
@_JSON
@pass_ctx
def show(ctx: CliContext, attachment_id: str, output: Path | None, as_json: bool) -> None:
    """Show an attachment's metadata and SHA-256; with --output, stream out the original."""
    with open_vault(ctx) as vault:
        item = attachments.get(vault.conn, attachment_id)
        if output is not None:
            _write_original(vault, attachment_id, output)
            if str(output) == "-":
                return
    info = {**item.summary(), "release": release_rule(item.kind)}
    if as_json:
        echo_json(info)
        return
    for key, value in info.items():
        click.echo(f"{key}: {'' if value is None else printable(value)}")


def _write_original(vault: OpenVault, attachment_id: str, output: Path) -> None:
    chunks = attachments.iter_original(vault, attachment_id)
    if str(output) == "-":
        stream = sys.stdout.buffer
        for chunk in chunks:
            stream.write(chunk)
        stream.flush()
        return
    if output.exists():
        raise click.ClickException(f"{output} exists: choose a new file name")
    try:
        with output.open("xb") as out:
            for chunk in chunks:
                out.write(chunk)
    except BaseException:
        output.unlink(missing_ok=True)  # an incomplete or unverified copy is not kept
        raise
    click.echo(f"wrote a plaintext copy to {output}: keep it on an encrypted disk and delete it after use",
               err=True)


@attachment.command("delete")
@click.argument("attachment_id")
@click.option("--yes", is_flag=True, help="Confirm: the key is destroyed and the original cannot be recovered.")
@pass_ctx
def delete(ctx: CliContext, attachment_id: str, yes: bool) -> None:
    """Destroy an attachment's key and remove its blob (S15). Cannot be undone."""
    if not yes:
        raise click.ClickException("deleting destroys the attachment's key for good: add --yes to confirm")
    with open_vault(ctx) as vault:
        item = attachments.delete(vault, attachment_id)
    click.echo(f"deleted {item.id}: its key is destroyed and its blob removed (sha256:{item.sha256} kept for the "
               "chain of custody)")


@attachment.command("purge-leftovers")
@click.option("--yes", is_flag=True, help="Confirm.")
@pass_ctx
def purge_leftovers(ctx: CliContext, yes: bool) -> None:
    """Remove blob files that no attachment uses (quarantined, or left by a crash over an hour ago)."""
    if not yes:
        raise click.ClickException("add --yes to remove blob files that no attachment uses")
    with open_vault(ctx) as vault:
        removed = deletion.purge_leftovers(vault)
    click.echo(f"removed {len(removed)} unused blob file(s)")


def _box(value: str) -> Box:
    try:
        return Box.from_list([int(v) for v in value.split(",")])
    except ValueError:
        raise click.BadParameter(f"{value!r}: a box is x,y,w,h in pixels") from None


@attachment.command("mask")
@click.argument("attachment_id")
@click.option("--box", "extra", multiple=True, metavar="X,Y,W,H", help="Also mask this box (repeatable).")
@click.option("--no-detect", is_flag=True, help="Use only the --box boxes, not the face detector's.")
@click.option("--release", "release_id", default=None,
              help="Add the masked image to this release proposal (you confirm the masks).")
@click.option("--allow-unmasked-faces", is_flag=True,
              help="With --release: add it even if the detector sees a face outside every box.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the masked image (PNG, rebuilt from pixels) to this new file.")
@pass_ctx
def mask(ctx: CliContext, attachment_id: str, extra: tuple[str, ...], no_detect: bool, release_id: str | None,
         allow_unmasked_faces: bool, out: Path | None) -> None:
    """Propose face boxes for a photo, and optionally add the masked image to a release.

    Prints {"image": ID, "boxes": [[x, y, w, h], ...]} (upright pixel coordinates).
    """
    boxes_extra = [_box(v) for v in extra]
    detector = FaceDetector()
    with open_vault(ctx) as vault:
        proposed = () if no_detect else review.propose(vault, attachment_id, detector).boxes
        boxes = [*proposed, *boxes_extra]
        if out is not None:
            if out.exists():
                raise click.ClickException(f"{out} exists: choose a new file name")
            _, image = review.load(vault, attachment_id)
            out.write_bytes(review.preview(image, boxes).data)
        position = None
        if release_id is not None:
            position = review.confirm(vault, attachment_id, release_id, boxes, detector,
                                      allow_unmasked_faces=allow_unmasked_faces)
    click.echo(json.dumps({"image": attachment_id, "boxes": [b.as_list() for b in boxes]}))
    for notice in review.REVIEW_NOTICES:
        click.echo(f"note: {notice}", err=True)
    if position is not None:
        click.echo(f"added to release {release_id} as image {position}", err=True)
