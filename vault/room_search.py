"""Searching the reading room and counting it: filters, ranked text search, charts, facets.

Reads what :mod:`vault.reading_room` stores; a researcher's pages and the export use it.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from vault import anonymity, filter_tree
from vault.reading_room import COLUMNS, Extract, extracts, from_row, get_k
from vault.search import compile_query
from vault.store import Connection

#: A text search ranks at most this many matches (the newest first), as vault.testimonies does.
SEARCH_CANDIDATES = 2000


@dataclass(frozen=True)
class Filters:
    """Researcher filters; a period or province matches events and the witness's exit/origin."""

    violation_type: str | None = None
    period: str | None = None
    province: str | None = None


#: A period column ``{v}`` ("2000-2009" or "2009") lies within the years bound to the two "?".
_WITHIN = ("({v} GLOB '[0-9][0-9][0-9][0-9]*' AND CAST(substr({v}, 1, 4) AS INTEGER) >= ?"
           " AND CAST(CASE WHEN length({v}) = 9 THEN substr({v}, 6, 4) ELSE substr({v}, 1, 4) END AS INTEGER) <= ?)")

#: How results can be ordered: best match first (a text search; otherwise newest), newest, oldest.
SORTS = ("relevance", "newest", "oldest")


def _search_sql(query: str, filters: Filters, sort: str = "relevance") -> tuple[str, list[Any], str] | None:
    """The SELECT of ``search`` (without order and limit), its parameters and its order; None
    when ``query`` has no searchable term."""
    where: list[str] = []
    params: list[Any] = []
    filters_sql: list[str] = []
    filter_params: list[Any] = []
    if filters.violation_type:
        filters_sql.append("EXISTS (SELECT 1 FROM json_each(e.violation_types) WHERE value = ?)")
        filter_params.append(filters.violation_type)
    years = filter_tree.span(filters.period) if filters.period else None
    if filters.period:  # periods inside the chosen one (vault.filter_tree): "2000-2019" finds "2000-2009"
        if years is None:
            filters_sql.append("0")
        else:
            # B608: the interpolated SQL is the module constant _WITHIN with column names, never input
            filters_sql.append(f"({_WITHIN.format(v='e.exit_period')} OR EXISTS (SELECT 1 FROM"  # noqa: S608  # nosec B608
                               f" json_each(e.event_periods) WHERE {_WITHIN.format(v='value')}))")
            filter_params += [*years, *years]
    if filters.province:  # places under the chosen one: "North Korea" finds "Ryanggang"
        names = filter_tree.places_under(filters.province)
        marks = ", ".join("?" * len(names))
        # B608: the interpolated SQL is "?" marks only; the names are bound parameters
        filters_sql.append(f"(e.origin_region IN ({marks}) OR EXISTS (SELECT 1 FROM json_each(e.event_provinces)"  # noqa: S608  # nosec B608
                           f" WHERE value IN ({marks})))")
        filter_params += [*names, *names]
    # B608: the interpolated SQL names are module constants, never input
    columns = ', '.join('e.' + c.strip() for c in COLUMNS.split(','))
    sql = f"SELECT {columns} FROM extracts e"  # noqa: S608  # nosec B608
    # Publication is kept to the month; within a month, the order of release (rowid).
    order = "e.published ASC, e.rowid ASC" if sort == "oldest" else "e.published DESC, e.rowid DESC"
    if query.strip():
        expression = compile_query(query)
        if expression is None:
            return None
        # Rank only the newest matches that pass the filters (a bounded candidate set).
        candidates = ("SELECT s.rowid AS rowid, s.rank AS rank FROM extract_search s JOIN extracts e"
                      " ON e.rowid = s.rowid WHERE extract_search MATCH ?")
        for clause in filters_sql:
            candidates += " AND " + clause
        sql = (f"WITH c AS MATERIALIZED ({candidates} ORDER BY s.rowid DESC LIMIT ?) "  # noqa: S608  # nosec B608
               f"SELECT {columns} FROM c JOIN extracts e ON e.rowid = c.rowid")
        params += [expression, *filter_params, SEARCH_CANDIDATES]
        if sort not in ("newest", "oldest"):
            order = "c.rank, e.id"
    else:
        where += filters_sql
        params += filter_params
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql, params, order


