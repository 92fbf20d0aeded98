"""``testimony field seal`` and ``testimony field fingerprint``."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from keys.bundle import open_bundle
from keys.intake import IntakePrivateKey, private_key_to_bytes
from tests.intake_records import CANARY_HANGUL, CANARY_HANJA, CANARY_LATIN, RECORD

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def kit(tmp_path: Path, private_key: IntakePrivateKey) -> Path:
    """A field-kit folder holding intake.pub, a testimony JSON file and two attachments."""
    (tmp_path / "intake.pub").write_text(private_key.public_key().to_text(), encoding="utf-8")
    (tmp_path / "t.json").write_text(json.dumps(RECORD, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(_noise_jpeg())
    (tmp_path / "note.wav").write_bytes(_wav((CANARY_LATIN + CANARY_HANGUL).encode() * 100))
    return tmp_path


def _noise_jpeg() -> bytes:
    """A real JPEG of random pixels (over 2 MB), as a camera would hand over."""
    from PIL import Image

    image = Image.frombytes("RGB", (1600, 1200), os.urandom(1600 * 1200 * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95)
    return out.getvalue()


def _wav(samples: bytes) -> bytes:
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(8000)
        handle.writeframes(samples + b"\0" * (len(samples) % 2))
    return out.getvalue()


def _seal(kit: Path, *extra: str) -> tuple[int, str]:
    args = ["field", "seal", "--key", str(kit / "intake.pub"), str(kit / "t.json"), "-o", str(kit / "out.sealed")]
    result = CliRunner().invoke(main, [*args, *extra])
    return result.exit_code, result.output


def _attachments(kit: Path) -> list[str]:
    return ["--attach", str(kit / "photo.jpg"), "--attach", str(kit / "note.wav")]


def test_field_seal_round_trip(kit: Path, private_key: IntakePrivateKey) -> None:
    """The vault's private key opens what the field kit sealed: record and attachments."""
    code, output = _seal(kit, *_attachments(kit))
    assert code == 0, output
    assert "2 attachment(s)" in output and private_key.public_key().fingerprint in output
    received: dict[str, io.BytesIO] = {}
    with (kit / "out.sealed").open("rb") as source:
        opened = open_bundle(source, private_key, sink=lambda n: received.setdefault(n, io.BytesIO()))
    assert opened.record == RECORD
    assert received["photo.jpg"].getvalue() == (kit / "photo.jpg").read_bytes()
    assert received["note.wav"].getvalue() == (kit / "note.wav").read_bytes()
    assert (kit / "t.json").exists()  # kept unless --shred-input


def test_s14_no_plaintext_in_the_sealed_file(kit: Path) -> None:
    """The canary in Latin, Hangul NFC and NFD, Hanja and UTF-16 is not in the sealed bytes."""
    assert _seal(kit, *_attachments(kit))[0] == 0
    sealed = (kit / "out.sealed").read_bytes()
    for text in (CANARY_LATIN, CANARY_HANGUL, unicodedata.normalize("NFD", CANARY_HANGUL), CANARY_HANJA):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert text.encode(encoding) not in sealed
    assert [p.name for p in kit.iterdir() if p.name.endswith(".part")] == []


def test_s14_field_kit_files_hold_no_private_key(kit: Path, private_key: IntakePrivateKey) -> None:
    """No file the field kit reads or writes contains the private key's bytes."""
    assert _seal(kit, *_attachments(kit))[0] == 0
    raw = private_key_to_bytes(private_key)[5:]
    for path in kit.iterdir():
        content = path.read_bytes()
        assert raw[:32] not in content and raw[-32:] not in content
        assert raw.hex().encode()[:64] not in content


_HEAP_PROBE = """
import gc, sys
from click.testing import CliRunner
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from keys.intake import IntakePrivateKey, generate_intake_key
from cli.main import main
kit = sys.argv[1]
if sys.argv[2] == "control":
    held = generate_intake_key()  # the probe must find this one
result = CliRunner().invoke(main, ["field", "seal", "--key", kit + "/intake.pub", kit + "/t.json",
                                   "--attach", kit + "/photo.jpg", "-o", kit + "/" + sys.argv[2] + ".sealed"])
assert result.exit_code == 0, result.output
private = (IntakePrivateKey, x25519.X25519PrivateKey, mlkem.MLKEM768PrivateKey, hpke.MLKEM768X25519PrivateKey)
# Key objects made in Rust are not tracked by gc: look at everything tracked objects refer to.
found = set()
for obj in gc.get_objects():
    for ref in (obj, *gc.get_referents(obj)):
        if isinstance(ref, private):
            found.add(id(ref))
print(len(found))
"""


