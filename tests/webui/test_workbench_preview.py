"""The workbench's "Show preview" (POST .../preview): an ordinary form post that keeps the unsaved
choices in the session's memory (webui.kept_forms) and answers 303 to the workbench, which shows
every menu as chosen and the extract those choices give, from the same renderer as the saved page.
It saves nothing; "Save decisions" saves the choices shown; "Undo unsaved choices" opens the saved page."""
from __future__ import annotations

import html
import re

from flask import Flask
from flask.testing import FlaskClient

from tests.webui_site import Env, csrf_of, sign_in, stored_testimony

KOREAN = "[가상 시험 자료] 김철수는 2009년 3월 혜산에서 떠났다. 김철수를 다시 본 사람은 없다."


def _pane(page: str) -> str:
    found = re.search(r'id="rendered-extract"[^>]*>(.*?)</div>', page, re.S)
    assert found, page[:2000]
    return html.unescape(found.group(1))


def _selects(page: str) -> dict[str, str]:
    """The workbench form's action menus as the page shows them (name -> selected value)."""
    out = {}
    for name, body in re.findall(r'<select name="((?:group|action)_[^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([a-z]*)"\s*selected>', body)
        out[name] = chosen.group(1) if chosen else ""
    return out


def _name_menu(page: str) -> str:
    return next(n for n in _selects(page) if re.search(
        rf'id="group-text-{n.removeprefix("group_")}"><span[^>]*>김철수<', page))


def _show_preview(client: FlaskClient, testimony_id: str, page: str, view: str = "", **changes: str) -> str:
    """Press "Show preview" with the page's menus (and ``changes``); follow the 303; the page shown."""
    response = client.post(f"/archivist/testimony/{testimony_id}/preview",
                           data={"csrf_token": csrf_of(page), "view": view, **_selects(page), **changes})
    assert response.status_code == 303, response.get_data(as_text=True)
    location = response.headers["Location"]
    assert location.startswith(f"/archivist/testimony/{testimony_id}?") and "kept=" in location
    assert location.endswith("#preview-heading")
    assert ("view=spans" in location) == (view == "spans")
    return client.get(location).get_data(as_text=True)


def test_untouched_choices_preview_exactly_the_saved_page(app: Flask, env: Env) -> None:
    """With nothing changed the page after "Show preview" has the saved pane and menus, in both views."""
    testimony_id = stored_testimony(env, KOREAN, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    for view in ("", "spans"):
        page = client.get(f"/archivist/testimony/{testimony_id}{'?view=spans' if view else ''}").get_data(as_text=True)
        assert 'id="show-preview"' in page and "preview-unsaved" not in page
        shown = _show_preview(client, testimony_id, page, view)
        assert _pane(shown) == _pane(page) and _selects(shown) == _selects(page)
        assert "not saved yet" in shown


def test_a_changed_action_renders_with_korean_particles_and_saves_nothing(app: Flask, env: Env) -> None:
    """Keeping the name shows it with its own particles; a pseudonym gets the particle that fits
    the pseudonym; the menu shows the choice; the saved page and the stored decisions do not change."""
    testimony_id = stored_testimony(env, KOREAN, "ko")
    client = app.test_client()
    token = sign_in(client, env, "arch1")
    client.post("/language", data={"csrf_token": token, "lang": "ko", "next": "/"})
    page = client.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    menu = _name_menu(page)
    assert "김철수" not in _pane(page)
    kept = _show_preview(client, testimony_id, page, **{menu: "keep"})
    assert "김철수는" in _pane(kept) and "김철수를" in _pane(kept)
    assert _selects(kept)[menu] == "keep"
    assert "아직 저장되지 않았습니다" in kept
    pseudonym = _show_preview(client, testimony_id, kept, **{menu: "pseudonymise"})
    text = _pane(pseudonym)
    assert "김철수" not in text and _selects(pseudonym)[menu] == "pseudonymise"
    found = re.search(r"인물 (\d+)(은|는) 2009년.*인물 \1(을|를) 다시", text)
    assert found, text
    final_consonant = found.group(1)[-1] in "013678"  # 영 일 삼 육 칠 팔 end in a consonant; 이 사 오 구 do not
    assert (found.group(2), found.group(3)) == (("은", "을") if final_consonant else ("는", "를")), text
    again = client.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    assert _pane(again) == _pane(page) and _selects(again) == _selects(page)  # nothing was saved
    assert "아직 저장되지 않았습니다" not in again


def test_save_keeps_the_previewed_choices_and_undo_opens_the_saved_page(app: Flask, env: Env) -> None:
    """"Save decisions" on the previewed page saves what it shows; "Undo unsaved choices" is a link to
    the page without the kept choices (the saved ones), and asks first (its words are on the page)."""
    testimony_id = stored_testimony(env, KOREAN, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    page = client.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    menu = _name_menu(page)
    shown = _show_preview(client, testimony_id, page, **{menu: "keep"})
    undo = re.search(r'<a class="button" id="undo-choices" href="([^"]+)" data-confirm="([^"]+)"', shown)
    assert undo, shown
    assert undo.group(1) == f"/archivist/testimony/{testimony_id}" and "saved decisions" in undo.group(2)
    undone = client.get(undo.group(1)).get_data(as_text=True)
    assert _pane(undone) == _pane(page) and "김철수" not in _pane(undone)
    assert re.search(r'id="undo-choices"[^>]*hidden', undone)
    saved = client.post(f"/archivist/testimony/{testimony_id}/decisions",
                        data={"csrf_token": csrf_of(shown), **_selects(shown)})
    assert saved.status_code == 303
    after = client.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    assert _selects(after)[menu] == "keep" and _pane(after) == _pane(shown)
    assert "not saved yet" not in after


def test_spans_to_add_come_back_unapplied(app: Flask, env: Env) -> None:
    """What was typed to add a span is shown again after "Show preview", and not applied to it."""
    testimony_id = stored_testimony(env, KOREAN, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    page = client.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    shown = _show_preview(client, testimony_id, page, manual_string="혜산", manual_label="LOCATION",
                          manual_action="mask")
    assert 'id="manual_string" name="manual_string" value="혜산"' in shown
    assert re.search(r'<option value="LOCATION" selected>', shown)
    assert _pane(shown) == _pane(page)


def test_a_preview_refusal_is_words_and_other_roles_cannot_ask(app: Flask, env: Env) -> None:
    """An unknown action is refused in words on the workbench (the saved choices shown); an
    interviewer or researcher is refused outright."""
    testimony_id = stored_testimony(env, KOREAN, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    page = client.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    menu = _name_menu(page)
    bad = client.post(f"/archivist/testimony/{testimony_id}/preview",
                      data={"csrf_token": csrf_of(page), menu: "delete-everything"})
    assert bad.status_code == 303
    shown = client.get(bad.headers["Location"]).get_data(as_text=True)
    assert "could not be shown" in shown and 'id="workbench-error"' in shown
    assert _selects(shown) == _selects(page) and _pane(shown) == _pane(page)
    for role, status in (("inter", 403), ("reader", 404)):
        other = app.test_client()
        token = sign_in(other, env, role)
        assert other.post(f"/archivist/testimony/{testimony_id}/preview",
                          data={"csrf_token": token}).status_code == status
