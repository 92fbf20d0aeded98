"""The reading room: reading-room.db, keyed by the reading-room key RK.

It holds released extracts only, each under a fresh random id (never the testimony
id): the redacted text, generalised metadata, quasi-identifiers as
:mod:`vault.anonymity` allows them to be shown, the approvers as opaque ids, the
release signature, and a signed manifest of the whole room. A researcher's keyslot
yields RK, which opens this file and nothing else.

The vault is the source of truth: :func:`apply` makes the room hold exactly the rows
the vault computes (``vault.releases.sync``), in one transaction, and after any
removal checkpoints the WAL so removed text leaves the file (S09).
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from vault import anonymity, store
from vault.errors import InvalidInput, NotFound, StorageError
from vault.search import index_fields
from vault.store import Connection, transaction

SCHEMA_VERSION = 3
MANIFEST_FORMAT = "testimony-reading-room-manifest"
MANIFEST_CONTEXT = b"testimony-reading-room-manifest/v1\n"
EXTRACT_CONTEXT = b"testimony-extract/v1\n"
LIST_FIELDS = ("route_countries", "violation_types", "event_periods", "event_provinces", "approvers", "images")
CSV_COLUMNS = ("id", "sex", "age_band", "origin_region", "exit_period", "violation_types", "route_countries",
               "event_periods", "event_provinces", "language", "published", "text")

_SCHEMA_1 = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
    """CREATE TABLE extracts (
        rowid            INTEGER PRIMARY KEY,
        id               TEXT NOT NULL UNIQUE,
        language         TEXT NOT NULL,
        text             TEXT NOT NULL,
        sex              TEXT NOT NULL,
        age_band         TEXT NOT NULL,
        origin_region    TEXT NOT NULL,
        exit_period      TEXT NOT NULL,
        qi_suppressed    INTEGER NOT NULL CHECK (qi_suppressed IN (0, 1)),
        route_countries  TEXT NOT NULL,
        violation_types  TEXT NOT NULL,
        event_periods    TEXT NOT NULL,
        event_provinces  TEXT NOT NULL,
        approvers        TEXT NOT NULL,
        published        TEXT NOT NULL,
        signature        TEXT NOT NULL
    ) STRICT""",
    """CREATE VIRTUAL TABLE extract_search USING fts5(
        words, grams, tokenize = "unicode61 remove_diacritics 2")""",
    "INSERT INTO extract_search (extract_search, rank) VALUES ('secure-delete', 1)",
)
_SCHEMA_2 = (
    "ALTER TABLE extracts ADD COLUMN images TEXT NOT NULL DEFAULT '[]'",  # SHA-256 of each image, in order
    """CREATE TABLE extract_images (
        extract_rowid  INTEGER NOT NULL REFERENCES extracts(rowid) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        media_type     TEXT NOT NULL,
        sha256         TEXT NOT NULL,
        data           BLOB NOT NULL,
        PRIMARY KEY (extract_rowid, position)
    ) STRICT""",
)
# The search index without a second copy of every text (the text is in extracts):
# contentless FTS5, converted from the old table's columns. Entries are removed with
# the 'delete' command and their indexed values, so 'secure-delete' removes the tokens
# at once (S09; contentless_delete would leave them behind a tombstone).
_SCHEMA_3_SEARCH = (
    """CREATE VIRTUAL TABLE extract_search_index USING fts5(
        words, grams, content = '', tokenize = "unicode61 remove_diacritics 2")""",
    "INSERT INTO extract_search_index (extract_search_index, rank) VALUES ('secure-delete', 1)",
    "INSERT INTO extract_search_index (rowid, words, grams) SELECT rowid, words, grams FROM extract_search",
    "DROP TABLE extract_search",
    "ALTER TABLE extract_search_index RENAME TO extract_search",
)
# Index leaves that fit one encrypted page (as the archive's migration 0008 explains).
_SCHEMA_4_LEAVES = ("INSERT INTO extract_search (extract_search, rank) VALUES ('pgsz', 3970)",)
_MIGRATIONS = ((1, _SCHEMA_1), (2, _SCHEMA_2), (3, _SCHEMA_3_SEARCH), (4, _SCHEMA_4_LEAVES))


@dataclass(frozen=True)
class Extract:
    """One released extract as the reading room holds it."""

    id: str
    language: str
    text: str = field(repr=False)
    sex: str = anonymity.SUPPRESSED
    age_band: str = anonymity.SUPPRESSED
    origin_region: str = anonymity.SUPPRESSED
    exit_period: str = anonymity.SUPPRESSED
    qi_suppressed: bool = True
    route_countries: tuple[str, ...] = ()
    violation_types: tuple[str, ...] = ()
    event_periods: tuple[str, ...] = ()
    event_provinces: tuple[str, ...] = ()
    approvers: tuple[str, ...] = ()
    published: str = ""
    signature: str = ""  # hex Ed25519 signature of signed_part()
    images: tuple[str, ...] = ()  # SHA-256 of each released image, in order

    def to_dict(self) -> dict[str, Any]:
        """Canonical plain form (export lines, manifest hashes)."""
        data: dict[str, Any] = {name: getattr(self, name) for name in _FIELDS}
        for name in LIST_FIELDS:
            data[name] = list(data[name])
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extract:
        try:
            values = {name: data[name] for name in cls.__dataclass_fields__}
        except KeyError as exc:
            raise InvalidInput(f"extract is missing field {exc}") from None
        for name in LIST_FIELDS:
            if not isinstance(values[name], list) or not all(isinstance(x, str) for x in values[name]):
                raise InvalidInput(f"extract field {name} must be a list of strings")
            values[name] = tuple(values[name])
        for name in ("id", "language", "text", "sex", "age_band", "origin_region", "exit_period",
                     "published", "signature"):
            if not isinstance(values[name], str):
                raise InvalidInput(f"extract field {name} must be a string")
        if not isinstance(values["qi_suppressed"], bool):
            raise InvalidInput("extract field qi_suppressed must be true or false")
        return cls(**values)

    def signed_part(self) -> dict[str, Any]:
        """The parts fixed at publication, covered by the release signature."""
        data = self.to_dict()
        for name in (*anonymity.QUASI_IDENTIFIERS, "qi_suppressed", "signature"):
            del data[name]
        if not data["images"]:
            del data["images"]  # extracts without images sign as before images existed
        return data


_FIELDS = tuple(Extract.__dataclass_fields__)
#: fields fixed at publication (the rest are the QIs the view may change).
_FIXED_FIELDS = tuple(n for n in _FIELDS if n not in (*anonymity.QUASI_IDENTIFIERS, "qi_suppressed"))


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def extract_message(extract: Extract) -> bytes:
    return EXTRACT_CONTEXT + canonical(extract.signed_part())


def extract_hash(extract: Extract) -> str:
    return hashlib.sha256(canonical(extract.to_dict())).hexdigest()


def manifest_message(manifest: bytes) -> bytes:
    return MANIFEST_CONTEXT + manifest


def build_manifest(extracts: Iterable[Extract], *, k: int, updated_at: str) -> bytes:
    """Return the canonical manifest of a room's content (what the release key signs)."""
    items = sorted([e.id, extract_hash(e)] for e in extracts)
    return canonical({"format": MANIFEST_FORMAT, "version": 1, "k": k, "updated_at": updated_at,
                      "extracts": items})


