"""Text in photos: read it offline with Tesseract, mask what the redaction engine flags.

Optional: needs Debian's ``tesseract-ocr`` with ``tesseract-ocr-kor`` and
``tesseract-ocr-eng``. The image goes to the ``tesseract`` process through a pipe and the
words come back through one: nothing is written to disk. OCR misses stylised, small,
rotated, handwritten and low-contrast text, so a person still reads every photo.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from vault.errors import MediaError
from vault.media.encode import OutputFormat, encode_pixels
from vault.media.masks import Box, clip

LANGUAGES = "kor+eng"
MIN_CONFIDENCE = 30.0
TIMEOUT_S = 120


@dataclass(frozen=True)
class Word:
    """One word read by OCR; ``line`` groups words of one text line."""

    text: str
    box: Box
    confidence: float
    line: tuple[int, int, int]


@dataclass(frozen=True)
class TextSpan:
    """What a text detector flagged: offsets into the joined OCR text, and a label."""

    start: int
    end: int
    label: str


def is_ocr_available() -> bool:
    return shutil.which("tesseract") is not None


def read_words(pixels: np.ndarray, *, languages: str = LANGUAGES, min_confidence: float = MIN_CONFIDENCE) -> list[Word]:
    """Return the words Tesseract reads in an RGB array (sparse-text mode, for photos)."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise MediaError("text in images cannot be read here: install tesseract-ocr, -kor and -eng")
    png = encode_pixels(pixels, OutputFormat.PNG)
    env = {"PATH": os.environ.get("PATH", ""), "OMP_THREAD_LIMIT": "1", "LC_ALL": "C.UTF-8"}
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", "-l", languages, "--psm", "11", "tsv"],
            input=png,
            capture_output=True,
            timeout=TIMEOUT_S,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise MediaError("reading text in the image took too long") from None
    if done.returncode != 0:
        raise MediaError("tesseract could not read the image (are the kor and eng data installed?)")
    return parse_tsv(done.stdout.decode("utf-8", errors="replace"), min_confidence)


def parse_tsv(tsv: str, min_confidence: float = MIN_CONFIDENCE) -> list[Word]:
    """Return word rows (level 5) of Tesseract's TSV output above ``min_confidence``."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        confidence = float(row["conf"])
        if confidence < min_confidence:
            continue
        box = Box(int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]))
        line = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        words.append(Word(row["text"].strip(), box, confidence, line))
    return words


def join_words(words: Sequence[Word]) -> tuple[str, list[tuple[int, int]]]:
    """Return the OCR text (words by spaces, lines by newlines) and each word's offsets."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    previous: tuple[int, int, int] | None = None
    for word in words:
        if previous is not None:
            sep = " " if word.line == previous else "\n"
            parts.append(sep)
            pos += len(sep)
        offsets.append((pos, pos + len(word.text)))
        parts.append(word.text)
        pos += len(word.text)
        previous = word.line
    return "".join(parts), offsets


def identifier_boxes(
    words: Sequence[Word],
    find: Callable[[str], Iterable[TextSpan]],
    width: int,
    height: int,
    *,
    margin: float = 0.15,
) -> list[Box]:
    """Return mask boxes over every word that a flagged span touches."""
    text, offsets = join_words(words)
    spans = list(find(text))
    boxes = []
    for word, (start, end) in zip(words, offsets):
        if any(s.start < end and start < s.end for s in spans):
            pad = max(2, round(word.box.h * margin))
            b = word.box
            boxes.append(clip(b.x - pad, b.y - pad, b.x + b.w + pad, b.y + b.h + pad, width, height))
    return boxes


def redaction_engine_spans(text: str) -> list[TextSpan]:
    """Run the archive's text redaction engine (every default detector) on OCR text."""
    from vault.redaction import detect  # imported lazily: kiwipiepy loads a model

    return [TextSpan(s.start, s.end, s.label) for s in detect(text)]
