"""The workbench's live preview (POST .../preview, static/workbench.js): the extract for the
page's unsaved choices, from the same renderer and template as the saved page; it saves nothing."""
from __future__ import annotations

import html
import re

from flask import Flask
from flask.testing import FlaskClient

from tests.webui_site import PASSPHRASE, Env, csrf_of, sign_in
from vault import records, testimonies
from vault.archive import Archive

KOREAN = "[가상 시험 자료] 김철수는 2009년 3월 혜산에서 떠났다. 김철수를 다시 본 사람은 없다."


def _add(env: Env, text: str, language: str) -> str:
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch1", PASSPHRASE)) as vault:
        record = records.parse({"language": language, "text": text, "consent": "research",
                                "sensitive_terms": ["김철수"]})
        return testimonies.add(vault.conn, record, actor=vault.actor)


def _pane(page: str) -> str:
    found = re.search(r'id="rendered-extract"[^>]*>(.*?)</div>', page, re.S)
    assert found, page[:2000]
    return found.group(1)


def _selects(page: str) -> dict[str, str]:
    """The workbench form's action menus as the page shows them (name -> selected value)."""
    out = {}
    for name, body in re.findall(r'<select name="((?:group|action)_[^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([a-z]*)" selected>', body)
        out[name] = chosen.group(1) if chosen else ""
    return out


def _preview(client: FlaskClient, testimony_id: str, page: str, **changes: str) -> str:
    response = client.post(f"/archivist/testimony/{testimony_id}/preview",
                           headers={"X-CSRF-Token": csrf_of(page)}, data={**_selects(page), **changes})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def test_untouched_choices_preview_exactly_the_saved_page(app: Flask, env: Env) -> None:
    """With nothing changed the endpoint returns the pane's own HTML, in both views."""
    testimony_id = _add(env, KOREAN, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    for view in ("", "?view=spans"):
        page = client.get(f"/archivist/testimony/{testimony_id}{view}").get_data(as_text=True)
        assert _preview(client, testimony_id, page) == _pane(page)


def test_a_changed_action_renders_with_korean_particles_and_saves_nothing(app: Flask, env: Env) -> None:
    """Keeping the name shows it with its own particles; a pseudonym gets the particle that fits
    the pseudonym; the saved page and the stored decisions do not change."""
    testimony_id = _add(env, KOREAN, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    page = client.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    name_menu = next(n for n in _selects(page) if re.search(
        rf'id="group-text-{n.removeprefix("group_")}"><span[^>]*>김철수<', page))
    kept = html.unescape(_preview(client, testimony_id, page, **{name_menu: "keep"}))
    assert "김철수는" in kept and "김철수를" in kept
    pseudonym = html.unescape(_preview(client, testimony_id, page, **{name_menu: "pseudonymise"}))
    assert "김철수" not in pseudonym
    found = re.search(r"인물 (\d+)(은|는) 2009년.*인물 \1(을|를) 다시", pseudonym)
    assert found, pseudonym
    final_consonant = found.group(1)[-1] in "013678"  # 영 일 삼 육 칠 팔 end in a consonant; 이 사 오 구 do not
    assert (found.group(2), found.group(3)) == (("은", "을") if final_consonant else ("는", "를")), pseudonym
    again = client.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    assert _pane(again) == _pane(page) and _selects(again) == _selects(page)  # nothing was saved


def test_a_preview_refusal_is_words_and_other_roles_cannot_ask(app: Flask, env: Env) -> None:
    """An unknown action is refused in words; an interviewer or researcher is refused outright."""
    testimony_id = _add(env, KOREAN, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    page = client.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    name_menu = next(iter(_selects(page)))
    bad = client.post(f"/archivist/testimony/{testimony_id}/preview", headers={"X-CSRF-Token": csrf_of(page)},
                      data={name_menu: "delete-everything"})
    assert bad.status_code == 400 and "could not be updated" in bad.get_data(as_text=True)
    for role, status in (("inter", 403), ("reader", 404)):
        other = app.test_client()
        token = sign_in(other, env, role)
        assert other.post(f"/archivist/testimony/{testimony_id}/preview", headers={"X-CSRF-Token": token},
                          data={}).status_code == status


def test_a_preview_keeps_a_refusal_shown_after_its_redirect(app: Flask, env: Env) -> None:
    """A refused save of the workbench stays on its page through live previews (and a reload)."""
    testimony_id = _add(env, KOREAN, "ko")
    client = app.test_client()
    token = sign_in(client, env, "arch1")
    refused = client.post(f"/archivist/testimony/{testimony_id}/decisions",
                          data={"csrf_token": token, "manual_start": "5", "manual_end": "5000"})
    location = refused.headers["Location"]
    page = client.get(location).get_data(as_text=True)
    assert "inside the text" in page
    _preview(client, testimony_id, page)
    assert "inside the text" in client.get(location).get_data(as_text=True)
