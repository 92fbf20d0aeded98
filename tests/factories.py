"""The one way tests build what they need: archives, users, testimonies and releases, and canaries.

::

    new_archive(root, users=...)        an archive (TEST_ONLY unlock cost): its admin, more users, an intake key
    add_users(admin_vault, users)       more accounts in an archive
    open_as(archive, user, passphrase)  a vault opened by one user
    enrol_totp(archive, passphrases)    second factors for the web's sign-in
    demo_archive(root, count)           the demo's archive of fictional testimonies, every role (cli/demo)
    copy_archive(source, dest)          a private copy of an archive built once
    record(...), release_record(...)    testimony records (general ones; ones for release tests)
    canary_record()                     a record naming the canary in Latin, Hangul and Hanja
    add_testimony(vault, record)        a stored testimony
    approved_release(...), publish_release(...)   the two-person path to an approved or published release

Fixtures (tests/conftest.py, tests/webui_site.py, tests/release_world.py, each folder's conftest) are
built from these; tests in a subprocess import them too. Archives use the TEST_ONLY Argon2 profile
unless a test is about the real cost (``profile=SENSITIVE``).
"""
from __future__ import annotations

import itertools
import os
import shutil
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cli import demo
from keys import totp
from keys.intake import IntakePublicKey, IntakeSuite
from keys.keyring import Role
from keys.profiles import TEST_ONLY, Profile
from vault import archive as archive_api
from vault import intake_import, releases, testimonies
from vault.anonymity import Levels
from vault.archive import Archive, OpenVault
from vault.records import TestimonyInput, parse
from vault.releases import decisions

ADMIN = "admin"
ADMIN_PASSPHRASE = "correct horse battery staple"

#: A canary in Latin, Hangul and Hanja; tests search raw bytes for every encoding of it.
CANARY_LATIN = "Zyxwquonk Canarybird"
CANARY_HANGUL = "카나리아새똥"
CANARY_HANJA = "金絲雀鳥糞"

#: name -> (role, passphrase) of the accounts an archive is made with.
Users = Mapping[str, tuple[Role, str]]


@dataclass(frozen=True)
class Created:
    archive: Archive
    shares: list[str]
    intake_key: IntakePublicKey | None = None  # the public intake key, when one was made


# -- archives and users ----------------------------------------------------------------------------

def new_archive(root: Path, *, admin: str = ADMIN, passphrase: str = ADMIN_PASSPHRASE, users: Users | None = None,
                profile: Profile = TEST_ONLY, threshold: int | None = None, share_count: int | None = None,
                intake: IntakeSuite | None = None) -> Created:
    """A new archive at ``root`` with its administrator, ``users`` and (given a suite) an intake key.

    ``threshold``/``share_count`` default to what ``testimony init`` makes (3 of 5 shares).
    """
    shares = {name: value for name, value in (("threshold", threshold), ("share_count", share_count))
              if value is not None}
    created = archive_api.init(root, admin, passphrase, profile=profile, **shares)
    public = None
    if users or intake is not None:  # otherwise the archive is left exactly as `init` made it
        with open_as(created.archive, admin, passphrase) as vault:
            add_users(vault, users or {})
            if intake is not None:
                public = intake_import.create_intake_key(vault, suite=intake)
    return Created(created.archive, created.shares, public)


def add_users(admin: OpenVault, users: Users) -> None:
    """Create each account of ``users`` (name -> role, passphrase) as the administrator ``admin``."""
    for name, (role, passphrase) in users.items():
        archive_api.add_user(admin, name, passphrase, role)


def open_as(archive: Archive, user: str, passphrase: str) -> OpenVault:
    """The vault unlocked by ``user`` (close it, or use it as a context manager)."""
    return archive.open_vault(archive.unlock(user, passphrase))


def enrol_totp(archive: Archive, passphrases: Mapping[str, str]) -> dict[str, bytes]:
    """A second factor for each user of ``passphrases``; return user -> TOTP secret."""
    return {name: totp.provision(archive.keyring, name, passphrase) for name, passphrase in passphrases.items()}


def demo_archive(root: Path, count: int, *, seed: int = 0, profile: Profile = TEST_ONLY) -> demo.Demo:
    """The demo's archive (``testimony demo``): ``count`` fictional testimonies, releases, every role."""
    return demo.create(root, count, seed=seed, profile=profile)


def copy_archive(source: Path, dest: Path) -> Path:
    """A private copy of the archive at ``source`` (built once per session) at ``dest``."""
    shutil.copytree(source, dest)
    dest.chmod(0o700)
    return dest


# -- testimonies -----------------------------------------------------------------------------------

