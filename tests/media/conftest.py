"""Shared fixtures for the media tests: one face detector, the face set, exiftool."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests import eval_data
from vault.media import FaceDetector

#: ../shared/eval/faces; the face_set fixture fails with a clear message when it is absent.
FACES_DIR = eval_data.located() / "faces"

# exiftool groups (family 1, `-G1`) and tags that only describe the file on disk or how
# to draw its pixels. Every other tag exiftool reports counts as metadata left behind.
ALLOWED_TAGS: dict[str, frozenset[str] | None] = {
    "System": None,  # file name, size, dates and permissions on this disk, not content
    "ExifTool": frozenset({"ExifToolVersion"}),  # a Warning or Error counts
    "File": frozenset(
        {
            "FileType",
            "FileTypeExtension",
            "MIMEType",
            "ImageWidth",
            "ImageHeight",
            "EncodingProcess",
            "BitsPerSample",
            "ColorComponents",
            "YCbCrSubSampling",
        }
    ),
    "JFIF": frozenset({"JFIFVersion", "ResolutionUnit", "XResolution", "YResolution"}),
    "PNG": frozenset({"ImageWidth", "ImageHeight", "BitDepth", "ColorType", "Compression", "Filter", "Interlace"}),
    "Composite": frozenset({"ImageSize", "Megapixels"}),
}


def exiftool_tags(path: Path) -> dict[str, Any]:
    """Return every tag exiftool reads from ``path`` as {"Group:Tag": value}."""
    exe = shutil.which("exiftool")
    if exe is None:
        pytest.fail("exiftool not found: apt-get install libimage-exiftool-perl")
    out = subprocess.run(
        [exe, "-j", "-a", "-u", "-G1", "-n", str(path)], check=True, capture_output=True, timeout=60
    ).stdout
    (tags,) = json.loads(out)
    tags.pop("SourceFile", None)
    return dict(tags)


def metadata_tags(path: Path) -> list[str]:
    """Return the exiftool tags of ``path`` beyond the file-format basics."""
    left = []
    for key in exiftool_tags(path):
        group, _, tag = key.partition(":")
        allowed = ALLOWED_TAGS.get(group, frozenset())
        if allowed is not None and tag not in allowed:
            left.append(key)
    return left


@pytest.fixture(scope="session")
def detector() -> FaceDetector:
    return FaceDetector()


@pytest.fixture(scope="session")
def face_set() -> list[dict[str, Any]]:
    """Rows of ../shared/eval/faces/boxes.jsonl (absent, the test fails: CI always has it)."""
    index = eval_data.eval_dir() / "faces" / "boxes.jsonl"
    return [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line.strip()]
