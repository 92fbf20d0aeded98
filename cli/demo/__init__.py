"""Demo data, not the product path: a demo archive of fictional testimonies with every role.

``testimony demo``, ``make run``, the benchmarks and the browser tests use it; nothing in
``keys``, ``vault`` or ``webui`` does. Every text it writes says it is fictional.
"""
from __future__ import annotations

from cli.demo.archive import Demo, DemoAccount, create, demo_passphrase, identifier_mask

__all__ = ["Demo", "DemoAccount", "create", "demo_passphrase", "identifier_mask"]
