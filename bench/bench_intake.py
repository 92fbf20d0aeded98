"""Sealed intake benchmark: key generation, small bundles, and a large attachment.

Prints, for each suite (hybrid ML-KEM-768 + X25519, and X25519):
- key generation and sealing/opening of a small testimony (median ms of 50);
- sealing and opening a 200 MB attachment through real files (MB/s) and the bytes the
  format adds;
- peak resident memory of the process (streaming keeps it far below the file size).

Usage: .venv/bin/python bench/bench_intake.py [--size-mb N]
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from keys.bundle import open_bundle, seal_bundle  # noqa: E402
from keys.intake import IntakeSuite, generate_intake_key  # noqa: E402

RECORD = b'{"consent": "research", "language": "en", "text": "[SYNTHETIC] ' + b"x" * 20_000 + b'"}'


class _Discard:
    def write(self, data: bytes) -> None:
        pass


def _median_ms(action, repeat: int = 50) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=200)
    size = parser.parse_args().size_mb * 1024 * 1024
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "attachment.bin"
        with source.open("wb") as handle:
            for _ in range(size // (1024 * 1024)):
                handle.write(os.urandom(1024 * 1024))
        for suite in IntakeSuite:
            key = generate_intake_key(suite)
            public = key.public_key()
            small = io.BytesIO()
            seal_bundle(small, public, RECORD)
            keygen_ms = _median_ms(lambda: generate_intake_key(suite))
            seal_ms = _median_ms(lambda: seal_bundle(io.BytesIO(), public, RECORD))
            open_ms = _median_ms(lambda: open_bundle(io.BytesIO(small.getvalue()), key))
            sealed = Path(tmp) / f"{suite.label}.sealed"
            start = time.perf_counter()
            with sealed.open("wb") as out, source.open("rb") as data:
                seal_bundle(out, public, RECORD, [("attachment.bin", data)])
            seal_rate = size / (time.perf_counter() - start) / 1e6
            start = time.perf_counter()
            with sealed.open("rb") as data:
                open_bundle(data, key, sink=lambda name: _Discard())
            open_rate = size / (time.perf_counter() - start) / 1e6
            overhead = sealed.stat().st_size - size - len(RECORD)
            print(
                f"{suite.label:>24}: keygen {keygen_ms:.2f} ms, 20 kB testimony seal {seal_ms:.2f} ms / "
                f"open {open_ms:.2f} ms; {size // 2**20} MB attachment seal {seal_rate:.0f} MB/s, "
                f"open {open_rate:.0f} MB/s, format overhead {overhead} bytes"
            )
            sealed.unlink()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MiB (attachment: {size // 2**20} MiB)")


if __name__ == "__main__":
    main()
