"""Fixtures of the attachment tests: the files they make live in tests/media_files.py."""
from tests.media_files import testimony_id

__all__ = ["testimony_id"]
