"""S29: bombs, polyglots, mismatched and unsupported types are refused with a clear message, and
nothing is left behind (no blob, no row)."""
from __future__ import annotations

import io

import pytest

from tests.media.factories import jpeg_declaring, png_declaring
from tests.media_files import jpeg, png, wav
from vault import attachments
from vault.archive import OpenVault
from vault.errors import MediaError

ZIP_TAIL = b"PK\x05\x06" + b"\0" * 18

CASES = [
    # (name, content, words the message must hold)
    ("bomb.png", png_declaring(100_000, 100_000), "decompression bomb"),
    ("bomb.jpg", jpeg_declaring(60_000, 60_000), "decompression bomb"),
    ("photo.jpg", png(), "declared JPEG"),  # PNG content named .jpg
    ("photo.png", b"GIF89a" + b"\0" * 100, "not a JPEG, PNG, TIFF or WebP image"),
    ("polyglot.jpg", jpeg() + ZIP_TAIL, "polyglot"),
    ("polyglot.png", b"%PDF-1.4\n" + png(), "not a JPEG"),  # the PDF header hides the image's magic
    ("trailer.png", png() + b"<script>alert(1)</script>", "data follows the end of the image"),
    ("voice.wav", b"ID3" + b"\0" * 500, "not WAV"),
    ("voice.mp3", b"<html><body>hi</body></html>", "not MP3"),
    ("voice.wav", wav(b"\0" * 2000) + ZIP_TAIL, "ZIP archive (polyglot"),
    ("clip.mp4", b"\0\0\0\x18ftypisom" + b"%PDF-1.7" + b"\0" * 100, "PDF header (polyglot"),
    ("scan.pdf", b"PK\x03\x04" + b"\0" * 100, "not a PDF"),
    ("setup.exe", b"MZ" + b"\0" * 100, "unsupported attachment type '.exe'"),
    ("notes.docx", b"PK\x03\x04" + b"\0" * 100, "unsupported attachment type"),
    ("noextension", b"\xff\xd8\xff" + b"\0" * 100, "unsupported attachment type"),
]


@pytest.mark.parametrize(("name", "content", "words"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_s29_bad_attachment_refused_and_nothing_left(vault: OpenVault, testimony_id: str, name: str,
                                                     content: bytes, words: str) -> None:
    """Each bad file gets one human sentence naming the file and the problem; no blob, no row."""
    with pytest.raises(MediaError) as caught:
        attachments.add(vault, testimony_id, name, io.BytesIO(content))
    message = str(caught.value)
    assert name in message and words in message, message
    assert attachments.list_for(vault.conn, include_deleted=True) == []
    assert attachments.leftovers(vault) == []


def test_s29_oversized_photo_refused_while_streaming(vault: OpenVault, testimony_id: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A photo larger than the media limit is refused as soon as it passes the limit."""
    from vault.attachments import kinds

    monkeypatch.setattr(kinds.Declared, "max_bytes", property(lambda self: 10_000))
    with pytest.raises(MediaError, match="larger than"):
        attachments.add(vault, testimony_id, "big.jpg", io.BytesIO(jpeg(640, 480) + b"\0" * 20_000))
    assert attachments.leftovers(vault) == []


def test_good_files_of_every_kind_are_accepted(vault: OpenVault, testimony_id: str) -> None:
    """Photos, a PDF, audio and video with matching content are stored with their sniffed MIME type."""
    files = {
        "a.jpg": jpeg(), "b.PNG": png(), "c.wav": wav(b"\0" * 100), "d.mp3": b"ID3\x04" + b"\0" * 100,
        "e.mp4": b"\0\0\0\x18ftypisom" + b"\0" * 100, "f.webm": b"\x1a\x45\xdf\xa3" + b"\0" * 100,
        "g.pdf": b"%PDF-1.4\n%%EOF\n", "h.m4a": b"\0\0\0\x18ftypM4A " + b"\0" * 100,
    }
    stored = {name: attachments.add(vault, testimony_id, name, io.BytesIO(data)).media_type
              for name, data in files.items()}
    assert stored == {"a.jpg": "image/jpeg", "b.PNG": "image/png", "c.wav": "audio/wav", "d.mp3": "audio/mpeg",
                      "e.mp4": "video/mp4", "f.webm": "video/webm", "g.pdf": "application/pdf",
                      "h.m4a": "audio/mp4"}
