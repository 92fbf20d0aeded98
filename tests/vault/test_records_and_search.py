"""Strict testimony records, bilingual full-text search, migrations."""
from __future__ import annotations

import pytest

from tests.factories import record
from vault import schema, testimonies
from vault.archive import OpenVault
from vault.errors import InvalidInput
from vault.records import parse, parse_json_bytes
from vault.search import compile_query


def test_unknown_fields_are_named() -> None:
    with pytest.raises(InvalidInput, match="unknown field.*colour, size"):
        parse({"language": "en", "text": "t", "consent": "research", "colour": 1, "size": 2})
    with pytest.raises(InvalidInput, match="unknown field.*witness.shoe"):
        parse({"language": "en", "text": "t", "consent": "research", "witness": {"shoe": 2}})


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe not utf8", "UTF-8"),
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b'{"language": "fr", "text": "t", "consent": "research"}', "language"),
        (b'{"language": "en", "text": "", "consent": "research"}', "text must not be empty"),
        (b'{"language": "en", "text": "t", "consent": "maybe"}', "consent"),
        (b'{"language": "en", "text": "t", "consent": "research", "interview_date": "2024-13-01"}', "YYYY-MM-DD"),
        (b'{"language": "en", "text": "t", "consent": "research", "events": [{"violation_type": "x", "date": "2009-02-30"}]}', "not a real date"),
        (b'{"language": "en", "text": "t", "consent": "research", "witness": {"birth_year": "1980"}}', "birth_year"),
        (b'{"language": "en", "consent": "research"}', "missing field"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_s29_bad_records_get_clear_errors(raw: bytes, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_json_bytes(raw)


def test_s29_huge_fields_are_refused() -> None:
    with pytest.raises(InvalidInput, match="longer than"):
        parse({"language": "en", "text": "x" * 1_000_001, "consent": "research"})
    with pytest.raises(InvalidInput, match="larger than"):
        parse_json_bytes(b" " * (9 * 1024 * 1024))


def test_record_round_trips_through_the_vault(vault: OpenVault) -> None:
    original = record()
    tid = testimonies.add(vault.conn, original, actor=vault.actor)
    assert testimonies.get(vault.conn, tid, actor=vault.actor).record == original


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("그는 양강도 혜산에서 왔다.", "혜산"),
        ("그는 양강도혜산시 출신이다.", "혜산"),
        ("She left Hyesan, then Yanji.", "Hyesan"),
        ("She left Hyesan, then Yanji.", "hyesan yanji"),
        ("Camp No. 15 near Yodok.", "yodok"),
        ("Chŏngjin harbour", "chongjin"),
        ("회령에서 온 사람", "회"),
        ("ＦＵＬＬＷＩＤＴＨ letters", "fullwidth"),
    ],
)
def test_full_text_search_finds_english_and_korean(vault: OpenVault, text: str, query: str) -> None:
    tid = testimonies.add(vault.conn, record(text=text), actor=vault.actor)
    assert [s.id for s in testimonies.search(vault.conn, query)] == [tid]


def test_search_does_not_match_unrelated_text(vault: OpenVault) -> None:
    testimonies.add(vault.conn, record(text="그는 평양에서 왔다."), actor=vault.actor)
    assert testimonies.search(vault.conn, "혜산") == []
    assert testimonies.search(vault.conn, "hyesan") == []


def test_search_follows_revisions_in_the_same_transaction(vault: OpenVault) -> None:
    tid = testimonies.add(vault.conn, record(text="first words only"), actor=vault.actor)
    testimonies.revise(vault.conn, tid, "완전히 다른 문장", actor=vault.actor)
    assert testimonies.search(vault.conn, "first") == []
    assert [s.id for s in testimonies.search(vault.conn, "다른")] == [tid]


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "*", "NEAR(a b)", "a:b", "'; DROP TABLE testimonies; --", ""])
def test_search_queries_are_never_fts_syntax(vault: OpenVault, query: str) -> None:
    """Whatever a person types is quoted: no FTS5 syntax error, no injection."""
    testimonies.add(vault.conn, record(text="and or not near"), actor=vault.actor)
    testimonies.search(vault.conn, query)
    assert compile_query(query) is None or '"' in (compile_query(query) or "")


def test_migrations_are_numbered_and_recorded(vault: OpenVault) -> None:
    numbers = [n for n, _ in schema.available()]
    assert numbers == list(range(1, len(numbers) + 1))
    assert schema.current_version(vault.conn) == numbers[-1]
    assert schema.migrate(vault.conn) == numbers[-1]  # idempotent


def test_add_many_is_all_or_none(vault: OpenVault) -> None:
    """One refused record in a batch leaves none stored and no audit entry."""
    from vault import audit

    before = len(audit.entries(vault.conn))
    with pytest.raises(InvalidInput):
        testimonies.add_many(vault.conn, [record(), record(events=[{"violation_type": "nope"}])], actor=vault.actor)
    assert testimonies.list_all(vault.conn) == [] and len(audit.entries(vault.conn)) == before
    ids = testimonies.add_many(vault.conn, [record(), record(text="두 번째 증언")], actor=vault.actor)
    assert [s.id for s in testimonies.search(vault.conn, "증언")] == [ids[1]]
    assert len(audit.entries(vault.conn)) == before + 2
