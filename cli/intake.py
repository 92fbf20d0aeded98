"""``testimony intake``: the archive's intake key, and import of sealed bundles."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from cli.context import CliContext
from cli.session import echo_json, open_vault
from cli.terminal import printable
from keys.intake import IntakeSuite
from vault import intake_import, intake_retention

pass_ctx = click.make_pass_decorator(CliContext)
_SUITES = {"hybrid": IntakeSuite.HYBRID, "x25519": IntakeSuite.X25519}


@click.group("intake")
def intake() -> None:
    """Sealed intake: the archive's intake key pair and import of sealed bundles."""


@intake.command("keygen")
@click.option(
    "--suite",
    type=click.Choice(list(_SUITES)),
    default="hybrid",
    show_default=True,
    help="hybrid = ML-KEM-768 + X25519 (post-quantum); x25519 only for interoperability.",
)
@click.option("--rotate", is_flag=True, help="Replace the key in intake.pub; older keys still open old bundles.")
@pass_ctx
def keygen(ctx: CliContext, suite: str, rotate: bool) -> None:
    """Create the intake key pair: private key into the vault, public key to ARCHIVE/intake.pub."""
    with open_vault(ctx) as vault:
        public = intake_import.create_intake_key(vault, suite=_SUITES[suite], rotate=rotate)
        path = intake_import.public_key_path(vault.archive)
    click.echo(f"wrote {path} (suite {public.suite.label})")
    click.echo(f"fingerprint: {public.fingerprint}")
    click.echo("Read this fingerprint to each interviewer by phone before they use the key.", err=True)


@intake.command("import")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_ctx
def import_(ctx: CliContext, paths: tuple[Path, ...], as_json: bool) -> None:
    """Open, verify and import sealed bundles (default: everything in ARCHIVE/inbox/).

    Imported bundles from the inbox move to inbox/imported/; a bundle imported
    before is reported and left alone; a damaged or foreign bundle is refused and
    left where it is. Exit code 1 if any bundle was refused.
    """
    with open_vault(ctx) as vault:
        targets = list(paths) or intake_import.inbox_bundles(vault.archive)
        outcomes = []
        for outcome in intake_import.import_bundles(vault, targets):
            outcomes.append(outcome)
            if not as_json:
                digest = f" [SHA-256 {outcome.bundle_sha256[:16]}]" if outcome.bundle_sha256 else ""
                click.echo(f"{outcome.path}: {outcome.message}{digest}")
        _report_purge(intake_retention.purge(vault))
    if as_json:
        echo_json([{**dataclasses.asdict(o), "path": str(o.path)} for o in outcomes])
    elif not targets:
        click.echo("the inbox is empty")
    refused = sum(o.status == "refused" for o in outcomes)
    if refused:
        click.echo(f"{refused} of {len(outcomes)} bundle(s) refused", err=True)
        raise click.exceptions.Exit(1)


@intake.command("purge")
@pass_ctx
def purge(ctx: CliContext) -> None:
    """Delete imported bundles past their retention (backed up since import, or imported over 30 days ago)."""
    with open_vault(ctx) as vault:
        purged = intake_retention.purge(vault)
    _report_purge(purged)
    click.echo(f"{len(purged.removed)} imported bundle(s) deleted, {purged.kept} kept")


def _report_purge(purged: intake_retention.Purged) -> None:
    for path in purged.removed:
        click.echo(f"deleted {printable(path.name)} from inbox/imported/ (its retention ended)", err=True)
