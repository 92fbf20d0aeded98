"""Export of the reading room as a BagIt bag, and its verification without any secret.

::

    OUT_DIR/
      bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt
      data/extracts.jsonl                one extract per line (reading_room.Extract.to_dict)
      data/extracts.csv                  the same rows, lists joined with "; " (UTF-8 with BOM, for Excel)
      data/extracts-uwazi.csv            the same extracts as Uwazi imports them (vault.releases.uwazi_csv)
      data/counts.json                   chart counts, every count below k suppressed (null)
      data/reading-room-manifest.json    id -> SHA-256 of each extract, k; signed
      data/reading-room-manifest.sig     {"algorithm": "Ed25519", "public_key": hex, "signature": hex}
      data/images/<sha256>.png|.jpg      released images, named by their SHA-256 (listed in each extract)

The manifest is signed with the archive's release key each time an archivist changes
the room, so a researcher (who holds only RK) can export a signed bag. Verification
checks the BagIt checksums, the manifest signature, each extract's release signature,
and that the CSV and counts agree with the signed extracts.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bagit

from keys import signing
from vault import anonymity, reading_room, room_search
from vault.errors import IntegrityError, InvalidInput, NotFound
from vault.reading_room import CSV_COLUMNS, Extract
from vault.releases import uwazi_csv
from vault.store import Connection

JSONL = "extracts.jsonl"
CSV = "extracts.csv"
UWAZI_CSV = "extracts-uwazi.csv"
COUNTS = "counts.json"
MANIFEST = "reading-room-manifest.json"
SIGNATURE = "reading-room-manifest.sig"
IMAGES = "images"
PAYLOAD = frozenset(f"data/{name}" for name in (JSONL, CSV, COUNTS, MANIFEST, SIGNATURE))
#: files a bag may lack (bags made before they existed still verify); checked when present
OPTIONAL = frozenset({f"data/{UWAZI_CSV}"})
_SUFFIX = {"image/png": ".png", "image/jpeg": ".jpg"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Exported:
    path: Path
    extracts: int
    fingerprint: str


@dataclass(frozen=True)
class Verified:
    extracts: int
    fingerprint: str
    k: int


def fingerprint(public_key: bytes) -> str:
    """Short form of the release public key that people can compare."""
    digest = hashlib.sha256(public_key).hexdigest()[:32]
    return ":".join(digest[i:i + 4] for i in range(0, 32, 4))


def export(room: Connection, out_dir: Path) -> Exported:
    """Write the room's extracts as a BagIt bag at ``out_dir`` (new or empty folder)."""
    manifest = reading_room.meta(room, "manifest")
    signature = reading_room.meta(room, "manifest_signature")
    public = reading_room.meta(room, "public_key")
    if manifest is None or signature is None or public is None:
        raise NotFound("the reading room has no signed manifest yet: nothing has been released")
    items = reading_room.extracts(room)
    problems = _check_against_manifest(items, manifest.encode("utf-8"))
    if problems:
        raise IntegrityError(["the reading room does not match its signed manifest", *problems])
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise InvalidInput(f"{out_dir} exists and is not an empty folder")
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    k = json.loads(manifest)["k"]
    (out_dir / JSONL).write_bytes(_jsonl(items))
    (out_dir / CSV).write_bytes(_csv(items))
    (out_dir / UWAZI_CSV).write_bytes(uwazi_csv.render(items))
    (out_dir / COUNTS).write_bytes(_counts(items, k))
    (out_dir / MANIFEST).write_bytes(manifest.encode("utf-8"))
    (out_dir / SIGNATURE).write_bytes(_signature_doc(public, signature))
    for e in items:
        for position, sha in enumerate(e.images):
            picture = reading_room.image(room, e.id, position)
            folder = out_dir / IMAGES
            folder.mkdir(mode=0o700, exist_ok=True)
            (folder / f"{sha}{_SUFFIX[picture.media_type]}").write_bytes(picture.data)
    bagit.make_bag(str(out_dir), {"External-Description": "Released extracts of a testimony archive reading room",
                                  "External-Identifier": fingerprint(bytes.fromhex(public))},
                   processes=1, checksums=["sha256"])
    return Exported(out_dir, len(items), fingerprint(bytes.fromhex(public)))


