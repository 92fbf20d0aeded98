"""Store benchmark: ingest and full-text search, the encrypted store against plain SQLite.

Run from the repository root::

    .venv/bin/python bench/bench_store.py [--sizes 10000,100000] [--batch 1000]

Two databases are built side by side in a temporary folder and filled with the
same synthetic testimonies (cli.demo.synthetic, generated before any timing):

* encrypted: the product's store, ``vault.store.connect`` + ``vault.schema.migrate``
  (SQLCipher 4, raw key, every S01 setting as users get them: ``cipher_memory_security``
  OFF, the process protected by vault.hardening instead);
* plain: the same SQLite library (the one inside sqlcipher3) opened without a key, so
  no page is encrypted (the file starts "SQLite format 3"), with the same migration files, the same
  pragmas (WAL, synchronous FULL, secure_delete, temp_store MEMORY, foreign keys,
  the same page cache size) and the same statements.

Work alternates between the two in small chunks, so background load on a shared
machine falls on both alike and the ratio stays meaningful. Sizes are cumulative:
the database that was searched at 10,000 grows to 100,000.

The standard library's sqlite3 is not used: its SQLite may be too old for the
schema (contentless FTS5 deletes need 3.43), and comparing one library with itself
measures the encryption alone.
"""
from __future__ import annotations

import argparse
import os
import platform
import secrets
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import sqlcipher3  # noqa: E402

from cli.demo.synthetic import generate  # noqa: E402
from vault import schema, store, testimonies  # noqa: E402
from vault.records import TestimonyInput, parse  # noqa: E402

EN_QUERIES = ("Hyesan", "Chongjin", "Tumen River", "broker yuan", "bowibu", "public execution", "Yanji",
              "Hoeryong interrogation", "Onsong", "Laos Thailand")
KO_QUERIES = ("혜산", "청진", "두만강", "브로커 위안", "보위부", "공개처형", "연길", "회령 취조", "온성", "라오스 태국")
ACTOR = "U-bench"
# The pragmas vault.store.connect sets (S01), for the plain database.
PLAIN_PRAGMAS = (
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    "PRAGMA trusted_schema = OFF",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA busy_timeout = 10000",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
)


@dataclass
class Backend:
    """One database under test and what it has cost so far."""

    name: str
    conn: Any
    path: Path
    notes: list[str] = field(default_factory=list)
    ingested: int = 0
    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    hits: dict[str, list[int]] = field(default_factory=dict)
    samples: dict[str, list[float]] = field(default_factory=dict)
    last: float = 0.0

    def timed(self, label: str, count: int, work: Callable[[], Any]) -> Any:
        """Run ``work``, adding its wall and CPU time and ``count`` units to ``label``."""
        cpu, wall = time.process_time(), time.perf_counter()
        result = work()
        self.last = time.perf_counter() - wall
        self.wall[label] = self.wall.get(label, 0.0) + self.last
        self.cpu[label] = self.cpu.get(label, 0.0) + time.process_time() - cpu
        self.counts[label] = self.counts.get(label, 0) + count
        return result

    def rate(self, label: str) -> float:
        return self.counts.get(label, 0) / self.wall[label] if self.wall.get(label) else float("nan")

    def disk_mb(self) -> float:
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*")) / 1e6


# -- opening the databases --------------------------------------------------------------


def open_encrypted(folder: Path) -> Backend:
    conn = store.connect(folder / "vault.db", secrets.token_bytes(32))
    schema.migrate(conn)
    return Backend("encrypted", conn, folder / "vault.db")


def open_plain(folder: Path, cache_size: int) -> Backend:
    conn = sqlcipher3.connect(str(folder / "plain.db"), isolation_level=None)  # no key: not encrypted
    for pragma in PLAIN_PRAGMAS:
        conn.execute(pragma)
    conn.execute(f"PRAGMA cache_size = {cache_size:d}")
    migrate_plain(conn)
    if not (folder / "plain.db").read_bytes()[:16] == b"SQLite format 3\0":
        raise SystemExit("the plain database is not a plain SQLite file")
    return Backend("plain", conn, folder / "plain.db")


def migrate_plain(conn: Any) -> None:
    """Apply the shipped migrations as vault.schema does."""
    for number, sql in schema.available():
        conn.execute("BEGIN IMMEDIATE")
        for statement in schema._statements(sql):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number:d}")
        conn.execute("COMMIT")


# -- the work ---------------------------------------------------------------------------