# -- opening -----------------------------------------------------------------------------


class ArchiveFolder(Protocol):
    """What the reading room needs of an archive (``vault.archive.Archive``): where its file is."""

    @property
    def reading_room_path(self) -> Path: ...


def ensure_reading_room(archive: ArchiveFolder, rk: bytes, *, k: int = anonymity.DEFAULT_K) -> None:
    """Create reading-room.db (keyed by RK) if it does not exist, and bring its schema up to date."""
    conn = store.connect(archive.reading_room_path, rk)
    try:
        _migrate(conn, k)
    finally:
        conn.close()


def connect(archive: ArchiveFolder, rk: bytes) -> Connection:
    """Open the reading room with RK; raise :class:`NotFound` when nothing was released yet."""
    if not archive.reading_room_path.is_file():
        raise NotFound("the reading room is empty: nothing has been released yet")
    conn = store.connect(archive.reading_room_path, rk)
    try:
        _migrate(conn, anonymity.DEFAULT_K)
    except BaseException:
        conn.close()
        raise
    return conn


def _migrate(conn: Connection, k: int) -> None:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for number, statements in _MIGRATIONS:
        if number <= version:
            continue
        with transaction(conn):
            for statement in statements:
                conn.execute(statement)
            if number == 1:
                conn.execute("INSERT INTO meta (name, value) VALUES ('k', ?)", (str(_valid_k(k)),))
            conn.execute(f"PRAGMA user_version = {number:d}")


def _valid_k(k: int) -> int:
    if not isinstance(k, int) or not 2 <= k <= 100:
        raise InvalidInput("k must be a whole number from 2 to 100")
    return k


