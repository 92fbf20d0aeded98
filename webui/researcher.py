"""Researcher pages: the reading room only (reading-room.db opened with RK).

Nothing here can reach vault.db: the session holds the reading-room key and no other.
Anything not in the reading room is 404.
"""
from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from flask import Blueprint, Response, abort, g, render_template, request

from vault import filter_tree, reading_room, room_search
from vault.errors import NotFound
from vault.releases import export_bag
from vault.store import Connection
from webui import charts as chart_geometry
from webui.highlight import snippet
from webui.state import signed_in_session, state

bp = Blueprint("researcher", __name__, url_prefix="/research")
_EXTRACT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
PAGE = 25
T = TypeVar("T")


def _room() -> Connection | None:
    """This request's reading-room connection, or None when nothing was released yet."""
    if "room" in g:
        return cast("Connection | None", g.room)
    session = signed_in_session()
    assert session.secret is not None
    try:
        conn: Connection | None = reading_room.connect(state().archive, session.secret)
    except NotFound:
        conn = None
    g.room = conn
    return conn


@bp.teardown_request
def _close(_exc: BaseException | None = None) -> None:
    conn = g.pop("room", None)
    if conn is not None:
        conn.close()


def _cached(conn: Connection, name: str, compute: Callable[[Connection], T]) -> T:
    """A derived view of the room, recomputed only when its signed manifest changes."""
    web = state()
    version = reading_room.meta(conn, "manifest_signature") or ""
    key = (name, version)
    with web.cache_lock:
        if key in web.room_cache:
            return cast(T, web.room_cache[key])
    value = compute(conn)
    with web.cache_lock:
        for stale in [k for k in web.room_cache if k[0] == name]:
            del web.room_cache[stale]
        web.room_cache[key] = value
    return value


def _arg(name: str, limit: int = 200) -> str:
    return request.args.get(name, "").strip()[:limit]


def _filter_options(conn: Connection) -> dict[str, list[filter_tree.Option]]:
    """The choices of each filter: violation types, and periods and places as one hierarchy each."""
    values = room_search.facets(conn)
    return {"violation_type": [filter_tree.Option(v, 0) for v in values["violation_type"]],
            "period": filter_tree.period_options(values["period"]),
            "province": filter_tree.place_options(values["province"])}


def _criteria() -> tuple[str, room_search.Filters, str]:
    """The search words, filters and order of this request (the same on every researcher page)."""
    query = _arg("q", 500)
    filters = room_search.Filters(_arg("violation_type") or None, _arg("period") or None,
                                   _arg("province") or None)
    sort = _arg("sort", 20)
    return query, filters, sort if sort in room_search.SORTS else "relevance"


def _criteria_args(query: str, filters: room_search.Filters, sort: str) -> dict[str, str]:
    """The non-empty criteria as query-string arguments, for links that keep them."""
    values = {"q": query, "violation_type": filters.violation_type or "", "period": filters.period or "",
              "province": filters.province or "", "sort": "" if sort == "relevance" else sort}
    return {name: value for name, value in values.items() if value}


@bp.get("/")
def search() -> str:
    conn = _room()
    query, filters, sort = _criteria()
    try:
        page = max(0, int(_arg("page", 6) or 0))
    except ValueError:
        page = 0
    results: list[reading_room.Extract] = []
    facets: dict[str, list[filter_tree.Option]] = {"violation_type": [], "period": [], "province": []}
    total = found = 0
    if conn is not None:
        results = room_search.search(conn, query, filters, limit=PAGE + 1, offset=page * PAGE, sort=sort)
        facets = _cached(conn, "filter_options", _filter_options)
        total = room_search.count(conn)
        if request.args:
            found = room_search.count_matches(conn, query, filters)
    more = len(results) > PAGE
    return render_template("researcher/search.html", query=query, filters=filters, sort=sort, results=results[:PAGE],
                           facets=facets, total=total, page=page, more=more, searched=bool(request.args),
                           found=found, first=page * PAGE + 1, snippets={e.id: snippet(e.text, query) for e in results},
                           capped=found >= room_search.SEARCH_CANDIDATES and bool(query.strip()),
                           criteria=_criteria_args(query, filters, sort))


