"""Researcher pages over a demo reading room: bilingual search, filters, charts, export, 404s."""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from cli import demo
from keys import totp
from keys.profiles import TEST_ONLY
from tests.webui.conftest import Env, FakeClock, make_config, post_login, sign_in
from webui import create_app
from webui.catalogue import MESSAGES
from webui.charts import PALETTE

_RESULT = re.compile(r'href="/research/extract/(X-[0-9a-f]+)"')


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("demo") / "archive"
    built = demo.create(root, 40, seed=3, profile=TEST_ONLY)
    secrets = {"reader": totp.from_base32(next(a for a in built.accounts if a.role == "researcher").totp_secret)}
    names = {a.role: a for a in built.accounts}
    return root, secrets | {"_user": names["researcher"].user.encode(), "_pass": names["researcher"].passphrase.encode()}


@pytest.fixture()
def reader(tmp_path: Path, demo_template: tuple[Path, dict[str, bytes]]) -> tuple[FlaskClient, Flask]:
    source, secrets = demo_template
    root = tmp_path / "archive"
    shutil.copytree(source, root)
    root.chmod(0o700)
    env = Env(root, FakeClock(), {})
    app = create_app(make_config(env))
    client = app.test_client()
    user, passphrase = secrets["_user"].decode(), secrets["_pass"].decode()
    env.totp[user] = secrets["reader"]
    response = post_login(client, env, user, passphrase=passphrase)
    assert response.status_code == 302  # type: ignore[attr-defined]
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
