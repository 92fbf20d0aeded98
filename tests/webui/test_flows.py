"""The whole story through the test client: intake, import, review, two-person release, reading room."""
from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from tests.webui import _release_steps
from tests.webui_site import CANARY_HANGUL, CANARY_LATIN, Env, csrf_of, refused_page, sign_in
from webui.state import EXTENSION

TEXT_EN = (f"My neighbour {CANARY_LATIN} was taken by the State Security Department in Hyesan in March 2009. "
           f"He was held for two years. Later {CANARY_LATIN} was seen in the market again.")


def _form(token: str, **extra: str) -> dict[str, str]:
    data = {
        "csrf_token": token, "language": "en", "interview_date": "2025-05-01", "consent": "research",
        "witness_name": "Witness Q", "witness_sex": "female", "witness_birth_year": "1975",
        "witness_origin": "Hyesan", "witness_exit_year": "2010", "sensitive_terms": CANARY_LATIN,
        "event_0_violation_type": "arbitrary_detention", "event_0_date": "2009-03",
        "event_0_place": "Hyesan", "text": TEXT_EN, "confirm_submit": "1",
    }
    data.update(extra)
    return data


def _files_contain(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_interviewer_drafts_are_private_and_encrypted(client: FlaskClient, app: Flask, env: Env) -> None:
    """A saved draft reopens for its author, holds no plaintext on disk, and is gone after submission."""
    token = sign_in(client, env, "inter")
    response = client.post("/interviewer/save", data=_form(token))
    assert response.status_code == 303
    draft_url = response.headers["Location"]
    page = client.get(draft_url).get_data(as_text=True)
    assert CANARY_LATIN in page
    assert not _files_contain(env.root, CANARY_LATIN.encode())
    listing = client.get("/interviewer/").get_data(as_text=True)
    assert "open-draft" in listing
    draft_id = draft_url.rsplit("/", 1)[1]
    response = client.post("/interviewer/submit", data=_form(csrf_of(page), draft_id=draft_id))
    assert response.status_code == 303
    assert client.get(draft_url).status_code == 404  # submitted: the interviewer can no longer read it
    assert len(list((env.root / "inbox").glob("*.sealed"))) == 1
    assert not _files_contain(env.root, CANARY_LATIN.encode())


def test_interviewer_works_while_vault_locked(client: FlaskClient, app: Flask, env: Env) -> None:
    """Interviewers save and submit while no vault key is in memory."""
    token = sign_in(client, env, "inter")
    assert not app.extensions[EXTENSION].keeper.is_open
    assert client.post("/interviewer/submit", data=_form(token)).status_code == 303
    assert not app.extensions[EXTENSION].keeper.is_open


def test_interviewer_form_errors_are_named(client: FlaskClient, env: Env) -> None:
    """An invalid birth year is refused with a message naming the field; nothing is sealed."""
    token = sign_in(client, env, "inter")
    response = client.post("/interviewer/submit", data=_form(token, witness_birth_year="19x5"))
    text = refused_page(client, response)
    assert "Year of birth: write a year between 1900 and 2100" in text and "birth_year must" not in text
    assert not list((env.root / "inbox").glob("*.sealed"))


def test_full_story(app: Flask, env: Env) -> None:
    """Interviewer submits; archivist imports, adds a span by hand, proposes; a second archivist
    approves and publishes; the researcher finds the extract and no page shows the canary."""
    inter = app.test_client()
    token = sign_in(inter, env, "inter")
    assert inter.post("/interviewer/submit", data=_form(token)).status_code == 303

    arch1 = app.test_client()
    token = sign_in(arch1, env, "arch1")
    response = arch1.post("/archivist/inbox/import", data={"csrf_token": token}, follow_redirects=True)
    assert "imported as" in response.get_data(as_text=True)
    queue = arch1.get("/archivist/").get_data(as_text=True)
    testimony_id = re.search(r'href="/archivist/testimony/(T-[0-9a-f]+)"', queue).group(1)  # type: ignore[union-attr]
    bench = arch1.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    assert 'class="seg hl hl-PERSON' in bench
    assert CANARY_LATIN not in re.search(r'id="rendered-extract"[^>]*>(.*?)</div>', bench, re.S).group(1)  # type: ignore[union-attr]
    # add a span by typed string (the no-JS fallback): the word "market"
    response = arch1.post(f"/archivist/testimony/{testimony_id}/decisions",
                          data={"csrf_token": csrf_of(bench), "manual_string": "market", "manual_label": "LOCATION",
                                "manual_action": "mask"})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    bench = arch1.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    assert "market" not in re.search(r'id="rendered-extract"[^>]*>(.*?)</div>', bench, re.S).group(1)  # type: ignore[union-attr]
    response = arch1.post(f"/archivist/testimony/{testimony_id}/propose", data={"csrf_token": csrf_of(bench)})
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    releases = arch1.get("/archivist/releases").get_data(as_text=True)
    release_id = re.search(r'id="release-(R-[0-9a-f]+)"', releases).group(1)  # type: ignore[union-attr]
    # S33: the author cannot approve
    response = arch1.post(f"/archivist/releases/{release_id}/approve", data={"csrf_token": csrf_of(releases)})
    assert "another archivist must approve it" in refused_page(arch1, response)

    arch2 = app.test_client()
    token = sign_in(arch2, env, "arch2")
    _release_steps.approve(arch2, token, release_id)
    _release_steps.fix_and_publish(arch2, token, release_id)

    reader = app.test_client()
    sign_in(reader, env, "reader")
    found = reader.get("/research/?q=neighbour").get_data(as_text=True)
    extract_id = re.search(r'href="/research/extract/(X-[0-9a-f]+)"', found).group(1)  # type: ignore[union-attr]
    pages = [found, reader.get(f"/research/extract/{extract_id}").get_data(as_text=True),
             reader.get("/research/charts").get_data(as_text=True),
             reader.get("/research/export").get_data(as_text=True)]
    assert "neighbour" in pages[1]
    for html in pages:
        assert CANARY_LATIN not in html
        assert "Quartermaine" not in html
    bag = reader.get("/research/export?format=bag")
    assert bag.status_code == 200 and bag.mimetype == "application/zip"
    assert b"Quartermaine" not in bag.data

    # retraction needs an explicit confirmation, then the extract is gone for the researcher
    unconfirmed = arch2.post(f"/archivist/releases/{release_id}/retract", data={"csrf_token": token})
    assert unconfirmed.status_code == 303 and unconfirmed.headers["Location"].endswith(f"/releases/{release_id}/retract")
    asked = arch2.get(unconfirmed.headers["Location"]).get_data(as_text=True)
    assert f"Its extract {extract_id} leaves the reading room" in asked and "cannot be undone" in asked
    assert reader.get(f"/research/extract/{extract_id}").status_code == 200
    retracted = arch2.post(f"/archivist/releases/{release_id}/retract", data={"csrf_token": token, "confirm": "1"})
    assert retracted.status_code == 303
    assert reader.get(f"/research/extract/{extract_id}").status_code == 404


def test_korean_interface_is_served(client: FlaskClient, env: Env) -> None:
    """The language switch turns the interface Korean, including the login page."""
    token = csrf_of(client.get("/login").get_data(as_text=True))
    client.post("/language", data={"csrf_token": token, "lang": "ko", "next": "/login"})
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="ko"' in page and "로그인" in page and "암호문구" in page
    sign_in(client, env, "reader")
    assert "열람실" in client.get("/research/").get_data(as_text=True)
    assert CANARY_HANGUL not in page


def test_one_interviewer_cannot_see_anothers_drafts(app: Flask, env: Env) -> None:
    """Another interviewer neither lists nor opens nor deletes someone else's draft."""
    from keys.keyring import Role
    from tests.factories import add_users, enrol_totp, open_as
    from tests.webui_site import PASSPHRASE
    from vault.archive import Archive

    archive = Archive(env.root)
    with open_as(archive, "admin", PASSPHRASE) as vault:
        add_users(vault, {"inter2": (Role.INTERVIEWER, PASSPHRASE)})
    env.totp.update(enrol_totp(archive, {"inter2": PASSPHRASE}))
    owner = app.test_client()
    token = sign_in(owner, env, "inter")
    draft_url = owner.post("/interviewer/save", data=_form(token)).headers["Location"]
    draft_id = draft_url.rsplit("/", 1)[1]
    other = app.test_client()
    other_token = sign_in(other, env, "inter2")
    assert "open-draft" not in other.get("/interviewer/").get_data(as_text=True)
    assert other.get(draft_url).status_code == 404
    other.post(f"/interviewer/draft/{draft_id}/delete", data={"csrf_token": other_token})
    assert owner.get(draft_url).status_code == 200


def test_receipt_reference_follows_the_testimony_to_intake(app: Flask, env: Env) -> None:
    """After submitting, the interviewer gets a receipt reference; the archivist's inbox lists the
    bundle under the same reference with its arrival time, and the import notice names it and
    links to the imported testimony."""
    inter = app.test_client()
    token = sign_in(inter, env, "inter")
    done = inter.post("/interviewer/submit", data=_form(token), follow_redirects=True).get_data(as_text=True)
    reference = re.search(r"Receipt reference: ([0-9A-F]{4}-[0-9A-F]{4})", done).group(1)  # type: ignore[union-attr]

    arch1 = app.test_client()
    token = sign_in(arch1, env, "arch1")
    inbox = arch1.get("/archivist/inbox").get_data(as_text=True)
    assert f'<td data-label="Receipt" class="receipt"><code>{reference}</code></td>' in inbox
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">', inbox)
    imported = arch1.post("/archivist/inbox/import", data={"csrf_token": token}, follow_redirects=True)
    page = imported.get_data(as_text=True)
    found = re.search(rf'Receipt {reference}: imported as <a href="/archivist/testimony/(T-[0-9a-f]+)" '
                      r'class="notice-link">(T-[0-9a-f]+)</a>', page)
    assert found is not None and found.group(1) == found.group(2), page
