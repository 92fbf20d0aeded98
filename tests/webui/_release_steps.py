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
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]


def fix_and_publish(client: FlaskClient, token: str, release_id: str) -> None:
    """Apply the suggested generalisation if the screen offers it, accept withheld facts, publish."""
    screen = client.get(f"/archivist/releases/{release_id}").get_data(as_text=True)
    if 'id="apply-fix"' in screen:
        form = re.search(r'<form[^>]*id="fix-form"[^>]*>(.*?)</form>', screen, re.S)
        assert form
        levels = dict(re.findall(r'name="(level_[a-z_]+)" value="(\d)"', form.group(1)))
        response = client.post(f"/archivist/releases/{release_id}/generalise", data={"csrf_token": token, **levels})
        assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    response = client.post(f"/archivist/releases/{release_id}/publish",
                           data={"csrf_token": token, "accept_suppression": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