def add_batch(conn: Any, records: Sequence[TestimonyInput]) -> None:
    """Store many testimonies in one transaction through ``vault.testimonies.add_many``."""
    testimonies.add_many(conn, records, actor=ACTOR)


def ingest_single(backends: Sequence[Backend], records: Sequence[TestimonyInput], chunk: int = 100) -> None:
    """Add records one transaction each through ``vault.testimonies.add`` itself."""
    for start in range(0, len(records), chunk):
        part = records[start : start + chunk]
        for b in backends:
            b.timed("add", len(part), lambda b=b, part=part: [testimonies.add(b.conn, r, actor=ACTOR) for r in part])
            b.ingested += len(part)


def ingest_batched(backends: Sequence[Backend], records: Sequence[TestimonyInput], batch: int, label: str) -> None:
    for start in range(0, len(records), batch):
        part = records[start : start + batch]
        for b in backends:
            b.timed(label, len(part), lambda b=b, part=part: add_batch(b.conn, part))
            b.ingested += len(part)


def name_queries(records: Sequence[TestimonyInput], language: str, count: int = 2) -> tuple[str, ...]:
    """Witness names from the data set: the search an archivist makes for one person."""
    names = [r.witness.name for r in records if r.language == language and r.witness.name]
    return tuple(names[:count])


def search(backends: Sequence[Backend], queries: Sequence[str], label: str, seconds: float) -> None:
    """Run rounds of ``queries`` on each backend in turn until each has spent ``seconds``."""
    for b in backends:  # warm the page cache and record the hit counts
        b.hits[label] = [len(testimonies.search(b.conn, q)) for q in queries]
    while any(b.wall.get(label, 0.0) < seconds for b in backends):
        for b in backends:
            for q in queries:
                b.timed(label, 1, lambda b=b, q=q: testimonies.search(b.conn, q))
                b.samples.setdefault(label, []).append(1000 * b.last)
                key = f"{label}:{q}"
                b.wall[key] = b.wall.get(key, 0.0) + b.last
                b.counts[key] = b.counts.get(key, 0) + 1


def probe_add(backends: Sequence[Backend], record: TestimonyInput, label: str) -> None:
    for b in backends:
        b.timed(label, 1, lambda b=b: testimonies.add(b.conn, record, actor=ACTOR))
        b.ingested += 1


# -- running ----------------------------------------------------------------------------


def run(backends: list[Backend], records: list[TestimonyInput], args: argparse.Namespace,
        sizes: Sequence[int]) -> list[dict[str, Any]]:
    """Fill and search ``backends`` up to each size; return one result per size and backend."""
    results = []
    single = min(args.single, sizes[0])
    ingest_single(backends, records[:single])
    done = single
    for size in sizes:
        label = f"ingest@{size}"
        ingest_batched(backends, records[done:size], args.batch, label)
        done = size
        _progress(f"{size:,} ingested: " + ", ".join(f"{b.name} {b.rate(label):,.0f}/s" for b in backends))
        search(backends, EN_QUERIES + name_queries(records, "en"), f"en@{size}", args.search_seconds)
        search(backends, KO_QUERIES + name_queries(records, "ko"), f"ko@{size}", args.search_seconds)
        if args.probe_add:
            probe_add(backends, records[size % len(records)], f"probe@{size}")
        for b in backends:
            b.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # not timed: so the size is the file's
            results.append({
                "backend": b.name, "size": size,
                "add_rate": b.rate("add"), "add_count": b.counts.get("add", 0),
                "ingest_rate": b.rate(label), "ingest_count": b.counts.get(label, 0),
                "ingest_cpu_per_s": b.counts.get(label, 0) / b.cpu[label] if b.cpu.get(label) else float("nan"),
                "en_qps": b.rate(f"en@{size}"), "ko_qps": b.rate(f"ko@{size}"),
                "en_p95_ms": _p95(b.samples[f"en@{size}"]), "ko_p95_ms": _p95(b.samples[f"ko@{size}"]),
                "en_hits": b.hits[f"en@{size}"], "ko_hits": b.hits[f"ko@{size}"],
                "query_ms": {k.split(":", 1)[1]: 1000 * v / b.counts[k] for k, v in b.wall.items()
                             if k.startswith((f"en@{size}:", f"ko@{size}:"))},
                "probe_add_ms": 1000 * b.wall.get(f"probe@{size}", float("nan")),
                "disk_mb": b.disk_mb(), "notes": b.notes,
            })
    return results


