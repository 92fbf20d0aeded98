"""Where the encrypted store's ingest time goes: pages written per transaction, by table.

Run from the repository root::

    .venv/bin/python bench/bench_store_pages.py [--size 30000] [--batch 1000]

SQLCipher encrypts and authenticates every page it writes (AES-256-CBC with a fresh IV
and an HMAC-SHA512); plain SQLite copies it. The encrypted store's extra cost on ingest
is therefore (pages written) x (cost of sealing one page). This script measures both:

1. the cost of writing one page, encrypted against plain (the same library, the same
   pragmas, a table of one-page rows rewritten in place; CPU time of this process);
2. for one transaction of ``--batch`` testimonies into a plain database of ``--size``
   testimonies built with the product's own schema and statements, which pages it
   writes, by table and index (WAL frames, mapped to their owner with ``dbstat``; the
   encrypted database has the same structure). Averaged over ``--transactions``.

With ``--random-ids`` the second part is repeated with ids random through and through,
as before testimonies stored together shared a batch prefix (``vault.testimonies.new_id``):
it shows how much of the page traffic came from the five indexes keyed by testimony id.

Everything happens in a temporary folder that is removed at the end; the data is the
synthetic, fictional data set of ``cli.demo.synthetic``.
"""
from __future__ import annotations

import argparse
import collections
import os
import secrets
import shutil
import sqlite3
import struct
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import sqlcipher3  # noqa: E402

from bench.bench_store import PLAIN_PRAGMAS, make_records, migrate_plain  # noqa: E402
from vault import store, testimonies  # noqa: E402
from vault.records import TestimonyInput  # noqa: E402

ACTOR = "U-bench"


def page_cost(folder: Path, pages: int = 4000, rounds: int = 5) -> dict[str, float]:
    """Microseconds of CPU per page rewritten (and per page read back), encrypted and plain."""
    result = {}
    for name in ("encrypted", "plain"):
        path = folder / f"pages-{name}.db"
        if name == "encrypted":
            conn = store.connect(path, secrets.token_bytes(32))
        else:
            conn = sqlcipher3.connect(str(path), isolation_level=None)
            for pragma in PLAIN_PRAGMAS:
                conn.execute(pragma)
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)")
        blob = secrets.token_bytes(3800)  # one row per page, on either side
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t (b) VALUES (?)", ((blob,) for _ in range(pages)))
        conn.execute("COMMIT")
        cpu = time.process_time()
        for _ in range(rounds):
            conn.execute("BEGIN")
            conn.execute("UPDATE t SET b = substr(b, 2) || substr(b, 1, 1)")
            conn.execute("COMMIT")
        result[f"{name} write"] = 1e6 * (time.process_time() - cpu) / (pages * rounds)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA cache_size = 2")  # every read is a miss: a copy, or a decryption
        cpu = time.process_time()
        for _ in range(rounds):
            conn.execute("SELECT sum(length(b)) FROM t").fetchone()
        result[f"{name} read"] = 1e6 * (time.process_time() - cpu) / (pages * rounds)
        conn.close()
    return result


def wal_frames(wal: Path, page_size: int) -> list[tuple[int, bool]]:
    """(page number, is a commit frame) for every frame in a WAL file."""
    data = wal.read_bytes()
    frames = []
    for offset in range(32, len(data) - 24 + 1, 24 + page_size):
        page, size_after_commit = struct.unpack(">II", data[offset:offset + 8])
        frames.append((page, size_after_commit != 0))
    return frames


def page_owners(db: Path) -> dict[int, str]:
    """Page number -> table or index name, read from a copy with the standard library's dbstat."""
    copy = db.with_name(db.name + ".copy")
    shutil.copyfile(db, copy)
    try:
        conn = sqlite3.connect(copy)
        try:
            return {page: name for name, page in conn.execute("SELECT name, pageno FROM dbstat")}
        finally:
            conn.close()
    finally:
        copy.unlink()


def pages_written(folder: Path, records: Sequence[TestimonyInput], size: int, batch: int,
                  transactions: int) -> tuple[collections.Counter[str], dict[str, int]]:
    """Pages written per transaction by owner, and pages per owner in the database."""
    path = folder / "plain.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    conn: Any = sqlcipher3.connect(str(path), isolation_level=None)
    for pragma in PLAIN_PRAGMAS:
        conn.execute(pragma)
    conn.execute(f"PRAGMA cache_size = {store.CACHE_KIB:d}")
    migrate_plain(conn)
    for start in range(0, size, batch):
        testimonies.add_many(conn, records[start:min(size, start + batch)], actor=ACTOR)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for start in range(size, size + batch * transactions, batch):
        testimonies.add_many(conn, records[start:start + batch], actor=ACTOR)
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    frames = wal_frames(Path(str(path) + "-wal"), page_size)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    owners = page_owners(path)
    written: collections.Counter[str] = collections.Counter()
    for page, _ in frames:
        written[owners.get(page, "(freelist)")] += 1
    commits = sum(1 for _, commit in frames if commit)
    if commits != transactions:
        raise SystemExit(f"expected {transactions} commits in the WAL, found {commits}")
    return written, dict(collections.Counter(owners.values()))


class RandomIds:
    """Ids random through and through (no batch prefix), as before; restored on exit."""

    def __enter__(self) -> None:
        self.saved = testimonies._fresh_id
        testimonies._fresh_id = lambda conn, batch: "T-" + secrets.token_hex(6)

    def __exit__(self, *exc: object) -> None:
        testimonies._fresh_id = self.saved


def report_pages(title: str, written: collections.Counter[str], sizes: dict[str, int],
                 transactions: int, batch: int) -> None:
    total = sum(written.values()) / transactions
    print(f"\n{title}: {total:,.0f} pages written per transaction, {total / batch:.1f} per testimony")
    print(f"{'table or index':40}{'written/tx':>12}{'share':>8}{'pages in db':>13}")
    for name, count in written.most_common():
        per_tx = count / transactions
        print(f"{name:40}{per_tx:12,.0f}{per_tx / total:8.0%}{sizes.get(name, 0):13,}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=30000, help="testimonies in the database before measuring")
    parser.add_argument("--batch", type=int, default=1000, help="testimonies per transaction")
    parser.add_argument("--transactions", type=int, default=5, help="transactions measured (averaged)")
    parser.add_argument("--random-ids", action="store_true", help="repeat with ids random through and through")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print(f"store pages: {args.size:,} testimonies, {args.batch:,} per transaction; "
          f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    records = make_records(args.size + args.batch * args.transactions, args.seed)
    folder = Path(tempfile.mkdtemp(prefix="bench-store-pages-"))
    try:
        cost = page_cost(folder)
        print("\nCPU per page, microseconds: " + ", ".join(f"{k} {v:.1f}" for k, v in cost.items()))
        print(f"  sealing one page costs {cost['encrypted write'] - cost['plain write']:.1f} us more encrypted; "
              f"opening one (a cache miss) {cost['encrypted read'] - cost['plain read']:.1f} us more")
        written, sizes = pages_written(folder, records, args.size, args.batch, args.transactions)
        report_pages("ids of one transaction share a batch prefix (the product)", written, sizes,
                     args.transactions, args.batch)
        if args.random_ids:
            with RandomIds():
                written, sizes = pages_written(folder, records, args.size, args.batch, args.transactions)
            report_pages("ids random through and through (before)", written, sizes, args.transactions, args.batch)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}; total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
