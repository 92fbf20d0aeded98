"""Fixtures of the intake tests: records and keys live in tests/intake_records.py."""
from tests.intake_records import private_key

__all__ = ["private_key"]