def record(**overrides: Any) -> TestimonyInput:
    """A valid testimony record; fields can be overridden."""
    doc: dict[str, Any] = {
        "language": "en",
        "text": "[SYNTHETIC TEST] The witness left Hyesan, Ryanggang in 2009.",
        "interview_date": "2024-05-01",
        "consent": "research",
        "witness": {"name": "Test Person", "sex": "female", "birth_year": 1985, "origin": "Hyesan"},
        "sensitive_terms": ["Test Person"],
        "events": [{"violation_type": "arbitrary_detention", "date": "2009-03", "place": "Hyesan"}],
    }
    doc.update(overrides)
    return parse(doc)

_witnesses = itertools.count()


def release_record(text: str = "The witness left Hyesan in March 2008 after Kim Chol-su was arrested.", *,
                   consent: str = "research", sex: str = "female", birth_year: int = 1980, exit_year: int = 2008,
                   origin: str = "Musan", terms: tuple[str, ...] = (), language: str = "en",
                   events: tuple[dict[str, Any], ...] = ({"violation_type": "arbitrary_detention", "date": "2007-05",
                                                        "place": "Onsong"},)) -> TestimonyInput:
    """A record for release tests: each quasi-identifier a keyword; each witness named differently."""
    return parse({
        "language": language, "text": text, "consent": consent, "interview_date": "2020-01-02",
        "witness": {"name": f"Witness Nameless{next(_witnesses)}", "sex": sex, "birth_year": birth_year,
                    "origin": origin, "exit_year": exit_year},
        "sensitive_terms": list(terms), "events": list(events),
    })


def add_testimony(vault: OpenVault, rec: TestimonyInput | None = None) -> str:
    """Store ``rec`` (by default :func:`record`) as ``vault``'s user; return its id."""
    return testimonies.add(vault.conn, rec or record(), actor=vault.actor)


# -- releases --------------------------------------------------------------------------------------

def approved_release(proposer: OpenVault, approver: OpenVault, testimony_id: str, *, levels: Levels | None = None,
                     accept_suppression: bool | None = None) -> releases.Release:
    """Accept every detection and propose (``proposer``), approve and generalise the text as the gate
    suggests (``approver``): a release ready to publish."""
    decisions.accept_all(proposer.conn, testimony_id, actor=proposer.actor)
    proposal = releases.propose(proposer, testimony_id)
    releases.approve(approver, proposal.id)
    return releases.generalise_text(approver, proposal.id, levels=levels, accept_suppression=accept_suppression)


def publish_release(proposer: OpenVault, approver: OpenVault, testimony_id: str,
                    **publish_options: Any) -> releases.Release:
    """:func:`approved_release`, then publish it (``approver``) with ``publish_options``."""
    proposal = approved_release(proposer, approver, testimony_id, levels=publish_options.get("levels"),
                                accept_suppression=publish_options.get("accept_suppression"))
    return releases.publish(approver, proposal.id, **publish_options)


# -- canaries --------------------------------------------------------------------------------------

def canary_record() -> TestimonyInput:
    text = f"[SYNTHETIC TEST] {CANARY_LATIN} met {CANARY_HANGUL} ({CANARY_HANJA}) in 혜산."
    return record(
        language="ko",
        text=text,
        witness={"name": CANARY_LATIN, "aliases": [CANARY_HANGUL, CANARY_HANJA], "origin": CANARY_HANGUL},
        sensitive_terms=[CANARY_LATIN, CANARY_HANGUL, CANARY_HANJA],
    )


def canary_encodings() -> dict[str, bytes]:
    """Every byte form in which a canary could leak."""
    forms: dict[str, bytes] = {}
    for name, text in (("latin", CANARY_LATIN), ("hangul", CANARY_HANGUL), ("hanja", CANARY_HANJA)):
        for norm in ("NFC", "NFD"):
            value = unicodedata.normalize(norm, text)
            forms[f"{name}-{norm}-utf8"] = value.encode("utf-8")
            forms[f"{name}-{norm}-utf16le"] = value.encode("utf-16-le")
            forms[f"{name}-{norm}-utf16be"] = value.encode("utf-16-be")
    forms["latin-lower"] = CANARY_LATIN.split()[0].lower().encode()
    return forms


def files_under(*roots: Path) -> Iterator[Path]:
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                if path.is_file() and not path.is_symlink():
                    yield path


def leaks(roots: list[Path]) -> list[str]:
    """Return "file: form" for every canary form found in raw bytes under ``roots``."""
    found = []
    forms = canary_encodings()
    for path in files_under(*roots):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for form, needle in forms.items():
            if needle in data:
                found.append(f"{path}: {form}")
    return found
