"""The archivist's attachment pages through the Flask test client: import, review face boxes,
confirm into a release, two-person approval, publication; uploads (S24) and deletion (S15)."""
from __future__ import annotations

import hashlib
import io
import json
import re
import tempfile
from pathlib import Path

import numpy as np
import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from keys.bundle import seal_bundle
from keys.intake import IntakePublicKey
from tests import eval_data
from tests.media_files import CANARY_HANGUL, CANARY_LATIN, canary_wav, jpeg
from tests.webui import _release_steps
from tests.webui_site import PASSPHRASE, Env, app, client, csrf_of, env, refused_page, sign_in, template_archive  # noqa: F401
from vault import attachments, reading_room, releases
from vault.archive import Archive
from vault.errors import InvalidInput
from vault.media import FaceDetector, check_photo
from vault.media.masks import Box

FACE_PHOTO = "19_Couple_Couple_19_156.jpg"  # in ../shared/eval/faces: a couple, two faces, 1024 x 680
RECORD = {
    "language": "en", "interview_date": "2025-05-01", "consent": "research",
    "text": "My neighbour Witness Q photographed the market in Hyesan in March 2009. The photo shows two people.",
    "witness": {"name": "Witness Q", "sex": "female", "birth_year": 1975, "origin": "Hyesan"},
    "sensitive_terms": ["Witness Q"],
    "events": [{"violation_type": "arbitrary_detention", "date": "2009-03", "place": "Hyesan"}],
}


def _seal_into_inbox(env: Env, files: list[tuple[str, bytes]]) -> None:
    public = IntakePublicKey.from_text((env.root / "intake.pub").read_text())
    with (env.root / "inbox" / "field.sealed").open("wb") as out:
        seal_bundle(out, public, json.dumps(RECORD).encode(), [(n, io.BytesIO(d)) for n, d in files])


def _import(arch: FlaskClient, token: str) -> str:
    response = arch.post("/archivist/inbox/import", data={"csrf_token": token}, follow_redirects=True)
    text = response.get_data(as_text=True)
    match = re.search(r"imported as (?:<a [^>]*>)?(T-[0-9a-f]+)", text)  # the id links to the workbench
    assert match, text[:2000]
    return match.group(1)


def _ids(html: str) -> list[str]:
    return re.findall(r'id="attachment-(A-[0-9a-f]+)"', html)


def _box_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'name="(box_[xywh]_\d+)" value="(\d*)"', html))


def _open_vault(env: Env) -> object:
    archive = Archive(env.root)
    return archive.open_vault(archive.unlock("admin", PASSPHRASE))


