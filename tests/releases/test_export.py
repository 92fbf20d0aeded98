"""BagIt export of the reading room and its verification without any secret."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import bagit
import pytest

from keys import signing
from tests.release_world import World, add, record, release
from vault import reading_room, releases
from vault.errors import IntegrityError
from vault.releases import export_bag

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def bag(world: World, tmp_path: Path) -> Path:
    releases.set_k(world.alice, 2)
    for year in (2008, 2008, 2015):
        release(world, add(world, record("We crossed the river at night.", exit_year=year)),
                accept_suppression=True)
    room = reading_room.connect(world.archive, world.researcher_key())
    try:
        result = export_bag.export(room, tmp_path / "bag")
    finally:
        room.close()
    assert result.extracts == 3
    return result.path


def test_export_holds_extracts_as_jsonl_and_csv(bag: Path) -> None:
    lines = (bag / "data" / "extracts.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 3
    raw = (bag / "data" / "extracts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")  # UTF-8 with a byte-order mark: Excel reads Korean right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == sorted(json.loads(line)["id"] for line in lines)
    for column in ("id", "sex", "age_band", "origin_region", "exit_period", "violation_types", "text"):
        assert column in rows[0]
    # k=2: the two 2008 exits are shown, the 2015 one is alone and suppressed.
    assert sorted(r["exit_period"] for r in rows) == ["*", "2000-2009", "2000-2009"]
    assert export_bag.verify(bag).extracts == 3


def test_export_counts_suppress_below_k(bag: Path) -> None:
    counts = json.loads((bag / "data" / "counts.json").read_text("utf-8"))
    assert counts["k"] == 2
    exits = {b["label"]: b["count"] for b in counts["by_exit_period"]}
    assert exits == {"2000-2009": 2}
    assert all(b["count"] is None or b["count"] >= 2 for key in ("by_period", "by_province", "by_violation")
               for b in counts[key])


def test_verify_export_detects_tampered_file(bag: Path) -> None:
    target = bag / "data" / "extracts.csv"
    target.write_bytes(target.read_bytes().replace(b"river", b"rivet"))
    with pytest.raises(IntegrityError, match="does not validate"):
        export_bag.verify(bag)


def test_verify_export_detects_tampering_with_rebuilt_bag_checksums(bag: Path) -> None:
    """An attacker who edits an extract and regenerates the bag's checksums is still caught."""
    target = bag / "data" / "extracts.jsonl"
    target.write_bytes(target.read_bytes().replace(b"river", b"rivet"))
    csv_file = bag / "data" / "extracts.csv"
    csv_file.write_bytes(csv_file.read_bytes().replace(b"river", b"rivet"))
    rebuilt = bagit.Bag(str(bag))
    rebuilt.save(manifests=True)
    with pytest.raises(IntegrityError) as exc:
        export_bag.verify(bag)
    assert any("differs from its signed version" in p for p in exc.value.problems)


def test_verify_export_detects_forged_signature_key(bag: Path) -> None:
    """Re-signing with another key passes only the self-contained check; pinning the key catches it."""
    sig_file = bag / "data" / "reading-room-manifest.sig"
    original = json.loads(sig_file.read_text())
    forger = signing.generate()
    manifest = (bag / "data" / "reading-room-manifest.json").read_bytes()
    sig_file.write_text(json.dumps({"algorithm": "Ed25519", "public_key": signing.public_key(forger).hex(),
                                    "signature": signing.sign(forger, reading_room.manifest_message(manifest)).hex()},
                                   sort_keys=True) + "\n")
    bagit.Bag(str(bag)).save(manifests=True)
    with pytest.raises(IntegrityError, match="release signature does not verify"):
        export_bag.verify(bag)
    with pytest.raises(IntegrityError, match="another release key"):
        export_bag.verify(bag, public_key=bytes.fromhex(original["public_key"]))


def test_verify_export_refuses_a_signature_file_in_another_form(bag: Path) -> None:
    """The same signature written differently (here without its last newline, checksums rebuilt) is
    refused: a verified bag holds byte for byte what the archive wrote (found by fuzzing)."""
    sig_file = bag / "data" / "reading-room-manifest.sig"
    sig_file.write_bytes(sig_file.read_bytes().rstrip(b"\n"))
    bagit.Bag(str(bag)).save(manifests=True)
    with pytest.raises(IntegrityError, match="manifest signature does not verify"):
        export_bag.verify(bag)


