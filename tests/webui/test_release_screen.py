"""The approval screen of one release: what is approved is what is shown; refusals in plain words."""
from __future__ import annotations

import html as html_lib
import re

from flask import Flask

from tests.webui import _release_steps
from tests.webui_site import PASSPHRASE, Env, csrf_of, refused_page, sign_in
from vault import records, releases, testimonies
from vault.anonymity import Levels
from vault.archive import Archive
from vault.releases import decisions

TEXT_KO = ("나는 1975년 함경북도 회령에서 태어났다. 2009년 겨울에 두만강을 건너 탈북했고 "
           "2011년에 한국에 입국했다. 이웃 최철수는 보위부에 끌려갔다.")


def _propose(env: Env, text: str = TEXT_KO, language: str = "ko") -> str:
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch1", PASSPHRASE)) as vault:
        rec = records.parse({"language": language, "text": text, "consent": "research", "interview_date": "2025-01-02",
                             "witness": {"name": "증언자", "sex": "female", "birth_year": 1975, "origin": "회령",
                                         "exit_year": 2009, "arrival_year": 2011},
                             "sensitive_terms": [], "events": []})
        tid = testimonies.add(vault.conn, rec, actor=vault.actor)
        decisions.accept_all(vault.conn, tid, actor=vault.actor)
        return releases.propose(vault, tid).id


def _text(html: str) -> str:
    main = html.split("<main", 1)[-1]
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", main))


def _korean(client: object, token: str) -> None:
    client.post("/language", data={"csrf_token": token, "lang": "ko", "next": "/"})  # type: ignore[attr-defined]


def test_changed_after_opening_is_refused_and_says_why(app: Flask, env: Env) -> None:
    release_id = _propose(env)
    arch2 = app.test_client()
    token = sign_in(arch2, env, "arch2")
    _korean(arch2, token)
    screen = arch2.get(f"/archivist/releases/{release_id}").get_data(as_text=True)
    shown = _release_steps.shown_hash(screen)
    frozen = re.search(r'id="frozen-extract"[^>]*>(.*?)</div>', screen, re.S)
    assert frozen and "최철수" not in frozen.group(1) and "함경북도" in html_lib.unescape(frozen.group(1))
    assert "최철수" in screen  # the original, beside it, for comparison
    # the proposer changes the proposal after archivist 2 opened it
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch1", PASSPHRASE)) as vault:
        releases.generalise_text(vault, release_id, levels=Levels(age_band=2))
    refused = arch2.post(f"/archivist/releases/{release_id}/approve",
                         data={"csrf_token": csrf_of(screen), "content_hash": shown})
    refused_html = refused_page(arch2, refused)
    assert "화면에 보인 뒤에 바뀌었습니다" in refused_html
    with archive.open_vault(archive.unlock("arch1", PASSPHRASE)) as vault:
        assert releases.get(vault.conn, release_id).status == "proposed"
    _release_steps.approve(arch2, token, release_id)  # read again, then approve what is shown now


def test_proposer_sees_why_they_cannot_approve(app: Flask, env: Env) -> None:
    release_id = _propose(env)
    arch1 = app.test_client()
    sign_in(arch1, env, "arch1")
    screen = arch1.get(f"/archivist/releases/{release_id}").get_data(as_text=True)
    assert 'id="approve-why-not"' in screen and re.search(r'id="approve-release"[^>]*disabled', screen)


