"""Irreversible actions ask once and name what will be lost; a refused form keeps what was typed."""
from __future__ import annotations

from flask.testing import FlaskClient

from tests.webui_site import Env, csrf_of, refused_page, sign_in

WORDS = "[SYNTHETIC TEST] The night we crossed the frozen river near the customs post"


def _draft(client: FlaskClient, token: str, text: str = WORDS) -> str:
    response = client.post("/interviewer/save", data={"csrf_token": token, "language": "en",
                                                      "consent": "research", "text": text})
    assert response.status_code == 303
    return response.headers["Location"].rsplit("/", 1)[1]


def test_delete_draft_shows_a_confirmation_naming_the_draft(client: FlaskClient, env: Env) -> None:
    token = sign_in(client, env, "inter")
    draft_id = _draft(client, token)
    listing = client.get("/interviewer/").get_data(as_text=True)
    assert f"/interviewer/draft/{draft_id}/delete" in listing
    page = client.get(f"/interviewer/draft/{draft_id}/delete")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "The night we crossed the frozen" in text and "restore it" in text and "for 7 days" in text
    assert f"{len(WORDS)} characters" in text


def test_delete_draft_post_without_confirm_deletes_nothing(client: FlaskClient, env: Env) -> None:
    token = sign_in(client, env, "inter")
    draft_id = _draft(client, token)
    response = client.post(f"/interviewer/draft/{draft_id}/delete", data={"csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/interviewer/draft/{draft_id}/delete")
    assert client.get(f"/interviewer/draft/{draft_id}").status_code == 200
    response = client.post(f"/interviewer/draft/{draft_id}/delete", data={"csrf_token": token, "confirm": "1"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/interviewer/")
    assert client.get(f"/interviewer/draft/{draft_id}").status_code == 404


def test_a_deleted_draft_can_be_restored_and_stays_sealed(client: FlaskClient, env: Env) -> None:
    """Undo: the deleted draft is listed under "Recently deleted", its file still ciphertext, and
    Restore brings it back as saved; another interviewer can neither see nor restore it."""
    token = sign_in(client, env, "inter")
    draft_id = _draft(client, token)
    client.post(f"/interviewer/draft/{draft_id}/delete", data={"csrf_token": token, "confirm": "1"})
    listing = client.get("/interviewer/").get_data(as_text=True)
    assert "Recently deleted" in listing and f'id="restore-{draft_id}"' in listing
    assert "The night we crossed" in listing.split('id="deleted-drafts"')[1]  # told apart by its first words
    assert 'id="drafts"' not in listing
    kept = list((env.root / "drafts").glob(f"*{draft_id}*"))
    assert [p.suffix for p in kept] == [".draft-deleted"]
    assert b"frozen river" not in kept[0].read_bytes() and b"SYNTHETIC" not in kept[0].read_bytes()
    response = client.post(f"/interviewer/draft/{draft_id}/restore", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"].endswith("/interviewer/")
    page = client.get(f"/interviewer/draft/{draft_id}")
    assert page.status_code == 200 and "frozen river" in page.get_data(as_text=True)
    assert "Recently deleted" not in client.get("/interviewer/").get_data(as_text=True)


def test_a_deleted_draft_is_gone_after_the_undo_window(env: Env) -> None:
    import time

    from webui import drafts
    key, folder = b"k" * 32, env.root / "drafts"
    draft_id = drafts.save(folder, key, {"text": "[SYNTHETIC TEST] words", "language": "en"})
    drafts.delete(folder, key, draft_id, now=time.time() - drafts.KEEP_DELETED_SECONDS - 60)
    other = drafts.save(folder, key, {"text": "[SYNTHETIC TEST] recent", "language": "en"})
    drafts.delete(folder, key, other)
    assert [d.id for d in drafts.list_deleted(folder, key)] == [other]
    assert not list(folder.glob(f"*{draft_id}*"))
    assert drafts.list_deleted(folder, b"x" * 32) == []
    try:
        drafts.restore(folder, b"x" * 32, other)
    except drafts.NotFound:
        pass
    else:
        raise AssertionError("another key restored the draft")
    drafts.restore(folder, key, other)
    assert [d.first_words for d in drafts.list_drafts(folder, key)] == ["[SYNTHETIC TEST] recent"]


def test_a_submitted_draft_is_not_kept_for_undo(client: FlaskClient, env: Env) -> None:
    token = sign_in(client, env, "inter")
    draft_id = _draft(client, token)
    response = client.post("/interviewer/submit", data={"csrf_token": token, "language": "en", "consent": "research",
                                                        "text": WORDS, "draft_id": draft_id, "confirm_submit": "1"})
    assert response.status_code == 303
    assert not list((env.root / "drafts").glob(f"*{draft_id}*"))


def test_delete_confirmation_needs_csrf(client: FlaskClient, env: Env) -> None:
    token = sign_in(client, env, "inter")
    draft_id = _draft(client, token)
    response = client.post(f"/interviewer/draft/{draft_id}/delete", data={"confirm": "1"})
    assert response.status_code == 400  # no CSRF token: refused before anything happens
    assert client.get(f"/interviewer/draft/{draft_id}").status_code == 200


def test_submit_without_confirmation_seals_nothing_and_keeps_the_text(client: FlaskClient, env: Env) -> None:
    token = sign_in(client, env, "inter")
    response = client.post("/interviewer/submit", data={"csrf_token": token, "language": "en",
                                                        "consent": "research", "text": WORDS})
    text = refused_page(client, response)
    assert "nothing was submitted" in text and "frozen river" in text
    assert not list((env.root / "inbox").glob("*.sealed"))


def test_korean_confirmation_page_is_korean(client: FlaskClient, env: Env) -> None:
    token = sign_in(client, env, "inter")
    client.post("/language", data={"csrf_token": token, "lang": "ko"})
    draft_id = _draft(client, csrf_of(client.get("/interviewer/new").get_data(as_text=True)),
                      text="[SYNTHETIC TEST] 두만강을 건넌 날")
    text = client.get(f"/interviewer/draft/{draft_id}/delete").get_data(as_text=True)
    assert "두만강을 건넌 날" in text and "되살릴 수 있으며" in text and "취소" in text
    assert "cannot be undone" not in text


def test_new_testimony_narrative_language_follows_the_interface(client: FlaskClient, env: Env) -> None:
    token = sign_in(client, env, "inter")
    assert '<option value="en" selected>' in client.get("/interviewer/new").get_data(as_text=True)
    client.post("/language", data={"csrf_token": token, "lang": "ko"})
    assert '<option value="ko" selected>' in client.get("/interviewer/new").get_data(as_text=True)


def test_admin_refusals_are_in_korean_and_never_cut_a_name(client: FlaskClient, env: Env) -> None:
    """Admin errors name the problem in the visitor's language; a long name is refused, not truncated."""
    token = sign_in(client, env, "admin")
    client.post("/language", data={"csrf_token": token, "lang": "ko"})
    long_name = "a" * 70
    added = client.post("/admin/users", data={"csrf_token": token, "username": long_name, "role": "researcher",
                                              "passphrase": "correct horse battery"})
    added_html = refused_page(client, added)
    assert "사용자 이름은 1~64자" in added_html
    assert "a" * 64 not in client.get("/admin/").get_data(as_text=True)
    removed = client.post("/admin/users/remove", data={"csrf_token": token, "username": "no-such-user",
                                                       "confirm": "1"})
    text = refused_page(client, removed)
    assert "no-such-user(이)라는 계정이 없습니다" in text
    assert "no user" not in text
    reset = client.post("/admin/users/reset", data={"csrf_token": token, "username": "no-such-user",
                                                    "passphrase": "correct horse battery", "confirm": "1"})
    reset_html = refused_page(client, reset)
    assert "계정이 없습니다" in reset_html
    short = client.post("/admin/users", data={"csrf_token": token, "username": "newcomer", "role": "researcher",
                                              "passphrase": "short"})
    assert "암호문구는 12자 이상" in refused_page(client, short)


def test_failed_sign_in_keeps_the_user_name(client: FlaskClient, env: Env) -> None:
    token = csrf_of(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"csrf_token": token, "username": "inter",
                                           "passphrase": "not the passphrase", "code": "000000"})
    assert response.status_code == 401
    assert 'value="inter"' in response.get_data(as_text=True)


def test_workbench_action_names_say_what_happens_to_the_words() -> None:
    """The action that deletes words from the extract is not called "Remove" (read as "not an
    identifier", which is Keep)."""
    from webui.catalogue import MESSAGES

    drop_en, drop_ko = MESSAGES["action.drop"]
    keep_en, keep_ko = MESSAGES["action.keep"]
    assert "Remove" not in drop_en and "삭제" not in drop_ko and "…" in drop_en
    assert keep_en.startswith("Keep") and "유지" in keep_ko


def test_the_form_never_cuts_what_is_typed(client: FlaskClient, env: Env) -> None:
    """No maxlength on the testimony form: a too-long year is refused by name, and kept as typed."""
    token = sign_in(client, env, "inter")
    assert "maxlength" not in client.get("/interviewer/new").get_data(as_text=True)
    response = client.post("/interviewer/submit", data={"csrf_token": token, "language": "en", "consent": "research",
                                                        "text": "words", "witness_birth_year": "nineteen-eighty",
                                                        "confirm_submit": "1"})
    text = refused_page(client, response)
    assert 'value="nineteen-eighty"' in text and "Year of birth:" in text
