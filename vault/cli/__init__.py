"""The ``testimony`` command: a thin click layer over ``keys`` and ``vault``.

Each sub-command group lives in its own module and is registered below. Errors
raised by the library become one clear line on stderr and a non-zero exit code,
never a traceback.
"""
from __future__ import annotations

from vault.cli.main import main

__all__ = ["main"]
