"""Hypothesis fuzzing of the search-query compiler (vault.search.compile_query) on both databases.

Whatever a person (or an attacker at the researcher's search box) types must become a safe
FTS5 expression: the vault's and the reading room's searches return results or nothing, and
never raise an FTS5 syntax error (a 500 page) or match what the terms do not say.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.release_world import World, add, close_world, make_world, record, release
from vault import reading_room, room_search, testimonies
from vault.search import compile_query
from vault.store import Connection

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FTS_SYNTAX = st.sampled_from(['"', "'", "*", "^", ":", "(", ")", "NEAR(", "AND", "OR", "NOT", "-", "+", "{", "}",
                              "words:", "grams:", "혜산", "Hyesan", "\\", "%", "_", "\u200b", "ﾍ", "Ａ"])
QUERIES = st.lists(st.one_of(FTS_SYNTAX, st.text(max_size=6)), max_size=12).map(" ".join)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = make_world(tmp_path_factory.mktemp("search") / "archive")
    release(w, add(w, record("The witness left Hyesan in 2008; 혜산에서 떠났다.")), accept_suppression=True)
    yield w
    room = _ROOMS.pop(id(w), None)
    if room is not None:
        room.close()
    close_world(w)


_ROOMS: dict[int, Connection] = {}


def _room(world: World) -> Connection:
    """One reading-room connection per world (opening one runs its checks and migrations)."""
    if id(world) not in _ROOMS:
        _ROOMS[id(world)] = reading_room.connect(world.archive, world.researcher_key())
    return _ROOMS[id(world)]


@FUZZ
@given(query=QUERIES)
def test_fuzz_any_query_is_safe_in_vault_and_reading_room(world: World, query: str) -> None:
    """Any query: the vault and the reading room both answer (possibly with nothing), no exception."""
    testimonies.search(world.alice.conn, query)
    room_search.search(_room(world), query)


@FUZZ
@given(query=QUERIES)
def test_fuzz_compiled_query_only_quotes_terms(query: str) -> None:
    """The compiled expression is column-qualified quoted phrases joined by AND: no operator passes."""
    expression = compile_query(query)
    if expression is None:
        return
    for clause in expression.split(" AND "):
        column, _, phrase = clause.partition(" : ")
        assert column in ("words", "grams")
        body = phrase.removesuffix("*")
        assert body.startswith('"') and body.endswith('"') and '"' not in body[1:-1].replace('""', "")


def test_search_finds_what_it_should(world: World) -> None:
    """The fuzzed searches run on data that they can match (not an empty index)."""
    assert testimonies.search(world.alice.conn, "Hyesan")
    assert testimonies.search(world.alice.conn, "혜산")