def _private_keys_in_heap(kit: Path, mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _HEAP_PROBE, str(kit), mode], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip())


def test_s14_field_kit_process_never_holds_a_private_key(kit: Path) -> None:
    """A fresh process that runs `field seal` has no private-key object anywhere in its heap."""
    assert _private_keys_in_heap(kit, "control") > 0  # the probe does find a key that is there
    assert _private_keys_in_heap(kit, "seal") == 0
    assert (kit / "seal.sealed").stat().st_size > 2_000_000


def test_field_seal_shred_input_removes_plaintext(kit: Path) -> None:
    """--shred-input deletes IN.json and the attachments once the bundle is safely written."""
    code, output = _seal(kit, *_attachments(kit), "--shred-input")
    assert code == 0, output
    assert not (kit / "t.json").exists()
    assert not (kit / "photo.jpg").exists() and not (kit / "note.wav").exists()
    assert (kit / "out.sealed").stat().st_size > 2_000_000
    assert "see --help for limits" in output


def test_field_seal_help_is_honest_about_shredding() -> None:
    """The --shred-input help names what overwriting cannot reach."""
    output = CliRunner().invoke(main, ["field", "seal", "--help"]).output
    flat = " ".join(output.split())
    for word in ("NOT a guarantee", "SSDs", "journaling", "copy-on-write", "backups"):
        assert word in flat


def test_field_seal_refuses_existing_output(kit: Path) -> None:
    """An existing output file is never overwritten."""
    (kit / "out.sealed").write_bytes(b"earlier bundle")
    code, output = _seal(kit)
    assert code == 1 and "already exists" in output
    assert (kit / "out.sealed").read_bytes() == b"earlier bundle"


@pytest.mark.parametrize(
    "content, message",
    [(b"{not json", "not valid JSON"), (b"[1, 2]", "JSON object"), (b'{"a": 1, "a": 2}', "duplicate")],
)
def test_field_seal_refuses_bad_json_and_keeps_it(kit: Path, content: bytes, message: str) -> None:
    """Bad input gives one clear line, no output file, and the input is not shredded."""
    (kit / "t.json").write_bytes(content)
    code, output = _seal(kit, "--shred-input")
    assert code == 1 and message in output
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1
    assert not (kit / "out.sealed").exists()
    assert (kit / "t.json").read_bytes() == content
    assert [p.name for p in kit.iterdir() if p.name.endswith(".part")] == []


def test_field_seal_refuses_a_damaged_key_file(kit: Path) -> None:
    """A damaged intake.pub is refused before anything is written."""
    text = (kit / "intake.pub").read_text().replace("fingerprint: ", "fingerprint: 1")
    (kit / "intake.pub").write_text(text)
    code, output = _seal(kit)
    assert code == 1 and "fingerprint" in output
    assert not (kit / "out.sealed").exists()


def test_field_seal_refuses_two_attachments_with_one_name(kit: Path) -> None:
    """Attachments are stored by name, so two files called the same are refused."""
    (kit / "sub").mkdir()
    (kit / "sub" / "photo.jpg").write_bytes(b"other")
    code, output = _seal(kit, "--attach", str(kit / "photo.jpg"), "--attach", str(kit / "sub" / "photo.jpg"))
    assert code == 1 and "same name" in output


def test_field_fingerprint(kit: Path, private_key: IntakePrivateKey) -> None:
    """`field fingerprint` prints the suite and the fingerprint to read aloud."""
    result = CliRunner().invoke(main, ["field", "fingerprint", str(kit / "intake.pub")])
    assert result.exit_code == 0
    assert private_key.public_key().fingerprint in result.output
    assert private_key.suite.label in result.output


