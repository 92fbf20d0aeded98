"""Record a witness's new consent on a screen: the consent refusal offers it; who, when, basis kept; audited."""
from __future__ import annotations

import re

from flask import Flask

from tests.webui_site import PASSPHRASE, Env, csrf_of, refused_page, sign_in
from vault import consent, records, testimonies
from vault.archive import Archive
from vault.releases import decisions


def _archive_only(env: Env) -> str:
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch1", PASSPHRASE)) as vault:
        rec = records.parse({"language": "en", "text": "We crossed the river at night.", "consent": "archive_only",
                             "interview_date": "2025-01-02", "witness": {"name": "Someone"},
                             "sensitive_terms": [], "events": []})
        tid = testimonies.add(vault.conn, rec, actor=vault.actor)
        decisions.accept_all(vault.conn, tid, actor=vault.actor)
        return tid


def test_consent_refusal_leads_to_the_consent_screen_and_then_the_release(app: Flask, env: Env) -> None:
    tid = _archive_only(env)
    arch1 = app.test_client()
    token = sign_in(arch1, env, "arch1")
    refused = arch1.post(f"/archivist/testimony/{tid}/propose", data={"csrf_token": token})
    refused_html = refused_page(arch1, refused)
    page = refused_html
    assert f'href="/archivist/testimony/{tid}/consent"' in page and 'id="record-consent"' in page
    screen = arch1.get(f"/archivist/testimony/{tid}/consent").get_data(as_text=True)
    for control in ("consent-scope", "consent-basis", "consent-confirm"):
        assert re.search(rf'<label[^>]*for="{control}"|<label><input[^>]*id="{control}"', screen), control
    unconfirmed = arch1.post(f"/archivist/testimony/{tid}/consent",
                             data={"csrf_token": csrf_of(screen), "scope": "research", "basis": "Signed form"})
    refused_page(arch1, unconfirmed)
    no_basis = arch1.post(f"/archivist/testimony/{tid}/consent",
                          data={"csrf_token": csrf_of(screen), "scope": "research", "basis": " ", "confirm": "1"})
    no_basis_html = refused_page(arch1, no_basis)
    assert "basis" in no_basis_html
    done = arch1.post(f"/archivist/testimony/{tid}/consent",
                      data={"csrf_token": csrf_of(screen), "scope": "research", "confirm": "1",
                            "basis": "Signed form of 3 March, read to the witness by the interviewer"})
    assert done.status_code == 303
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch2", PASSPHRASE)) as vault:
        (entry,) = consent.history(vault.conn, tid)
        assert (entry.previous, entry.scope) == ("archive_only", "research") and "Signed form" in entry.basis
        arch1_id = vault.conn.execute("SELECT id FROM users WHERE username = 'arch1'").fetchone()[0]
        assert entry.recorded_by == arch1_id
        assert vault.conn.execute("SELECT count(*) FROM audit WHERE action = 'testimony.consent'"
                                  " AND object = ?", (testimonies.object_id(tid),)).fetchone()[0] == 1
    history = arch1.get(f"/archivist/testimony/{tid}/consent").get_data(as_text=True)
    assert "arch1" in history and "Signed form" in history
    proposed = arch1.post(f"/archivist/testimony/{tid}/propose", data={"csrf_token": token})
    assert proposed.status_code == 303


def test_an_over_long_basis_is_refused_in_words_and_nothing_typed_is_cut(app: Flask, env: Env) -> None:
    """No maxlength cuts the basis silently (issue 15): the server refuses it, says how long it is and
    how much fits, in the visitor's language, and the whole text comes back after the redirect."""
    tid = _archive_only(env)
    arch1 = app.test_client()
    token = sign_in(arch1, env, "arch1")
    screen = arch1.get(f"/archivist/testimony/{tid}/consent").get_data(as_text=True)
    assert not re.search(r'<textarea[^>]*id="consent-basis"[^>]*maxlength', screen)
    basis = "Signed form, read aloud. " * 100 + "END-OF-BASIS"
    arch1.post("/language", data={"csrf_token": token, "lang": "ko", "next": "/"})
    refused = arch1.post(f"/archivist/testimony/{tid}/consent",
                         data={"csrf_token": csrf_of(screen), "scope": "research", "basis": basis, "confirm": "1"})
    page = refused_page(arch1, refused)
    assert f"근거가 {len(basis)}자입니다. 최대 {consent.MAX_BASIS}자까지" in page
    assert basis in page  # whole, not cut at the limit
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch2", PASSPHRASE)) as vault:
        assert consent.history(vault.conn, tid) == []
