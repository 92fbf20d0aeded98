"""Attachment store: stream a large recording in and out; print throughput, peak traced memory
and the process's maximum resident size (the file never sits in memory).

    .venv/bin/python bench/bench_attachments.py              # 500 MiB
    .venv/bin/python bench/bench_attachments.py --mib 100
"""
from __future__ import annotations

import argparse
import hashlib
import io
import resource
import struct
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from keys.profiles import TEST_ONLY  # noqa: E402
from vault import archive as archive_api  # noqa: E402
from vault import attachments, records, testimonies  # noqa: E402
from vault.store import transaction  # noqa: E402

RECORD = {"language": "en", "text": "[SYNTHETIC] A benchmark testimony.", "interview_date": "2024-01-01",
          "consent": "research", "witness": {"name": "Bench Person", "sex": "female"}, "sensitive_terms": [],
          "events": []}


class Generated(io.RawIOBase):
    """``size`` bytes of a WAV file made on demand: the source holds no copy of the file."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._head = b"RIFF" + struct.pack("<I", size - 8) + b"WAVE"
        self._left = size
        self._n = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = self._left if n < 0 else min(n, self._left)
        out, self._head = self._head[:n], self._head[n:]
        self._n += 1
        out += bytes([self._n % 251]) * (n - len(out))
        self._left -= n
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=500)
    size = parser.parse_args().mib * 1024 * 1024
    with tempfile.TemporaryDirectory() as folder:
        created = archive_api.init(Path(folder) / "archive", "admin", "bench passphrase", profile=TEST_ONLY)
        archive = created.archive
        with archive.open_vault(archive.unlock("admin", "bench passphrase")) as vault:
            with transaction(vault.conn):
                testimony_id = testimonies.add(vault.conn, records.parse(RECORD), actor=vault.actor)
            tracemalloc.start()
            start = time.perf_counter()
            item = attachments.add(vault, testimony_id, "bench.wav", Generated(size))
            add_s = time.perf_counter() - start
            add_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.reset_peak()
            digest = hashlib.sha256()
            start = time.perf_counter()
            for chunk in attachments.iter_original(vault, item.id):
                digest.update(chunk)
            read_s = time.perf_counter() - start
            read_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert digest.hexdigest() == item.sha256
    mib = size / 2**20
    print(f"attachment of {mib:,.0f} MiB (1 MiB chunks, AES-256-GCM)")
    print(f"  add : {add_s:6.2f} s  {mib / add_s:7.0f} MiB/s  peak traced {add_peak / 2**20:5.1f} MiB")
    print(f"  read: {read_s:6.2f} s  {mib / read_s:7.0f} MiB/s  peak traced {read_peak / 2**20:5.1f} MiB")
    print(f"  process max RSS (imports included): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
