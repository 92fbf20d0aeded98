"""Researcher queries of the reading room: search (English and Korean), filters, charts, demo."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import demo_archive
from tests.release_world import World, add, record, release
from vault import anonymity, reading_room, releases, room_search
from vault.errors import NotFound


@pytest.fixture()
def room(world: World) -> Iterator[reading_room.Connection]:
    releases.set_k(world.alice, 2)
    release(world, add(world, record("We crossed the frozen river at night.", exit_year=2008,
                                     events=({"violation_type": "torture", "date": "2007-05", "place": "Onsong"},))),
            accept_suppression=True)
    release(world, add(world, record("그날 밤 우리는 강물을 건넜다.", language="ko", exit_year=2009,
                                     events=({"violation_type": "torture", "date": "2012", "place": "Hyesan"},))),
            accept_suppression=True)
    release(world, add(world, record("The guards made us work in the mine.", exit_year=2015, sex="male",
                                     events=({"violation_type": "forced_labour", "date": "2014",
                                              "place": "Yanji"},))),
            accept_suppression=True)
    conn = reading_room.connect(world.archive, world.researcher_key())
    yield conn
    conn.close()


def test_search_english_and_korean(room: reading_room.Connection) -> None:
    assert len(room_search.search(room, "river")) == 1
    assert len(room_search.search(room, "Rivers")) == 0
    assert len(room_search.search(room, "강물")) == 1  # finds 강물을
    assert len(room_search.search(room, "")) == 3
    assert room_search.search(room, "!!!") == []


def test_filters_by_violation_period_and_province(room: reading_room.Connection) -> None:
    by_type = room_search.search(room, filters=room_search.Filters(violation_type="torture"))
    assert len(by_type) == 2
    by_period = room_search.search(room, filters=room_search.Filters(period="2010-2019"))
    assert len(by_period) == 2
    by_province = room_search.search(room, filters=room_search.Filters(province="Jilin"))
    assert len(by_province) == 1 and by_province[0].route_countries == ("China",)
    both = room_search.search(room, "mine", room_search.Filters(violation_type="torture"))
    assert both == []
    facets = room_search.facets(room)
    assert facets["violation_type"] == ["forced_labour", "torture"]
    assert "Ryanggang" in facets["province"]


def test_charts_suppress_counts_below_k(room: reading_room.Connection) -> None:
    charts = room_search.charts(room)
    assert charts.k == 2 and charts.total == 3
    assert dict((b.label, b.count) for b in charts.by_violation) == {"forced_labour": None, "torture": 2}
    assert all(b.count is None or b.count >= 2 for bars in (charts.by_period, charts.by_province,
                                                             charts.by_exit_period) for b in bars)


def test_extract_ids_are_fresh_and_unknown_ids_not_found(room: reading_room.Connection, world: World) -> None:
    ids = {e.id for e in reading_room.extracts(room)}
    testimony_ids = {s[0] for s in world.alice.conn.execute("SELECT id FROM testimonies")}
    assert ids and not ids & testimony_ids and all(i.startswith("X-") for i in ids)
    with pytest.raises(NotFound):
        reading_room.get(room, next(iter(testimony_ids)))


def test_demo_publishes_a_k_anonymous_reading_room_without_witness_names(tmp_path: Path) -> None:
    made = demo_archive(tmp_path / "demo", 12)
    assert made.published
    researcher = next(a for a in made.accounts if a.role == "researcher")
    conn = reading_room.connect(made.archive, made.archive.unlock(researcher.user, researcher.passphrase).secret)
    try:
        rows = reading_room.extracts(conn)
        k = reading_room.get_k(conn)
    finally:
        conn.close()
    assert len(rows) == len(made.published)
    assert anonymity.is_k_anonymous([None if e.qi_suppressed else (e.sex, e.age_band, e.origin_region,
                                     e.exit_period) for e in rows], k)
    archivist = next(a for a in made.accounts if a.role == "archivist")
    with made.archive.open_vault(made.archive.unlock(archivist.user, archivist.passphrase)) as vault:
        names = [row[0] for row in vault.conn.execute(
            "SELECT w.name FROM witnesses w JOIN releases r ON r.testimony_id = w.testimony_id"
            " WHERE r.status = 'published' AND w.name IS NOT NULL")]
    assert names
    texts = "\n".join(e.text for e in rows)
    assert not [n for n in names if n in texts]


def test_demo_hides_only_what_the_generator_inserted_as_identifiers(tmp_path: Path) -> None:
    """The demo reads like a careful archivist's work: no pseudonym or mask over ordinary words."""
    from cli.demo import identifier_mask, synthetic
    from vault.redaction import Action
    from vault.releases import decisions

    count = 8
    made = demo_archive(tmp_path / "demo", count)
    inserted = [ids for _, ids in synthetic.generate_with_identifiers(count)]
    archivist = next(a for a in made.accounts if a.role == "archivist")
    hidden = kept = 0
    with made.archive.open_vault(made.archive.unlock(archivist.user, archivist.passphrase)) as vault:
        for testimony_id, identifiers in zip(made.testimony_ids, inserted):
            current = decisions.review(vault.conn, testimony_id, actor=vault.actor)
            covered = identifier_mask(current.text, identifiers)
            for d in current.decisions:
                if d.action is Action.KEEP:
                    kept += 1
                    continue
                hidden += 1
                assert any(covered[d.span.start:d.span.end]), \
                    f"{d.action.value} over {current.text[d.span.start:d.span.end]!r}, not an inserted identifier"
            assert not current.undecided
    assert hidden and kept  # both kinds of decision occur, so the check above is not empty
