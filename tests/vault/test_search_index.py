"""The full-text index without a second copy of every text, its bounded ranking, and the
migration that converts archives and reading rooms built with the old index."""
from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from tests.factories import record
from vault import reading_room, room_search, schema, store, testimonies
from vault.archive import OpenVault
from vault.room_search import Filters
from vault.search import index_fields
from vault.store import transaction

CANARY = "Qorvathmel"


def _tables(conn: store.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}


def test_search_index_holds_no_copy_of_the_text(vault: OpenVault) -> None:
    testimonies.add(vault.conn, record(text=f"[SYNTHETIC TEST] {CANARY} crossed at 혜산."), actor=vault.actor)
    assert "testimony_search_content" not in _tables(vault.conn)
    assert [r[0] for r in vault.conn.execute("SELECT words FROM testimony_search")] == [None]
    assert len(testimonies.search(vault.conn, CANARY.lower())) == 1
    assert len(testimonies.search(vault.conn, "혜산")) == 1


def test_revised_text_replaces_its_index_entry(vault: OpenVault) -> None:
    tid = testimonies.add(vault.conn, record(text="[SYNTHETIC TEST] Onsong in winter."), actor=vault.actor)
    testimonies.revise(vault.conn, tid, "[SYNTHETIC TEST] 회령 in spring.", actor=vault.actor)
    assert testimonies.search(vault.conn, "onsong") == []
    assert [s.id for s in testimonies.search(vault.conn, "회령")] == [tid]
    assert vault.conn.execute("SELECT count(*) FROM testimony_search").fetchone()[0] == 1
    # The old entry's tokens are gone from the index itself (secure-delete), not hidden.
    vault.conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'testimony_search', 'row')")
    terms = {row[0] for row in vault.conn.execute("SELECT term FROM temp.vocab")}
    assert "onsong" not in terms and "winter" not in terms and "회령" in terms


def test_search_ranks_a_bounded_set_of_the_newest_matches(vault: OpenVault, monkeypatch: pytest.MonkeyPatch) -> None:
    strong = testimonies.add(vault.conn, record(text="Yanji Yanji Yanji Yanji Yanji."), actor=vault.actor)
    weak = [testimonies.add(vault.conn, record(text=f"[SYNTHETIC TEST] Yanji, then {'far ' * n}away."),
                            actor=vault.actor) for n in range(1, 5)]
    assert testimonies.search(vault.conn, "yanji")[0].id == strong  # ranked by relevance
    monkeypatch.setattr(testimonies, "SEARCH_CANDIDATES", 3)
    found = [s.id for s in testimonies.search(vault.conn, "yanji")]
    assert found == weak[1:]  # the three newest, best first (shorter text ranks higher)


def test_korean_bigram_search_stays_exact(vault: OpenVault) -> None:
    near = testimonies.add(vault.conn, record(text="그는 양강도혜산시 출신이다."), actor=vault.actor)
    testimonies.add(vault.conn, record(text="그는 산혜 마을에서 왔다."), actor=vault.actor)
    assert [s.id for s in testimonies.search(vault.conn, "혜산")] == [near]
    assert [s.id for s in testimonies.search(vault.conn, "혜산시")] == [near]


def _old_migrations() -> list[tuple[int, str]]:
    """The shipped migrations before the one that made the index contentless."""
    shipped = schema.available()
    new = next(n for n, sql in shipped if "testimony_search_index" in sql)
    return [(n, sql) for n, sql in shipped if n < new]


def test_migration_converts_an_archive_built_with_the_old_index(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "old.db", secrets.token_bytes(32))
    try:
        for number, sql in _old_migrations():  # the archive as the previous release left it
            with transaction(conn):
                for statement in schema._statements(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number:d}")
        assert "testimony_search_content" in _tables(conn)
        texts = {"en": f"[SYNTHETIC TEST] {CANARY} left Hyesan.", "ko": "[SYNTHETIC TEST] 그는 양강도혜산시에서 왔다."}
        ids = {}
        for language, text in texts.items():
            # What the previous release wrote: the testimony row, then its index row with a copy of the text.
            tid = testimonies.new_id()
            with transaction(conn):
                conn.execute("INSERT INTO testimonies (id, status, language, consent, current_version, created_at,"
                             " updated_at) VALUES (?, 'submitted', ?, 'research', 1, 'then', 'then')", (tid, language))
                cursor = conn.execute("INSERT INTO testimony_search (testimony_id, words, grams) VALUES (?, ?, ?)",
                                      (tid, *index_fields(text)))
                conn.execute("UPDATE testimonies SET search_rowid = ? WHERE id = ?", (cursor.lastrowid, tid))
            ids[language] = tid
        version = schema.migrate(conn)
        assert version == schema.available()[-1][0]
        assert "testimony_search_content" not in _tables(conn)
        assert [s.id for s in testimonies.search(conn, CANARY.lower())] == [ids["en"]]
        assert [s.id for s in testimonies.search(conn, "혜산")] == [ids["ko"]]
        assert [s.id for s in testimonies.search(conn, "hyesan")] == [ids["en"]]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    # The copy of the text in the dropped table is gone from the file (secure_delete).
    raw = (tmp_path / "old.db").read_bytes()
    assert CANARY.encode() not in raw