def _p95(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("nan")


def _pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal columns (Hangul takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


def _progress(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def make_records(count: int, seed: int) -> list[TestimonyInput]:
    return [parse(doc) for doc in generate(count, seed=seed)]


def report(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    by = {(r["backend"], r["size"]): r for r in results}
    for size in sorted({r["size"] for r in results}):
        enc, plain = by.get(("encrypted", size)), by.get(("plain", size))
        assert enc and plain
        print(f"\n== {size:,} testimonies (cumulative database) ==")
        header = f"{'':44}{'encrypted':>12}{'plain':>12}{'enc/plain':>11}"
        print(header)
        rows = [
            (f"add(): one transaction each, first {enc['add_count']:,} /s", "add_rate"),
            (f"ingest, {args.batch:,} per transaction, {enc['ingest_count']:,} /s", "ingest_rate"),
            ("  same, per CPU-second of this process", "ingest_cpu_per_s"),
            (f"search English, {len(EN_QUERIES) + 2} queries, queries/s", "en_qps"),
            (f"search Korean, {len(KO_QUERIES) + 2} queries, queries/s", "ko_qps"),
            ("  English query p95, ms (lower = better)", "en_p95_ms"),
            ("  Korean query p95, ms (lower = better)", "ko_p95_ms"),
            ("one more add() into it, ms (lower = better)", "probe_add_ms"),
            ("size on disk after checkpoint, MB", "disk_mb"),
        ]
        for title, key in rows:
            a, b = enc[key], plain[key]
            ratio = a / b if b else float("nan")
            line = f"{title:44}{a:12,.1f}{b:12,.1f}{ratio:11.2f}"
            print(line)
        if enc["en_hits"] != plain["en_hits"] or enc["ko_hits"] != plain["ko_hits"]:
            print("  WARNING: the two databases returned different hit counts:", enc["en_hits"], plain["en_hits"])
        else:
            print(f"  (same hits in both; hits per query, capped at 50: en {enc['en_hits']}, ko {enc['ko_hits']})")
    print("\nmean latency per query, ms (encrypted / plain):")
    sizes = sorted({r["size"] for r in results})
    print(f"{'query':28}" + "".join(f"{f'@{s:,}':>20}" for s in sizes))
    for query in by[("encrypted", sizes[0])]["query_ms"]:
        cells = [f"{by[('encrypted', s)]['query_ms'][query]:,.1f} / {by[('plain', s)]['query_ms'][query]:,.1f}"
                 for s in sizes]
        print(_pad(query, 28) + "".join(f"{c:>20}" for c in cells))
    notes = {n for r in results for n in r["notes"]}
    for note in sorted(notes):
        print("note:", note)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated cumulative sizes")
    parser.add_argument("--batch", type=int, default=1000, help="testimonies per transaction when batched")
    parser.add_argument("--single", type=int, default=1000,
                        help="first N testimonies go through testimonies.add, one transaction each")
    parser.add_argument("--search-seconds", type=float, default=5.0, help="search time per backend and language")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache-size", type=int, default=None, help="PRAGMA cache_size for every database "
                        "(default: what SQLCipher uses, applied to plain too)")
    parser.add_argument("--no-probe-add", dest="probe_add", action="store_false",
                        help="skip timing one add() into each full database")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s})
    started = time.perf_counter()
    print(f"store benchmark: sizes {', '.join(f'{s:,}' for s in sizes)}; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f}; Python {platform.python_version()}")
    print(f"SQLite {sqlcipher3.sqlite_version} inside sqlcipher3 for both (plain: opened without a key)")
    t = time.perf_counter()
    records = make_records(max(sizes), args.seed)
    print(f"generated and parsed {len(records):,} synthetic testimonies in {time.perf_counter() - t:.0f} s "
          f"(median {sorted(len(r.text) for r in records)[len(records) // 2]:,} characters; not timed below)")
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    backends: list[Backend] = []
    try:
        (folder / "enc").mkdir()
        (folder / "plain").mkdir()
        backends.append(open_encrypted(folder / "enc"))
        if args.cache_size is None:
            args.cache_size = int(backends[0].conn.execute("PRAGMA cache_size").fetchone()[0])
        backends[0].conn.execute(f"PRAGMA cache_size = {args.cache_size:d}")
        backends.append(open_plain(folder / "plain", args.cache_size))
        results = run(backends, records, args, sizes)
    finally:
        for b in backends:
            b.conn.close()
        shutil.rmtree(folder, ignore_errors=True)
    report(results, args)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}; total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