def test_refusals_in_plain_words_with_fix_button_in_both_languages(app: Flask, env: Env) -> None:
    release_id = _propose(env)
    arch2 = app.test_client()
    token = sign_in(arch2, env, "arch2")
    _release_steps.approve(arch2, token, release_id)
    for lang, words in (("en", "The text says more about the witness"), ("ko", "본문이 공개되는 정보보다")):
        arch2.post("/language", data={"csrf_token": token, "lang": lang, "next": "/"})
        refused = arch2.post(f"/archivist/releases/{release_id}/publish", data={"csrf_token": token})
        refused_html = refused_page(arch2, refused)
        page = refused_html
        text = _text(page)
        assert words in text and 'id="apply-fix"' in page and 'class="goto-passage"' in page
        assert 'id="finding-1"' in page
        assert "--" not in text and not re.search(r"S\d\d", text) and "testimony release" not in text
        assert not re.search(r"\bat \d+-\d+", text)
        if lang == "ko":
            assert "수정" in text and "Passage" not in text
    _release_steps.fix_and_publish(arch2, token, release_id)
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch2", PASSPHRASE)) as vault:
        published = releases.get(vault.conn, release_id)
    assert published.status == "published"
    for finer in ("1975년", "2009년 겨울", "회령", "2011년에"):
        assert finer not in published.text


def test_release_list_is_a_work_queue(app: Flask, env: Env) -> None:
    mine = _propose(env)
    arch2 = app.test_client()
    token = sign_in(arch2, env, "arch2")
    listing = arch2.get("/archivist/releases").get_data(as_text=True)
    assert f'href="/archivist/releases/{mine}"' in listing and "arch1" in listing
    assert re.search(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC", listing)
    _korean(arch2, token)
    listing = arch2.get("/archivist/releases").get_data(as_text=True)
    assert re.search(r"\d{4}년 \d{1,2}월 \d{1,2}일", listing) and "내 승인 대기" in listing
    assert mine not in arch2.get("/archivist/releases?q=R-000000").get_data(as_text=True)


def test_send_back_with_a_comment_reaches_the_proposer_first(app: Flask, env: Env) -> None:
    release_id = _propose(env)
    arch2 = app.test_client()
    token = sign_in(arch2, env, "arch2")
    empty = arch2.post(f"/archivist/releases/{release_id}/send-back", data={"csrf_token": token, "comment": " "})
    refused_page(arch2, empty)
    done = arch2.post(f"/archivist/releases/{release_id}/send-back",
                      data={"csrf_token": token, "comment": "Mask the neighbour's workplace too."})
    assert done.status_code == 303
    arch1 = app.test_client()
    sign_in(arch1, env, "arch1")
    listing = arch1.get("/archivist/releases").get_data(as_text=True)
    first = re.search(r'id="release-(R-[0-9a-f]+)"', listing)
    assert first and first.group(1) == release_id
    screen = arch1.get(f"/archivist/releases/{release_id}").get_data(as_text=True)
    assert "Mask the neighbour's workplace too." in html_lib.unescape(screen) and "arch2" in screen
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch1", PASSPHRASE)) as vault:
        assert releases.get(vault.conn, release_id).status == "retracted"
        assert vault.conn.execute("SELECT count(*) FROM audit WHERE action = 'release.send_back'").fetchone()[0] == 1


def test_an_over_long_comment_is_refused_in_words_and_nothing_typed_is_cut(app: Flask, env: Env) -> None:
    """No maxlength cuts the send-back comment silently (issue 15): refused with its length and the
    limit, and the whole comment comes back; the proposal is not sent back."""
    release_id = _propose(env)
    arch2 = app.test_client()
    token = sign_in(arch2, env, "arch2")
    screen = arch2.get(f"/archivist/releases/{release_id}").get_data(as_text=True)
    assert not re.search(r'<textarea[^>]*id="send-back-comment"[^>]*maxlength', screen)
    comment = "Mask the workplace. " * 110 + "END-OF-COMMENT"
    refused = arch2.post(f"/archivist/releases/{release_id}/send-back", data={"csrf_token": token, "comment": comment})
    page = html_lib.unescape(refused_page(arch2, refused))
    assert f"The comment is {len(comment)} characters long and at most {releases.MAX_NOTE} fit" in page
    assert comment in page
    archive = Archive(env.root)
    with archive.open_vault(archive.unlock("arch1", PASSPHRASE)) as vault:
        assert releases.get(vault.conn, release_id).status != "retracted"
