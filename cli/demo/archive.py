"""A demo archive of synthetic, obviously fictional testimonies, with every role.

Used by ``make run`` and by the browser tests. Every text carries a banner that
says it is fictional (see ``cli.demo.synthetic``).
"""
from __future__ import annotations

import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from cli.demo import synthetic
from keys import totp
from keys.intake import DEFAULT_SUITE
from keys.keyring import Role
from keys.profiles import SENSITIVE, Profile
from vault import archive as archive_api
from vault import intake_import, records, releases, testimonies
from vault.archive import Archive, OpenVault
from vault.errors import InvalidInput, ReleaseBlocked
from vault.redaction import Action, Decision, propose
from vault.releases import decisions

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
        generated = synthetic.generate_with_identifiers(count, seed=seed)
        parsed = [records.parse(doc) for doc, _ in generated]
        ids = testimonies.add_many(vault.conn, parsed, actor=vault.actor)
        for testimony_id, (_, inserted) in zip(ids, generated):
            review_as_an_archivist(vault, testimony_id, inserted)
        approver = vault.conn.execute("SELECT id FROM users WHERE username = ?", (second.user,)).fetchone()[0]
        published = publish_demo_releases(vault, approver, testimony_ids=ids)
    return ids, published


def identifier_mask(text: str, identifiers: Collection[str]) -> bytearray:
    """Return a mask of the characters of ``text`` that belong to an inserted identifier."""
    covered = bytearray(len(text))
    for value in identifiers:
        start = text.find(value)
        while start >= 0:
            covered[start:start + len(value)] = b"\x01" * len(value)
            start = text.find(value, start + 1)
    return covered


def review_as_an_archivist(vault: OpenVault, testimony_id: str, identifiers: Collection[str]) -> None:
    """Decide every detection as a careful archivist would, knowing what is an identifier.

    A detection that touches a string the generator inserted as an identifier gets the
    engine's proposal; one that touches none is ordinary text the engine misread, and is
    kept readable, so the demo's reading room shows what a reviewed release looks like.
    """
    current = decisions.review(vault.conn, testimony_id, actor=vault.actor)
    covered = identifier_mask(current.text, identifiers)
    decided = [d if any(covered[d.span.start:d.span.end]) else Decision(d.span, Action.KEEP, vault.actor,
                                                                        "not an identifier")
               for d in (Decision(p.span, p.action, vault.actor, p.note) for p in propose(list(current.undecided)))]
    decisions.save(vault.conn, testimony_id, list(current.decisions) + decided, actor=vault.actor)


def publish_demo_releases(vault: OpenVault, approver_id: str, *, testimony_ids: Sequence[str] | None = None,
                          limit: int | None = None) -> list[str]:
    """Release demo testimonies with two archivists: ``vault``'s actor proposes, ``approver_id`` approves.

    For demos only: every detected span is accepted with the engine's default action
    (mask, pseudonymise, generalise). A release the gate refuses for a text reason is
    skipped; k-anonymity is left to the reading room's view, which generalises each
    extract only as far as k requires (or withholds its quasi-identifiers). Returns the
    ids of the published releases.
    """
    row = vault.conn.execute("SELECT role FROM users WHERE id = ? AND disabled = 0", (approver_id,)).fetchone()
    if row is None or row[0] not in ("archivist", "admin") or approver_id == vault.actor:
        raise InvalidInput("the demo approver must be another enabled archivist")
    approver = replace(vault, actor=approver_id, role=Role(row[0]))
    if testimony_ids is None:
        testimony_ids = [s.id for s in testimonies.list_all(vault.conn) if s.consent != "archive_only"
                         and s.status in ("submitted", "in_review")]
    published: list[str] = []
    for testimony_id in list(testimony_ids)[:limit]:
        decisions.accept_all(vault.conn, testimony_id, actor=vault.actor)
        try:
            proposal = releases.propose(vault, testimony_id)
        except (ReleaseBlocked, InvalidInput):
            continue
        releases.approve(approver, proposal.id)
        releases.generalise_text(approver, proposal.id, accept_suppression=True)
        try:
            # The reading room generalises each extract only as far as k requires (anonymity.view).
            releases.publish(approver, proposal.id, accept_suppression=True, sync_room=False)
        except ReleaseBlocked:
            releases.retract(approver, proposal.id)
            continue
        published.append(proposal.id)
    releases.sync(vault)
    return published