def test_photo_review_to_published_release(app: Flask, env: Env) -> None:  # noqa: F811
    """Sealed bundle -> import -> stored encrypted -> face boxes proposed and edited -> masked image
    confirmed into the proposal -> approved by another archivist -> published with the image."""
    photo = (eval_data.eval_dir() / "faces" / FACE_PHOTO).read_bytes()
    recording = canary_wav(200_000)
    _seal_into_inbox(env, [("market.jpg", photo), ("interview.wav", recording)])
    arch1 = app.test_client()
    token = sign_in(arch1, env, "arch1")
    testimony_id = _import(arch1, token)

    bench = arch1.get(f"/archivist/testimony/{testimony_id}").get_data(as_text=True)
    assert f'/archivist/testimony/{testimony_id}/attachments"' in bench
    listing = arch1.get(f"/archivist/testimony/{testimony_id}/attachments").get_data(as_text=True)
    photo_id, audio_id = _ids(listing)
    assert hashlib.sha256(photo).hexdigest() in listing and hashlib.sha256(recording).hexdigest() in listing
    assert "Never released as a recording" in listing

    # audio: shown as the stored original with its hash, no image, no release
    audio_page = arch1.get(f"/archivist/attachment/{audio_id}").get_data(as_text=True)
    assert 'id="not-released"' in audio_page and "<img" not in audio_page.split("<main", 1)[1]
    assert arch1.get(f"/archivist/attachment/{audio_id}/view.jpg").status_code == 404

    # photo: the detector proposes a box over each face; the page says what a person must check
    page = arch1.get(f"/archivist/attachment/{photo_id}").get_data(as_text=True)
    assert "need a person&#39;s eye" in page or "need a person's eye" in page
    assert "tattoos" in page and 'id="no-proposal"' in page
    fields = _box_fields(page)
    proposed = [Box(*(int(fields[f"box_{k}_{i}"]) for k in "xywh")) for i in range(len(fields) // 4)]
    assert len(proposed) >= 2

    view = arch1.get(f"/archivist/attachment/{photo_id}/view.jpg")
    assert view.mimetype == "image/jpeg" and view.headers["Cache-Control"] == "no-store"
    with Image.open(io.BytesIO(view.data)) as shown:
        assert "exif" not in shown.info and shown.size == (1024, 680)
    masked_url = re.search(r'id="masked-preview" class="photo" src="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    preview = arch1.get(masked_url.replace("&amp;", "&"))
    assert preview.mimetype == "image/png" and preview.status_code == 200

    # the archivist adds a typed box (the no-JS fallback) and updates the preview: nothing is stored
    form = {"csrf_token": csrf_of(page), "width": re.search(r'name="width" value="(\d+)"', page).group(1),  # type: ignore[union-attr]
            "height": re.search(r'name="height" value="(\d+)"', page).group(1),  # type: ignore[union-attr]
            **fields, "box_x_new": "10", "box_y_new": "10", "box_w_new": "40", "box_h_new": "30"}
    updated = arch1.post(f"/archivist/attachment/{photo_id}/review", data=form)
    assert updated.status_code == 303  # shown by the GET it redirects to: a reload resends nothing
    assert _box_fields(arch1.get(updated.headers["Location"]).get_data(as_text=True))[f"box_x_{len(proposed)}"] == "10"
    bad = arch1.post(f"/archivist/attachment/{photo_id}/review", data={**form, "box_w_new": "x"})
    bad_html = refused_page(arch1, bad)
    assert "whole numbers" in bad_html

    # propose the text release; then the photo page offers to add the image to that proposal
    arch1.post(f"/archivist/testimony/{testimony_id}/decisions", data={"csrf_token": csrf_of(bench)})
    proposed_response = arch1.post(f"/archivist/testimony/{testimony_id}/propose", data={"csrf_token": csrf_of(bench)})
    assert proposed_response.status_code == 303, proposed_response.get_data(as_text=True)[:3000]
    page = arch1.get(f"/archivist/attachment/{photo_id}").get_data(as_text=True)
    release_id = re.search(r'name="release_id" value="(R-[0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
    form = {**form, "csrf_token": csrf_of(page), "release_id": release_id}

    # removing the face boxes is refused: the detector still sees faces outside every mask
    unmasked = {**form, **{f"remove_{i}": "1" for i in range(len(proposed))}}
    refused = arch1.post(f"/archivist/attachment/{photo_id}/confirm", data=unmasked)
    refused_html = refused_page(arch1, refused)
    assert "not under a mask" in refused_html

    done = arch1.post(f"/archivist/attachment/{photo_id}/confirm", data=form)
    assert done.status_code == 303, done.get_data(as_text=True)[:3000]

    arch2 = app.test_client()
    token2 = sign_in(arch2, env, "arch2")
    _release_steps.approve(arch2, token2, release_id)
    _release_steps.fix_and_publish(arch2, token2, release_id)

    with _open_vault(env) as vault:  # type: ignore[attr-defined]
        release = releases.get(vault.conn, release_id)
        [released] = releases.images(vault.conn, release_id)
        room = reading_room.connect(vault.archive, vault.secret("reading_room_key"))
        try:
            extract = reading_room.get(room, release.extract_id)
            in_room = reading_room.image(room, extract.id, 0)
        finally:
            room.close()
    assert release.status == "published" and extract.images == (hashlib.sha256(released.data).hexdigest(),)
    assert in_room.data == released.data
    with Image.open(io.BytesIO(released.data)) as image:
        assert image.format == "PNG" and not image.info  # rebuilt from pixels: no metadata at all
        pixels = np.asarray(image.convert("RGB"))
    for box in [*proposed, Box(10, 10, 40, 30)]:
        region = pixels[box.y:box.y + box.h, box.x:box.x + box.w]
        assert region.size and (region == region.reshape(-1, 3)[0]).all(), box  # solid fill (S32)
    report = check_photo(released.data, FaceDetector())
    assert report.is_clean, report  # no metadata, no detected face outside a mask

    # the researcher sees the released image on the extract's page, and nothing else of the photo
    reader = app.test_client()
    sign_in(reader, env, "reader")
    extract_page = reader.get(f"/research/extract/{extract.id}").get_data(as_text=True)
    image_url = f"/research/extract/{extract.id}/image/0"
    assert f'src="{image_url}"' in extract_page
    shown = reader.get(image_url)
    assert shown.status_code == 200 and shown.data == released.data and shown.headers["Cache-Control"] == "no-store"
    assert reader.get(f"/research/extract/{extract.id}/image/1").status_code == 404
    assert reader.get(f"/archivist/attachment/{photo_id}/view.jpg").status_code == 404


def test_s24_web_upload_is_stored_encrypted_with_no_plaintext_on_disk(
        app: Flask, env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """A 3 MB recording uploaded by an archivist: only ciphertext in the archive and the temp directory."""
    temp = tmp_path / "spool"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    _seal_into_inbox(env, [])
    arch1 = app.test_client()
    token = sign_in(arch1, env, "arch1")
    testimony_id = _import(arch1, token)
    data = canary_wav(3 * 1024 * 1024)
    response = arch1.post(f"/archivist/testimony/{testimony_id}/attachments",
                          data={"csrf_token": token, "file": (io.BytesIO(data), "voice.wav")},
                          content_type="multipart/form-data", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and hashlib.sha256(data).hexdigest() in html
    needles = [CANARY_LATIN.encode(), CANARY_HANGUL.encode()]
    for folder in (env.root, temp):
        for path in folder.rglob("*"):
            if path.is_file():
                assert not any(n in path.read_bytes() for n in needles), path
    refused = arch1.post(f"/archivist/testimony/{testimony_id}/attachments",
                         data={"csrf_token": token, "file": (io.BytesIO(jpeg() + b"PK\x05\x06" + b"\0" * 18),
                                                             "photo.jpg")},
                         content_type="multipart/form-data")
    refused_html = refused_page(arch1, refused)
    assert "polyglot" in refused_html


def test_s15_delete_from_the_web_needs_confirmation_and_destroys_the_key(app: Flask, env: Env) -> None:  # noqa: F811
    """Delete without "I am sure" changes nothing; with it the key is destroyed and the page says so."""
    _seal_into_inbox(env, [("a.wav", canary_wav(5000))])
    arch1 = app.test_client()
    token = sign_in(arch1, env, "arch1")
    testimony_id = _import(arch1, token)
    listing = arch1.get(f"/archivist/testimony/{testimony_id}/attachments").get_data(as_text=True)
    [attachment_id] = _ids(listing)
    url = f"/archivist/attachment/{attachment_id}/delete"
    assert "I am sure" in refused_page(arch1, arch1.post(url, data={"csrf_token": token}))
    assert len(list((env.root / "blobs").iterdir())) == 1
    after = arch1.post(url, data={"csrf_token": token, "confirm": "1"}, follow_redirects=True)
    assert "key destroyed" in after.get_data(as_text=True)
    assert list((env.root / "blobs").iterdir()) == []
    with _open_vault(env) as vault:  # type: ignore[attr-defined]
        row = vault.conn.execute("SELECT wrapped_key FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    assert row == (None,)


def test_s29_interviewer_learns_at_once_that_an_attachment_would_be_refused(app: Flask, env: Env) -> None:  # noqa: F811
    """A mislabelled file is refused on the intake form (400, the reason shown), while the interviewer
    can still fix it; nothing is sealed. A good photo is sealed as before."""
    inter = app.test_client()
    token = sign_in(inter, env, "inter")
    form = {"csrf_token": token, "language": "en", "consent": "research", "text": "A short narrative.",
            "witness_sex": "unknown", "confirm_submit": "1"}
    bad = inter.post("/interviewer/submit", content_type="multipart/form-data",
                     data={**form, "attachments": (io.BytesIO(b"<html><script>x</script></html>"), "photo.jpg")})
    bad_html = refused_page(inter, bad)
    assert "nothing was submitted" in bad_html
    assert not list((env.root / "inbox").glob("*.sealed"))
    good = inter.post("/interviewer/submit", content_type="multipart/form-data",
                      data={**form, "attachments": (io.BytesIO(jpeg()), "photo.jpg")})
    assert good.status_code == 303 and len(list((env.root / "inbox").glob("*.sealed"))) == 1



@pytest.mark.parametrize("name", ["../../etc/passwd.wav", "voice\x00.wav", "\x1b]0;owned\x07voice.wav",
                                  "evil\u202evaw.exe.wav"])
def test_web_upload_names_follow_the_intake_rule(app: Flask, env: Env, name: str) -> None:  # noqa: F811
    """Found while attacking: archivist uploads kept the browser's file name as sent (paths, NUL,
    terminal escapes, right-to-left override). They are refused as intake refuses them, in words;
    nothing is stored."""
    _seal_into_inbox(env, [("a.wav", canary_wav(5000))])
    arch1 = app.test_client()
    token = sign_in(arch1, env, "arch1")
    testimony_id = _import(arch1, token)
    before = sorted((env.root / "blobs").iterdir())
    refused = arch1.post(f"/archivist/testimony/{testimony_id}/attachments",
                         data={"csrf_token": token, "file": (io.BytesIO(canary_wav(5000)), name)},
                         content_type="multipart/form-data")
    refused_html = refused_page(arch1, refused)
    assert "Rename the file" in refused_html
    assert sorted((env.root / "blobs").iterdir()) == before
    with _open_vault(env) as vault, pytest.raises(InvalidInput):  # type: ignore[attr-defined]
        attachments.add(vault, testimony_id, name, io.BytesIO(canary_wav(5000)))  # the store refuses too


def test_cli_prints_names_from_outside_with_escapes() -> None:
    """A name stored before the rule (or any outside text) never reaches the terminal raw."""
    from cli.terminal import printable

    assert printable("\x1b]0;owned\x07a\u202eb.wav") == "\\x1b]0;owned\\x07a\\u202eb.wav"
    assert printable("증언 사진.jpg") == "증언 사진.jpg"
