"""Each role signs in and reaches its home page."""
from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.webui_site import Env, sign_in


@pytest.mark.parametrize(("user", "marker"), [
    ("admin", 'id="users"'), ("arch1", 'id="nav-queue"'), ("reader", 'id="search-form"'), ("inter", 'id="new-testimony"'),
])
def test_each_role_reaches_home(client: FlaskClient, env: Env, user: str, marker: str) -> None:
    """A signed-in user of each role lands on their role's main page."""
    sign_in(client, env, user)
    response = client.get("/", follow_redirects=True)
    assert marker in response.get_data(as_text=True)
