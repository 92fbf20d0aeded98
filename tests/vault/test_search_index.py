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
        old = tuple((n, s) for n, s in shipped if not any("extract_search_index" in x for x in s))
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
