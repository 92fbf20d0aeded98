"""PDFs are released only as re-rendered page images, never as the original file.

A PDF carries far more than its visible pages: document metadata, XMP, attachments,
form data, JavaScript, earlier revisions, hidden layers and text under images. Each page
is drawn to pixels with PDFium (the renderer shipped inside the ``pypdfium2`` wheel, no
JavaScript engine) and then goes through the photo pipeline like any image: faces are
masked and the page is rebuilt as a fresh PNG.

The text on the pages is *not* redacted here: a person must draw boxes over names,
places and signatures (``extra_boxes``), as for text in photos.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath

import numpy as np
import pypdfium2 as pdfium

from vault.errors import MediaError
from vault.media.decode import DEFAULT_LIMITS, DecodedImage, Limits, ensure_declared_size
from vault.media.encode import OutputFormat
from vault.media.faces import FaceDetector
from vault.media.masks import DEFAULT_ENLARGEMENT, Box, Enlargement, enlarge
from vault.media.photos import ReleasedPhoto, release_pixels
from vault.media.sniff import ImageType

PDF_MAGIC = b"%PDF-"
DEFAULT_DPI = 150
MAX_PAGES = 300
_POINTS_PER_INCH = 72
_PDFIUM_LOCK = threading.Lock()  # PDFium is not thread-safe


@dataclass(frozen=True)
class ReleasedPage:
    """One rebuilt page image; ``number`` counts from 1."""

    number: int
    photo: ReleasedPhoto


def is_pdf_name(declared: str) -> bool:
    """Return True when a file name or MIME type declares a PDF."""
    text = declared.strip().lower()
    return text == "application/pdf" or PurePath(text).suffix == ".pdf"


def ensure_pdf(data: bytes, declared: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise MediaError unless ``data`` is a PDF, declared as one, and not a polyglot."""
    if not is_pdf_name(declared):
        raise MediaError(f"{declared!r} is not declared as a PDF")
    if len(data) > limits.max_bytes:
        raise MediaError(f"refused: the file is larger than {limits.max_bytes // (1024 * 1024)} MiB")
    if not data.startswith(PDF_MAGIC):
        raise MediaError("the content is not a PDF although it is declared as one (it must start with %PDF-)")
    if b"PK\x05\x06" in data[-(65535 + 22) :]:
        raise MediaError("refused: the PDF also carries a ZIP archive (polyglot file)")
    head = data[:512].lower()
    if any(tag in head for tag in (b"<html", b"<script", b"<svg", b"<!doctype")):
        raise MediaError("refused: the PDF starts with HTML or script markup (polyglot file)")


def render_pages(
    data: bytes, declared: str, *, dpi: int = DEFAULT_DPI, limits: Limits = DEFAULT_LIMITS, max_pages: int = MAX_PAGES
) -> Iterator[DecodedImage]:
    """Yield each page as upright RGB pixels; sizes are checked before drawing."""
    ensure_pdf(data, declared, limits)
    scale = dpi / _POINTS_PER_INCH
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise MediaError(f"cannot open the PDF (damaged or password-protected): {exc}") from None
    try:
        with _PDFIUM_LOCK:
            count = len(document)
        if count == 0 or count > max_pages:
            raise MediaError(f"refused: the PDF has {count} pages (1 to {max_pages} are accepted)")
        for index in range(count):  # one page in memory at a time
            with _PDFIUM_LOCK:
                pixels = _render_page(document, index, scale, limits)
            yield DecodedImage(pixels=pixels, source_type=ImageType.PNG)
    finally:
        with _PDFIUM_LOCK:
            document.close()


def _render_page(document: pdfium.PdfDocument, index: int, scale: float, limits: Limits) -> np.ndarray:
    page = document[index]
    try:
        width, height = page.get_size()
        ensure_declared_size((round(width * scale), round(height * scale)), limits)
        bitmap = page.render(scale=scale, rotation=0, fill_color=(255, 255, 255, 255))
        return np.ascontiguousarray(bitmap.to_numpy()[:, :, 2::-1])  # BGR -> RGB
    except pdfium.PdfiumError as exc:
        raise MediaError(f"cannot render page {index + 1} of the PDF: {exc}") from None
    finally:
        page.close()


def redact_pdf(
    data: bytes,
    declared: str,
    detector: FaceDetector,
    *,
    extra_boxes: Mapping[int, Sequence[Box]] | None = None,
    dpi: int = DEFAULT_DPI,
    enlargement: Enlargement = DEFAULT_ENLARGEMENT,
    limits: Limits = DEFAULT_LIMITS,
) -> list[ReleasedPage]:
    """Render every page, mask faces (and ``extra_boxes[page_number]``), rebuild as PNG."""
    extra = extra_boxes or {}
    released = []
    for number, image in enumerate(render_pages(data, declared, dpi=dpi, limits=limits), start=1):
        boxes = [enlarge(d, image.width, image.height, enlargement) for d in detector.detect(image.pixels)]
        photo = release_pixels(image, [*boxes, *extra.get(number, ())], OutputFormat.PNG)
        released.append(ReleasedPage(number=number, photo=photo))
    return released
