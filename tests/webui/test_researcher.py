"""Researcher pages over a demo reading room: bilingual search, filters, charts, export, 404s."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from flask import Flask
from flask.testing import FlaskClient

from keys import totp
from tests.factories import copy_archive, demo_archive
from tests.webui_site import Env, FakeClock, make_config, post_login, sign_in
from vault import reading_room
from webui import create_app
from webui.catalogue import MESSAGES
from webui.charts import PALETTE

_RESULT = re.compile(r'href="/research/extract/(X-[0-9a-f]+)"')


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("demo") / "archive"
    built = demo_archive(root, 40, seed=3)
    secrets = {"reader": totp.from_base32(next(a for a in built.accounts if a.role == "researcher").totp_secret)}
    names = {a.role: a for a in built.accounts}
    return root, secrets | {"_user": names["researcher"].user.encode(), "_pass": names["researcher"].passphrase.encode()}


@pytest.fixture()
def reader(tmp_path: Path, demo_template: tuple[Path, dict[str, bytes]]) -> tuple[FlaskClient, Flask]:
    source, secrets = demo_template
    root = tmp_path / "archive"
    copy_archive(source, root)
    env = Env(root, FakeClock(), {})
    app = create_app(make_config(env))
    client = app.test_client()
    user, passphrase = secrets["_user"].decode(), secrets["_pass"].decode()
    env.totp[user] = secrets["reader"]
    response = post_login(client, env, user, passphrase=passphrase)
    assert response.status_code == 303  # type: ignore[attr-defined]
    return client, app


def test_search_in_english_and_korean(reader: tuple[FlaskClient, Flask]) -> None:
    """An empty query lists extracts; words from an extract find it again in its own language."""
    client, _ = reader
    listing = client.get("/research/").get_data(as_text=True)
    ids = _RESULT.findall(listing)
    assert ids
    found_languages = set()
    for extract_id in ids[:10]:
        page = client.get(f"/research/extract/{extract_id}").get_data(as_text=True)
        text = re.search(r'id="extract-text" lang="(\w+)">(.*?)</article>', page, re.S)
        assert text is not None
        language, body = text.group(1), text.group(2)
        word = max(re.findall(r"[A-Za-z]{6,}" if language == "en" else r"[\uac00-\ud7a3]{2,}", body), key=len)
        results = client.get("/research/", query_string={"q": word}).get_data(as_text=True)
        assert extract_id in _RESULT.findall(results), (language, word)
        found_languages.add(language)
    assert found_languages == {"en", "ko"}


def test_filters_narrow_results(reader: tuple[FlaskClient, Flask]) -> None:
    """Each violation-type option returns only extracts carrying that type."""
    client, _ = reader
    listing = client.get("/research/").get_data(as_text=True)
    select = re.search(r'<select id="violation_type".*?</select>', listing, re.S).group(0)  # type: ignore[union-attr]
    options = [v for v in re.findall(r'<option value="([a-z_]+)"', select)]
    assert options
    choice = options[0]
    narrowed = client.get("/research/", query_string={"violation_type": choice}).get_data(as_text=True)
    hits = _RESULT.findall(narrowed)
    assert 0 < len(hits) <= len(_RESULT.findall(listing)) or len(hits) == 25
    label = MESSAGES[f"violation.{choice}"][0]
    for extract_id in hits[:5]:
        page = client.get(f"/research/extract/{extract_id}").get_data(as_text=True)
        facts = re.search(r'id="extract-facts">(.*?)</dl>', page, re.S).group(1)  # type: ignore[union-attr]
        assert label in facts


def test_charts_are_svg_with_small_counts_suppressed(reader: tuple[FlaskClient, Flask]) -> None:
    """Charts are inline SVG bars; any count below k is drawn as "< k", never as the number."""
    client, _ = reader
    html = client.get("/research/charts").get_data(as_text=True)
    assert "<svg" in html and 'class="bar"' in html
    assert f'fill="{PALETTE["bar"]}" class="bar"' in html  # the colours tests/webui/test_chart_contrast.py checks
    counts = re.findall(r'class="bar-count">([^<]+)<', html)
    assert counts
    for value in counts:
        assert value.startswith("&lt; ") or int(value) >= 5


def test_export_bag_holds_csv_and_jsonl(reader: tuple[FlaskClient, Flask]) -> None:
    """The export is a zipped BagIt bag with the released extracts as CSV and JSON lines."""
    client, _ = reader
    response = client.get("/research/export?format=bag")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert any(n.endswith("data/extracts.csv") for n in names)
    assert any(n.endswith("data/extracts.jsonl") for n in names)
    assert any(n.endswith("bagit.txt") for n in names)


def test_researcher_cannot_reach_unreleased_or_vault(reader: tuple[FlaskClient, Flask]) -> None:
    """Unknown extract ids and every vault page are 404 for a researcher."""
    client, _ = reader
    assert client.get("/research/extract/X-ffffffffffffffff").status_code == 404
    assert client.get("/archivist/").status_code == 404


def test_empty_reading_room(app: Flask, env: Env) -> None:
    """Before any release the researcher pages say so instead of failing."""
    client = app.test_client()
    sign_in(client, env, "reader")
    search = client.get("/research/")
    assert search.status_code == 200
    assert re.search(r'id="room-size">[^<]*\b0\b', search.get_data(as_text=True))
    for url, empty in (("/research/charts", 'id="no-charts"'), ("/research/export", 'id="no-export"')):
        response = client.get(url)
        assert response.status_code == 200 and empty in response.get_data(as_text=True)
    assert client.get("/research/export?format=bag").status_code == 404


def _all_result_ids(client: FlaskClient, **args: str) -> list[str]:
    ids: list[str] = []
    for page in range(20):
        html = client.get("/research/", query_string={**args, "page": str(page)}).get_data(as_text=True)
        ids += _RESULT.findall(html)
        if 'id="next-page"' not in html:
            return ids
    raise AssertionError("more pages than expected")


def _a_word(client: FlaskClient) -> str:
    """A word that occurs in more than one English extract of the demo room."""
    listing = client.get("/research/").get_data(as_text=True)
    words: dict[str, int] = {}
    for extract_id in _RESULT.findall(listing):
        page = client.get(f"/research/extract/{extract_id}").get_data(as_text=True)
        body = re.search(r'id="extract-text" lang="en">(.*?)</article>', page, re.S)
        for word in set(re.findall(r"\b[a-z]{7,}\b", body.group(1) if body else "")):
            words[word] = words.get(word, 0) + 1
    return max(words, key=lambda w: (1 < words[w] < 20, words[w]))


def test_search_counts_hits_and_marks_the_matched_words(reader: tuple[FlaskClient, Flask]) -> None:
    """A search says how many extracts it found and marks each match in the snippets."""
    client, _ = reader
    word = _a_word(client)
    html = client.get("/research/", query_string={"q": word}).get_data(as_text=True)
    ids = _all_result_ids(client, q=word)
    count = re.search(r'id="hit-count"[^>]*>(\d+) extracts found; showing 1–(\d+)\.', html)
    assert count is not None, html[:2000]
    assert int(count.group(1)) == len(ids) and int(count.group(2)) == min(len(ids), 25)
    marks = re.findall(r'<mark class="match">([^<]+)</mark>', html)
    assert marks and all(m.lower().startswith(word) for m in marks)


def test_sort_by_date_either_way_and_relevance_by_default(reader: tuple[FlaskClient, Flask]) -> None:
    """Newest first is oldest first reversed (release order within a month); a text search
    ranks by relevance unless a date order is chosen, over the same extracts."""
    client, _ = reader
    newest, oldest = _all_result_ids(client, sort="newest"), _all_result_ids(client, sort="oldest")
    assert len(newest) > 25 and newest == oldest[::-1]  # more than one page
    assert _all_result_ids(client) == newest  # without words, newest first
    html = client.get("/research/", query_string={"sort": "oldest"}).get_data(as_text=True)
    assert '<option value="oldest" selected' in html
    dates = re.findall(r'class="meta">[^·<]*· (\d{4}-\d{2})', html)
    assert dates == sorted(dates)
    word = _a_word(client)
    relevance = _all_result_ids(client, q=word)
    oldest = _all_result_ids(client, q=word, sort="oldest")
    assert sorted(relevance) == sorted(oldest) and relevance != oldest  # the same extracts, each order its own
    page = client.get("/research/", query_string={"q": word, "sort": "oldest"}).get_data(as_text=True)
    assert "sort=oldest" in re.search(r'id="export-results" href="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_export_of_the_current_results_opens_in_excel(reader: tuple[FlaskClient, Flask]) -> None:
    """The results CSV holds every page of the current results, in their order, UTF-8 with BOM."""
    client, _ = reader
    listing = client.get("/research/").get_data(as_text=True)
    select = re.search(r'<select id="violation_type".*?</select>', listing, re.S).group(0)  # type: ignore[union-attr]
    choice = re.findall(r'<option value="([a-z_]+)"', select)[0]
    ids = _all_result_ids(client, violation_type=choice, sort="oldest")
    response = client.get("/research/results.csv", query_string={"violation_type": choice, "sort": "oldest"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbfid,")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == ids
    assert all(choice in r["violation_types"].split("; ") for r in rows)
    assert not any(r[c] == "*" for r in rows for c in ("sex", "age_band", "origin_region", "exit_period"))
    everything = client.get("/research/results.csv").data.decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(everything)))) > len(rows)


def _bars(svg: str) -> dict[str, str]:
    labels = re.findall(r'class="bar-label">([^<]+)<', svg)
    counts = re.findall(r'class="bar-count">([^<]+)<', svg)
    return dict(zip(labels, counts))


def test_charts_follow_the_filters_and_download_as_svg(reader: tuple[FlaskClient, Flask]) -> None:
    """Charts count what the current filters find; each downloads as the same SVG, standalone."""
    client, _ = reader
    whole = client.get("/research/charts").get_data(as_text=True)
    assert 'id="charts-scope">The charts count every extract' in whole
    select = re.search(r'<select id="violation_type".*?</select>', whole, re.S).group(0)  # type: ignore[union-attr]
    choice = re.findall(r'<option value="([a-z_]+)"', select)[0]
    found = len(_all_result_ids(client, violation_type=choice))
    narrowed = client.get("/research/charts", query_string={"violation_type": choice}).get_data(as_text=True)
    assert "only the extracts these words and filters find" in narrowed
    total = re.search(r'id="charts-total">[^:]+: ([^<]+)<', narrowed).group(1)  # type: ignore[union-attr]
    assert total == (str(found) if found >= 5 else "&lt; 5")
    section = re.search(r'id="chart-violation">(.*?)</section>', narrowed, re.S).group(1)  # type: ignore[union-attr]
    assert _bars(section)[MESSAGES[f"violation.{choice}"][0]] == total
    whole_total = re.search(r'id="charts-total">[^:]+: ([^<]+)<', whole).group(1)  # type: ignore[union-attr]
    assert int(whole_total) > found
    link = re.search(r'href="([^"]+)" class="chart-download" id="chart-violation-svg"', section).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    download = client.get(link)
    assert download.status_code == 200 and download.mimetype == "image/svg+xml"
    assert "attachment; filename=chart-violation.svg" == download.headers["Content-Disposition"]
    root = ElementTree.fromstring(download.data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert _bars(download.get_data(as_text=True)) == _bars(section)
    assert client.get("/research/charts/nothing.svg").status_code == 404


def test_period_and_place_filters_are_one_hierarchy(reader: tuple[FlaskClient, Flask]) -> None:
    """A broader period or place finds everything a narrower one inside it finds, and its own
    choices are indented under it: no two choices half-overlap."""
    client, _ = reader
    html = client.get("/research/").get_data(as_text=True)
    place_menu = re.search(r'<select id="province".*?</select>', html, re.S).group(0)  # type: ignore[union-attr]
    assert re.search(r'<option value="North Korea" >North Korea</option><option value="[^"]+" >\xa0{3}', place_menu)
    korea = set(_all_result_ids(client, province="North Korea"))
    border = set(_all_result_ids(client, province="Northern border (DPRK)"))
    provinces = re.findall(r'<option value="([^"]+)" >\xa0{6}', place_menu)
    assert provinces
    for name in provinces[:4]:
        assert set(_all_result_ids(client, province=name)) <= korea | set(_all_result_ids(client, province="China"))
    assert border and border <= korea
    period_menu = re.search(r'<select id="period".*?</select>', html, re.S).group(0)  # type: ignore[union-attr]
    broad = re.findall(r'<option value="(\d{4}-\d{4})" >\d', period_menu)
    nested = re.findall(r'<option value="(\d{4}-\d{4})" >\xa0', period_menu)
    assert broad and nested
    everything = set()
    for value in broad:
        everything |= set(_all_result_ids(client, period=value))
    for value in nested:
        assert set(_all_result_ids(client, period=value)) <= everything


def test_extract_page_writes_withheld_facts_in_words(app: Flask) -> None:
    """Every released fact on the extract page, event periods and route included, reads
    "withheld" where the room holds "*"."""
    from flask import render_template

    item = reading_room.Extract(id="X-0000000000000001", language="en", text="[SYNTHETIC] words", sex="*",
                                age_band="*", origin_region="*", exit_period="*", event_periods=("2000-2009", "*"),
                                route_countries=("*",), published="2026-12")
    with app.test_request_context("/research/extract/X-0000000000000001"):
        html = render_template("researcher/extract.html", item=item)
    facts = re.search(r'id="extract-facts">(.*?)</dl>', html, re.S).group(1)  # type: ignore[union-attr]
    assert "*" not in facts and facts.count("withheld") == 6
    assert "2000-2009, withheld" in facts