def get_k(conn: Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE name = 'k'").fetchone()
    return anonymity.DEFAULT_K if row is None else int(row[0])


def meta(conn: Connection, name: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


# -- writing (called by vault.releases with the vault open) -------------------------------


@dataclass(frozen=True)
class Changes:
    added: int = 0
    removed: int = 0
    updated: int = 0
    #: False when a removal could not yet be checkpointed out of the WAL (a reader was
    #: busy); the next sync retries (S09).
    checkpointed: bool = True


@dataclass(frozen=True)
class Image:
    """One released image: PNG or JPEG rebuilt from pixels by the media pipeline."""

    media_type: str
    data: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _no_images(extract_id: str) -> Sequence[Image]:
    return ()


def apply(conn: Connection, wanted: Sequence[Extract], *, k: int, manifest: bytes, signature: bytes,
          public_key: bytes, images: Callable[[str], Sequence[Image]] = _no_images) -> Changes:
    """Make the room hold exactly ``wanted`` with its signed manifest (one transaction).

    ``images(extract_id)`` returns the images of an extract that has any; it is asked
    only for extracts being added.
    """
    by_id = {e.id: e for e in wanted}
    added = removed = updated = 0
    with transaction(conn):
        current = {e.id: e for e in extracts(conn)}
        for extract_id in sorted(set(current) - set(by_id)):
            _delete(conn, extract_id)
            removed += 1
        for extract_id, extract in by_id.items():
            old = current.get(extract_id)
            if old is None:
                _insert(conn, extract, images)
                added += 1
            elif any(getattr(old, name) != getattr(extract, name) for name in _FIXED_FIELDS):
                _delete(conn, extract_id)  # not what was published: replace it whole
                _insert(conn, extract, images)
                removed, updated = removed + 1, updated + 1
            elif old != extract:
                _update_qis(conn, extract)
                updated += 1
        for name, value in (("k", str(_valid_k(k))), ("manifest", manifest.decode("utf-8")),
                            ("manifest_signature", signature.hex()), ("public_key", public_key.hex())):
            conn.execute("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE"
                         " SET value = excluded.value", (name, value))
    checkpointed = True
    if removed or _wal_size(conn) > 0:
        try:
            store.checkpoint(conn)  # S09: removed pages leave the WAL and the file
        except StorageError:
            checkpointed = False
    return Changes(added, removed, updated, checkpointed)


def _wal_size(conn: Connection) -> int:
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    wal = Path(str(path) + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def _insert(conn: Connection, e: Extract, images: Callable[[str], Sequence[Image]]) -> None:
    cursor = conn.execute(
        "INSERT INTO extracts (id, language, text, sex, age_band, origin_region, exit_period, qi_suppressed,"
        " route_countries, violation_types, event_periods, event_provinces, approvers, images, published,"
        " signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (e.id, e.language, e.text, e.sex, e.age_band, e.origin_region, e.exit_period, int(e.qi_suppressed),
         *(json.dumps(list(getattr(e, name)), ensure_ascii=False) for name in LIST_FIELDS),
         e.published, e.signature),
    )
    if e.images:
        found = list(images(e.id))
        if [i.sha256 for i in found] != list(e.images):
            raise InvalidInput(f"the images of extract {e.id} are not those that were signed")
        conn.executemany(
            "INSERT INTO extract_images (extract_rowid, position, media_type, sha256, data) VALUES (?, ?, ?, ?, ?)",
            [(cursor.lastrowid, n, i.media_type, i.sha256, i.data) for n, i in enumerate(found)],
        )
    words, grams = index_fields(e.text)
    conn.execute("INSERT INTO extract_search (rowid, words, grams) VALUES (?, ?, ?)",
                 (cursor.lastrowid, words, grams))


def _update_qis(conn: Connection, e: Extract) -> None:
    conn.execute(
        "UPDATE extracts SET sex = ?, age_band = ?, origin_region = ?, exit_period = ?, qi_suppressed = ?"
        " WHERE id = ?",
        (e.sex, e.age_band, e.origin_region, e.exit_period, int(e.qi_suppressed), e.id),
    )


def _delete(conn: Connection, extract_id: str) -> None:
    row = conn.execute("SELECT rowid, text FROM extracts WHERE id = ?", (extract_id,)).fetchone()
    if row is None:
        return
    conn.execute("INSERT INTO extract_search (extract_search, rowid, words, grams) VALUES ('delete', ?, ?, ?)",
                 (row[0], *index_fields(row[1])))
    conn.execute("DELETE FROM extract_images WHERE extract_rowid = ?", (row[0],))
    conn.execute("DELETE FROM extracts WHERE rowid = ?", (row[0],))


# -- reading (researchers) ------------------------------------------------------------------

COLUMNS = ("id, language, text, sex, age_band, origin_region, exit_period, qi_suppressed, route_countries,"
            " violation_types, event_periods, event_provinces, approvers, published, signature, images")


def from_row(row: Sequence[Any]) -> Extract:
    values = list(row)
    values[7] = bool(values[7])
    for index in (8, 9, 10, 11, 12, 15):
        values[index] = tuple(json.loads(values[index]))
    return Extract(*values)


def image(conn: Connection, extract_id: str, position: int) -> Image:
    """Return one released image of an extract (for the researcher's pages and exports)."""
    row = conn.execute(
        "SELECT i.media_type, i.data FROM extract_images i JOIN extracts e ON e.rowid = i.extract_rowid"
        " WHERE e.id = ? AND i.position = ?", (extract_id, position),
    ).fetchone()
    if row is None:
        raise NotFound(f"no image {position} of released extract {extract_id}")
    return Image(str(row[0]), bytes(row[1]))


def extracts(conn: Connection) -> list[Extract]:
    # B608: the interpolated SQL names are module constants, never input
    return [from_row(r) for r in conn.execute(f"SELECT {COLUMNS} FROM extracts ORDER BY id")]  # noqa: S608  # nosec B608


def get(conn: Connection, extract_id: str) -> Extract:
    # B608: the interpolated SQL names are module constants, never input
    row = conn.execute(f"SELECT {COLUMNS} FROM extracts WHERE id = ?", (extract_id,)).fetchone()  # noqa: S608  # nosec B608
    if row is None:
        raise NotFound(f"no released extract {extract_id}")
    return from_row(row)