def test_verify_export_refuses_extra_payload_file(bag: Path) -> None:
    (bag / "data" / "extra.txt").write_text("hello")
    bagit.Bag(str(bag)).save(manifests=True)
    with pytest.raises(IntegrityError, match="unexpected file"):
        export_bag.verify(bag)


def test_verify_export_command_needs_no_secret(bag: Path) -> None:
    """`testimony verify-export BAG` in a fresh process: exit 0 when valid, 1 when tampered."""
    command = [sys.executable, "-c", "from cli import main; main()", "verify-export", str(bag)]
    ok = subprocess.run(command, capture_output=True, text=True, check=False, env={"PATH": "/usr/bin:/bin"},
                        cwd=REPO)
    assert ok.returncode == 0, ok.stderr
    assert "valid: 3 extract(s)" in ok.stdout
    (bag / "data" / "counts.json").write_text("{}")
    bad = subprocess.run(command, capture_output=True, text=True, check=False, env={"PATH": "/usr/bin:/bin"},
                         cwd=REPO)
    assert bad.returncode == 1
    assert "NOT valid" in bad.stderr and "Traceback" not in bad.stderr


def test_export_holds_an_uwazi_csv_of_the_same_extracts(bag: Path, tmp_path: Path) -> None:
    """Uwazi imports columns by property name, needs title, and reads '|' between values (issue 17)."""
    rows = list(csv.DictReader(io.StringIO((bag / "data" / "extracts-uwazi.csv").read_text("utf-8"))))
    plain = list(csv.DictReader(io.StringIO((bag / "data" / "extracts.csv").read_text("utf-8-sig"))))
    assert list(rows[0])[:3] == ["title", "text", "language"]
    assert [r["title"] for r in rows] == [r["id"] for r in plain] == [r["extract_id"] for r in rows]
    assert [r["text"] for r in rows] == [r["text"] for r in plain]
    assert sorted(r["exit_period"] for r in rows) == ["*", "2000-2009", "2000-2009"]
    for row, source in zip(rows, plain, strict=True):
        codes = [v for v in source["violation_types"].split("; ") if v]
        assert row["violation_types"] == "|".join(c.replace("_", " ").capitalize() for c in codes)
    assert export_bag.verify(bag).extracts == 3


def test_verify_export_detects_a_changed_uwazi_csv(bag: Path) -> None:
    target = bag / "data" / "extracts-uwazi.csv"
    target.write_bytes(target.read_bytes().replace(b"river", b"rivet"))
    bagit_bag = bagit.Bag(str(bag))
    bagit_bag.save(manifests=True)  # checksums rebuilt: only the comparison with the signed extracts catches it
    with pytest.raises(IntegrityError, match="extracts-uwazi.csv does not match the signed extracts"):
        export_bag.verify(bag)


def test_a_bag_made_before_the_uwazi_csv_still_verifies(bag: Path) -> None:
    (bag / "data" / "extracts-uwazi.csv").unlink()
    bagit.Bag(str(bag)).save(manifests=True)
    assert export_bag.verify(bag).extracts == 3


def test_results_csv_keeps_the_order_and_spells_out_withheld_facts() -> None:
    """The researcher's results CSV: rows in the order given, BOM, "withheld" instead of "*",
    a text that is only "*" left alone, and formulas neutralised."""
    first = reading_room.Extract(id="X-2", language="ko", text="[SYNTHETIC] 강을 건넜다", sex="*", age_band="30-39",
                                 origin_region="*", exit_period="2005-2009", qi_suppressed=True)
    second = reading_room.Extract(id="X-1", language="en", text="*", sex="female", age_band="*",
                                  origin_region="=HYPERLINK(\"x\")", exit_period="*", qi_suppressed=False)
    raw = export_bag.results_csv([first, second])
    assert raw.startswith(b"\xef\xbb\xbfid,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == ["X-2", "X-1"]
    assert (rows[0]["sex"], rows[0]["origin_region"], rows[0]["age_band"]) == ("withheld", "withheld", "30-39")
    assert (rows[1]["age_band"], rows[1]["exit_period"], rows[1]["text"]) == ("withheld", "withheld", "*")
    assert rows[1]["origin_region"].startswith("'=")
    assert rows[0]["text"] == "[SYNTHETIC] 강을 건넜다"