def test_field_seal_interactive_round_trip(kit: Path, private_key: IntakePrivateKey) -> None:
    """--interactive asks for the fields and seals the answers; nothing plaintext is written."""
    answers = "\n".join(
        [
            "ko", "research", "2026-01-02",                      # language, consent, date
            CANARY_HANGUL, "female", "1980", "양강도", "", "2009", "",  # witness
            "김모", "",                                            # aliases
            CANARY_LATIN, CANARY_HANJA, "",                        # sensitive terms
            "첫째 줄 " + CANARY_HANGUL, "second line", ".",          # text
        ]
    ) + "\n"
    before = set(kit.iterdir())
    args = ["field", "seal", "--key", str(kit / "intake.pub"), "--interactive", "-o", str(kit / "i.sealed")]
    result = CliRunner().invoke(main, args, input=answers)
    assert result.exit_code == 0, result.output
    assert set(kit.iterdir()) - before == {kit / "i.sealed"}
    with (kit / "i.sealed").open("rb") as source:
        opened = open_bundle(source, private_key)
    assert opened.record == {
        "language": "ko",
        "consent": "research",
        "interview_date": "2026-01-02",
        "witness": {"name": CANARY_HANGUL, "sex": "female", "birth_year": 1980, "origin": "양강도",
                    "exit_year": 2009, "aliases": ["김모"]},
        "sensitive_terms": [CANARY_LATIN, CANARY_HANJA],
        "text": "첫째 줄 " + CANARY_HANGUL + "\nsecond line",
    }


def test_field_seal_needs_exactly_one_source(kit: Path) -> None:
    """Neither IN.json nor --interactive, or both, is refused."""
    base = ["field", "seal", "--key", str(kit / "intake.pub"), "-o", str(kit / "x.sealed")]
    for extra in ([], [str(kit / "t.json"), "--interactive"]):
        result = CliRunner().invoke(main, [*base, *extra])
        assert result.exit_code == 1 and "either IN.json or --interactive" in result.output


def test_field_seal_checks_fields_like_testimony_add(kit: Path) -> None:
    """An unknown field is named, as `testimony add` would name it, before anything is sealed."""
    (kit / "t.json").write_text(json.dumps({**RECORD, "witnes_name": "x"}), encoding="utf-8")
    code, output = _seal(kit)
    assert code == 1 and "witnes_name" in output
    assert not (kit / "out.sealed").exists()


def test_field_seal_interactive_asks_again_before_the_text(kit: Path, private_key: IntakePrivateKey) -> None:
    """A bad answer (sex 'f') is caught before the testimony text is typed, and asked again."""
    first = ["en", "public", "", "", "f", "", "", "", "", "", "", ""]
    second = ["en", "public", "", "", "female", "", "", "", "", "", "", ""]
    answers = "\n".join([*first, *second, "the text", "."]) + "\n"
    args = ["field", "seal", "--key", str(kit / "intake.pub"), "--interactive", "-o", str(kit / "i.sealed")]
    result = CliRunner().invoke(main, args, input=answers)
    assert result.exit_code == 0, result.output
    assert "witness.sex must be one of" in result.output
    with (kit / "i.sealed").open("rb") as source:
        record = open_bundle(source, private_key).record
    assert record["witness"] == {"sex": "female"} and record["text"] == "the text"


def test_field_seal_interactive_checks_attachments_before_asking(kit: Path) -> None:
    """A bad --attach name or an existing output is refused before any question is asked."""
    (kit / "i.sealed").write_bytes(b"x")
    args = ["field", "seal", "--key", str(kit / "intake.pub"), "--interactive", "-o", str(kit / "i.sealed")]
    result = CliRunner().invoke(main, args, input="")
    assert result.exit_code == 1 and "already exists" in result.output
    assert "Language" not in result.output


def test_field_seal_refuses_a_bad_attachment_before_sealing(tmp_path: Path) -> None:
    """A file whose content does not match its type is refused in the field, not at import."""
    from click.testing import CliRunner

    from cli import main
    from keys.intake import generate_intake_key

    key_file = tmp_path / "intake.pub"
    key_file.write_text(generate_intake_key().public_key().to_text())
    record = tmp_path / "in.json"
    record.write_text('{"language": "en", "text": "[SYNTHETIC TEST] x", "consent": "research"}')
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"MZ\x90\x00 this is not a JPEG at all")
    out = tmp_path / "out.sealed"
    result = CliRunner().invoke(main, ["field", "seal", "--key", str(key_file), str(record),
                                       "--attach", str(fake), "-o", str(out)])
    assert result.exit_code == 1
    assert "photo.jpg" in result.output
    assert not out.exists()