def search(conn: Connection, query: str = "", filters: Filters = Filters(), *, limit: int = 50,
           offset: int = 0, sort: str = "relevance") -> list[Extract]:
    """Return extracts matching every term of ``query`` (English and Korean) and the filters,
    in the order ``sort`` names (one of SORTS; best match first for a text search)."""
    built = _search_sql(query, filters, sort)
    if built is None:
        return []
    sql, params, order = built
    sql += f" ORDER BY {order} LIMIT ? OFFSET ?"
    params += [max(1, min(limit, 500)), max(0, offset)]
    return [from_row(r) for r in conn.execute(sql, params)]


def matching(conn: Connection, query: str = "", filters: Filters = Filters(), *,
             sort: str = "relevance") -> list[Extract]:
    """Every extract ``search`` finds (for a text search, at most SEARCH_CANDIDATES): what an
    export of the current results holds and what filtered charts count."""
    built = _search_sql(query, filters, sort)
    if built is None:
        return []
    sql, params, order = built
    return [from_row(r) for r in conn.execute(f"{sql} ORDER BY {order}", params)]  # noqa: S608  # nosec B608


def count_matches(conn: Connection, query: str = "", filters: Filters = Filters()) -> int:
    """How many extracts ``search`` finds in all (at most SEARCH_CANDIDATES for a text query)."""
    built = _search_sql(query, filters)
    if built is None:
        return 0
    sql, params, _order = built
    return int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])  # noqa: S608  # nosec B608


def count(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM extracts").fetchone()[0])


@dataclass(frozen=True)
class Bar:
    """One bar of a chart; ``count`` is ``None`` when it is below k (shown as "< k")."""

    label: str
    count: int | None


@dataclass(frozen=True)
class Charts:
    k: int
    total: int | None
    by_period: tuple[Bar, ...]
    by_province: tuple[Bar, ...]
    by_violation: tuple[Bar, ...]
    by_exit_period: tuple[Bar, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def suppress_counts(counter: Counter[str], k: int) -> tuple[Bar, ...]:
    """Return bars sorted by label with every count below ``k`` suppressed."""
    return tuple(Bar(label, n if n >= k else None) for label, n in sorted(counter.items()))


def charts_from(items: Sequence[Extract], k: int) -> Charts:
    """Counts of extracts per event period, province, violation type and exit period (suppressed below k)."""
    periods: Counter[str] = Counter()
    provinces: Counter[str] = Counter()
    violations: Counter[str] = Counter()
    exits: Counter[str] = Counter()
    for e in items:
        periods.update(set(e.event_periods))
        provinces.update(set(e.event_provinces))
        violations.update(set(e.violation_types))
        if not e.qi_suppressed and e.exit_period != anonymity.SUPPRESSED:
            exits[e.exit_period] += 1
    total = len(items)
    return Charts(k, total if total >= k else None, suppress_counts(periods, k), suppress_counts(provinces, k),
                  suppress_counts(violations, k), suppress_counts(exits, k))


def charts(conn: Connection) -> Charts:
    return charts_from(extracts(conn), get_k(conn))


def facets(conn: Connection) -> dict[str, list[str]]:
    """Values researchers can filter on (those present in the room)."""
    items = extracts(conn)
    periods = {p for e in items for p in e.event_periods} | {e.exit_period for e in items if not e.qi_suppressed}
    provinces = {p for e in items for p in e.event_provinces} | {
        e.origin_region for e in items if not e.qi_suppressed}
    return {"violation_type": sorted({v for e in items for v in e.violation_types}),
            "period": sorted(periods - {anonymity.SUPPRESSED, anonymity.UNKNOWN}),
            "province": sorted(provinces - {anonymity.SUPPRESSED, anonymity.UNKNOWN})}