def verify(path: Path, *, public_key: bytes | None = None) -> Verified:
    """Check a bag made by :func:`export`; raise :class:`IntegrityError` listing every problem.

    ``public_key`` pins the release key; without it the key in the bag is trusted and
    its fingerprint returned for a person to compare.
    """
    try:
        bag = bagit.Bag(str(path))
        bag.validate(processes=1)
    except bagit.BagValidationError as exc:
        details = [str(d) for d in getattr(exc, "details", [])] or [str(exc)]
        raise IntegrityError(["the bag does not validate", *details[:20]]) from None
    except bagit.BagError as exc:
        raise IntegrityError([f"not a valid bag: {exc}"]) from None
    except (UnicodeError, ValueError, OSError) as exc:  # bagit reads tag files unchecked (found by fuzzing)
        raise IntegrityError([f"not a valid bag: {type(exc).__name__}: {str(exc)[:120]}"]) from None
    payload = {p.replace("\\", "/") for p in bag.payload_files()}
    pictures = {p for p in payload if p.startswith(f"data/{IMAGES}/")}
    problems = [f"unexpected file in the bag: {p}" for p in sorted(payload - PAYLOAD - OPTIONAL - pictures)]
    problems += [f"missing file in the bag: {p}" for p in sorted(PAYLOAD - payload)]
    if problems:
        raise IntegrityError(problems)
    data = path / "data"
    manifest = (data / MANIFEST).read_bytes()
    try:
        raw = (data / SIGNATURE).read_bytes()
        sig = json.loads(raw)
        if raw != _signature_doc(sig["public_key"], sig["signature"]):
            raise ValueError("the signature file is not in the form the archive writes")
        key = bytes.fromhex(sig["public_key"])
        signing.verify_signature(key, bytes.fromhex(sig["signature"]), reading_room.manifest_message(manifest))
    except (ValueError, KeyError, TypeError, signing.BadSignature):
        raise IntegrityError(["the reading-room manifest signature does not verify"]) from None
    if public_key is not None and key != public_key:
        raise IntegrityError(["the bag is signed by another release key than the one expected"])
    try:
        items = [Extract.from_dict(json.loads(line)) for line in (data / JSONL).read_bytes().splitlines() if line]
        k = int(json.loads(manifest)["k"])
    except (ValueError, KeyError, TypeError, InvalidInput) as exc:
        raise IntegrityError([f"{JSONL} or the manifest is malformed: {exc}"]) from None
    problems = _check_against_manifest(items, manifest)
    for e in items:
        try:
            signing.verify_signature(key, bytes.fromhex(e.signature), reading_room.extract_message(e))
        except (ValueError, signing.BadSignature):
            problems.append(f"extract {e.id}: release signature does not verify")
    problems += _check_images(path, items, pictures)
    if (data / CSV).read_bytes() != _csv(items):
        problems.append(f"{CSV} does not match the signed extracts")
    if (data / UWAZI_CSV).exists() and (data / UWAZI_CSV).read_bytes() != uwazi_csv.render(items):
        problems.append(f"{UWAZI_CSV} does not match the signed extracts")
    if (data / COUNTS).read_bytes() != _counts(items, k):
        problems.append(f"{COUNTS} does not match the signed extracts")
    if problems:
        raise IntegrityError(problems)
    return Verified(len(items), fingerprint(key), k)


def _check_against_manifest(items: list[Extract], manifest: bytes) -> list[str]:
    try:
        doc = json.loads(manifest)
        if doc.get("format") != reading_room.MANIFEST_FORMAT or doc.get("version") != 1:
            return ["the manifest has an unknown format"]
        signed = {str(i): str(h) for i, h in doc["extracts"]}
    except (ValueError, KeyError, TypeError, AttributeError):
        return ["the manifest is malformed"]
    problems = []
    seen = set()
    for e in items:
        seen.add(e.id)
        expected = signed.get(e.id)
        if expected is None:
            problems.append(f"extract {e.id} is not in the signed manifest")
        elif expected != reading_room.extract_hash(e):
            problems.append(f"extract {e.id} differs from its signed version")
    problems += [f"extract {i} of the signed manifest is missing" for i in sorted(set(signed) - seen)]
    return problems


def _check_images(path: Path, items: list[Extract], pictures: set[str]) -> list[str]:
    """Each listed image is in the bag under its hash, and nothing else is."""
    listed = {sha for e in items for sha in e.images}
    found: dict[str, str] = {}
    problems = []
    for name in sorted(pictures):
        stem = Path(name).stem
        if Path(name).suffix not in _SUFFIX.values() or stem in found:
            problems.append(f"unexpected file in the bag: {name}")
            continue
        found[stem] = name
        if hashlib.sha256((path / name).read_bytes()).hexdigest() != stem:
            problems.append(f"{name} does not match its SHA-256 name")
    problems += [f"image {sha} of a signed extract is missing" for sha in sorted(listed - set(found))]
    problems += [f"{found[sha]} belongs to no extract" for sha in sorted(set(found) - listed)]
    return problems


def _jsonl(items: list[Extract]) -> bytes:
    lines = [json.dumps(e.to_dict(), sort_keys=True, ensure_ascii=False) for e in sorted(items, key=lambda e: e.id)]
    return ("\n".join(lines) + "\n" if lines else "").encode("utf-8")


def _cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv(items: list[Extract]) -> bytes:
    return csv_bytes(sorted(items, key=lambda e: e.id))


#: How ``results_csv`` spells a withheld fact (``anonymity.SUPPRESSED`` in the bag's data).
WITHHELD = "withheld"


def csv_bytes(items: Sequence[Extract], *, withheld: str = anonymity.SUPPRESSED) -> bytes:
    """``items`` as CSV rows of CSV_COLUMNS, in the order given, lists joined with "; "; a withheld
    fact is written as ``withheld``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in items:
        row = e.to_dict()
        values = ["; ".join(row[c]) if isinstance(row[c], list) else str(row[c]) for c in CSV_COLUMNS]
        writer.writerow([_cell(withheld if v == anonymity.SUPPRESSED and c != "text" else v)
                         for c, v in zip(CSV_COLUMNS, values)])
    # UTF-8 with a byte-order mark: Excel then reads Korean correctly (without it, it guesses a
    # legacy code page); other CSV readers take the mark as the UTF-8 signature it is.
    return out.getvalue().encode("utf-8-sig")


def results_csv(items: Sequence[Extract]) -> bytes:
    """A researcher's current search results as a spreadsheet: in the order shown, UTF-8 with
    BOM, a withheld fact written as the word "withheld" (not ``*``)."""
    return csv_bytes(items, withheld=WITHHELD)


def _counts(items: list[Extract], k: int) -> bytes:
    return (json.dumps(room_search.charts_from(items, k).to_dict(), sort_keys=True, ensure_ascii=False,
                       indent=1) + "\n").encode("utf-8")


def _signature_doc(public: str, signature: str) -> bytes:
    doc: dict[str, Any] = {"algorithm": "Ed25519", "public_key": public, "signature": signature}
    return (json.dumps(doc, sort_keys=True) + "\n").encode("utf-8")