@bp.get("/results.csv")
def results_csv() -> Response:
    """The current results (every page, in the order shown) as a CSV that Excel opens in Korean."""
    conn = _room()
    if conn is None:
        abort(404)
    query, filters, sort = _criteria()
    data = export_bag.results_csv(room_search.matching(conn, query, filters, sort=sort))
    return Response(data, mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=reading-room-results.csv"})


@bp.get("/extract/<extract_id>")
def extract(extract_id: str) -> str:
    conn = _room()
    if conn is None or not _EXTRACT_ID.match(extract_id):
        abort(404)
    try:
        item = reading_room.get(conn, extract_id)
    except NotFound:
        abort(404)
    return render_template("researcher/extract.html", item=item)


@bp.get("/extract/<extract_id>/image/<int:position>")
def extract_image(extract_id: str, position: int) -> Response:
    """A released image (faces masked, rebuilt from pixels, approved by two archivists)."""
    conn = _room()
    if conn is None or not _EXTRACT_ID.match(extract_id) or not 0 <= position < 1000:
        abort(404)
    try:
        picture = reading_room.image(conn, extract_id, position)
    except NotFound:
        abort(404)
    if picture.media_type not in ("image/png", "image/jpeg"):
        abort(404)
    return Response(picture.data, mimetype=picture.media_type)


#: The charts a researcher sees, by the name of their SVG download: (title key, Charts field).
CHARTS = {"period": ("charts.by_period", "by_period"), "province": ("charts.by_province", "by_province"),
          "violation": ("charts.by_violation", "by_violation"), "exit": ("charts.by_exit_period", "by_exit_period")}


def _chart_data(conn: Connection, query: str, filters: room_search.Filters) -> room_search.Charts:
    """Counts over the extracts the current search finds (the whole room without one)."""
    if not query.strip() and filters == room_search.Filters():
        return _cached(conn, "charts", room_search.charts)
    return room_search.charts_from(room_search.matching(conn, query, filters), reading_room.get_k(conn))


def _drawn(conn: Connection, data: room_search.Charts, query: str, filters: room_search.Filters) -> bool:
    """Whether charts are drawn: the whole room once it holds k extracts; a search's results
    whenever the room holds any (every bar below k is still drawn as "< k")."""
    if query.strip() or filters != room_search.Filters():
        return room_search.count(conn) > 0
    return bool(data.total)


def _svg(name: str, data: room_search.Charts) -> chart_geometry.SvgChart:
    title_key, field = CHARTS[name]
    return chart_geometry.chart(f"chart-{name}", title_key, getattr(data, field), data.k)


@bp.get("/charts")
def charts() -> str:
    conn = _room()
    query, filters, sort = _criteria()
    built = []
    k = state().config.k
    total = None
    facets: dict[str, list[filter_tree.Option]] = {"violation_type": [], "period": [], "province": []}
    if conn is not None:
        data = _chart_data(conn, query, filters)
        k, total = data.k, data.total
        facets = _cached(conn, "filter_options", _filter_options)
        if _drawn(conn, data, query, filters):
            built = [_svg(name, data) for name in CHARTS]
    return render_template("researcher/charts.html", charts=built, k=k, total=total, facets=facets,
                           query=query, filters=filters, sort=sort, palette=chart_geometry.PALETTE,
                           criteria=_criteria_args(query, filters, "relevance"),
                           filtered=bool(query.strip()) or filters != room_search.Filters())


@bp.get("/charts/<name>.svg")
def chart_svg(name: str) -> Response:
    """One chart as a standalone SVG file, counting what the current search finds."""
    conn = _room()
    if conn is None or name not in CHARTS:
        abort(404)
    query, filters, _sort = _criteria()
    data = _chart_data(conn, query, filters)
    if not _drawn(conn, data, query, filters):
        abort(404)
    svg = render_template("researcher/chart.svg", c=_svg(name, data), palette=chart_geometry.PALETTE,
                          standalone=True)
    return Response(svg, mimetype="image/svg+xml",
                    headers={"Content-Disposition": f"attachment; filename=chart-{name}.svg"})


@bp.get("/export")
def export() -> Response | str:
    conn = _room()
    if request.args.get("format") != "bag":
        return render_template("researcher/export.html", available=conn is not None and room_search.count(conn) > 0)
    if conn is None:
        abort(404)
    try:
        data = _bag_zip(conn)
    except NotFound:
        abort(404)
    return Response(data, mimetype="application/zip",
                    headers={"Content-Disposition": "attachment; filename=reading-room-export.zip"})


def _bag_zip(conn: Connection) -> bytes:
    """The signed BagIt bag of ``vault.releases.export_bag``, zipped in memory.

    The bag holds released, anonymised extracts only; its temporary folder is removed at once.
    """
    with tempfile.TemporaryDirectory(prefix="testimony-export-") as tmp:
        bag = Path(tmp) / "reading-room-export"
        export_bag.export(conn, bag)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(bag.rglob("*")):
                if path.is_file():
                    archive.write(path, str(path.relative_to(bag.parent)))
    return buffer.getvalue()
