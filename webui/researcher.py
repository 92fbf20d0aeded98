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

from vault import reading_room
from vault.errors import NotFound
from vault.releases import export_bag
from vault.store import Connection
from webui import charts as chart_geometry
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


@bp.get("/")
def search() -> str:
    conn = _room()
    query = _arg("q", 500)
    filters = reading_room.Filters(_arg("violation_type") or None, _arg("period") or None,
                                   _arg("province") or None)
    try:
        page = max(0, int(_arg("page", 6) or 0))
    except ValueError:
        page = 0
    results: list[reading_room.Extract] = []
    facets: dict[str, list[str]] = {"violation_type": [], "period": [], "province": []}
    total = 0
    if conn is not None:
        results = reading_room.search(conn, query, filters, limit=PAGE + 1, offset=page * PAGE)
        facets = _cached(conn, "facets", reading_room.facets)
        total = reading_room.count(conn)
    more = len(results) > PAGE
    return render_template("researcher/search.html", query=query, filters=filters, results=results[:PAGE],
                           facets=facets, total=total, page=page, more=more, searched=bool(request.args))


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


@bp.get("/charts")
def charts() -> str:
    conn = _room()
    built = []
    k = state().config.k
    total = None
    if conn is not None:
        data = _cached(conn, "charts", reading_room.charts)
        k, total = data.k, data.total
    if conn is not None and total:
        built = [
            chart_geometry.chart("chart-period", "charts.by_period", data.by_period, k),
            chart_geometry.chart("chart-province", "charts.by_province", data.by_province, k),
            chart_geometry.chart("chart-violation", "charts.by_violation", data.by_violation, k),
            chart_geometry.chart("chart-exit", "charts.by_exit_period", data.by_exit_period, k),
        ]
    return render_template("researcher/charts.html", charts=built, k=k, total=total,
                           palette=chart_geometry.PALETTE)


@bp.get("/export")
def export() -> Response | str:
    conn = _room()
    if request.args.get("format") != "bag":
        return render_template("researcher/export.html", available=conn is not None and reading_room.count(conn) > 0)
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
