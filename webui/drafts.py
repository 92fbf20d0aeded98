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
import os
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from keys import aead
from keys.atomic import write_atomic
from keys.errors import UnlockFailed
from vault.errors import InvalidInput, NotFound

SUFFIX = ".draft"
#: A deleted draft: the same sealed bytes under ``<name>.draft-deleted``, restorable for
#: KEEP_DELETED_SECONDS after deletion (its file time), then removed.
DELETED_SUFFIX = SUFFIX + "-deleted"
KEEP_DELETED_SECONDS = 7 * 24 * 3600
MAX_DRAFT_BYTES = 8 * 1024 * 1024
_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class DraftInfo:
    id: str
    saved_at: str
    language: str
    characters: int
    first_words: str = ""  # to tell drafts apart on the interviewer's own list
    interview_date: str = ""
    deleted_at: str = ""  # when a deleted draft was deleted, 2026-12-05T13:59:00Z


def first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _info(draft_id: str, saved_at: str, content: dict[str, Any], deleted_at: str = "") -> DraftInfo:
    text = str(content.get("text", ""))
    return DraftInfo(draft_id, saved_at, str(content.get("language", "")), len(text), first_words(text),
                     str(content.get("interview_date", "")), deleted_at)


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


def _open(key: bytes, path: Path, stored: Path) -> tuple[str, dict[str, Any]]:
    """Decrypt ``stored``, sealed under the name of ``path`` (a deleted draft keeps its sealing name)."""
    try:
        sealed = stored.read_bytes()
        doc = json.loads(aead.open_sealed(_derive(key, b"encrypt"), sealed, _aad(path)))
    except (FileNotFoundError, UnlockFailed, ValueError):
        raise NotFound("no such draft") from None
    return str(doc["saved_at"]), dict(doc["content"])


def _deleted_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(SUFFIX) + DELETED_SUFFIX)


def load(folder: Path, key: bytes, draft_id: str) -> tuple[str, dict[str, Any]]:
    """Return (saved_at, content) of one of this key's drafts, or raise NotFound."""
    path = _path(folder, key, draft_id)
    return _open(key, path, path)


def list_drafts(folder: Path, key: bytes) -> list[DraftInfo]:
    prefix = _owner_tag(key) + "-"
    found = []
    for path in sorted(folder.glob(prefix + "*" + SUFFIX)):
        draft_id = path.name[len(prefix):-len(SUFFIX)]
        try:
            saved_at, content = load(folder, key, draft_id)
        except NotFound:
            continue
        found.append(_info(draft_id, saved_at, content))
    return sorted(found, key=lambda d: d.saved_at, reverse=True)


def delete(folder: Path, key: bytes, draft_id: str, *, keep_for_undo: bool = True,
           now: float | None = None) -> None:
    """Delete a draft: set aside, still sealed, for KEEP_DELETED_SECONDS (``restore`` brings it
    back), or at once with ``keep_for_undo=False`` (a submitted draft, now sealed in the inbox)."""
    path = _path(folder, key, draft_id)
    load(folder, key, draft_id)  # only the owner can delete
    if not keep_for_undo:
        path.unlink()
        return
    deleted = _deleted_path(path)
    os.replace(path, deleted)
    stamp = time.time() if now is None else now
    os.utime(deleted, (stamp, stamp))  # the file time says when it was deleted


def list_deleted(folder: Path, key: bytes, *, now: float | None = None) -> list[DraftInfo]:
    """This key's deleted drafts that can still be restored, newest deletion first; older ones
    are removed here (``purge_deleted``)."""
    purge_deleted(folder, key, now=now)
    prefix = _owner_tag(key) + "-"
    found = []
    for stored in folder.glob(prefix + "*" + DELETED_SUFFIX):
        draft_id = stored.name[len(prefix):-len(DELETED_SUFFIX)]
        try:
            path = _path(folder, key, draft_id)
            saved_at, content = _open(key, path, stored)
            deleted_at = datetime.fromtimestamp(stored.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            found.append(_info(draft_id, saved_at, content, deleted_at))
        except (NotFound, FileNotFoundError):
            continue
    return sorted(found, key=lambda d: d.deleted_at, reverse=True)


def restore(folder: Path, key: bytes, draft_id: str) -> None:
    """Bring back a deleted draft of this key (NotFound once it is gone)."""
    path = _path(folder, key, draft_id)
    deleted = _deleted_path(path)
    _open(key, path, deleted)  # only the owner can restore
    os.replace(deleted, path)


def purge_deleted(folder: Path, key: bytes, *, now: float | None = None) -> int:
    """Remove this key's deleted drafts older than KEEP_DELETED_SECONDS; return how many."""
    cutoff = (time.time() if now is None else now) - KEEP_DELETED_SECONDS
    removed = 0
    for stored in folder.glob(_owner_tag(key) + "-*" + DELETED_SUFFIX):
        try:
            if stored.stat().st_mtime < cutoff:
                stored.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
