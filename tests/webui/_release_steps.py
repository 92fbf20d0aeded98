"""The second archivist's steps on the approval screen, as a browser without scripts takes them."""
from __future__ import annotations

import re

from flask.testing import FlaskClient


def shown_hash(html: str) -> str:
    found = re.search(r'name="content_hash" value="([0-9a-f]{64})"', html)
    assert found, html[:3000]
    return found.group(1)


def approve(client: FlaskClient, token: str, release_id: str) -> None:
    """Open the approval screen and approve what it shows."""
    screen = client.get(f"/archivist/releases/{release_id}").get_data(as_text=True)
    response = client.post(f"/archivist/releases/{release_id}/approve",
                           data={"csrf_token": token, "content_hash": shown_hash(screen)})
    assert response.status_code == 303 and "kept=" not in response.headers["Location"], \
        client.get(response.headers["Location"]).get_data(as_text=True)[:3000]


def fix_and_publish(client: FlaskClient, token: str, release_id: str) -> None:
    """Accept withheld facts and publish; while the gate offers its suggested generalisation, apply it.

    Accepting that the facts are withheld can ask for a coarser text (the text follows the
    facts as the reading room would show them), so the fix may be offered twice.
    """
    screen = client.get(f"/archivist/releases/{release_id}").get_data(as_text=True)
    for _ in range(3):
        if 'id="apply-fix"' in screen:
            form = re.search(r'<form[^>]*id="fix-form"[^>]*>(.*?)</form>', screen, re.S)
            assert form
            fields = dict(re.findall(r'name="((?:level_[a-z_]+)|accept_suppression)" value="(\d)"', form.group(1)))
            response = client.post(f"/archivist/releases/{release_id}/generalise",
                                   data={"csrf_token": token, **fields})
            assert response.status_code == 303, response.get_data(as_text=True)[:3000]
        response = client.post(f"/archivist/releases/{release_id}/publish",
                               data={"csrf_token": token, "accept_suppression": "1"})
        assert response.status_code == 303
        if "kept=" not in response.headers["Location"]:  # not refused: published
            return
        screen = client.get(response.headers["Location"]).get_data(as_text=True)
    raise AssertionError(screen[:3000])
