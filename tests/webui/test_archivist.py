"""Archivist pages: inbox refusals, the workbench's highlights, manual spans, per-string actions."""
from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.webui_site import PASSPHRASE, Env, csrf_of, refused_page, sign_in, stored_testimony
from vault import records, testimonies
from vault.archive import Archive

KO_TEXT = "저는 2008년 3월 혜산에서 보위부에 잡혀갔습니다. 김철수 씨가 도와주었습니다. 김철수 씨는 지금 중국에 있습니다."


def _bench(client: FlaskClient, testimony_id: str, view: str = "") -> str:
    response = client.get(f"/archivist/testimony/{testimony_id}" + (f"?view={view}" if view else ""))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _preview(html: str) -> str:
    return re.search(r'id="rendered-extract"[^>]*>(.*?)</div>', html, re.S).group(1)  # type: ignore[union-attr]


def test_workbench_highlights_korean_and_renders_side_by_side(app: Flask, env: Env) -> None:
    """Detected spans are marked by label with their offsets; the preview hides the protected name."""
    testimony_id = stored_testimony(env, KO_TEXT, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    html = _bench(client, testimony_id)
    assert re.search(r'<mark class="seg hl hl-PERSON[^"]*" data-start="\d+"', html)
    assert "hl-LOCATION" in html
    assert "김철수" in html and "김철수" not in _preview(html)
    assert 'src="/static/workbench.js"' in html


def test_manual_span_by_offsets_and_errors(app: Flask, env: Env) -> None:
    """Typed offsets add a manual span; offsets outside the text are refused with a message."""
    text = "The orchard behind the school was where we met every week."
    testimony_id = stored_testimony(env, text, "en")
    client = app.test_client()
    sign_in(client, env, "arch1")
    html = _bench(client, testimony_id)
    start = text.index("orchard")
    response = client.post(f"/archivist/testimony/{testimony_id}/decisions",
                           data={"csrf_token": csrf_of(html), "manual_start": str(start),
                                 "manual_end": str(start + 7), "manual_label": "LOCATION", "manual_action": "mask"})
    assert response.status_code == 303
    html = _bench(client, testimony_id)
    assert "orchard" not in _preview(html) and "[LOCATION]" in _preview(html)
    bad = client.post(f"/archivist/testimony/{testimony_id}/decisions",
                      data={"csrf_token": csrf_of(html), "manual_start": "5", "manual_end": "5000"})
    bad_html = refused_page(client, bad)
    assert "inside the text" in bad_html


def test_per_string_action_applies_to_every_occurrence(app: Flask, env: Env) -> None:
    """In the per-occurrence view, "same for every occurrence" sets the action on every span of that string."""
    testimony_id = stored_testimony(env, KO_TEXT, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    html = _bench(client, testimony_id, "spans")
    names = re.findall(r'name="action_(\d+)_(\d+)"', html)
    target = next((s, e) for s, e in names if KO_TEXT[int(s):int(e)].startswith("김철수"))
    data = {"csrf_token": csrf_of(html), f"action_{target[0]}_{target[1]}": "drop",
            f"all_{target[0]}_{target[1]}": "1"}
    assert client.post(f"/archivist/testimony/{testimony_id}/decisions", data=data).status_code == 303
    html = _bench(client, testimony_id)
    dropped = re.findall(r'<mark class="seg hl hl-\w+ act-drop"[^>]*>([^<]*)</mark>', html)
    assert len([d for d in dropped if d.startswith("김철수")]) == KO_TEXT.count("김철수")


def test_inbox_refuses_a_foreign_bundle_and_leaves_it(app: Flask, env: Env) -> None:
    """A file that is not a bundle for this archive is reported refused and stays in the inbox."""
    junk = env.root / "inbox" / "junk.sealed"
    junk.write_bytes(b"not a bundle at all" * 10)
    client = app.test_client()
    token = sign_in(client, env, "arch1")
    html = client.post("/archivist/inbox/import", data={"csrf_token": token},
                       follow_redirects=True).get_data(as_text=True)
    assert "refused" in html and junk.exists()


def test_unknown_testimony_is_404(app: Flask, env: Env) -> None:
    """Asking the workbench for a testimony that does not exist is a plain 404."""
    client = app.test_client()
    sign_in(client, env, "arch1")
    assert client.get("/archivist/testimony/T-0123456789ab").status_code == 404
    assert client.get("/archivist/testimony/..%2Fetc").status_code == 404


def test_queue_filters_by_status(app: Flask, env: Env) -> None:
    """The queue lists testimonies, and a status filter shows only that status."""
    testimony_id = stored_testimony(env, "A short English testimony about a market.", "en")
    client = app.test_client()
    sign_in(client, env, "arch1")
    assert testimony_id in client.get("/archivist/").get_data(as_text=True)
    assert testimony_id in client.get("/archivist/?status=submitted").get_data(as_text=True)
    assert testimony_id not in client.get("/archivist/?status=released").get_data(as_text=True)
    assert client.get("/archivist/?status=bogus&page=x").status_code == 200


def test_string_view_decides_every_occurrence_at_once(app: Flask, env: Env) -> None:
    """The default view lists each string once with its count; one choice covers all occurrences."""
    testimony_id = stored_testimony(env, KO_TEXT, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    html = _bench(client, testimony_id)
    rows = re.findall(r'<tr id="group-(\w+)"[^>]*>\s*<th scope="row"[^>]*><span class="hl hl-\w+">([^<]*)</span></th>\s*<td[^>]*>[^<]*</td>'
                      r'\s*<td[^>]*>(\d+)</td>', html)
    group, surface, count = next(r for r in rows if r[1].startswith("김철수"))
    assert int(count) == KO_TEXT.count("김철수")
    data = {"csrf_token": csrf_of(html), f"group_{group}": "keep"}
    assert client.post(f"/archivist/testimony/{testimony_id}/decisions", data=data).status_code == 303
    html = _bench(client, testimony_id, "spans")
    kept = re.findall(r'<mark class="seg hl hl-\w+ act-keep"[^>]*>([^<]*)</mark>', html)
    assert len([k for k in kept if k.startswith("김철수")]) == KO_TEXT.count("김철수")


def test_workbench_shows_invisible_and_bidi_characters_visibly(app: Flask, env: Env) -> None:
    """Found while attacking: a right-to-left override shown as it is turns the review text around
    ("0005 NAUY" reads as "YUAN 5000"). Every invisible or bidi character is shown as a red marker,
    the page warns, no such character reaches the page, and the offsets stay the testimony's."""
    from html import unescape

    from vault.redaction.normalise import is_forbidden

    text = ("Kim Chol-su paid \u202e0005 NAUY\u202c to the broker in \u2066Hyesan\u2069 at\u2062 dawn;"
            " his sister\u034f\ufe0f\U000e0041 stayed.\u2028End.")
    testimony_id = stored_testimony(env, text, "en")
    client = app.test_client()
    sign_in(client, env, "arch1")
    for view in ("", "spans"):
        html = _bench(client, testimony_id, view)
        assert not [c for c in html if is_forbidden(c)], "an invisible character reached the page as it is"
        assert 'id="invisible-warning"' in html
        for code in ("U+202E", "U+202C", "U+2066", "U+2069", "U+2062", "U+034F", "U+FE0F", "U+E0041", "U+2028"):
            assert f"[{code}]" in html, code
    original = re.search(r'id="original-text"[^>]*>(.*?)</div>', html, re.S).group(1)  # type: ignore[union-attr]
    for start, chars, body in re.findall(r'data-start="(\d+)"( data-chars="1")?[^>]*>([^<]*)<', original):
        piece = unescape(body)
        if chars:
            assert is_forbidden(text[int(start)]) and piece.startswith("[U+"), (start, piece)
        elif piece:
            assert text[int(start):int(start) + len(piece)] == piece, (start, piece)


def test_workbench_shows_progress_while_the_analyser_loads_at_start_up(app: Flask, env: Env,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """While the background load started with the server runs, the workbench says so and refreshes;
    once it finished, the workbench opens without loading anything."""
    from vault.redaction import _kiwi, preload_analyser

    testimony_id = stored_testimony(env, KO_TEXT, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    fresh = _kiwi._Loader()  # as in a server that has just started
    monkeypatch.setattr(_kiwi, "_loader", fresh)
    with fresh.lock:  # the load is under way until this block ends
        preload_analyser()
        assert _kiwi.loading()
        waiting = client.get(f"/archivist/testimony/{testimony_id}")
        assert waiting.status_code == 200 and waiting.headers["Refresh"] == "2"
        page = waiting.get_data(as_text=True)
        assert 'id="preparing"' in page and "<progress" in page and "hl-PERSON" not in page
    assert fresh.thread is not None
    fresh.thread.join()
    assert not _kiwi.loading() and fresh.kiwi is not None
    html = _bench(client, testimony_id)
    assert "hl-PERSON" in html and 'id="preparing"' not in html


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_refused_proposal_is_worded_plainly_in_the_workbench(app: Flask, env: Env, lang: str) -> None:
    """Proposing with undecided detections: the refusal names the fix in the visitor's language,
    with no character offsets, detector labels or requirement codes."""
    testimony_id = stored_testimony(env, "김철수는 2009년 3월 혜산에서 떠났다.", "ko")
    client = app.test_client()
    token = sign_in(client, env, "arch1")
    if lang == "ko":
        client.post("/language", data={"csrf_token": token, "lang": "ko", "next": "/"})
    bench = _bench(client, testimony_id)
    refused = client.post(f"/archivist/testimony/{testimony_id}/propose", data={"csrf_token": csrf_of(bench)})
    refused_html = refused_page(client, refused)
    html = refused_html
    reasons = re.search(r'id="gate-reasons"[^>]*>(.*?)</div>', html, re.S).group(1)  # type: ignore[union-attr]
    expected = "아직 결정하지 않은" if lang == "ko" else "have no decision yet"
    assert expected in reasons
    assert not re.search(r"\d+-\d+|\bPERSON\b|\bLOCATION\b|--|S\d\d", reasons), reasons


def _queue_ids(client: FlaskClient, query: str) -> list[str]:
    return re.findall(r'<tr id="row-([^"]+)"', client.get("/archivist/" + query).get_data(as_text=True))


def test_queue_sorts_and_filters_by_language(app: Flask, env: Env) -> None:
    """The queue orders by arrival either way or by interview date (undated last), filters by
    language, and keeps the filter and order in the status links."""
    archive = Archive(env.root)
    made = {}
    with archive.open_vault(archive.unlock("arch1", PASSPHRASE)) as vault:
        for name, language, date in (("old", "en", "2020-01-01"), ("new", "ko", "2023-05-05"), ("none", "en", None)):
            data = {"language": language, "text": f"[SYNTHETIC] testimony {name}", "consent": "research"}
            if date:
                data["interview_date"] = date
            made[name] = testimonies.add(vault.conn, records.parse(data), actor=vault.actor)
    client = app.test_client()
    sign_in(client, env, "arch1")
    oldest = _queue_ids(client, "")
    assert sorted(oldest) == sorted(made.values())
    assert _queue_ids(client, "?order=received_newest") == oldest[::-1]
    assert _queue_ids(client, "?order=interview_newest") == [made["new"], made["old"], made["none"]]
    assert _queue_ids(client, "?order=interview_oldest") == [made["old"], made["new"], made["none"]]
    assert _queue_ids(client, "?language=ko") == [made["new"]]
    assert _queue_ids(client, "?language=en&order=interview_oldest") == [made["old"], made["none"]]
    html = client.get("/archivist/?language=ko&order=interview_newest").get_data(as_text=True)
    link = re.search(r'href="([^"]+)"[^>]*id="status-submitted"', html).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    assert "language=ko" in link and "order=interview_newest" in link and "status=submitted" in link
    assert "Showing 1–1 of 1." in html
    assert _queue_ids(client, "?language=xx&order=bogus") == oldest


def test_bulk_action_by_kind_and_reset_to_proposed(app: Flask, env: Env) -> None:
    """"Every span of a kind" sets one action on all spans of that label and no other; reset to
    proposed asks first, names what is lost, and then forgets decisions and hand-added spans."""
    testimony_id = stored_testimony(env, KO_TEXT, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    html = _bench(client, testimony_id)
    assert 'id="reset-decisions"' not in html  # nothing decided yet: nothing to reset
    assert re.search(r'<option value="PERSON">Person \(\d+\)</option>', html)
    response = client.post(f"/archivist/testimony/{testimony_id}/decisions",
                           data={"csrf_token": csrf_of(html), "bulk": "1", "bulk_label": "PERSON",
                                 "bulk_action": "keep", "manual_string": "중국", "manual_label": "LOCATION",
                                 "manual_action": "mask"})
    assert response.status_code == 303
    html = _bench(client, testimony_id)
    assert re.search(r"Keep \(not an identifier\): applied to \d+ span\(s\) of kind Person\.", html)
    people = re.findall(r'<mark class="seg hl hl-PERSON act-(\w+)"', html)
    assert people and set(people) == {"keep"}
    assert "act-keep" not in " ".join(re.findall(r'<mark class="seg hl hl-LOCATION act-\w+"', html))
    assert "김철수" in _preview(html)  # kept: shown in the extract

    confirm = client.get(f"/archivist/testimony/{testimony_id}/reset").get_data(as_text=True)
    assert 'id="confirm-box"' in confirm and "span(s) added by hand are removed" in confirm
    assert re.search(r"forgets the \d+ decision\(s\)", confirm)
    unconfirmed = client.post(f"/archivist/testimony/{testimony_id}/reset", data={"csrf_token": csrf_of(confirm)})
    assert unconfirmed.status_code == 303 and unconfirmed.headers["Location"].endswith("/reset")
    assert "김철수" in _preview(_bench(client, testimony_id))  # nothing changed without the confirmation
    done = client.post(f"/archivist/testimony/{testimony_id}/reset",
                       data={"csrf_token": csrf_of(confirm), "confirm": "1"}, follow_redirects=True)
    html = done.get_data(as_text=True)
    assert "every span shows the proposed action again" in html
    assert "김철수" not in _preview(html) and 'id="reset-decisions"' not in html
    assert not re.search(r'<mark class="seg hl hl-PERSON act-keep"', html)
    assert "[LOCATION]" in _preview(html) or "중국" in _preview(html)


def test_workbench_marks_person_guesses_and_lists_them_first(app: Flask, env: Env) -> None:
    """A person guessed without a name's evidence says so next to its proposal, in both views;
    a name with evidence does not; in the by-string view the guess comes first."""
    text = "[SYNTHETIC] 장터에서 쿠로미나를 샀다. 김영호 씨가 도와주었습니다."
    testimony_id = stored_testimony(env, text, "ko")
    client = app.test_client()
    sign_in(client, env, "arch1")
    html = _bench(client, testimony_id)
    rows = re.findall(r'<tr id="group-[^"]+" class="proposed">.*?</tr>', html, re.S)
    guessed = [r for r in rows if 'class="guess' in r]
    assert len(guessed) == 1 and "쿠로미나" in guessed[0]
    assert rows[0] == guessed[0]
    assert not [r for r in rows if "김영호" in r and 'class="guess' in r]
    spans = _bench(client, testimony_id, "spans")
    marked = re.findall(r'<tr id="row-\d+" class="proposed">.*?</tr>', spans, re.S)
    assert [r for r in marked if "쿠로미나" in r and 'class="guess' in r]
    assert "이름인지 확실하지 않은 추측" in spans or "a guess, not sure it is a name" in spans
