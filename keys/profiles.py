"""Named Argon2id cost profiles.

A profile is stored inside every keyslot, so raising the default later only
affects slots written afterwards (and slots rewrapped at login).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    memory_kib: int
    time_cost: int
    parallelism: int

    def is_at_least(self, other: Profile) -> bool:
        """True when every cost parameter is at least ``other``'s."""
        return (
            self.memory_kib >= other.memory_kib
            and self.time_cost >= other.time_cost
            and self.parallelism >= other.parallelism
        )


#: Default for every passphrase slot: 256 MiB, t=3, p=4 (about 0.6 s on 2 cores).
SENSITIVE = Profile("sensitive", memory_kib=256 * 1024, time_cost=3, parallelism=4)
#: Floor accepted when reading a slot outside tests; nothing weaker unlocks in production.
MINIMUM = SENSITIVE
#: Cheap profile for the test suite only; refused unless explicitly allowed.
TEST_ONLY = Profile("test-only", memory_kib=8 * 1024, time_cost=1, parallelism=1)

BY_NAME = {p.name: p for p in (SENSITIVE, TEST_ONLY)}
