"""Fixtures of the web tests: they live in tests/webui_site.py, which other folders import too."""
from tests.webui_site import app, client, env, template_archive

__all__ = ["app", "client", "env", "template_archive"]
