"""Opening the archive for a command: who is asking, and with which passphrase."""
from __future__ import annotations

import json
from typing import Any

import click

from cli.context import CliContext
from keys.keyring import Unlocked
from vault.archive import Archive, OpenVault


def archive_of(ctx: CliContext) -> Archive:
    archive = Archive(ctx.archive)
    archive.ensure_exists()
    return archive


def unlock(ctx: CliContext) -> tuple[Archive, Unlocked, str]:
    """Open the keyslot of ``--user``; return the archive, the slot and the passphrase."""
    if not ctx.user:
        raise click.ClickException("this command needs --user NAME (and --passphrase-file or a prompt)")
    archive = archive_of(ctx)
    passphrase = ctx.read_passphrase()
    return archive, archive.unlock(ctx.user, passphrase), passphrase


def open_vault(ctx: CliContext) -> OpenVault:
    """Unlock ``--user``'s slot and open the vault with it (admins and archivists)."""
    archive, unlocked, _ = unlock(ctx)
    return archive.open_vault(unlocked)


def echo_json(value: Any) -> None:
    """Print one JSON document on stdout."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))
