"""``testimony media``: mask faces in photos and check released images (no vault needed)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cli.terminal import printable
from keys.atomic import atomic_writer
from vault.errors import MediaError

if TYPE_CHECKING:
    from vault.media import OutputFormat

# vault.media (OpenCV, Pillow, PDFium) is imported inside the commands, so that every
# other `testimony` command starts without loading it.
_FORMATS = ("jpeg", "png", "same")


@click.group("media")
def media() -> None:
    """Photos: faces under solid masks, metadata removed."""


@media.command("redact")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out-dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the rebuilt images (created if missing; existing files are never overwritten).",
)
@click.option(
    "--boxes-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help='Write one JSON line per photo: {"image": name, "boxes": [[x, y, w, h], ...]}.',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    default="same",
    show_default=True,
    help="Output format: JPEG for JPEG inputs and PNG otherwise, or force one.",
)
@click.option(
    "--read-text/--no-read-text",
    default=False,
    show_default=True,
    help="Also read text with Tesseract (kor+eng) and mask what the text redaction engine flags.",
)
def redact(inputs: tuple[Path, ...], out_dir: Path, boxes_out: Path | None, fmt: str, read_text: bool) -> None:
    """Mask every detected face in each photo and rebuild it from its pixels alone.

    A PDF is released as one PNG per page (NAME-p001.png, ...; boxes lines "NAME#page=N").
    """
    from vault.media import NOTICES, FaceDetector, OutputFormat, redact_photo
    from vault.media.documents import is_pdf_name, redact_pdf
    from vault.media.photos import OCR_NOTICE

    chosen = {"same": None, "png": OutputFormat.PNG, "jpeg": OutputFormat.JPEG}[fmt]
    targets = _plan_outputs(inputs, out_dir, chosen)
    out_dir.mkdir(parents=True, exist_ok=True)
    detector = FaceDetector()
    lines: list[str] = []
    refused = 0
    for source, target in zip(inputs, targets):
        try:
            data = source.read_bytes()
            if is_pdf_name(source.name):
                pages = [(f"{source.name}#page={p.number}", p.photo) for p in redact_pdf(data, source.name, detector)]
            else:
                photo = redact_photo(data, source.name, detector, fmt=chosen, read_text=read_text)
                pages = [(source.name, photo)]
        except (MediaError, OSError) as exc:
            refused += 1
            click.echo(f"{printable(source.name)}: refused: {exc}", err=True)
            continue
        for number, (label, photo) in enumerate(pages, start=1):
            stem = target.name if label == source.name else f"{target.name}-p{number:03d}"
            final = target.with_name(stem + photo.format.value)
            _write_new(final, photo.data)
            lines.append(json.dumps({"image": label, "boxes": [b.as_list() for b in photo.boxes]}))
            click.echo(f"{label}: {len(photo.boxes)} region(s) masked -> {final}")
    if boxes_out is not None:
        boxes_out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    for notice in (OCR_NOTICE, *NOTICES[1:]) if read_text else NOTICES:
        click.echo(f"note: {notice}", err=True)
    if refused:
        raise click.ClickException(f"{refused} of {len(inputs)} photo(s) refused; the others were written")


@media.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check(files: tuple[Path, ...]) -> None:
    """List metadata left and faces not under a mask; exit 0 only if there are none."""
    from vault.media import FaceDetector, check_photo

    detector = FaceDetector()
    problems = 0
    for path in files:
        try:
            report = check_photo(path.read_bytes(), detector)
        except (MediaError, OSError) as exc:
            problems += 1
            click.echo(f"{path}: cannot check: {exc}")
            continue
        for tag in report.metadata:
            click.echo(f"{path}: metadata: {tag}")
        for face in report.unmasked_faces:
            box = [round(face.x), round(face.y), round(face.w), round(face.h)]
            click.echo(f"{path}: face not under a mask at {box} (score {face.score:.2f})")
        problems += len(report.metadata) + len(report.unmasked_faces)
        if report.is_clean:
            click.echo(f"{path}: ok")
    if problems:
        raise click.ClickException(f"{problems} problem(s) found in {len(files)} file(s)")


def _plan_outputs(inputs: tuple[Path, ...], out_dir: Path, fmt: OutputFormat | None) -> list[Path]:
    """Refuse, before any work, two inputs with one output name or an existing output."""
    from vault.media import OutputFormat

    targets = [out_dir / source.stem for source in inputs]
    stems = [t.name for t in targets]
    clashes = sorted({s for s in stems if stems.count(s) > 1})
    if clashes:
        raise click.ClickException(f"several inputs would be written as {clashes[0]!r}: rename one")
    suffixes = [fmt.value] if fmt else [f.value for f in OutputFormat]
    for target in targets:
        for suffix in suffixes:
            if target.with_suffix(suffix).exists():
                raise click.ClickException(f"{target.with_suffix(suffix)} exists: refusing to overwrite it")
    return targets


def _write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file atomically (temp file in the same folder, then link)."""
    try:
        # linked, not renamed: fails if path appeared meanwhile (never overwrites)
        with atomic_writer(path, prefix=".media-", replace=False) as handle:
            handle.write(data)
    except FileExistsError:
        raise click.ClickException(f"{path} exists: refusing to overwrite it") from None
