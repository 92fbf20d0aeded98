"""Web interface: ``create_app(WebConfig(...))``; one blueprint per role."""
from __future__ import annotations

from webui.config import WebConfig
from webui.factory import create_app, create_intake_app

__all__ = ["WebConfig", "create_app", "create_intake_app"]
