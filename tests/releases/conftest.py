"""Fixtures of the release tests: the world they build lives in tests/release_world.py."""
from tests.release_world import world

__all__ = ["world"]
