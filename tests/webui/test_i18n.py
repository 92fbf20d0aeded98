"""The interface is complete in Korean and English; every key a page uses exists."""
from __future__ import annotations

import re
from pathlib import Path

from flask import Flask

from keys.keyring import Role
from tests.webui_site import Env, csrf_of, sign_in
from vault import records, releases, testimonies
from vault.records import VIOLATION_TYPES
from vault.redaction import LABELS, Action
from webui.catalogue import MESSAGES

WEBUI = Path(__file__).resolve().parents[2] / "webui"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
SAME_IN_BOTH = {"enrol.uri", "archivist.import_outcome"}


def test_every_message_has_english_and_korean() -> None:
    """No key lacks a language; Korean text is Korean (Hangul), not a copy of the English."""
    for key, (en, ko) in MESSAGES.items():
        assert en.strip() and ko.strip(), key
        if key not in SAME_IN_BOTH:
            assert HANGUL.search(ko), key
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", ko)), key


def test_every_key_used_exists() -> None:
    """Literal keys in templates and views, and every value of the dynamic prefixes, are in the catalogue."""
    used: set[str] = set()
    for path in (WEBUI / "templates").rglob("*.html"):
        used |= set(re.findall(r"_\('([A-Za-z0-9_.]+)'\)", path.read_text("utf-8")))
    for path in WEBUI.glob("*.py"):
        text = path.read_text("utf-8")
        used |= set(re.findall(r'(?:notify|translate)\("([a-z_.]+)"', text))
        used |= set(re.findall(r'error="([a-z_.]+)"', text))
    dynamic = {
        "role.": [r.value for r in Role] + ["enrolling", "anonymous"],
        "lang.": ["en", "ko"],
        "consent.": list(records.CONSENT_SCOPES),
        "sex.": list(records.SEXES),
        "violation.": list(VIOLATION_TYPES),
        "status.": list(testimonies.STATUSES),
        "label.": list(LABELS),
        "action.": [a.value for a in Action],
        "release.": list(releases.STATUSES),
        "error.": ["400", "403", "404", "405", "413", "429", "500", "csrf"],
        "archivist.release_": ["approve", "publish", "retract"],
    }
    for prefix, values in dynamic.items():
        used |= {prefix + v for v in values}
    assert sorted(used - set(MESSAGES)) == []


def test_violation_types_match_the_vault_list(app: Flask, env: Env) -> None:
    """The form's copy of the controlled list equals the vault's table."""
    from tests.webui_site import PASSPHRASE
    from vault.archive import Archive

    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("admin", PASSPHRASE)) as vault:
        codes = {row[0] for row in vault.conn.execute("SELECT code FROM violation_types")}
    assert codes == set(VIOLATION_TYPES)


def test_korean_pages_for_every_role(app: Flask, env: Env) -> None:
    """Each role's main pages render in Korean, with Korean navigation and headings."""
    pages = {"inter": ["/interviewer/", "/interviewer/new"], "arch1": ["/archivist/", "/archivist/inbox",
             "/archivist/releases"], "reader": ["/research/", "/research/charts", "/research/export"],
             "admin": ["/admin/", "/admin/backups"]}
    for user, urls in pages.items():
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        client.post("/language", data={"csrf_token": csrf_of(page), "lang": "ko", "next": "/login"})
        sign_in(client, env, user)
        for url in urls:
            html = client.get(url).get_data(as_text=True)
            assert 'lang="ko"' in html, url
            assert "로그아웃" in html and "한국어" not in html.split("<main", 1)[0].split('id="language-form"')[0], url
            h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)  # type: ignore[union-attr]
            assert HANGUL.search(h1), (url, h1)


def test_every_release_gate_reason_has_a_heading_in_both_languages() -> None:
    """Gate reasons come from vault in English; each code has a translated heading."""
    from vault.releases import gate

    for code in gate.CODES:
        english, korean = MESSAGES[f"gate.{code}"]
        assert english and any("\uac00" <= ch <= "\ud7a3" for ch in korean)
