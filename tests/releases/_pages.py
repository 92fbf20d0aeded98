"""Read SQLCipher 4 pages back to plaintext, to scan what a file really holds (tests only).

SQLCipher 4 defaults: 4096-byte pages, AES-256-CBC, each page ending in a reserved
area of a 16-byte IV and a 64-byte HMAC; page 1 starts with the 16-byte salt. With a
raw key (``x'...'``) the key is the AES key. The WAL holds a 32-byte header, then
frames of a 24-byte header and one page each.
"""
from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 16 + 64
SALT = 16


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start:PAGE - RESERVE]) + decryptor.finalize()


def database_pages(path: Path, key: bytes) -> list[bytes]:
    raw = path.read_bytes()
    return [_decrypt_page(key, raw[i:i + PAGE], i == 0) for i in range(0, len(raw) - PAGE + 1, PAGE)]


def wal_pages(path: Path, key: bytes) -> list[bytes]:
    if not path.exists():
        return []
    raw = path.read_bytes()
    out = []
    for offset in range(32, len(raw) - (24 + PAGE) + 1, 24 + PAGE):
        number = int.from_bytes(raw[offset:offset + 4], "big")
        out.append(_decrypt_page(key, raw[offset + 24:offset + 24 + PAGE], number == 1))
    return out


def plaintext(db: Path, key: bytes) -> bytes:
    """All decrypted pages of a database and its WAL, joined."""
    wal = db.with_name(db.name + "-wal")
    return b"".join(database_pages(db, key) + wal_pages(wal, key))
