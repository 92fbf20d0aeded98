"""Root click group of the ``testimony`` command."""
from __future__ import annotations

import errno
import sys
from pathlib import Path

import click

from cli.context import CliContext
from keys.errors import KeysError
from vault import hardening
from vault.errors import VaultError


class ArchiveGroup(click.Group):
    """Root group: library errors become one clear line and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (KeysError, VaultError) as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise click.ClickException("the disk is full: nothing was saved; free space and try again") from None
            raise click.ClickException(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")) from None


@click.group(cls=ArchiveGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--archive",
    "archive",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="TESTIMONY_ARCHIVE",
    default=Path("archive"),
    show_default=True,
    help="Archive folder (or TESTIMONY_ARCHIVE).",
)
@click.option("--user", "user", default=None, help="Account name whose keyslot to open.")
@click.option(
    "--passphrase-file",
    "passphrase_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Read the passphrase from the first line of this file instead of prompting.",
)
@click.pass_context
def main(ctx: click.Context, archive: Path, user: str | None, passphrase_file: Path | None) -> None:
    """Encrypted archive of testimonies of North Korean defectors."""
    # S25, S01b; serve and doctor print the full memory report themselves (once).
    check_swap = sys.stderr.isatty() and ctx.invoked_subcommand not in ("serve", "doctor")
    for line in hardening.start(archive, check_swap=check_swap):
        click.echo(line, err=True)
    ctx.obj = CliContext(archive=archive, user=user, passphrase_file=passphrase_file)
