"""Import benchmark: testimonies per second for a 10,000-row spreadsheet against the bare store.

Prints, for the synthetic 10,000-row sheet of the import tests (tests/imports/sheets.py:
mixed Korean/English headers, a mapping, 1% bad rows):
- ``testimony import`` of the CSV (vault.imports.Importer: both passes over the file,
  typed dates, row assembly, keyed ledger hash, batches of 250 with one savepoint per row,
  ledger entry) in testimonies stored per second;
- the same for the XLSX workbook (openpyxl, read-only);
- a dry run of the CSV (everything but storing);
- ``vault.testimonies.add_many`` of exactly the records the import stored, already parsed,
  in one transaction, and in transactions of 250 (the importer's batch);
and each import figure as a ratio of ``add_many`` in the same process. Runs alternate
(import, add_many, import, ...) into fresh archives; medians of ``--repeat`` runs.

Usage: .venv/bin/python bench/bench_import.py [--rows N] [--repeat N]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from keys.profiles import TEST_ONLY  # noqa: E402
from tests.imports import sheets  # noqa: E402
from vault import archive as archive_api  # noqa: E402
from vault import testimonies  # noqa: E402
from vault.archive import OpenVault  # noqa: E402
from vault.imports import Importer, Input, job_for, mapping  # noqa: E402
from vault.imports.rows import Assembled, Context, assemble, violation_lookup  # noqa: E402
from vault.records import TestimonyInput  # noqa: E402

PASSPHRASE = "benchmark passphrase, synthetic archive"


def _fresh(root: Path, name: str) -> OpenVault:
    created = archive_api.init(root / name, "admin", PASSPHRASE, profile=TEST_ONLY)
    return created.archive.open_vault(created.archive.unlock("admin", PASSPHRASE))


def _records(vault: OpenVault, source: Path, rules: mapping.Mapping) -> list[TestimonyInput]:
    job = job_for(Input.from_path(source), "auto", rules)
    job.reader.check()
    types = violation_lookup(vault.conn.execute("SELECT code, label_en, label_ko FROM violation_types").fetchall())
    context = Context(job.defaults, types, job.folder)
    built = [assemble(row, context) for row in job.reader.rows()]
    return [b.record for b in built if isinstance(b, Assembled)]


def _timed(action: Callable[[], int]) -> float:
    start = time.perf_counter()
    stored = action()
    return stored / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    figures: dict[str, list[float]] = {k: [] for k in ("csv", "xlsx", "dry", "add_many", "add_many_250")}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        csv_path = sheets.write_csv(root / "sheet.csv", args.rows)
        xlsx_path = sheets.write_xlsx(root / "sheet.xlsx", args.rows)
        rules = mapping.load(sheets.write_mapping(root / "map.toml"))
        probe = _fresh(root, "probe")
        records = _records(probe, csv_path, rules)
        probe.close()
        for run in range(args.repeat):
            for name, path in (("csv", csv_path), ("xlsx", xlsx_path)):
                vault = _fresh(root, f"{name}-{run}")
                figures[name].append(_timed(lambda: Importer(vault).run(
                    [job_for(Input.from_path(path), "auto", rules)]).counts["imported"]))
                vault.close()
            vault = _fresh(root, f"dry-{run}")
            figures["dry"].append(_timed(lambda: Importer(vault, dry_run=True).run(
                [job_for(Input.from_path(csv_path), "auto", rules)]).counts["checked"]))
            vault.close()
            vault = _fresh(root, f"many-{run}")
            figures["add_many"].append(_timed(lambda: len(testimonies.add_many(vault.conn, records, actor=vault.actor))))
            vault.close()
            vault = _fresh(root, f"many250-{run}")

            def batched() -> int:
                for start in range(0, len(records), 250):
                    testimonies.add_many(vault.conn, records[start:start + 250], actor=vault.actor)
                return len(records)

            figures["add_many_250"].append(_timed(batched))
            vault.close()
    median = {k: statistics.median(v) for k, v in figures.items()}
    base = median["add_many"]
    print(f"{args.rows:,} rows, {len(records):,} whole ({args.rows - len(records):,} refused); "
          f"median of {args.repeat} runs, testimonies stored per second")
    print(f"{'':44} {'/s':>8} {'vs add_many':>12}")
    for label, key in (("add_many, one transaction (baseline)", "add_many"),
                       ("add_many, transactions of 250", "add_many_250"),
                       ("testimony import, CSV", "csv"),
                       ("testimony import, XLSX", "xlsx"),
                       ("testimony import --dry-run, CSV (rows checked/s)", "dry")):
        print(f"{label:44} {median[key]:8,.0f} {median[key] / base:11.2f}x")


if __name__ == "__main__":
    main()