def test_reading_room_migration_converts_the_old_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = store.connect(tmp_path / "room.db", secrets.token_bytes(32))
    try:
        shipped = reading_room._MIGRATIONS
        new = next(n for n, s in shipped if any("extract_search_index" in x for x in s))
        old = tuple((n, s) for n, s in shipped if n < new)
        monkeypatch.setattr(reading_room, "_MIGRATIONS", old)
        reading_room._migrate(conn, 5)  # the room as the previous release left it
        monkeypatch.setattr(reading_room, "_MIGRATIONS", shipped)
        assert "extract_search_content" in _tables(conn)
        for n, (eid, text, violation) in enumerate([("X-1", "Tumen River crossing", "torture"),
                                                    ("X-2", "강을 건너 두만강 근처", "forced_labour")]):
            with transaction(conn):
                conn.execute(f"INSERT INTO extracts (rowid, {reading_room.COLUMNS})"
                             " VALUES (?, ?, 'en', ?, '', '', '', '', 1, '[]', ?, '[]', '[]', '[]', '2025', '', '[]')",
                             (n + 1, eid, text, f'["{violation}"]'))
                conn.execute("INSERT INTO extract_search (rowid, words, grams) VALUES (?, ?, ?)",
                             (n + 1, *index_fields(text)))
        reading_room._migrate(conn, 5)
        assert "extract_search_content" not in _tables(conn)
        assert [e.id for e in room_search.search(conn, "tumen")] == ["X-1"]
        assert [e.id for e in room_search.search(conn, "두만강")] == ["X-2"]
        assert room_search.search(conn, "두만강", Filters(violation_type="torture")) == []
        assert [e.id for e in room_search.search(conn, "두만강", Filters(violation_type="forced_labour"))] == ["X-2"]
    finally:
        conn.close()


# SQLCipher 4 keeps 80 bytes of every page for the IV (16) and the HMAC-SHA512 (64); a
# table row whose payload is over (usable - 35) bytes spills onto an overflow page, and
# an index leaf's row is its blob plus a 4-byte record header.
_CIPHER_RESERVE = 80


def _largest_leaf_that_fits(conn: store.Connection) -> int:
    page = int(conn.execute("PRAGMA page_size").fetchone()[0])
    return page - _CIPHER_RESERVE - 35 - 4


def _leaf_sizes(conn: store.Connection, table: str) -> list[int]:
    # Row ids 1 and 10 are FTS5's averages and structure records; leaves come after.
    return [row[0] for row in conn.execute(f"SELECT length(block) FROM {table}_data WHERE id > 10")]  # noqa: S608


def _many_words(n: int, start: int = 0) -> str:
    return "[SYNTHETIC TEST] " + " ".join(f"zq{i:05d}" for i in range(start, start + n)) + " 혜산 회령 온성."


def test_search_index_leaves_fit_one_encrypted_page(vault: OpenVault) -> None:
    for part in range(3):
        testimonies.add(vault.conn, record(text=_many_words(3000, 3000 * part)), actor=vault.actor)
    sizes = _leaf_sizes(vault.conn, "testimony_search")
    limit = _largest_leaf_that_fits(vault.conn)
    assert max(sizes) > limit - 100  # full leaves were written ...
    assert max(sizes) <= limit  # ... and none spills onto a second page
    assert [s.id for s in testimonies.search(vault.conn, "zq04321")] != []


def test_migration_sizes_the_leaves_of_an_existing_archive(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "old.db", secrets.token_bytes(32))
    try:
        shipped = schema.available()
        for number, sql in [(n, s) for n, s in shipped if "'pgsz'" not in s]:  # the previous release
            with transaction(conn):
                for statement in schema._statements(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number:d}")
        old = testimonies.add(conn, record(text=_many_words(3000)), actor="U-test")
        limit = _largest_leaf_that_fits(conn)
        assert max(_leaf_sizes(conn, "testimony_search")) > limit  # FTS5's default spilled over
        assert schema.migrate(conn) == shipped[-1][0]
        new = testimonies.add(conn, record(text=_many_words(3000, 3000)), actor="U-test")
        # The next merge rewrites the old leaves at the new size.
        conn.execute("INSERT INTO testimony_search (testimony_search) VALUES ('optimize')")
        assert max(_leaf_sizes(conn, "testimony_search")) <= limit
        assert [s.id for s in testimonies.search(conn, "zq00007")] == [old]
        assert [s.id for s in testimonies.search(conn, "zq03007")] == [new]
    finally:
        conn.close()


def test_reading_room_index_leaves_fit_one_encrypted_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = store.connect(tmp_path / "room.db", secrets.token_bytes(32))
    try:
        shipped = reading_room._MIGRATIONS
        monkeypatch.setattr(reading_room, "_MIGRATIONS", shipped[:-1])
        reading_room._migrate(conn, 5)  # the room as the previous release left it
        monkeypatch.setattr(reading_room, "_MIGRATIONS", shipped)
        reading_room._migrate(conn, 5)
        with transaction(conn):
            conn.execute("INSERT INTO extract_search (rowid, words, grams) VALUES (1, ?, ?)",
                         index_fields(_many_words(3000)))
        sizes = _leaf_sizes(conn, "extract_search")
        assert _largest_leaf_that_fits(conn) - 100 < max(sizes) <= _largest_leaf_that_fits(conn)
    finally:
        conn.close()
