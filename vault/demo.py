"""A demo archive of synthetic, obviously fictional testimonies, with every role.

Used by ``make run`` and by the browser tests. Every text carries a banner that
says it is fictional (see ``vault.synthetic``).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from keys import totp
from keys.intake import DEFAULT_SUITE
from keys.keyring import Role
from keys.profiles import SENSITIVE, Profile
from vault import archive as archive_api
from vault import intake_import, records, releases, synthetic, testimonies
from vault.archive import Archive

#: (role, user name) of the demo accounts; two archivists for the two-person rule.
ACCOUNTS = (
    (Role.ADMIN, "demo-admin"),
    (Role.ARCHIVIST, "demo-archivist-1"),
    (Role.ARCHIVIST, "demo-archivist-2"),
    (Role.RESEARCHER, "demo-researcher"),
    (Role.INTERVIEWER, "demo-interviewer"),
)

_WORDS = (
    "amber", "birch", "cedar", "delta", "ember", "fjord", "glade", "harbor", "island", "juniper",
    "kestrel", "lantern", "meadow", "nectar", "orchid", "pebble", "quartz", "river", "summit",
    "timber", "umber", "valley", "willow", "yarrow", "zephyr",
)


@dataclass(frozen=True)
class DemoAccount:
    role: str
    user: str
    passphrase: str
    totp_secret: str

    def to_json(self) -> dict[str, str]:
        return {"role": self.role, "user": self.user, "passphrase": self.passphrase, "totp_secret": self.totp_secret}


@dataclass(frozen=True)
class Demo:
    archive: Archive
    accounts: list[DemoAccount]
    testimony_ids: list[str]
    published: list[str]


def demo_passphrase() -> str:
    """Five random words: easy to type in a demo, not guessable."""
    return "-".join(secrets.choice(_WORDS) for _ in range(5)) + f"-{secrets.randbelow(100):02d}"


def create(root: Path, count: int, *, seed: int = 0, profile: Profile = SENSITIVE) -> Demo:
    """Create a new demo archive with ``count`` synthetic testimonies and published releases."""
    passwords = {user: demo_passphrase() for _, user in ACCOUNTS}
    admin = ACCOUNTS[0][1]
    created = archive_api.init(root, admin, passwords[admin], profile=profile)
    archive = created.archive
    with archive.open_vault(archive.unlock(admin, passwords[admin])) as vault:
        user_ids = {admin: vault.actor}
        for role, user in ACCOUNTS[1:]:
            user_ids[user] = archive_api.add_user(vault, user, passwords[user], role)
        intake_import.create_intake_key(vault, suite=DEFAULT_SUITE)
    accounts = []
    for role, user in ACCOUNTS:
        secret = totp.provision(archive.keyring, user, passwords[user])
        accounts.append(DemoAccount(role.value, user, passwords[user], totp.to_base32(secret)))
    ids, published = add_testimonies(archive, accounts, count, seed=seed)
    return Demo(archive, accounts, ids, published)


def add_testimonies(archive: Archive, accounts: list[DemoAccount], count: int, *, seed: int = 0) -> tuple[list[str], list[str]]:
    """Add synthetic testimonies as the first archivist and publish releases with the second."""
    first, second = [a for a in accounts if a.role == Role.ARCHIVIST.value][:2]
    with archive.open_vault(archive.unlock(first.user, first.passphrase)) as vault:
        parsed = [records.parse(doc) for doc in synthetic.generate(count, seed=seed)]
        ids = testimonies.add_many(vault.conn, parsed, actor=vault.actor)
        approver = vault.conn.execute("SELECT id FROM users WHERE username = ?", (second.user,)).fetchone()[0]
        published = releases.publish_demo_releases(vault, approver, testimony_ids=ids)
    return ids, published
