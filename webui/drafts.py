"""Interviewers' drafts: files in ``<archive>/drafts/`` that only their author can read.

Each draft is AES-256-GCM under a key derived from the interviewer's draft key (the
secret of their keyslot, so it exists only while they are signed in). File names
start with a tag derived from the same key, so an interviewer lists their own drafts
without trying to open anyone else's, and the names say nothing to anyone else.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from keys import aead
from keys.atomic import write_atomic
from keys.errors import UnlockFailed
from vault.errors import InvalidInput, NotFound

SUFFIX = ".draft"
MAX_DRAFT_BYTES = 8 * 1024 * 1024
_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class DraftInfo:
    id: str
    saved_at: str
    language: str
    characters: int


def _derive(key: bytes, label: bytes) -> bytes:
    return hmac.new(key, b"testimony/v1/draft/" + label, hashlib.sha256).digest()


def _owner_tag(key: bytes) -> str:
    return _derive(key, b"owner").hex()[:16]


def _path(folder: Path, key: bytes, draft_id: str) -> Path:
    if not _ID.match(draft_id):
        raise NotFound("no such draft")
    return folder / f"{_owner_tag(key)}-{draft_id}{SUFFIX}"


def _aad(path: Path) -> bytes:
    return b"testimony/v1/draft|" + path.name.encode()


def save(folder: Path, key: bytes, content: dict[str, Any], *, draft_id: str | None = None,
         now: datetime | None = None) -> str:
    """Encrypt and store a draft (new or replacing ``draft_id``); return its id."""
    draft_id = draft_id or secrets.token_hex(16)
    path = _path(folder, key, draft_id)
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    payload = json.dumps({"saved_at": stamp, "content": content}, ensure_ascii=False).encode("utf-8")
    if len(payload) > MAX_DRAFT_BYTES:
        raise InvalidInput("the draft is too large")
    write_atomic(path, aead.seal(_derive(key, b"encrypt"), payload, _aad(path)))
    return draft_id


def load(folder: Path, key: bytes, draft_id: str) -> tuple[str, dict[str, Any]]:
    """Return (saved_at, content) of one of this key's drafts, or raise NotFound."""
    path = _path(folder, key, draft_id)
    try:
        sealed = path.read_bytes()
        doc = json.loads(aead.open_sealed(_derive(key, b"encrypt"), sealed, _aad(path)))
    except (FileNotFoundError, UnlockFailed, ValueError):
        raise NotFound("no such draft") from None
    return str(doc["saved_at"]), dict(doc["content"])


def list_drafts(folder: Path, key: bytes) -> list[DraftInfo]:
    prefix = _owner_tag(key) + "-"
    found = []
    for path in sorted(folder.glob(prefix + "*" + SUFFIX)):
        draft_id = path.name[len(prefix):-len(SUFFIX)]
        try:
            saved_at, content = load(folder, key, draft_id)
        except NotFound:
            continue
        found.append(DraftInfo(draft_id, saved_at, str(content.get("language", "")),
                               len(str(content.get("text", "")))))
    return sorted(found, key=lambda d: d.saved_at, reverse=True)


def delete(folder: Path, key: bytes, draft_id: str) -> None:
    """Remove a draft file (its bytes are ciphertext; the key leaves with the session)."""
    path = _path(folder, key, draft_id)
    load(folder, key, draft_id)  # only the owner can delete
    path.unlink()
