"""Testimony ids: random, unordered, and side by side in the indexes when stored together."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.factories import record
from vault import testimonies
from vault.archive import OpenVault

ID = re.compile(r"T-[0-9a-f]{12}")


def test_testimonies_stored_together_share_a_random_batch_prefix(vault: OpenVault) -> None:
    first = testimonies.add_many(vault.conn, [record() for _ in range(5)], actor=vault.actor)
    second = testimonies.add_many(vault.conn, [record() for _ in range(5)], actor=vault.actor)
    assert all(ID.fullmatch(t) for t in first + second)
    assert len(set(first + second)) == 10
    # Side by side in every index keyed by testimony id: one transaction rewrites a few
    # leaf pages, not most of them (each written page is encrypted and authenticated).
    assert len({t[:6] for t in first}) == 1 and len({t[:6] for t in second}) == 1
    assert len({t[6:] for t in first}) == 5


def test_event_ids_follow_their_testimony(vault: OpenVault) -> None:
    events = [{"violation_type": "arbitrary_detention", "place": "Hyesan"},
              {"violation_type": "torture", "place": "Onsong"}]
    tid = testimonies.add(vault.conn, record(events=events), actor=vault.actor)
    rows = vault.conn.execute("SELECT id, position FROM events WHERE testimony_id = ? ORDER BY position",
                              (tid,)).fetchall()
    assert rows == [(f"E-{tid[2:]}-0", 0), (f"E-{tid[2:]}-1", 1)]


def test_a_repeated_random_id_is_drawn_again(vault: OpenVault, monkeypatch: pytest.MonkeyPatch) -> None:
    draws: Iterator[str] = iter(["0000", "aaaaaaaa", "aaaaaaaa", "bbbbbbbb", "0000", "bbbbbbbb", "cccccccc"])
    monkeypatch.setattr(testimonies.secrets, "token_hex", lambda n: next(draws))
    assert testimonies.add_many(vault.conn, [record(), record()], actor=vault.actor) == [
        "T-0000aaaaaaaa", "T-0000bbbbbbbb"]
    # Another transaction that draws the same batch and an id already stored.
    assert testimonies.add(vault.conn, record(), actor=vault.actor) == "T-0000cccccccc"
